import { RedisDependency } from '../../src/dependencies/redis-dependency';
import { CacheSize, DatabaseSize } from '../../src/dependencies/sizes';
import { Errors } from '../../src/errors';
import { Tier } from '../../src/platform/tier';
import { errorOf } from '../support/errors';
import { dependencyEnvironment, find, synth } from '../support/fixtures';

describe('RedisDependency in the cloud', () => {
  const env = dependencyEnvironment(Tier.PRODUCTION);
  const cache = new RedisDependency(env, 'orders-cache', { size: CacheSize.MEDIUM });
  const external = find(synth(env), 'ExternalSecret', 'orders-cache').spec;

  test('defaults to ElastiCache 7.1', () => {
    expect([cache.version, cache.size]).toEqual(['7.1', CacheSize.MEDIUM]);
  });

  test('copies host, port and the auth token from the contract secret into an owned Secret', () => {
    expect(external).toEqual({
      refreshInterval: '1h',
      secretStoreRef: { kind: 'ClusterSecretStore', name: 'aws-secrets-manager' },
      target: { name: 'orders-cache', creationPolicy: 'Owner' },
      data: ['host', 'port', 'auth_token'].map((property) => ({
        secretKey: property,
        remoteRef: { key: 'paved/acme/payments-production/orders-cache', property },
      })),
    });
  });
});

describe('RedisDependency in-cluster', () => {
  const env = dependencyEnvironment(Tier.PREVIEW);
  const cache = new RedisDependency(env, 'orders-cache', { size: CacheSize.LARGE });
  const objects = synth(env);
  const statefulSet = find(objects, 'StatefulSet', 'orders-cache');
  const container = statefulSet.spec.template.spec.containers[0];

  test('runs the open-source release ElastiCache 7.1 is compatible with, from the platform mirror', () => {
    expect(container.image).toBe('registry.acme.dev/mirror/redis:7.0');
    expect(container.securityContext).toMatchObject({ runAsUser: 999, runAsGroup: 999 });
  });

  test('runs the version asked for when the image exists under that tag', () => {
    const other = dependencyEnvironment(Tier.PREVIEW);
    new RedisDependency(other, 'orders-cache', { version: '6.2' });
    expect(find(synth(other), 'StatefulSet').spec.template.spec.containers[0].image).toBe('registry.acme.dev/mirror/redis:6.2');
  });

  test('requires the generated token, which reaches the server through the kubelet, not the manifest', () => {
    expect(container.env).toEqual([{ name: 'REDISCLI_AUTH', valueFrom: { secretKeyRef: { name: 'orders-cache', key: 'auth_token' } } }]);
    expect(container.args).toEqual(['redis-server', '--port', '6379', '--requirepass', '$(REDISCLI_AUTH)', '--save', '', '--appendonly', 'no', '--dir', '/data']);
  });

  test('keeps no data across restarts: no volume claim, a bounded scratch /data', () => {
    expect(statefulSet.spec.volumeClaimTemplates).toBeUndefined();
    expect(statefulSet.spec.template.spec.volumes).toEqual([{ name: 'data', emptyDir: { sizeLimit: '64Mi' } }]);
  });

  test('probes with redis-cli ping', () => {
    expect(container.readinessProbe.exec.command).toEqual(['sh', '-c', 'redis-cli -h 127.0.0.1 -p 6379 ping | grep -q PONG']);
  });

  test('generates the token with the same Secret keys as the cloud', () => {
    expect(find(objects, 'ExternalSecret', 'orders-cache').spec.target.template.data).toEqual({
      host: 'orders-cache.payments-preview.svc',
      port: '6379',
      auth_token: '{{ .password }}',
    });
  });

  test('takes requests and limits from the size preset', () => {
    expect(container.resources.limits).toEqual({ cpu: '2', memory: '2Gi' });
    expect(cache.statefulSet?.name).toBe('orders-cache');
  });
});

describe('RedisDependency errors', () => {
  test.each([
    ['an unknown version', { version: '7.2' }, 'payments-production/orders-cache: version "7.2" is not a supported ElastiCache (Redis OSS) version (allowed: 6.2, 7.0, 7.1)'],
    ['a size that is not a CacheSize', { size: 'small' }, 'payments-production/orders-cache: size "small" is not a CacheSize (allowed: CacheSize.SMALL, CacheSize.MEDIUM, CacheSize.LARGE)'],
    ['a DatabaseSize', { size: DatabaseSize.SMALL }, 'is not a CacheSize'],
  ] as Array<[string, any, string]>)('rejects %s', (_what, props, message) => {
    const error = errorOf(() => new RedisDependency(dependencyEnvironment(Tier.PRODUCTION), 'orders-cache', props));
    expect(Errors.isPavedError(error)).toBe(true);
    expect(error.message).toContain(message);
  });
});
