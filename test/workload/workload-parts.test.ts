import { Size, Testing } from 'cdk8s';
import { Environment } from '../../src/environment/environment';
import { Tier } from '../../src/platform/tier';
import { PolicyTesting } from '../../src/policy/policy-testing';
import { SecretReference } from '../../src/workload/secret-reference';
import { quietApp } from '../policy/fixtures';
import { dependencyPlatform, everyPack, testService } from '../support/fixtures';
import { validateAgainstSchemas } from '../support/schema';

// The three parts together on a golden-path service, declared as its props. Whatever they add
// must keep the service clean under every pack.

function serviceWithAllParts(tier: Tier) {
  const env = new Environment(quietApp(), `payments-${tier.name}`, { platform: dependencyPlatform(), tier, team: 'payments' });
  const service = testService(env, {
    env: { LOG_LEVEL: 'info' },
    files: {
      '/etc/orders/config.yaml': 'server:\n  port: 8080\nstripe:\n  endpoint: https://api.stripe.com\n',
      '/etc/orders/features.json': '{"newCheckout":true}',
    },
    scratch: { '/var/cache/orders': Size.mebibytes(512) },
    secrets: { STRIPE_API_KEY: SecretReference.fromStore('payments/stripe', 'api-key') },
  });
  return { env, service };
}

describe('secrets, files and scratch on one service', () => {
  test.each([Tier.PRODUCTION, Tier.DEVELOPMENT])('pass every pack in %s', (tier) => {
    const { env, service } = serviceWithAllParts(tier);
    PolicyTesting.assertPasses(env, { packs: everyPack() });
    const objects = Testing.synth(env);
    expect(() => validateAgainstSchemas(objects)).not.toThrow();
    const container = objects.find((o) => o.kind === 'Deployment').spec.template.spec.containers[0];
    expect(container.volumeMounts.map((m: any) => m.mountPath)).toEqual(['/tmp', '/etc/orders/config.yaml', '/etc/orders/features.json', '/var/cache/orders']);
    expect(container.env.find((e: any) => e.name === 'STRIPE_API_KEY').valueFrom.secretKeyRef.name).toBe('orders-api-store');
    expect(container.resources.requests['ephemeral-storage']).toBe('1Gi');
    expect(service.storeSecrets?.name).toBe('orders-api-store');
    expect(service.filesConfigMap?.name).toBe('orders-api-files');
  });

  test('none of them adds anything when not declared', () => {
    const env = new Environment(quietApp(), 'payments-production', { platform: dependencyPlatform(), tier: Tier.PRODUCTION, team: 'payments' });
    const service = testService(env);
    expect(service.storeSecrets).toBeUndefined();
    expect(service.filesConfigMap).toBeUndefined();
    const objects = Testing.synth(env);
    expect(objects.filter((o) => o.kind === 'ExternalSecret' || o.metadata.name === 'orders-api-files')).toEqual([]);
    expect(objects.find((o) => o.kind === 'Deployment').spec.template.spec.containers[0].resources.requests['ephemeral-storage']).toBeUndefined();
  });
});
