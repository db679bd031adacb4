import { Duration } from 'cdk8s';
import { durationText } from '../duration-text';
import { PavedError } from '../errors';
import { requireDnsSubdomain } from '../validate';

/** How a platform runs pull-request previews. */
export interface PreviewSettings {
  /**
   * The domain preview hosts live under: `pr-<n>.<service>.<team>.<domain>`. Must be within
   * the platform's domain, so one wildcard DNS record and the platform's issuer cover it.
   *
   * @default - `preview.<platform domain>`
   */
  readonly domain?: string;
  /**
   * How long a preview may live before the janitor removes it, when its pull request was never
   * closed. A preview's own `ttl` may be shorter, never longer.
   *
   * @default Duration.days(14)
   */
  readonly maxTtl?: Duration;
  /**
   * The TTL of a preview that does not set one.
   *
   * @default Duration.days(7)
   */
  readonly defaultTtl?: Duration;
}

/** `PreviewSettings` with every default filled in, as `Platform.previews` holds them. */
export interface ResolvedPreviewSettings {
  /** The domain preview hosts live under. */
  readonly domain: string;
  /** How long a preview may live at most. */
  readonly maxTtl: Duration;
  /** The TTL of a preview that does not set one. */
  readonly defaultTtl: Duration;
}

/** Checks a platform's preview settings where they enter. @internal */
export function resolvePreviewSettings(path: string, platformDomain: string, settings: PreviewSettings = {}): ResolvedPreviewSettings {
  const domain = settings.domain ?? `preview.${platformDomain}`;
  requireDnsSubdomain(path, 'previews.domain', domain);
  if (domain !== platformDomain && !domain.endsWith(`.${platformDomain}`)) {
    throw new PavedError(path, `previews.domain "${domain}" must be within the platform domain ${platformDomain} (e.g. preview.${platformDomain})`);
  }
  const maxTtl = settings.maxTtl ?? Duration.days(14);
  requireTtl(path, 'previews.maxTtl', maxTtl);
  const defaultTtl = settings.defaultTtl ?? (Duration.days(7).toSeconds() <= maxTtl.toSeconds() ? Duration.days(7) : maxTtl);
  requireTtl(path, 'previews.defaultTtl', defaultTtl);
  if (defaultTtl.toSeconds() > maxTtl.toSeconds()) {
    throw new PavedError(path, `previews.defaultTtl (${formatTtl(defaultTtl)}) must not exceed previews.maxTtl (${formatTtl(maxTtl)})`);
  }
  return { domain, maxTtl, defaultTtl };
}

/** Checks that `ttl` is a Duration of at least a minute, in whole minutes (what kube-janitor reads). @internal */
export function requireTtl(path: string, prop: string, ttl: Duration): void {
  const shown = ttl instanceof Duration ? formatTtl(ttl) : JSON.stringify(ttl);
  if (!(ttl instanceof Duration) || !(ttl.toSeconds() >= 60) || ttl.toSeconds() % 60 !== 0) {
    throw new PavedError(path, `${prop} (${shown}) must be a Duration of whole minutes, at least Duration.minutes(1)`);
  }
}

/** A TTL as kube-janitor reads it (`janitor/ttl`): `7d`, `36h`, `90m`. @internal */
export function formatTtl(ttl: Duration): string {
  return durationText(ttl, true);
}
