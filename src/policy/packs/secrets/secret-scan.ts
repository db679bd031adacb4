import { formatMatches, isLiteralCredential, isSecretName, mayHoldCredential, nameMatch, SECRET_ASSIGNMENT, assignmentMatches, SecretDetector } from '../../../secret-detector';
import { ACKNOWLEDGEMENT_KEY_PREFIXES } from '../../acknowledgement-annotations';
import { keyPath } from '../workload';

/** One credential found in one string of an object. */
export interface SecretHit {
  readonly detector: SecretDetector;
  /** JSON path of the string, e.g. `spec.template.spec.containers[0].env[1].value`. */
  readonly field: string;
  /** The name the value is stored under (the variable of an env entry, the key of a map). */
  readonly name?: string;
  /** The credential masked, for format detectors: a safe prefix at most. */
  readonly masked?: string;
  /** Whether the string is the `value` of a container's env variable. */
  readonly inContainerEnv: boolean;
}

type Key = string | number;

const CONTAINER_LISTS = new Set(['containers', 'initContainers', 'ephemeralContainers']);
/** `-p`, `--db-password`: a command-line flag whose value is the next argument. */
const FLAG = /^--?([A-Za-z][A-Za-z0-9_.-]*)$/;
/** Strings too long to be worth parsing as embedded JSON: they are still scanned as text. */
const MAX_EMBEDDED_JSON = 1_000_000;

function isPlain(value: unknown): value is object {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return Array.isArray(value) || proto === Object.prototype || proto === null;
}

const scanned = new WeakMap<object, SecretHit[]>();

/**
 * Every credential in an object, found by walking each of its strings once. The result is kept
 * per object, so the secrets rules that each report part of it share one walk.
 *
 * Only plain data is walked: a cloud resource's deploy-time values (Pulumi outputs) are not
 * strings yet and cannot be inspected. A Secret's `data` and `stringData` are left to
 * `secrets.literal-secret`, which refuses any of them. ConfigMap `binaryData` is read decoded,
 * and strings that hold JSON (`last-applied-configuration`, a JSON config file) are walked as
 * objects too.
 */
export function secretHits(object: unknown): SecretHit[] {
  if (!isPlain(object)) return [];
  let hits = scanned.get(object);
  if (!hits) {
    hits = scan(object);
    scanned.set(object, hits);
  }
  return hits;
}

function scan(object: any): SecretHit[] {
  const hits: SecretHit[] = [];
  const skipSecretData = object.kind === 'Secret';
  const seen = new Set<object>();
  // The path is kept as a stack and rendered only for a hit: building a path per string would
  // dominate the cost of reading every string of every object.
  const keys: Key[] = [];

  const visitString = (text: string, parent: any) => {
    const top = keys[0];
    if (top === 'binaryData' && keys.length === 2) text = Buffer.from(text, 'base64').toString('utf8');
    const found = formatMatches(text);
    if (found.length > 0) {
      const ids = new Set<string>();
      for (const match of found) {
        if (ids.has(match.detector.id)) continue;
        ids.add(match.detector.id);
        hits.push({ detector: match.detector, field: render(keys), masked: match.masked, inContainerEnv: inContainerEnv(keys) });
      }
      return;
    }
    const name = nameOf(keys, parent);
    const byName = name !== undefined ? nameMatch(name, text, isVariable(keys, parent)) : undefined;
    if (byName) {
      hits.push({ detector: byName, field: render(keys), name, inContainerEnv: inContainerEnv(keys) });
      return;
    }
    if (assignmentMatches(text).length > 0 || isFlagValue(keys, parent, text)) {
      hits.push({ detector: SECRET_ASSIGNMENT, field: render(keys), inContainerEnv: inContainerEnv(keys) });
      return;
    }
    if ((text.startsWith('{') || text.startsWith('[')) && text.length < MAX_EMBEDDED_JSON && mayHoldEmbeddedCredential(text)) {
      const embedded = parseJson(text);
      // Strings inside the embedded document are reported at the string that holds it.
      if (embedded !== undefined) walkEmbedded(embedded, hits, render(keys), keys);
    }
  };

  /** `parent` is the object or list that holds `value`. */
  const walk = (value: unknown, parent: any): void => {
    if (typeof value === 'string') {
      visitString(value, parent);
      return;
    }
    if (!isPlain(value) || seen.has(value)) return;
    seen.add(value);
    // Plain loops: at a million strings, the pairs Object.entries makes are a cost of their own.
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        keys.push(i);
        walk(value[i], value);
        keys.pop();
      }
      return;
    }
    for (const key of Object.keys(value)) {
      if (skipSecretData && keys.length === 0 && (key === 'data' || key === 'stringData')) continue;
      keys.push(key);
      walk((value as any)[key], value);
      keys.pop();
    }
  };

  walk(object, undefined);
  return hits;
}

