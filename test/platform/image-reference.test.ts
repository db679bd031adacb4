import * as fc from 'fast-check';
import { Errors } from '../../src/errors';
import { parseImage } from '../../src/platform/image-reference';

const REGISTRIES = ['registry.acme.dev'];

describe('parseImage', () => {
  test('splits repository, tag and digest', () => {
    const digest = `sha256:${'0'.repeat(64)}`;
    expect(parseImage('p', 'registry.acme.dev/a/b:1.2.3', REGISTRIES)).toEqual({ repository: 'registry.acme.dev/a/b', tag: '1.2.3', digest: undefined, version: '1.2.3' });
    expect(parseImage('p', `registry.acme.dev/a/b@${digest}`, REGISTRIES)).toMatchObject({ digest, tag: undefined, version: undefined });
    expect(parseImage('p', `registry.acme.dev/a/b:1.2@${digest}`, REGISTRIES)).toMatchObject({ digest, tag: '1.2' });
  });

  test('accepts a registry with a port', () => {
    expect(parseImage('p', 'registry.acme.dev:5000/a:1', ['registry.acme.dev:5000']).tag).toBe('1');
  });

  test('leaves the version label out when the tag cannot be a label value', () => {
    expect(parseImage('p', `registry.acme.dev/a:${'v'.repeat(70)}`, REGISTRIES).version).toBeUndefined();
    expect(parseImage('p', 'registry.acme.dev/a:_build', REGISTRIES).version).toBeUndefined();
  });

  test('rejects an image with no registry', () => {
    expect(() => parseImage('p', 'nginx:1.27', REGISTRIES)).toThrow(/is not a valid image reference/);
  });

  test('property: any pinned image under an allowed registry parses, and its tag round-trips', () => {
    const segment = fc.stringMatching(/^[a-z0-9]{1,10}([._-][a-z0-9]{1,5})?$/);
    const tag = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,40}$/).filter((t) => t !== 'latest');
    fc.assert(fc.property(fc.array(segment, { minLength: 1, maxLength: 4 }), tag, (path, t) => {
      const image = `registry.acme.dev/${path.join('/')}:${t}`;
      expect(parseImage('p', image, REGISTRIES).tag).toBe(t);
    }));
  });

  test('property: any string is either parsed or rejected with a PavedError, never anything else', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (image) => {
      try {
        const ref = parseImage('p', image, REGISTRIES);
        expect(ref.repository.startsWith('registry.acme.dev/')).toBe(true);
        expect(ref.digest ?? ref.tag).toBeDefined();
      } catch (e) {
        expect(Errors.isPavedError(e)).toBe(true);
      }
    }));
  });
});
