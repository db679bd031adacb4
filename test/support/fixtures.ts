import { App, Testing } from 'cdk8s';
import { Environment, EnvironmentProps } from '../../src/environment/environment';
import { Platform, PlatformProps } from '../../src/platform/platform';
import { Tier } from '../../src/platform/tier';
import { RulePacks } from '../../src/policy/rule-packs';
import { PlatformService } from '../../src/service/platform-service';
import { PlatformServiceProps } from '../../src/service/platform-service-props';

/** Every rule pack Paved ships, the baseline Pod Security pack among them (RulePacks.all() holds restricted). */
export const everyPack = () => [...RulePacks.all(), RulePacks.POD_SECURITY_BASELINE];

export function testPlatform(overrides: Partial<PlatformProps> = {}): Platform {
  return new Platform({ name: 'acme', domain: 'apps.acme.dev', registries: ['registry.acme.dev'], ...overrides });
}

export function testEnvironment(tier: Tier = Tier.PRODUCTION, props: Partial<EnvironmentProps> = {}, app: App = Testing.app()): Environment {
  return new Environment(app, props.namespace ?? `payments-${tier.name}`, { platform: testPlatform(), tier, team: 'payments', ...props });
}

export const ORDERS: PlatformServiceProps = {
  image: 'registry.acme.dev/payments/orders-api:1.4.2',
  port: 8080,
};

export function testService(env: Environment = testEnvironment(), props: Partial<PlatformServiceProps> = {}, id = 'orders-api'): PlatformService {
  return new PlatformService(env, id, { ...ORDERS, ...props });
}

/** The synthesized objects of `env`, with escape hatches applied. */
export function synth(env: Environment): any[] {
  return Testing.synth(env);
}

export function find(objects: any[], kind: string, name?: string): any {
  const found = objects.filter((o) => o.kind === kind && (name === undefined || o.metadata.name === name));
  if (found.length !== 1) throw new Error(`expected one ${kind}${name ? `/${name}` : ''}, found ${found.length}`);
  return found[0];
}

export function findAll(objects: any[], kind: string): any[] {
  return objects.filter((o) => o.kind === kind);
}
