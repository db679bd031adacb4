import * as fc from 'fast-check';
import { secretHits } from '../../../../src/policy/packs/secrets/secret-scan';
import { anySecret, KEY_NAMED_SECRETS, ORDINARY_NAMES, ORDINARY_VALUES, PLAIN_PASSWORDS, SECRET_NAMES } from '../../../support/secret-corpus';

// A JSON text in a string (a dashboard, a config file) is parsed and walked only when it may hold
// a credential. These hold the pre-test to the walk: no document whose walk finds a credential is
// ever skipped, however its JSON is written.

/** A ConfigMap holding `text` as a file. */
const configMap = (text: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'config' }, data: { 'config.json': text } });

/** Ways a JSON text can write the same document: plain, `/` escaped, characters as `\u` escapes. */
const encodings: Record<string, (document: unknown, pick: number) => string> = {
  'plain': (document) => JSON.stringify(document),
  'slashes escaped': (document) => JSON.stringify(document).replace(/\//g, '\\/'),
  'characters as \\u escapes': (document, pick) => JSON.stringify(document).replace(/[a-z]/gi, (c, offset: number) =>
    ((offset + pick) % 3 === 0 ? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}` : c)),
  // JSON inside JSON inside the file: each string of the inner document escaped twice.
  'nested': (document) => JSON.stringify({ kind: 'Wrapper', inner: JSON.stringify(document).replace(/\//g, '\\/') }),
};

/** Documents of settings: ordinary ones, and credentials by format, by name and by entropy. */
const anyDocument: fc.Arbitrary<Record<string, unknown>> = fc.dictionary(
  fc.constantFrom(...ORDINARY_NAMES, ...SECRET_NAMES, ...KEY_NAMED_SECRETS.map(([name]) => name), 'panels', 'env'),
  fc.oneof(
    fc.constantFrom(...ORDINARY_VALUES.slice(0, 200)),
    fc.constantFrom(...PLAIN_PASSWORDS, ...KEY_NAMED_SECRETS.map(([, value]) => value)),
    anySecret.map((s) => s.value),
    fc.constantFrom(...ORDINARY_VALUES.slice(0, 50)).map((value) => [{ name: 'LOG_LEVEL', value }]),
    fc.tuple(fc.constantFrom(...SECRET_NAMES), fc.constantFrom(...PLAIN_PASSWORDS)).map(([name, value]) => [{ name, value }]),
  ),
  { maxKeys: 4 },
);

describe('JSON texts in strings', () => {
  test.each(Object.keys(encodings))('a document whose walk finds a credential is found in its JSON text, written %s', (encoding) => {
    fc.assert(fc.property(anyDocument, fc.nat(2), (document, pick) => {
      // What the walk of the document itself finds.
      fc.pre(secretHits(document).length > 0);
      expect(secretHits(configMap(encodings[encoding](document, pick))).length).toBeGreaterThan(0);
    }), { numRuns: 400 });
  });

  test('a URL password written with escaped slashes is found by walking the document', () => {
    const text = '{"upstream":"postgres:\\/\\/app:Orders2027x@db.acme.internal:5432\\/orders"}';
    expect(secretHits(configMap(text)).map((h) => [h.detector.id, h.field])).toEqual([['url-password', 'data["config.json"]']]);
  });

  test('a secret name written with \\u escapes is found by walking the document', () => {
    const text = '{"db\\u0050assword":"hunter2x"}';
    expect(secretHits(configMap(text)).map((h) => [h.detector.id, h.field])).toEqual([['secret-name', 'data["config.json"]']]);
  });

  test('a text with no sentinel and no word of a secret name is not parsed; its twins are', () => {
    const parse = jest.spyOn(JSON, 'parse');
    try {
      const dashboard = JSON.stringify({ title: 'orders-api', panels: [{ expr: 'sum(rate(http_requests_total{service=\\"orders\\"}[5m]))', unit: 'reqps' }] });
      expect(secretHits(configMap(dashboard))).toEqual([]);
      expect(parse).not.toHaveBeenCalled();
      // Twins: a word of a secret's name, a \u escape, a binaryData map: each is parsed and walked.
      for (const twin of ['{"title":"Tokens issued"}', '{"title":"\\u006frders"}', '{"binaryData":{"x":"eA=="}}']) {
        parse.mockClear();
        secretHits(configMap(twin));
        expect(parse).toHaveBeenCalledWith(twin);
      }
    } finally {
      parse.mockRestore();
    }
  });
});
