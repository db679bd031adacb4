import * as pulumi from '@pulumi/pulumi';
import { App, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { ACCOUNT_ID, REGION } from './mocks';
import { guardChildren } from '../../../src/pulumi/guard';
import { ResourceScope } from '../../../src/pulumi/resource-scope';
import {
  BucketDependency, DatabaseSize, Environment, Platform, PlatformService,
  PostgresDependency, PostgresDependencyProps, QueueDependency, QueueDependencyProps, RedisDependency, RedisDependencyProps, Tier,
} from 'paved';

export const NETWORK = { vpcId: 'vpc-0123', privateSubnetIds: ['subnet-a', 'subnet-b'], clusterSecurityGroupId: 'sg-cluster' };
export const OIDC_URL = 'https://oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE';
export const CLUSTER = { oidcProviderArn: `arn:aws:iam::${ACCOUNT_ID}:oidc-provider/${OIDC_URL.replace('https://', '')}`, oidcProviderUrl: OIDC_URL };

export function cloudPlatform(labels: { [key: string]: string } = {}): Platform {
  return new Platform({
    name: 'acme',
    domain: 'apps.acme.dev',
    registries: ['registry.acme.dev'],
    aws: { accountId: ACCOUNT_ID, region: REGION, privateNetworkCidrs: ['10.0.0.0/16'] },
    labels,
  });
}

export function environment(tier: Tier, app: App = Testing.app(), platform: Platform = cloudPlatform()): Environment {
  return new Environment(app, `payments-${tier.name}`, { platform, tier, team: 'payments' });
}

export function postgres(tier: Tier, props: PostgresDependencyProps = {}): PostgresDependency {
  return new PostgresDependency(environment(tier), 'orders-db', { size: DatabaseSize.MEDIUM, ...props });
}

export function redis(tier: Tier, props: RedisDependencyProps = {}): RedisDependency {
  return new RedisDependency(environment(tier), 'orders-cache', props);
}

export function bucket(tier: Tier): BucketDependency {
  return new BucketDependency(environment(tier), 'invoices', { noncurrentVersionExpirationDays: 45 });
}

export function queue(tier: Tier, props: QueueDependencyProps = {}): QueueDependency {
  return new QueueDependency(environment(tier), 'orders-events', props);
}

/** One environment's service and what it uses. */
export interface Orders {
  readonly env: Environment;
  readonly service: PlatformService;
  readonly db: PostgresDependency;
  readonly cache: RedisDependency;
  readonly invoices: BucketDependency;
}

/** An environment with one service using a database, a cache and a bucket. */
export function orders(tier: Tier, app: App = Testing.app()): Orders {
  const env = environment(tier, app);
  const db = new PostgresDependency(env, 'orders-db');
  const cache = new RedisDependency(env, 'orders-cache');
  const invoices = new BucketDependency(env, 'invoices');
  const service = new PlatformService(env, 'orders-api', {
    image: 'registry.acme.dev/payments/orders-api:1.4.2',
    port: 8080,
    dependencies: [db, cache, invoices],
  });
  return { env, service, db, cache, invoices };
}

/** What a cloud resource is checked as: a construct `orders-db` in an environment of `tier`. */
export function policySubject(tier: Tier, app: App = Testing.app()) {
  const platform = cloudPlatform();
  const construct = new Construct(environment(tier, app, platform), 'orders-db');
  return { construct, path: construct.node.path, tier, platform };
}

/** A scope whose resources go through the data-security gate, as inside a Paved component. */
export function guardedScope(tier: Tier, name: string): ResourceScope {
  const subject = policySubject(tier);
  const parent = new pulumi.ComponentResource('paved:test:Guarded', name);
  guardChildren(parent, subject);
  return { subject, tags: { team: 'payments' }, options: { parent } };
}
