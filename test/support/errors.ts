import { Errors } from '../../src/errors';

/** The error `run` throws, so a test can assert both its type and its message; fails when nothing is thrown. */
export function errorOf(run: () => unknown): any {
  try {
    run();
  } catch (e) {
    return e;
  }
  throw new Error('expected an error, none was thrown');
}

/**
 * Expects `run` to throw a PavedError whose message contains `message` (a string, read literally)
 * or matches it (a RegExp).
 */
export function expectPavedError(run: () => unknown, message: string | RegExp): void {
  const error = errorOf(run);
  expect(Errors.isPavedError(error)).toBe(true);
  expect(error.name).toBe('PavedError');
  expect(error.message).toMatch(typeof message === 'string' ? new RegExp(message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) : message);
}
