import { PavedError } from '../errors';
import { isLabelValue, show } from '../validate';

// The OCI distribution grammar, reduced to what matters for admission: where the image comes
// from, and whether the reference names one immutable build.
const REFERENCE = /^(?<repository>[a-z0-9]+(?:[._-][a-z0-9]+)*(?::[0-9]+)?(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)+)(?::(?<tag>[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}))?(?:@(?<digest>sha256:[a-f0-9]{64}))?$/;

/** A parsed, validated container image reference. */
export interface ImageReference {
  /** Registry host and repository path, e.g. `registry.acme.dev/payments/orders-api`. */
  readonly repository: string;
  /** The tag, when the reference has one. */
  readonly tag?: string;
  /** The `sha256:` digest, when the reference has one. */
  readonly digest?: string;
  /** What to put in `app.kubernetes.io/version`, when the tag is a valid label value. */
  readonly version?: string;
}

/**
 * Parses `image` and checks that it comes from one of `registries` and is pinned: a tag other
 * than `latest`, or a digest. A registry entry may carry a path (`registry.acme.dev/payments`)
 * to narrow what a platform allows.
 */
export function parseImage(path: string, image: string, registries: string[]): ImageReference {
  const match = typeof image === 'string' ? REFERENCE.exec(image) : null;
  if (!match?.groups) {
    throw new PavedError(path, `image ${show(image)} is not a valid image reference: expected <registry>/<repository>:<tag> or <registry>/<repository>@sha256:<digest>`);
  }
  const { repository, tag, digest } = match.groups;
  if (!registries.some((r) => repository.startsWith(`${r.replace(/\/+$/, '')}/`))) {
    throw new PavedError(path, `image ${show(image)} is not from an allowed registry (${registries.join(', ')})`);
  }
  if (!digest && (!tag || tag === 'latest')) {
    throw new PavedError(path, `image ${show(image)} is not pinned: use a tag other than "latest" (e.g. ${repository}:1.4.2) or a digest (${repository}@sha256:...)`);
  }
  const version = tag && isLabelValue(tag) ? tag : undefined;
  return { repository, tag, digest, version };
}
