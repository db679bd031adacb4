import * as fc from 'fast-check';
import {
  assignmentMatches, formatMatches, isHighEntropy, isLiteralCredential, isSecretName, maskSecrets, mayHoldCredential, nameMatch, redact,
  SECRET_DETECTORS, secretNameStrength, SecretNameStrength,
} from '../src/secret-detector';
import { anySecret, formatSecrets, KEY_NAMED_SECRETS, ORDINARY_NAMES, ORDINARY_VALUES, PLAIN_PASSWORDS, REFERENCES, SECRET_NAMES } from './support/secret-corpus';

/** Whether the detectors flag a value stored under `name`, as the secrets rules see it. */
const flags = (name: string, value: string) =>
  formatMatches(value).length > 0 || nameMatch(name, value) !== undefined || assignmentMatches(value).length > 0;

describe('detectors', () => {
  test('every detector has a stable, distinct id and a label', () => {
    const ids = SECRET_DETECTORS.map((d) => d.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(['private-key', 'aws-access-key-id', 'aws-secret-access-key', 'jwt', 'stripe-key', 'github-token', 'slack-token', 'slack-webhook', 'google-api-key', 'url-password', 'secret-name', 'high-entropy-key', 'secret-assignment']);
    for (const d of SECRET_DETECTORS) expect(d.label).toMatch(/^an? /);
  });

  test.each(formatSecrets().map((s) => [s.detector, s.value] as const))('%s finds its variant %#', (detector, value) => {
    expect(formatMatches(value).map((m) => m.detector.id)).toContain(detector);
    expect(formatMatches(`prefix ${value} suffix`).map((m) => m.detector.id)).toContain(detector);
  });

  test('a token that is the tail of a longer word is not one', () => {
    expect(formatMatches(`XAKIA${'A'.repeat(16)}`)).toEqual([]);
    expect(formatMatches(`myghp_${'a'.repeat(36)}`)).toEqual([]);
  });
});

describe('names', () => {
  test.each(SECRET_NAMES)('%s holds a credential', (name) => {
    expect(isSecretName(name)).toBe(true);
  });
  test.each(['SECRET_NAME', 'TOKEN_URL', 'KEY_ID', 'LOG_LEVEL', 'MONKEY', 'PWD', 'DB_PASSWORD_FILE', 'TOKEN_TTL', 'secretKeyRef', 'passwordPolicy', 'AWS_ACCESS_KEY_ID', 'PASSWORD_MIN_LENGTH', 'tokenizer', 'compass', 'author'])('%s does not', (name) => {
    expect(isSecretName(name)).toBe(false);
  });
  test('*_KEY names are weaker: only random values under them count', () => {
    expect(secretNameStrength('CACHE_KEY')).toBe(SecretNameStrength.KEY);
    expect(nameMatch('CACHE_KEY', 'orders-v2')).toBeUndefined();
    for (const [name, value] of KEY_NAMED_SECRETS) expect(nameMatch(name, value)?.id).toBe('high-entropy-key');
  });
  test('references, file paths, ARNs, flags and prose are not literal credentials', () => {
    for (const value of REFERENCES) expect(isLiteralCredential(value)).toBe(false);
    expect(isLiteralCredential('legacy app, see PAY-123')).toBe(false);
    for (const value of PLAIN_PASSWORDS) expect(isLiteralCredential(value)).toBe(true);
  });
  test('hex digests and commit ids are not high-entropy secrets; mixed random tokens are', () => {
    expect(isHighEntropy('c'.repeat(64))).toBe(false);
    expect(isHighEntropy('3f786850e387550fdab836ed7e6dc881de23001b')).toBe(false);
    expect(isHighEntropy('paved/acme/payments-prod/orders-db')).toBe(false);
    expect(isHighEntropy(KEY_NAMED_SECRETS[0][1])).toBe(true);
  });
  test('settings inside texts: flags, query strings, configuration lines', () => {
    expect(assignmentMatches('--db-password=hunter2')).toEqual(['db-password']);
    expect(assignmentMatches('https://api.acme.dev/x?access_token=abc123&page=2')).toEqual(['access_token']);
    expect(assignmentMatches('spring.datasource.password: hunter2\nlogging.level: info')).toEqual(['spring.datasource.password']);
    expect(assignmentMatches('{"password":"hunter2"}')).toEqual(['password']);
    expect(assignmentMatches('password=$(DB_PASSWORD) user=app')).toEqual([]);
  });
  test('property: a setting in a text is found exactly when its name is a credential\'s, in any case and spelling', () => {
    // Names from the words credentials are known by, ordinary words and random identifiers,
    // joined and cased every way: the cheap pre-test of texts must never hide one.
    const word = fc.oneof(
      fc.constantFrom('password', 'passwd', 'pwd', 'secret', 'token', 'credentials', 'apikey', 'passphrase', 'pass', 'auth', 'key',
        'api', 'private', 'access', 'signing', 'client', 'db', 'log', 'level', 'name', 'file', 'url', 'monkey', 'compass', 'author'),
      fc.stringMatching(/^[a-z][a-z0-9]{0,6}$/),
    );
    const cased = (w: string, how: number) => (how === 0 ? w : how === 1 ? w.toUpperCase() : w[0].toUpperCase() + w.slice(1));
    const name = fc.tuple(fc.array(fc.tuple(word, fc.integer({ min: 0, max: 2 })), { minLength: 1, maxLength: 4 }), fc.constantFrom('_', '-', '.', ''))
      .map(([words, separator]) => words.map(([w, how]) => cased(w, how)).join(separator))
      .filter((n) => /^[A-Za-z_][A-Za-z0-9_.-]*$/.test(n));
    fc.assert(fc.property(name, fc.constantFrom('=', ': ', '='), (n, separator) =>
      (assignmentMatches(`--${n}${separator}s3cr3tValue`).length > 0) === isSecretName(n)), { numRuns: 2000 });
  });
});

describe('mayHoldCredential', () => {
  test('every credential of the corpus, by format, by name and by entropy, passes the pre-test; ordinary text does not', () => {
    for (const s of formatSecrets()) expect(mayHoldCredential(s.value)).toBe(true);
    for (const name of [...SECRET_NAMES, ...KEY_NAMED_SECRETS.map(([n]) => n)]) expect(mayHoldCredential(`{"${name}":"x"}`)).toBe(true);
    expect(mayHoldCredential('{"title":"orders-api","expr":"sum(rate(http_requests_total{service=\\"orders\\"}[5m]))"}')).toBe(false);
  });
  test('property: whatever a detector finds in a text, the text passes the pre-test', () => {
    const value = fc.oneof(anySecret.map((s) => s.value), fc.constantFrom(...ORDINARY_VALUES));
    fc.assert(fc.property(value, fc.constantFrom(...SECRET_NAMES, ...ORDINARY_NAMES), (v, name) => {
      const text = `${name}=${v}`;
      fc.pre(flags(name, v) || flags('', text));
      expect(mayHoldCredential(text)).toBe(true);
    }), { numRuns: 500 });
  });
});

// The false-positive and false-negative rates, measured on the corpora and asserted: zero and zero.
describe('rates', () => {
  test('no ordinary value is flagged, under any ordinary name; no secret is missed', () => {
    let ordinaryChecks = 0;
    const falsePositives: string[] = [];
    for (const value of ORDINARY_VALUES) {
      for (const name of ORDINARY_NAMES) {
        ordinaryChecks++;
        if (flags(name, value)) falsePositives.push(`${name}=${value}`);
      }
    }
    for (const name of SECRET_NAMES) {
      for (const value of REFERENCES) {
        ordinaryChecks++;
        if (flags(name, value)) falsePositives.push(`${name}=${value}`);
      }
    }

    let secretChecks = 0;
    const falseNegatives: string[] = [];
    const check = (name: string, value: string) => {
      secretChecks++;
      if (!flags(name, value)) falseNegatives.push(`${name}=${value}`);
    };
    for (const { value } of formatSecrets()) for (const name of [...ORDINARY_NAMES, ...SECRET_NAMES]) check(name, value);
    for (const name of SECRET_NAMES) for (const value of PLAIN_PASSWORDS) check(name, value);
    for (const [name, value] of KEY_NAMED_SECRETS) check(name, value);
    for (const name of SECRET_NAMES) for (const value of PLAIN_PASSWORDS) check('args', `--${name.replace(/[^A-Za-z0-9]+/g, '-')}=${value}`);

    const rates = {
      ordinaryValues: ORDINARY_VALUES.length,
      ordinaryChecks,
      falsePositives: falsePositives.length,
      secrets: formatSecrets().length + SECRET_NAMES.length * PLAIN_PASSWORDS.length + KEY_NAMED_SECRETS.length,
      secretChecks,
      falseNegatives: falseNegatives.length,
    };
    // Printed so the figures can be quoted: `npx jest test/secret-detector.test.ts`.
    // eslint-disable-next-line no-console
    console.log(`secret detectors: ${rates.falsePositives}/${rates.ordinaryChecks} false positives over ${rates.ordinaryValues} ordinary values, ${rates.falseNegatives}/${rates.secretChecks} false negatives over ${rates.secrets} secrets`);
    expect(falsePositives).toEqual([]);
    expect(falseNegatives).toEqual([]);
    expect(rates.ordinaryValues).toBeGreaterThanOrEqual(300);
  });
});

describe('maskSecrets', () => {
  test('keeps a safe prefix at most', () => {
    expect(maskSecrets('see https://oncall:hunter2@runbooks.acme.dev/orders')).toBe('see https://oncall:****@runbooks.acme.dev/orders');
    expect(maskSecrets('key AKIAIOSFODNN7EXAMPLE here')).toBe('key AKIA**************** here');
    expect(maskSecrets('--db-password=hunter2 --log-level=info')).toBe('--db-password=**** --log-level=info');
    expect(maskSecrets('-----BEGIN RSA PRIVATE KEY-----\nMIIabc\n-----END RSA PRIVATE KEY-----\nrest')).toBe('-----BEGIN RSA PRIVATE KEY-----****\nrest');
    expect(maskSecrets('-----BEGIN EC PRIVATE KEY-----\nMIIab')).toBe('-----BEGIN EC PRIVATE KEY-----****');
  });
  test('leaves ordinary text as it is', () => {
    for (const value of ORDINARY_VALUES) expect(maskSecrets(value)).toBe(value);
  });
  test('property: no generated secret survives masking, alone or inside text', () => {
    fc.assert(fc.property(anySecret, fc.string(), fc.string(), ({ value, secret }, before, after) => {
      const masked = maskSecrets(`${before} ${value} ${after}`);
      return !masked.includes(secret);
    }), { numRuns: 300 });
  });
  test('masking twice changes nothing more', () => {
    fc.assert(fc.property(anySecret, ({ value }) => maskSecrets(maskSecrets(value)) === maskSecrets(value)), { numRuns: 100 });
  });
});

describe('redact', () => {
  test('replaces values under a secret name whole, in maps and in { name, value } pairs, without changing the input', () => {
    const input = { DB_PASSWORD: 'hunter2', LOG_LEVEL: 'info', env: [{ name: 'API_TOKEN', value: 'abc123' }], url: 'redis://:p4ss@cache' };
    expect(redact(input)).toEqual({ DB_PASSWORD: '****', LOG_LEVEL: 'info', env: [{ name: 'API_TOKEN', value: '****' }], url: 'redis://:****@cache' });
    expect(input.DB_PASSWORD).toBe('hunter2');
    expect(redact('hunter2', 'dbPassword')).toBe('****');
    expect(redact('hunter2')).toBe('hunter2');
  });
});
