import { IRule, RuleCategory, Severity, Violation } from '../../rule';
import { keyPath } from '../workload';

/** `scheme://user:password@`: the user info of a URL, with a non-empty password. */
const CREDENTIAL_URL = /([a-z][a-z0-9+.-]*:\/\/)([^\s/?#@:]*):([^\s/?#@]+)@/gi;
/**
 * Passwords that are placeholders filled in later by something that reads a Secret: a template
 * (`{{ .password }}` in an ExternalSecret target), or a variable (`$(DB_PASSWORD)`, `${DB_PASSWORD}`).
 */
const REFERENCE = /^(\{\{.*\}\}|\$\([A-Za-z_][A-Za-z0-9_]*\)|\$\{[A-Za-z_][A-Za-z0-9_]*\})$/;

/** The URLs in `text` that carry a literal password, with the password masked. */
export function credentialUrls(text: string): string[] {
  if (!text.includes('://') || !text.includes('@')) return [];
  const found: string[] = [];
  for (const match of text.matchAll(CREDENTIAL_URL)) {
    const [, scheme, user, password] = match;
    if (!REFERENCE.test(password)) found.push(`${scheme}${user}:****@`);
  }
  return found;
}

function isPlain(value: unknown): value is object {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return Array.isArray(value) || proto === Object.prototype || proto === null;
}

/**
 * Visits every string of an object with the keys that lead to it. Only plain data is walked: a
 * cloud resource's deploy-time values (Pulumi outputs) are not strings yet and cannot be inspected.
 * The path is kept as a stack and rendered only for a hit: this rule reads every string of every
 * object, so building a path per string would dominate its cost.
 */
function walk(value: unknown, keys: Array<string | number>, visit: (text: string, keys: Array<string | number>) => void, seen: Set<object>): void {
  if (typeof value === 'string') {
    visit(value, keys);
    return;
  }
  if (!isPlain(value) || seen.has(value)) return;
  seen.add(value);
  const entries: Array<[string | number, unknown]> = Array.isArray(value) ? value.map((item, i) => [i, item]) : Object.entries(value);
  for (const [key, item] of entries) {
    keys.push(key);
    walk(item, keys, visit, seen);
    keys.pop();
  }
}

/** `spec.containers[0].env[1].value`, with keys that are not identifiers quoted as `keyPath` does. */
function renderPath(keys: Array<string | number>): string {
  return keys.reduce<string>((path, key) => (typeof key === 'number' ? `${path}[${key}]` : keyPath(path, key)), '').replace(/^\./, '');
}

/** No URL anywhere in the output carries a password. */
export const URL_CREDENTIALS: IRule = {
  id: 'secrets.url-credentials',
  title: 'No URL carries a password',
  severity: Severity.CRITICAL,
  category: RuleCategory.SECURITY,
  rationale: 'A connection string such as postgres://app:hunter2@db is a credential wherever it appears: env values, args, annotations and ConfigMaps all end up in git, logs and dashboards.',
  remediation: 'Keep the password in a Secret and build the URL at runtime (e.g. $(DB_PASSWORD) from a secretKeyRef variable, or an ExternalSecret template), then rotate the exposed password.',
  kinds: ['*'],
  check: (object) => {
    const found: Violation[] = [];
    walk(object, [], (text, keys) => {
      for (const url of credentialUrls(text)) found.push({ field: renderPath(keys), found: `a URL with a password (${url}...)`, expected: 'a URL without credentials, the password read from a Secret' });
    }, new Set());
    return found;
  },
};
