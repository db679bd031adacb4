import { Testing } from 'cdk8s';
import * as fc from 'fast-check';
import { BucketDependency } from '../../src/dependencies/bucket-dependency';
import { CLOUD_REFRESH_INTERVAL, cloudConnectionSecret } from '../../src/dependencies/cloud-connection-secret';
import { CloudNames } from '../../src/dependencies/cloud-names';
import { PostgresDependency } from '../../src/dependencies/postgres-dependency';
import { RedisDependency } from '../../src/dependencies/redis-dependency';
import { Tier } from '../../src/platform/tier';
import { dependencyEnvironment, find, synth } from '../support/fixtures';

describe('cloudConnectionSecret', () => {
  test('copies each property to the Secret key of the same name, refreshing hourly', () => {
    const chart = Testing.chart();
    const secret = cloudConnectionSecret(chart, {
      name: 'orders-cache', labels: { team: 'payments' }, secretStore: 'store', remoteKey: 'paved/acme/ns/orders-cache', properties: ['host', 'port'],
    }).toJson();
    expect(CLOUD_REFRESH_INTERVAL).toBe('1h');
    expect(secret.metadata).toEqual({ name: 'orders-cache', labels: { team: 'payments' } });
    expect(secret.spec).toEqual({
      refreshInterval: '1h',
      secretStoreRef: { kind: 'ClusterSecretStore', name: 'store' },
      target: { name: 'orders-cache', creationPolicy: 'Owner' },
      data: [
        { secretKey: 'host', remoteRef: { key: 'paved/acme/ns/orders-cache', property: 'host' } },
        { secretKey: 'port', remoteRef: { key: 'paved/acme/ns/orders-cache', property: 'port' } },
      ],
    });
  });
});

describe('the naming contract', () => {
  // The cloud side writes to CloudNames.secretName(...); the ExternalSecret must read exactly that.
  test('is the only source of every remote key an ExternalSecret reads', () => {
    const name = fc.stringMatching(/^[a-z][a-z0-9-]{0,20}[a-z0-9]$/).filter((n) => !n.includes('--'));
    fc.assert(fc.property(name, name, fc.constantFrom(Tier.STAGING, Tier.PRODUCTION), (platform, dependency, tier) => {
      const env = dependencyEnvironment(tier, { name: platform });
      const built = [
        new PostgresDependency(env, `${dependency}-pg`),
        new RedisDependency(env, `${dependency}-cache`),
        new BucketDependency(env, `${dependency}-bucket`),
      ];
      const objects = synth(env);
      for (const d of built) {
        const expected = CloudNames.secretName(platform, env.namespace!, d.name);
        expect(d.cloudSecretName).toBe(expected);
        const keys = find(objects, 'ExternalSecret', d.name).spec.data.map((entry: any) => entry.remoteRef.key);
        expect(new Set(keys)).toEqual(new Set([expected]));
      }
    }), { numRuns: 25 });
  });
});
