import { App, Testing } from 'cdk8s';
import { Environment } from '../../src/environment/environment';
import { Platform, PlatformProps } from '../../src/platform/platform';
import { Tier } from '../../src/platform/tier';

/** A platform with AWS settings and one seed, as dependencies need. */
export function dependencyPlatform(overrides: Partial<PlatformProps> = {}): Platform {
  return new Platform({
    name: 'acme',
    domain: 'apps.acme.dev',
    registries: ['registry.acme.dev'],
    aws: { accountId: '123456789012', region: 'eu-west-1', privateNetworkCidrs: ['10.0.0.0/16'] },
    seeds: { 'last-7-days-anonymized': { image: 'registry.acme.dev/data/seed-orders:2024.06.1', args: ['--days', '7'] } },
    ...overrides,
  });
}

/** An environment of `tier` on `dependencyPlatform()`, namespace `payments-<tier>`. */
export function dependencyEnvironment(tier: Tier, overrides: Partial<PlatformProps> = {}, app: App = Testing.app()): Environment {
  return new Environment(app, `payments-${tier.name}`, { platform: dependencyPlatform(overrides), tier, team: 'payments' });
}

/** Every string in `value`, keys included, depth first. */
export function allStrings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(allStrings);
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => [k, ...allStrings(v)]);
  return [];
}

export { errorOf } from '../support/errors';
