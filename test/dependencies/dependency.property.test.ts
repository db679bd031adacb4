import * as fc from 'fast-check';
import { BucketDependency } from '../../src/dependencies/bucket-dependency';
import { PostgresDependency } from '../../src/dependencies/postgres-dependency';
import { RedisDependency } from '../../src/dependencies/redis-dependency';
import { CacheSize, DatabaseSize } from '../../src/dependencies/sizes';
import { Errors } from '../../src/errors';
import { Tier } from '../../src/platform/tier';
import { PlatformService } from '../../src/service/platform-service';
import { dependencyEnvironment, synth } from '../support/fixtures';
import { manifestsOf, validateAgainstSchemas } from '../support/schema';

const name = fc.stringMatching(/^[a-z][a-z0-9-]{0,24}[a-z0-9]$/).filter((n) => !n.startsWith('paved-') && !n.includes('--'));
const validProps = fc.record({
  db: name,
  cache: name,
  bucket: name,
  version: fc.constantFrom('14', '15', '16', '17'),
  dbSize: fc.constantFrom(...DatabaseSize.all()),
  cacheVersion: fc.constantFrom('6.2', '7.0', '7.1'),
  cacheSize: fc.constantFrom(...CacheSize.all()),
  seeded: fc.boolean(),
  expiry: fc.integer({ min: 1, max: 3650 }),
}).filter((p) => new Set([p.db, p.cache, p.bucket, 'orders-api', `${p.db}-headless`, `${p.db}-seed`, `${p.cache}-headless`]).size === 7);

function build(tier: Tier, p: any) {
  const env = dependencyEnvironment(tier);
  const dependencies = [
    new PostgresDependency(env, p.db, { version: p.version, size: p.dbSize, seed: p.seeded ? 'last-7-days-anonymized' : undefined }),
    new RedisDependency(env, p.cache, { version: p.cacheVersion, size: p.cacheSize }),
    new BucketDependency(env, p.bucket, { noncurrentVersionExpirationDays: p.expiry }),
  ];
  new PlatformService(env, 'orders-api', { image: 'registry.acme.dev/payments/orders-api:1.4.2', port: 8080, dependencies });
  return env;
}

describe('dependencies over their input space', () => {
  test('every valid input synthesizes schema-valid objects, identically twice, or fails with a PavedError', () => {
    fc.assert(fc.property(fc.constantFrom(...Tier.all()), validProps, (tier, p) => {
      let env;
      try {
        env = build(tier, p);
      } catch (e) {
        // A valid DNS label can still derive a bucket name S3 reserves (e.g. one ending in "-s3alias").
        expect(Errors.isPavedError(e)).toBe(true);
        return;
      }
      validateAgainstSchemas(manifestsOf(env));
      expect(JSON.stringify(synth(build(tier, p)))).toBe(JSON.stringify(synth(env)));
    }), { numRuns: 40 });
  });

  test('any props raise a PavedError or synthesize, never another error', () => {
    const anything = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.integer(),
      fc.constant(undefined),
      fc.constant(null),
      fc.constantFrom(...DatabaseSize.all(), ...CacheSize.all()),
    );
    const anyName = fc.oneof(name, fc.string({ maxLength: 20 }));
    const anyProps = fc.record({ name: anyName, version: anything, size: anything, seed: anything, days: anything });
    fc.assert(fc.property(fc.constantFrom(...Tier.all()), anyProps, (tier, p) => {
      const env = dependencyEnvironment(tier);
      for (const make of [
        () => new PostgresDependency(env, 'db', { name: p.name, version: p.version as any, size: p.size as any, seed: p.seed as any }),
        () => new RedisDependency(env, 'cache', { name: p.name, version: p.version as any, size: p.size as any }),
        () => new BucketDependency(env, 'bucket', { name: p.name, noncurrentVersionExpirationDays: p.days as any }),
      ]) {
        try {
          make();
        } catch (e) {
          expect(Errors.isPavedError(e)).toBe(true);
        }
      }
      synth(env);
    }), { numRuns: 150 });
  });
});
