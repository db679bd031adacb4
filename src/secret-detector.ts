// The one place Paved decides what a credential looks like, by its value and by the name it is
// stored under. Policy rules use it to find credentials in output; error messages and reports use
// it to mask them. It imports nothing, so the lowest layers (errors, validation) can use it.

/** A named way of recognising a credential. */
export interface SecretDetector {
  /** Stable id, named in findings, e.g. `aws-access-key-id`. */
  readonly id: string;
  /** What it recognises, for people, e.g. `an AWS access key id`. */
  readonly label: string;
}

/** A detector that recognises a credential by its format, wherever it appears in a text. */
interface FormatDetector extends SecretDetector {
  /** Matches each occurrence; global, so `replace` masks them all. */
  readonly pattern: RegExp;
  /** The occurrence masked: a safe prefix at most. */
  mask(match: string, ...groups: string[]): string;
}

const STARS = '****';
/** Not preceded by a character that would make the match the tail of a longer token. */
const START = '(?<![A-Za-z0-9_-])';

/**
 * Values filled in later from a Secret: a template (`{{ .password }}`) or a variable (`$(X)`,
 * `${X}`); a value cut where one opens (`{{`, `$(`) is one too.
 */
const REFERENCE = /\{\{[^}]*\}\}|\$\([A-Za-z_][A-Za-z0-9_]*\)|\$\{[A-Za-z_][A-Za-z0-9_]*\}|^(\{\{|\$\(|\$\{)/;

const FORMAT_DETECTORS: FormatDetector[] = [
  {
    id: 'private-key',
    label: 'a private key block',
    // The body up to the END line, or to the end of the text when it was cut off.
    pattern: /-----BEGIN ((?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?)-----(?:[\s\S]*?-----END [A-Z0-9 ]*-----|[\s\S]*)/g,
    mask: (_m, header) => `-----BEGIN ${header}-----${STARS}`,
  },
  {
    id: 'aws-access-key-id',
    label: 'an AWS access key id',
    pattern: new RegExp(`${START}(AKIA|ASIA)[A-Z0-9]{16}(?![A-Za-z0-9])`, 'g'),
    mask: (_m, prefix) => `${prefix}${'*'.repeat(16)}`,
  },
  {
    id: 'aws-secret-access-key',
    label: 'an AWS secret access key',
    // 40 characters of base64 are only recognisable as a key by what names them.
    pattern: /((?:aws_?)?secret_?access_?key["']?\s*[:=]\s*["']?)([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+])/gi,
    mask: (_m, context) => `${context}${STARS}`,
  },
  {
    id: 'jwt',
    label: 'a JSON Web Token',
    pattern: new RegExp(`${START}eyJ[A-Za-z0-9_-]{10,}\\.eyJ[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{10,}`, 'g'),
    mask: () => `eyJ${STARS}`,
  },
  {
    id: 'stripe-key',
    label: 'a Stripe secret or restricted key',
    pattern: new RegExp(`${START}([sr]k_(?:live|test)_)[A-Za-z0-9]{10,}`, 'g'),
    mask: (_m, prefix) => `${prefix}${STARS}`,
  },
  {
    id: 'github-token',
    label: 'a GitHub token',
    pattern: new RegExp(`${START}(gh[pousr]_|github_pat_)(?:[A-Za-z0-9_]{22,})`, 'g'),
    mask: (_m, prefix) => `${prefix}${STARS}`,
  },
  {
    id: 'slack-token',
    label: 'a Slack token',
    pattern: new RegExp(`${START}(xox[baprs]-)[A-Za-z0-9-]{10,}`, 'g'),
    mask: (_m, prefix) => `${prefix}${STARS}`,
  },
  {
    id: 'slack-webhook',
    label: 'a Slack incoming webhook URL',
    pattern: /(https:\/\/hooks\.slack\.com\/services\/)T[A-Za-z0-9]+\/B[A-Za-z0-9]+\/[A-Za-z0-9]+/g,
    mask: (_m, prefix) => `${prefix}${STARS}`,
  },
  {
    id: 'google-api-key',
    label: 'a Google API key',
    pattern: new RegExp(`${START}AIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])`, 'g'),
    mask: () => `AIza${STARS}`,
  },
  {
    id: 'url-password',
    label: 'a URL with a password',
    pattern: /([a-z][a-z0-9+.-]*:\/\/)([^\s/?#@:]*):([^\s/?#@]+)@/gi,
    mask: (match, scheme, user, password) => (isReference(password) ? match : `${scheme}${user}:${STARS}@`),
  },
];

/** Any detector could match: a cheap test that lets most strings skip every pattern. */
const SENTINEL = /PRIVATE KEY|AKIA|ASIA|access_?key|eyJ|k_live_|k_test_|gh[pousr]_|github_pat_|xox[baprs]-|hooks\.slack|AIza|:\/\//i;

/** A literal value in a field whose name says it holds a credential. */
export const SECRET_NAME: SecretDetector = { id: 'secret-name', label: 'a literal value in a secret-named field' };
/** A random-looking value in a field named `*_KEY`, a name too common to flag every value of. */
export const HIGH_ENTROPY_KEY: SecretDetector = { id: 'high-entropy-key', label: 'a random-looking value in a key-named field' };
/** `password=...` inside a text: a command line, a query string, a configuration file. */
export const SECRET_ASSIGNMENT: SecretDetector = { id: 'secret-assignment', label: 'a secret-named setting with a literal value' };

/** Every detector, in the order a text is checked. */
export const SECRET_DETECTORS: SecretDetector[] = [...FORMAT_DETECTORS, SECRET_NAME, HIGH_ENTROPY_KEY, SECRET_ASSIGNMENT];

/** The URL-with-a-password detector: the one whose masked match helps a reader find the URL. */
export const URL_PASSWORD = SECRET_DETECTORS.find((d) => d.id === 'url-password')!;

/** Whether a password is a placeholder for a value read from a Secret. */
function isReference(text: string): boolean {
  return REFERENCE.test(text);
}

/** One credential found in a text. */
export interface SecretMatch {
  readonly detector: SecretDetector;
  /** The match masked (a safe prefix at most), e.g. `postgres://app:****@`. */
  readonly masked: string;
}

/** The credentials a text carries by format, each masked; none for most texts. */
export function formatMatches(text: string): SecretMatch[] {
  if (text.length < 8 || !SENTINEL.test(text)) return [];
  const found: SecretMatch[] = [];
  for (const detector of FORMAT_DETECTORS) {
    detector.pattern.lastIndex = 0;
    for (const match of text.matchAll(detector.pattern)) {
      const masked = detector.mask(match[0], ...match.slice(1));
      if (masked !== match[0]) found.push({ detector: detector, masked });
    }
  }
  return found;
}

// Names. Parts are split at separators and at camelCase humps, so DB_PASSWORD, db-password,
// dbPassword and DbPassword are all DB + PASSWORD.

/** Parts that mark a field as holding a credential. */
const SECRET_WORDS = new Set(['PASSWORD', 'PASSWD', 'PWD', 'SECRET', 'TOKEN', 'CREDENTIAL', 'CREDENTIALS', 'APIKEY', 'PASSPHRASE', 'AUTHTOKEN']);
/** Strings that mark a part as a password even without a separator: PGPASSWORD, MYSQL_ROOTPASSWORD. */
const SECRET_INFIXES = ['PASSWORD', 'PASSWD', 'PASSPHRASE'];
/** Adjacent parts that do: API_KEY, apiKey, PRIVATE_KEY, ACCESS_KEY, CLIENT_SECRET... */
const SECRET_PAIRS = new Set(['API KEY', 'PRIVATE KEY', 'ACCESS KEY', 'SECRET KEY', 'SIGNING KEY', 'ENCRYPTION KEY', 'MASTER KEY', 'ACCOUNT KEY', 'ACCESS TOKEN']);
/** Last parts that do: SMTP_PASS, REDIS_AUTH, BASIC_AUTH, and the `auth` of a Docker config. */
const SECRET_LAST_WORDS = new Set(['PASS', 'AUTH']);
/**
 * Last parts that say the field holds where or how to find a secret (DB_PASSWORD_FILE, TOKEN_URL,
 * SECRET_NAME, TOKEN_TTL, secretKeyRef): configuration, not a credential. The file convention is
 * the recommended way to pass one.
 */
const REFERENCE_SUFFIXES = new Set(['FILE', 'PATH', 'DIR', 'NAME', 'URL', 'URI', 'ENDPOINT', 'HEADER', 'ARN', 'REF', 'TTL', 'TIMEOUT', 'LENGTH', 'ID', 'TYPE', 'MODE', 'ENABLED', 'REQUIRED', 'POLICY', 'VERSION', 'FORMAT', 'ALGORITHM', 'SIZE', 'EXPIRY', 'EXPIRATION', 'LIFETIME', 'ISSUER', 'AUDIENCE', 'SCOPE', 'SCOPES', 'PROVIDER', 'METHOD', 'REGION', 'STORE']);

/**
 * A text holds one of these words, in some case, or no name in it is a credential's: each word,
 * infix and last word above, the last word of each pair (a pair needs both), and KEY. A cheap
 * test that lets most texts skip matching settings; the shortest words are enough (PASS covers
 * PASSWORD). Exact for the ASCII names a setting has.
 */
const NAME_HINT = ((words: string[]) => new RegExp(words.filter((w) => !words.some((o) => o !== w && w.includes(o))).join('|'), 'i'))(
  [...new Set([...SECRET_WORDS, ...SECRET_INFIXES, ...SECRET_LAST_WORDS, ...[...SECRET_PAIRS].map((p) => p.split(' ')[1]), 'KEY'])]);

/**
 * Whether some detector could find a credential in the text, or in a string or name written in it
 * (a JSON document, a configuration file): false only when the text holds no format's sentinel
 * and no word a credential's name is built from, in any case. Every detector needs one of them:
 * the formats their sentinels, the names and settings a word of a secret's name.
 */
export function mayHoldCredential(text: string): boolean {
  return SENTINEL.test(text) || NAME_HINT.test(text);
}

/** How strongly a field name says it holds a credential. */
export enum SecretNameStrength {
  /** Not a credential's name. */
  NONE = 0,
  /** `*_KEY`: often a credential (MASTER_KEY), as often not (CACHE_KEY); only random values count. */
  KEY = 1,
  /** PASSWORD, TOKEN, SECRET, API_KEY...: every literal value counts. */
  SECRET = 2,
}

function nameParts(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toUpperCase()
    .split(/[^A-Z0-9]+/)
    .filter((p) => p !== '');
}

const strengths = new Map<string, SecretNameStrength>();

/**
 * How strongly a field or variable name says it holds a credential. For qualified keys
 * (`acme.dev/api-token`) the name after the last `/` decides.
 */
export function secretNameStrength(name: string): SecretNameStrength {
  let strength = strengths.get(name);
  if (strength === undefined) {
    strength = classify(name);
    if (strengths.size < 10_000) strengths.set(name, strength);
  }
  return strength;
}

function classify(name: string): SecretNameStrength {
  const parts = nameParts(name.slice(name.lastIndexOf('/') + 1));
  const last = parts[parts.length - 1];
  // PWD alone is the shell's working directory.
  if (parts.length === 0 || REFERENCE_SUFFIXES.has(last) || name === 'PWD') return SecretNameStrength.NONE;
  if (parts.some((p) => SECRET_WORDS.has(p) || SECRET_INFIXES.some((w) => p.includes(w)))) return SecretNameStrength.SECRET;
  if (SECRET_LAST_WORDS.has(last)) return SecretNameStrength.SECRET;
  if (parts.slice(1).some((p, i) => SECRET_PAIRS.has(`${parts[i]} ${p}`))) return SecretNameStrength.SECRET;
  return last === 'KEY' ? SecretNameStrength.KEY : SecretNameStrength.NONE;
}

/** Whether a name looks like it carries a credential (every literal value of it counts). */
export function isSecretName(name: string): boolean {
  return secretNameStrength(name) === SecretNameStrength.SECRET;
}

/** Values that configure rather than authenticate, even under a secret's name. */
const NOT_CREDENTIALS = /^(true|false|yes|no|on|off|enabled|disabled|none|null|required|optional)$/i;
/** An absolute file path (`/run/secrets/db`): where the credential is, not the credential. */
const FILE_PATH = /^\/[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)+\/?$/;

/** `$(OTHER_VARIABLE)`: the kubelet substitutes another variable, typically one read from a Secret. */
const VARIABLE_REFERENCE = /^\$\([A-Za-z_][A-Za-z0-9_]*\)$/;

/**
 * Whether a value under a secret's name is a literal credential: not empty, not a reference filled
 * in from a Secret (`$(X)`, `${X}`, `{{ .x }}`), not a flag word, an ARN or a file path, and not
 * prose (a value with whitespace is a description or a reason; credentials are single tokens).
 *
 * `strict` is for environment variables, whose names are nothing but names: there every value but
 * a whole `$(X)` reference, which the kubelet fills in, is literal.
 */
export function isLiteralCredential(value: string, strict: boolean = false): boolean {
  if (strict) return value !== '' && !VARIABLE_REFERENCE.test(value);
  return value !== ''
    && !/\s/.test(value)
    && !isReference(value)
    && !NOT_CREDENTIALS.test(value)
    && !value.startsWith('arn:')
    && !FILE_PATH.test(value);
}

/** Bits of information per character, by the frequency of each character in the text. */
export function shannonEntropy(text: string): number {
  const counts = new Map<string, number>();
  for (const c of text) counts.set(c, (counts.get(c) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / text.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/** Keys that are public by design: Stripe's publishable keys go to browsers. */
const PUBLIC_KEY_FORMATS = /^pk_(live|test)_/;

/**
 * Whether a value looks randomly generated: at least 20 characters of a token alphabet, letters
 * of both cases and digits, and more than 4 bits per character (hex, at most 4, is left out:
 * digests and commit ids are hex). Base64 of readable text (a JSON document, a name) is an
 * encoding of something ordinary, not random bytes.
 */
export function isHighEntropy(value: string): boolean {
  return value.length >= 20
    && /^[A-Za-z0-9+/=_-]+$/.test(value)
    && /[a-z]/.test(value) && /[A-Z]/.test(value) && /[0-9]/.test(value)
    && !PUBLIC_KEY_FORMATS.test(value)
    && shannonEntropy(value) > 4
    && !isBase64OfText(value);
}

function isBase64OfText(value: string): boolean {
  if (value.length % 4 === 1) return false;
  const decoded = Buffer.from(value, value.includes('-') || value.includes('_') ? 'base64url' : 'base64');
  return decoded.length > 0 && decoded.every((byte) => byte === 0x09 || byte === 0x0a || byte === 0x0d || (byte >= 0x20 && byte < 0x7f));
}

/** The name-based detector a value under `name` trips, if any; `strict` as for `isLiteralCredential`. */
export function nameMatch(name: string, value: string, strict: boolean = false): SecretDetector | undefined {
  const strength = secretNameStrength(name);
  if (strength === SecretNameStrength.NONE || !isLiteralCredential(value, strict)) return undefined;
  if (strength === SecretNameStrength.SECRET) return SECRET_NAME;
  return isHighEntropy(value) ? HIGH_ENTROPY_KEY : undefined;
}

/**
 * `name=value` or `name: value` in a text — `--db-password=x`, `?access_token=x`, a line of a
 * configuration file — with the separator, so the value can be masked in place.
 */
const ASSIGNMENT = /(^|[\s;&,?{("'])(-{0,2}["']?([A-Za-z_][A-Za-z0-9_.-]*)["']?\s*[=:]\s*["']?)([^\s"'&;,#})?]+)/g;

/** `name=value` settings in a text whose name is a credential's and whose value is literal. */
export function assignmentMatches(text: string): string[] {
  if ((!text.includes('=') && !text.includes(':')) || !NAME_HINT.test(text)) return [];
  const found: string[] = [];
  ASSIGNMENT.lastIndex = 0;
  for (const match of text.matchAll(ASSIGNMENT)) {
    const [, , , name, value] = match;
    if (isSecretName(name) && isLiteralCredential(value) && !value.includes('://')) found.push(name);
  }
  return found;
}

/**
 * The text with every credential in it masked, a safe prefix kept at most:
 * `https://oncall:****@runbooks.acme.dev/`, `AKIA****************`, `password=****`.
 * Messages and reports pass every value they quote through it.
 */
export function maskSecrets(text: string): string {
  let masked = text;
  if (text.length >= 8 && SENTINEL.test(text)) {
    for (const detector of FORMAT_DETECTORS) {
      // The replacer gets the groups, then the offset and the whole text: only the groups are the mask's.
      masked = masked.replace(detector.pattern, (match: string, ...rest: any[]) => detector.mask(match, ...rest.slice(0, rest.findIndex((g) => typeof g === 'number'))));
    }
  }
  if (!masked.includes('=') && !masked.includes(':')) return masked;
  return masked.replace(ASSIGNMENT, (match: string, lead: string, setting: string, name: string, value: string) =>
    (isSecretName(name) && isLiteralCredential(value) && !value.includes('://') && value !== STARS ? `${lead}${setting}${STARS}` : match));
}

/**
 * A value with every credential in it masked, for quoting in a message: strings masked by format,
 * and strings stored under a credential's name (`{ DB_PASSWORD: 'x' }`, `{ name: 'DB_PASSWORD',
 * value: 'x' }`, or `name` given) replaced whole. Objects are copied, never changed.
 */
export function redact(value: unknown, name?: string, seen: Set<object> = new Set()): unknown {
  if (typeof value === 'string') {
    return name !== undefined && nameMatch(name, value) ? STARS : maskSecrets(value);
  }
  if (value === null || typeof value !== 'object' || seen.has(value)) return value;
  const proto = Object.getPrototypeOf(value);
  if (!Array.isArray(value) && proto !== Object.prototype && proto !== null) return value;
  seen.add(value);
  if (Array.isArray(value)) return value.map((item) => redact(item, name, seen));
  const pairName = typeof (value as any).name === 'string' ? (value as any).name : undefined;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    copy[maskSecrets(key)] = redact(item, key === 'value' && pairName !== undefined ? pairName : key, seen);
  }
  return copy;
}
