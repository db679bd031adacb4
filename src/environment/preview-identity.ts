import type { PreviewEnvironment } from './preview-environment';

/**
 * How a PreviewEnvironment is recognised without importing its class: the preview report is
 * registered by the class's own module, so it must not import it back at load time.
 */
const PREVIEW_SYMBOL = Symbol.for('paved.PreviewEnvironment');

/** Marks `environment` as a PreviewEnvironment. @internal */
export function markPreviewEnvironment(environment: object): void {
  Object.defineProperty(environment, PREVIEW_SYMBOL, { value: true });
}

/** Whether `x` is a PreviewEnvironment (works across copies of the library). @internal */
export function isPreviewEnvironment(x: unknown): x is PreviewEnvironment {
  return x !== null && typeof x === 'object' && PREVIEW_SYMBOL in x;
}
