const PAVED_ERROR = Symbol.for('paved.PavedError');

/**
 * The one error Paved raises for bad input: names the construct path, the prop, the value and
 * what is allowed.
 *
 * Not re-exported from the package entry because jsii cannot export a subclass of `Error`:
 * callers in every language recognise it with `Errors.isPavedError(e)`, and its `name` is
 * `PavedError`.
 */
export class PavedError extends Error {
  /** The construct path the error is about, e.g. `payments-prod/orders-api`. */
  public readonly path: string;

  constructor(path: string, message: string) {
    super(`${path}: ${message}`);
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

  private constructor() {}
}
