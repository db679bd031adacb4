/** The error `run` throws, so a test can assert both its type and its message; fails when nothing is thrown. */
export function errorOf(run: () => unknown): any {
  try {
    run();
  } catch (e) {
    return e;
  }
  throw new Error('expected an error, none was thrown');
}
