import { Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Environment } from '../../src/environment/environment';
import { Tier } from '../../src/platform/tier';
import { PolicyTesting } from '../../src/policy/policy-testing';
import { addConfigFiles, resolveConfigFiles } from '../../src/workload/config-files';
import { addScratchVolumes, resolveScratchVolumes } from '../../src/workload/scratch-volumes';
import { SecretReference } from '../../src/workload/secret-reference';
import { addStoreSecrets, resolveStoreSecrets } from '../../src/workload/store-secrets';
import { dependencyPlatform } from '../dependencies/fixtures';
import { quietApp } from '../policy/fixtures';
import { everyPack, testService } from '../support/fixtures';
import { validateAgainstSchemas } from '../support/schema';

// The three parts together on a golden-path service, wired the way a workload kind wires them:
// every check first, then the objects. Whatever they add must keep the service clean under every pack.

function serviceWithAllParts(tier: Tier) {
  const env = new Environment(quietApp(), `payments-${tier.name}`, { platform: dependencyPlatform(), tier, team: 'payments' });
  const service = testService(env, { env: { LOG_LEVEL: 'info' } });
  const path = service.node.path;
  const files = resolveConfigFiles(path, env, service.name, {
    '/etc/orders/config.yaml': 'server:\n  port: 8080\nstripe:\n  endpoint: https://api.stripe.com\n',
    '/etc/orders/features.json': '{"newCheckout":true}',
  })!;
  const scratch = resolveScratchVolumes(path, { '/var/cache/orders': Size.mebibytes(512) }, files)!;
  const secrets = resolveStoreSecrets(path, env, service.name, {
    STRIPE_API_KEY: SecretReference.fromStore('payments/stripe', 'api-key'),
  }, new Map([['LOG_LEVEL', 'env']]))!;

  const labels = { ...service.selectorLabels };
  addConfigFiles(service, { labels, container: service.container, podMetadata: service.deployment.podMetadata }, files);
  addScratchVolumes(service, service.container, scratch);
  addStoreSecrets(service, { labels, container: service.container }, secrets);
  // A workload kind states the request where it creates the container (resources.ephemeralStorage);
  // this service's container exists already, so its resources are completed in place.
  const container = service.container as { resources?: kplus.ContainerResources };
  container.resources = { ...container.resources, ephemeralStorage: { request: scratch.ephemeralStorageRequest } };
  return env;
}

describe('secrets, files and scratch on one service', () => {
  test.each([Tier.PRODUCTION, Tier.DEVELOPMENT])('pass every pack in %s', (tier) => {
    const env = serviceWithAllParts(tier);
    PolicyTesting.assertPasses(env, { packs: everyPack() });
    const objects = Testing.synth(env);
    expect(() => validateAgainstSchemas(objects)).not.toThrow();
    const container = objects.find((o) => o.kind === 'Deployment').spec.template.spec.containers[0];
    expect(container.volumeMounts.map((m: any) => m.mountPath)).toEqual(['/tmp', '/etc/orders/config.yaml', '/etc/orders/features.json', '/var/cache/orders']);
    expect(container.env.find((e: any) => e.name === 'STRIPE_API_KEY').valueFrom.secretKeyRef.name).toBe('orders-api-store');
    expect(container.resources.requests['ephemeral-storage']).toBe('1Gi');
  });
});
