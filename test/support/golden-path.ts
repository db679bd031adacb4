import { existsSync, readdirSync } from 'fs';
import { join } from 'path';
import { App, Testing } from 'cdk8s';
import { testPlatform } from './fixtures';
import { Environment } from '../../src/environment/environment';
import { Tier } from '../../src/platform/tier';
import { PlatformService } from '../../src/service/platform-service';

/** One environment of `tier` using every feature of the golden path: exposure, callers, presets. */
export function fullEnvironment(tier: Tier, app: App = Testing.app()): Environment {
  const env = new Environment(app, `shop-${tier.name}`, { platform: testPlatform(), tier, team: 'shop' });
  const api = new PlatformService(env, 'orders-api', {
    image: 'registry.acme.dev/shop/orders-api:1.4.2',
    port: 8080,
    ingress: { host: `orders-${tier.name}.apps.acme.dev` },
    env: { LOG_LEVEL: 'info' },
  });
  const worker = new PlatformService(env, 'orders-worker', {
    image: `registry.acme.dev/shop/orders-worker@sha256:${'c'.repeat(64)}`,
    port: 9000,
    replicas: tier.isAtLeast(Tier.STAGING) ? { min: 2, max: 4 } : { min: 1, max: 3 },
  });
  api.allowFrom(worker);
  return env;
}

/**
 * Every example under examples/ that is a team repo at its top (a `main.ts` exporting
 * `buildApp`), built as its tests build it; examples with previews get one for pull request 142,
 * the others ignore the argument. (examples/platform-package is a package, whose team repo
 * imports it by name: its own tests build that one.)
 */
export function exampleApps(): Array<[string, App]> {
  const root = join(__dirname, '..', '..', 'examples');
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(root, d.name, 'main.ts')))
    .map((d) => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const example = require(join(root, d.name, 'main'));
      return [d.name, example.buildApp(Testing.app(), 142)] as [string, App];
    });
}
