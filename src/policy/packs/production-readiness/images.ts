import { IRule, RuleCategory, Severity } from '../../rule';
import { eachContainer, podRule, violation } from '../workload';

/** An image reference taken apart the way a container runtime resolves it. */
interface ParsedImage {
  /** Fully qualified repository, e.g. `docker.io/library/nginx` for `nginx`. */
  readonly repository: string;
  readonly tag?: string;
  readonly digest?: string;
}

/**
 * Parses any image reference leniently: the rules inspect whatever was synthesized, including
 * references Paved would have refused as props.
 */
export function parseImageReference(image: string): ParsedImage {
  const at = image.indexOf('@');
  const digest = at >= 0 ? image.slice(at + 1) : undefined;
  const named = at >= 0 ? image.slice(0, at) : image;
  const lastSlash = named.lastIndexOf('/');
  const colon = named.indexOf(':', lastSlash + 1);
  const tag = colon >= 0 ? named.slice(colon + 1) : undefined;
  const name = colon >= 0 ? named.slice(0, colon) : named;
  const first = name.split('/')[0];
  // As the runtime does: a first segment with a dot or a port, or localhost, names a registry.
  const hasRegistry = name.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  const repository = hasRegistry ? name : `docker.io/${name.includes('/') ? name : `library/${name}`}`;
  return { repository, tag, digest };
}

/** Every container image is pinned: a digest, or a tag other than latest. */
export const IMAGE_PINNED: IRule = podRule({
  id: 'workload.image-pinned',
  title: 'Images are pinned to a version',
  severity: Severity.MEDIUM,
  category: RuleCategory.RELIABILITY,
  rationale: 'An image without a tag, or tagged latest, changes under a running workload: two replicas of one Deployment can run different code, and a rollback does not roll back.',
  remediation: 'Reference the image by a version tag (registry/app:1.4.2) or, better, a digest (registry/app@sha256:...).',
  scannerChecks: { kubeLinter: ['latest-tag'], polaris: ['tagNotSpecified'], checkov: ['CKV_K8S_14'], kubeScore: ['container-image-tag'] },
  check: (pod) => eachContainer(pod, ({ container, path }) => {
    const image = container.image;
    if (typeof image !== 'string' || image === '') return [violation(`${path}.image`, image, 'an image pinned by tag or digest')];
    const { tag, digest } = parseImageReference(image);
    return digest || (tag && tag !== 'latest') ? [] : [violation(`${path}.image`, image, 'a tag other than "latest", or a digest')];
  }),
});

/** Every container image comes from a registry the platform allows. */
export const IMAGE_REGISTRY: IRule = podRule({
  id: 'workload.image-registry',
  title: 'Images come from an allowed registry',
  severity: Severity.HIGH,
  category: RuleCategory.SECURITY,
  rationale: 'The platform\'s registries are where images are scanned, signed and mirrored; an image from anywhere else has been through none of that and may vanish or change.',
  remediation: 'Push the image to one of the platform\'s registries and reference it from there.',
  // With no registry listed there is nothing to hold images to; the pinning rule still applies.
  check: (pod, _object, context) => {
    const registries = context.allowedRegistries.map((r) => r.replace(/\/+$/, ''));
    if (registries.length === 0) return [];
    return eachContainer(pod, ({ container, path }) => {
      const image = container.image;
      const repository = typeof image === 'string' ? parseImageReference(image).repository : '';
      return registries.some((r) => repository.startsWith(`${r}/`))
        ? []
        : [violation(`${path}.image`, image, `an image from ${registries.join(', ')}`)];
    });
  },
});