/** Walks a JSON document found in a string; every hit points at that string. */
function walkEmbedded(document: unknown, hits: SecretHit[], field: string, keys: Key[]): void {
  for (const hit of scan(document)) hits.push({ ...hit, field, inContainerEnv: inContainerEnv(keys) });
}

/**
 * Whether a JSON text may hold a credential in one of its strings or keys, so that it is worth
 * parsing and walking: most are dashboards and configuration files with none, and at a thousand
 * services walking them is most of the scan. A JSON text writes each string and key as it reads,
 * but for escapes. Without a `\u` escape, every character a detector's first test looks for (the
 * letters of a sentinel or of a secret's name, space, `_-.:/`) is written as itself, or, for `/`,
 * as `\/` (and `\\\/` in JSON inside JSON). So the text with its backslashes taken out holds
 * whatever any string in it holds; taking them out can only add matches (`\n` becomes `n`). A text
 * with a `\u` escape, or a `binaryData` map (whose values are read decoded), is always walked.
 */
function mayHoldEmbeddedCredential(text: string): boolean {
  if (text.includes('\\u') || text.includes('binaryData')) return true;
  return mayHoldCredential(text.includes('\\') ? text.replace(/\\/g, '') : text);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * The name a string is stored under: its key, or for the `value` of a `{ name, value }` pair (env
 * variables, Helm parameters) the pair's name. None for list items, for the values of
 * acknowledgement annotations (reasons, whatever check they name), and for the `secretKey` of an
 * External Secrets entry (the name of a key in the Secret it makes, not a credential).
 */
function nameOf(keys: Key[], parent: any): string | undefined {
  const key = keys[keys.length - 1];
  if (typeof key !== 'string') return undefined;
  if (key === 'value' && typeof parent?.name === 'string') return parent.name;
  if (keys.length === 3 && keys[0] === 'metadata' && keys[1] === 'annotations' && ACKNOWLEDGEMENT_KEY_PREFIXES.some((p) => key.startsWith(p))) return undefined;
  if (key === 'secretKey' && (parent?.remoteRef !== undefined || parent?.sourceRef !== undefined)) return undefined;
  return key;
}

/** Whether the string is the `value` of a `{ name, value }` variable: an env entry. */
function isVariable(keys: Key[], parent: any): boolean {
  return keys[keys.length - 1] === 'value' && typeof parent?.name === 'string' && keys[keys.length - 3] === 'env';
}

/** Whether the string is the argument after a secret-named flag: `["--db-password", "x"]`. */
function isFlagValue(keys: Key[], list: unknown, text: string): boolean {
  const i = keys[keys.length - 1];
  if (typeof i !== 'number' || i === 0 || !Array.isArray(list)) return false;
  const flag = typeof list[i - 1] === 'string' ? FLAG.exec(list[i - 1]) : null;
  return flag !== null && isSecretName(flag[1]) && isLiteralCredential(text) && !text.startsWith('-');
}

/** Whether the path is `...containers[i].env[j].value` (or init and ephemeral containers). */
function inContainerEnv(keys: Key[]): boolean {
  const n = keys.length;
  return n >= 5 && keys[n - 1] === 'value' && typeof keys[n - 2] === 'number' && keys[n - 3] === 'env'
    && typeof keys[n - 4] === 'number' && CONTAINER_LISTS.has(String(keys[n - 5]));
}

/** `spec.containers[0].env[1].value`, with keys that are not identifiers quoted as `keyPath` does. */
function render(keys: Key[]): string {
  return keys.reduce<string>((path, key) => (typeof key === 'number' ? `${path}[${key}]` : keyPath(path, key)), '').replace(/^\./, '');
}
