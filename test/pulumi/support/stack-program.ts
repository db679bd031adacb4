// A Pulumi program on its own, as the Pulumi CLI's Node.js host runs one: PavedCloud over an app
// with two environments of dependencies, under PavedMocks for the account `argv[2]` (or, with
// `echo`, mocks that answer every call with its inputs). On exit it prints how the failure
// surfaced: every unhandled rejection, and what was created.
import * as pulumi from '@pulumi/pulumi';
import { App } from 'cdk8s';
import { BucketDependency, Environment, Platform, PlatformService, PostgresDependency, Tier } from 'paved';
import { PavedCloud, PavedMocks } from 'paved/pulumi';

const platform = new Platform({
  name: 'acme',
  domain: 'apps.acme.dev',
  registries: ['registry.acme.dev'],
  aws: { accountId: '123456789012', region: 'eu-west-1', privateNetworkCidrs: ['10.0.0.0/16'] },
});
const account = process.argv[2];
const mocks = new PavedMocks({ platform, accountId: account === 'echo' ? undefined : account });
if (account === 'echo') mocks.call = (args) => args.inputs;

const rejections: unknown[] = [];
const logged = new Set<unknown>();
process.on('unhandledRejection', (reason) => {
  rejections.push(reason);
  // What the CLI's Node.js host does (@pulumi/pulumi cmd/run/run.js): each distinct error once,
  // through the engine's log, a RunError as its message alone.
  if (logged.has(reason)) return;
  logged.add(reason);
  void pulumi.log.error(pulumi.RunError.isInstance(reason) ? (reason as Error).message : String(reason));
});
process.on('exit', () => {
  process.stdout.write(JSON.stringify({
    rejections: rejections.length,
    messages: [...new Set(rejections.map((r) => (r as Error).message))],
    created: mocks.resources.filter((r) => r.type.startsWith('aws:') || r.type.startsWith('random:')).length,
  }));
});

void mocks.install('payments-cloud', 'production').then(() => {
  const app = new App();
  for (const tier of [Tier.STAGING, Tier.PRODUCTION]) {
    const env = new Environment(app, `payments-${tier.name}`, { platform, tier, team: 'payments' });
    const db = new PostgresDependency(env, 'orders-db');
    const invoices = new BucketDependency(env, 'invoices');
    new PlatformService(env, 'orders-api', { image: 'registry.acme.dev/payments/orders-api:1.4.2', port: 8080, dependencies: [db, invoices] });
  }
  const network = { vpcId: 'vpc-0123', privateSubnetIds: ['subnet-a', 'subnet-b'], clusterSecurityGroupId: 'sg-cluster' };
  const oidc = 'oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLE';
  // Not awaited, as in a program that does not export it: the host sees its rejection.
  new PavedCloud('payments', { app, network, cluster: { oidcProviderArn: `arn:aws:iam::123456789012:oidc-provider/${oidc}`, oidcProviderUrl: `https://${oidc}` } });
});
