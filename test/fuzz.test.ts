import { Testing, Yaml } from 'cdk8s';
import * as fc from 'fast-check';
import * as YAML from 'yaml';
import { Environment } from '../src/environment/environment';
import { Errors } from '../src/errors';
import { testPlatform } from './support/fixtures';
import { Tier } from '../src/platform/tier';
import { PlatformService } from '../src/service/platform-service';

// Hostile input either fails with a PavedError where it enters, or reaches the manifests intact:
// the YAML written parses back to exactly the value given, so nothing in a value can add keys,
// documents or anchors to the output.

const YAML_SIGNIFICANT = [
  ': ', ' #', '\n', '\r\n', '---', '...', '|', '>', '&anchor', '*alias', '!!python/object', '%YAML', '@', '`', '"', "'",
  '{', '}', '[', ']', ',', '?', '~', 'null', 'true', 'no', '0x1F', '1e3', '.inf', '<<', '\t', '\u0000', '\u2028', '\uFEFF',
  '$(rm -rf /)', '${HOME}', '`id`', '; DROP TABLE users;--', '{{ .Values.x }}', '../../etc/passwd', '\u202Eevil',
];

const hostile = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.array(fc.constantFrom(...YAML_SIGNIFICANT), { minLength: 1, maxLength: 6 }).map((parts) => parts.join('')),
  fc.integer({ min: 64, max: 5000 }).map((n) => 'a'.repeat(n)),
  fc.constantFrom(...YAML_SIGNIFICANT),
);

// Values of each field's own shape, some valid and some one character off, so each property reaches
// both of its branches (written intact, and rejected) instead of only the rejection.
const label = fc.stringMatching(/^[a-z][a-z0-9-]{0,20}[a-z0-9]$/);
const nearly = (valid: fc.Arbitrary<string>) => fc.oneof(
  valid,
  fc.tuple(valid, fc.constantFrom(...YAML_SIGNIFICANT)).map(([v, bad]) => `${v}${bad}`),
  valid.map((v) => v.toUpperCase()),
);
const SHAPED = {
  names: nearly(label),
  images: nearly(fc.tuple(label, fc.nat(99), fc.nat(99)).map(([repo, minor, patch]) => `registry.acme.dev/shop/${repo}:1.${minor}.${patch}`)),
  hosts: nearly(label.map((l) => `${l}.apps.acme.dev`)),
  paths: nearly(fc.array(label, { minLength: 1, maxLength: 3 }).map((segments) => `/${segments.join('/')}`)),
  envNames: nearly(fc.stringMatching(/^[A-Z_][A-Z0-9_]{0,20}$/)),
};

/** Hostile input and input of the field's own shape, half and half. */
const inputsFor = (shaped: fc.Arbitrary<string>) => fc.oneof(hostile, shaped);

/** Asserts that a property's runs reached both outcomes, so neither branch is left untested. */
function expectBothOutcomes(outcomes: Set<string>): void {
  expect([...outcomes].sort()).toEqual(['built', 'rejected']);
}

function roundTrip(env: Environment): any[] {
  const written = Yaml.stringify(...Testing.synth(env));
  return YAML.parseAllDocuments(written).map((d) => d.toJSON());
}

function attempt(build: () => void): 'rejected' | 'built' {
  try {
    build();
    return 'built';
  } catch (e) {
    if (!Errors.isPavedError(e)) throw e;
    return 'rejected';
  }
}

function newEnvironment(): Environment {
  return new Environment(Testing.app(), 'shop-prod', { platform: testPlatform(), tier: Tier.PRODUCTION, team: 'shop' });
}

describe('hostile input', () => {
  test('env values reach the container exactly as given', () => {
    fc.assert(fc.property(hostile, (value) => {
      const env = newEnvironment();
      new PlatformService(env, 'api', { image: 'registry.acme.dev/shop/api:1.0.0', port: 8080, env: { VALUE: value } });
      const deployment = roundTrip(env).find((o) => o.kind === 'Deployment');
      expect(deployment.spec.template.spec.containers[0].env).toEqual([{ name: 'VALUE', value }]);
    }), { numRuns: 200 });
  });

  test('annotations added through escape hatches are quoted, never interpreted', () => {
    fc.assert(fc.property(hostile, (value) => {
      const env = newEnvironment();
      const service = new PlatformService(env, 'api', { image: 'registry.acme.dev/shop/api:1.0.0', port: 8080 });
      service.networkPolicy.metadata.addAnnotation('acme.dev/note', value);
      const objects = roundTrip(env);
      expect(objects.find((o) => o.kind === 'NetworkPolicy' && o.metadata.name === 'api').metadata.annotations).toEqual({ 'acme.dev/note': value });
      expect(objects).toHaveLength(Testing.synth(env).length);
    }), { numRuns: 200 });
  });

  test.each([
    ['names', SHAPED.names, (v: string) => ({ name: v })],
    ['images', SHAPED.images, (v: string) => ({ image: v })],
    ['hosts', SHAPED.hosts, (v: string) => ({ ingress: { host: v } })],
    ['ingress paths', SHAPED.paths, (v: string) => ({ ingress: { host: 'api.apps.acme.dev', path: v } })],
    ['env names', SHAPED.envNames, (v: string) => ({ env: { [v]: 'x' } })],
  ])('%s are rejected with a PavedError or written intact', (_what, shaped, props) => {
    const outcomes = new Set<string>();
    fc.assert(fc.property(inputsFor(shaped), (value) => {
      const env = newEnvironment();
      const outcome = attempt(() => new PlatformService(env, 'api', { image: 'registry.acme.dev/shop/api:1.0.0', port: 8080, ...props(value) }));
      outcomes.add(outcome);
      if (outcome === 'built') {
        expect(JSON.stringify(roundTrip(env))).toContain(JSON.stringify(value).slice(1, -1));
      } else {
        expect(env.node.tryFindChild('api')).toBeUndefined();
      }
    }), { numRuns: 150 });
    expectBothOutcomes(outcomes);
  });

  test.each([
    ['teams', (v: string) => ({ team: v })],
    ['namespaces', (v: string) => ({ namespace: v })],
  ])('environment %s are rejected with a PavedError or written intact', (_what, props) => {
    const outcomes = new Set<string>();
    fc.assert(fc.property(inputsFor(SHAPED.names), (value) => {
      let env: Environment | undefined;
      const outcome = attempt(() => {
        env = new Environment(Testing.app(), 'shop-prod', { platform: testPlatform(), tier: Tier.PRODUCTION, team: 'shop', ...props(value) });
      });
      outcomes.add(outcome);
      if (outcome === 'built') expect(JSON.stringify(roundTrip(env!))).toContain(value);
    }), { numRuns: 150 });
    expectBothOutcomes(outcomes);
  });

  test('a very long name is rejected, naming the limit', () => {
    const env = newEnvironment();
    expect(() => new PlatformService(env, 'api', { image: 'registry.acme.dev/shop/api:1.0.0', port: 8080, name: 'a'.repeat(64) }))
      .toThrow(/at most 63 characters/);
  });
});
