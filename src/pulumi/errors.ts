import { Errors } from 'paved';

/**
 * The error Paved raises for bad input, on the cloud side. `paved` does not export its class
 * (jsii cannot export a subclass of `Error`), so this one carries the same registered symbol:
 * `Errors.isPavedError(e)` from `paved` recognises both. It masks the credentials its message
 * quotes as that one does.
 */
export class PavedError extends Error {
  /** The construct path the error is about, e.g. `payments-prod/orders-db`. */
  public readonly path: string;

  constructor(path: string, message: string) {
    super(Errors.maskSecrets(`${path}: ${message}`));
    this.name = 'PavedError';
    this.path = path;
    Object.defineProperty(this, Symbol.for('paved.PavedError'), { value: true });
    // Pulumi prints errors carrying this marker as their message alone: the stack adds nothing to a finding.
    Object.defineProperty(this, '__pulumiRunError', { value: true });
  }
}
