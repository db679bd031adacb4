import { Chart, Duration } from 'cdk8s';
import { PreviewUrl } from './preview-url';

/**
 * What the preview report and the GitOps checks read of a PreviewEnvironment. Stated here, not
 * imported: the report is registered by the class's own module, so this module must not depend
 * on it, even for a type.
 *
 * @internal
 */
export interface PreviewFacts extends Chart {
  readonly team: string;
  readonly application?: string;
  readonly pullRequest: number;
  readonly pullRequestUrl?: string;
  readonly ttl: Duration;
  readonly publishBranch: string;
  urls(): PreviewUrl[];
}

/** How a PreviewEnvironment is recognised without importing its class, across copies of the library. */
const PREVIEW_SYMBOL = Symbol.for('paved.PreviewEnvironment');

/** Marks `environment` as a PreviewEnvironment. @internal */
export function markPreviewEnvironment(environment: object): void {
  Object.defineProperty(environment, PREVIEW_SYMBOL, { value: true });
}

/** Whether `x` is a PreviewEnvironment (works across copies of the library). @internal */
export function isPreviewEnvironment(x: unknown): x is PreviewFacts {
  return x !== null && typeof x === 'object' && PREVIEW_SYMBOL in x;
}
