import { maskSecrets } from './secret-detector';

const PAVED_ERROR = Symbol.for('paved.PavedError');

/**
 * The one error Paved raises for bad input: names the construct path, the prop, the value and
 * what is allowed. Every credential the message quotes is masked, however the message was built:
 * an error about a refused value must not leak it into CI logs.
 *
 * Not re-exported from the package entry because jsii cannot export a subclass of `Error`:
 * callers in every language recognise it with `Errors.isPavedError(e)`, and its `name` is
 * `PavedError`.
 */
export class PavedError extends Error {
  /** The construct path the error is about, e.g. `payments-prod/orders-api`. */
  public readonly path: string;

  constructor(path: string, message: string) {
    super(maskSecrets(`${path}: ${message}`));
    this.name = 'PavedError';
    this.path = path;
    Object.defineProperty(this, PAVED_ERROR, { value: true });
  }
}

/** Helpers to recognise the errors Paved raises. */
export class Errors {
  /**
   * Whether `x` is an error Paved raised for bad input.
   *
   * Uses a registered symbol rather than `instanceof`, so it holds across duplicate copies of
   * the package in one `node_modules` tree.
   */
  public static isPavedError(x: any): boolean {
    return x !== null && typeof x === 'object' && (x as any)[PAVED_ERROR] === true;
  }

  /**
   * `text` with every credential Paved recognises in it masked, a safe prefix kept at most
   * (`https://oncall:****@runbooks.acme.dev/`, `AKIA****************`). Paved's errors and
   * reports already pass through it; a platform's own messages about props can too.
   */
  public static maskSecrets(text: string): string {
    return maskSecrets(text);
  }

  private constructor() {}
}
