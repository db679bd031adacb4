import { PavedError } from './errors';
import { redact } from './secret-detector';

// Validation helpers shared by every construct. Props are checked once, where they enter,
// and the model below trusts them: every helper throws a PavedError naming the construct
// path, the prop, the value and what is allowed.

/** RFC 1123 label: namespaces and most object names. */
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** RFC 1035 label: Service names must start with a letter. */
const DNS_1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
/** RFC 1123 subdomain: hostnames and domains. */
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** Environment variable names the kubelet and every shell accept. */
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** The name part of a label or annotation key: at most 63 characters, alphanumeric at both ends. */
const QUALIFIED_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
/** Kubernetes label values: at most 63 characters, alphanumeric at both ends. */
const LABEL_VALUE = /^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?$/;

/**
 * Names what was passed where something else was expected, without serialising what cannot be:
 * a construct by its class and path (a construct is a cyclic graph), another class instance by
 * its class, plain data as `show()` quotes it.
 */
export function describe(value: unknown): string {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || value.constructor === Object || value.constructor === undefined) {
    return show(value);
  }
  const kind = value.constructor.name || 'anonymous';
  const path = (value as { node?: { path?: unknown } }).node?.path;
  return typeof path === 'string' ? `${kind} ${path === '' ? 'at the root' : path}` : `${kind} object`;
}

/**
 * Quotes a value for an error message so that empty, padded or multi-line input stays visible,
 * with every credential in it masked (a value under a secret's `name` entirely). Masking comes
 * before shortening: a credential cut in half would no longer be recognised.
 */
export function show(value: unknown, name?: string): string {
  const masked = redact(value, name);
  if (typeof masked === 'string') {
    const shown = masked.length > 80 ? `${masked.slice(0, 77)}...` : masked;
    return JSON.stringify(shown);
  }
  return JSON.stringify(masked) ?? String(masked);
}

export function requireDnsLabel(path: string, prop: string, value: string): void {
  if (typeof value !== 'string' || value.length > 63 || !DNS_LABEL.test(value)) {
    throw new PavedError(path, `${prop} ${show(value)} must be a DNS-1123 label: at most 63 characters of a-z, 0-9 and "-", starting and ending with a letter or digit`);
  }
}

export function requireServiceName(path: string, prop: string, value: string): void {
  if (typeof value !== 'string' || value.length > 63 || !DNS_1035_LABEL.test(value)) {
    throw new PavedError(path, `${prop} ${show(value)} must be a DNS-1035 label: at most 63 characters of a-z, 0-9 and "-", starting with a letter and ending with a letter or digit`);
  }
}

export function requireDnsSubdomain(path: string, prop: string, value: string): void {
  if (typeof value !== 'string' || value.length > 253 || !DNS_SUBDOMAIN.test(value) || value.split('.').some((l) => l.length > 63)) {
    throw new PavedError(path, `${prop} ${show(value)} must be a lower-case DNS name (RFC 1123): dot-separated labels of a-z, 0-9 and "-", at most 253 characters`);
  }
}

export function requireEnvName(path: string, prop: string, value: string): void {
  if (!ENV_NAME.test(value)) {
    throw new PavedError(path, `${prop} ${show(value)} is not a valid environment variable name: use letters, digits and "_", not starting with a digit`);
  }
}

export function requireInteger(path: string, prop: string, value: number, min: number, max: number): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new PavedError(path, `${prop} (${show(value)}) must be a whole number from ${min} to ${max}`);
  }
}

export function requireNonEmpty(path: string, prop: string, value: string): void {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new PavedError(path, `${prop} ${show(value)} must be a non-empty string`);
  }
}

/** Whether `value` may stand as a Kubernetes label value. */
export function isLabelValue(value: string): boolean {
  return value.length <= 63 && LABEL_VALUE.test(value);
}

export function requireLabelValue(path: string, prop: string, value: string): void {
  if (typeof value !== 'string' || !isLabelValue(value)) {
    throw new PavedError(path, `${prop} ${show(value)} must be a Kubernetes label value: at most 63 characters of letters, digits, "-", "_" and ".", starting and ending with a letter or digit`);
  }
}

/** A label or annotation key: a name, optionally after a DNS subdomain prefix and "/". */
export function requireQualifiedName(path: string, prop: string, value: string): void {
  const parts = typeof value === 'string' ? value.split('/') : [];
  const [prefix, name] = parts.length === 2 ? parts : [undefined, parts[0]];
  const prefixOk = prefix === undefined || (prefix.length <= 253 && DNS_SUBDOMAIN.test(prefix) && prefix.split('.').every((l) => l.length <= 63));
  if (parts.length < 1 || parts.length > 2 || !prefixOk || name.length > 63 || !QUALIFIED_NAME.test(name)) {
    throw new PavedError(path, `${prop} ${show(value)} must be a Kubernetes annotation key: a name of at most 63 characters of letters, digits, "-", "_" and ".", starting and ending with a letter or digit, optionally after a DNS subdomain prefix and "/"`);
  }
}
