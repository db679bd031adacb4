/** A lower-case DNS name (RFC 1123): what the Ingress API accepts, less its wildcard form. */
const DNS_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/**
 * Why `host` is not a name strictly under one of `domains`, or undefined when it is. Compared
 * label by label from the right, so `evilapps.acme.dev` is not under `apps.acme.dev` and
 * `apps.acme.dev.evil.com` is not either; a wildcard, an upper-case letter or a trailing dot is
 * refused rather than normalised, because the Ingress would then not name the host policy saw.
 */
export function hostProblem(host: unknown, domains: string[]): string | undefined {
  if (typeof host !== 'string' || host === '') return 'no host: the rule answers for every host name that reaches the controller';
  if (host.includes('*')) return 'a wildcard: it answers for every name under it, other teams\' included';
  if (host.length > 253 || !DNS_NAME.test(host) || host.split('.').some((label) => label.length > 63)) {
    return 'not a lower-case DNS name without a trailing dot';
  }
  if (domains.length === 0) return 'outside any Environment, so no domain is allowed';
  const labels = host.split('.');
  const within = domains.some((domain) => {
    const suffix = domain.toLowerCase().split('.');
    return labels.length > suffix.length && suffix.every((label, i) => labels[labels.length - suffix.length + i] === label);
  });
  return within ? undefined : 'outside the platform\'s domains';
}

/** A host name as TLS matches it: case-insensitive, without a trailing dot. */
export function tlsName(host: unknown): string | undefined {
  return typeof host === 'string' && host !== '' ? host.toLowerCase().replace(/\.$/, '') : undefined;
}

/** Whether a certificate for `tlsHost` (which may be a one-label wildcard) serves `host`. */
export function tlsCovers(tlsHost: unknown, host: string): boolean {
  const pattern = tlsName(tlsHost);
  const name = tlsName(host);
  if (pattern === undefined || name === undefined) return false;
  if (pattern === name) return true;
  if (!pattern.startsWith('*.')) return false;
  const rest = name.indexOf('.');
  return rest > 0 && name.slice(rest + 1) === pattern.slice(2);
}
