import { spawnSync } from 'child_process';
import { existsSync } from 'fs';
import { join } from 'path';
import { Testing } from 'cdk8s';
import { CLUSTER, NETWORK, Orders, cloudPlatform, environment, orders } from './support/fixtures';
import { RecordingMocks, registered, useMocks, valueOf } from './support/mocks';
import { PavedCloud } from '../../src/pulumi/paved-cloud';
import { errorOf } from '../support/errors';
import { Environment, Errors, PlatformService, QueueDependency, Tier } from 'paved';

const mocks = new RecordingMocks();
beforeAll(() => useMocks(mocks));

/** Every ExternalSecret's remote keys, from the manifests the Kubernetes side synthesizes. */
function remoteKeys(app: ReturnType<typeof Testing.app>): string[] {
  return app.charts.flatMap((chart) => Testing.synth(chart))
    .filter((o: any) => o.kind === 'ExternalSecret')
    .flatMap((o: any) => (o.spec.data ?? []).map((d: any) => d.remoteRef.key));
}

describe('PavedCloud over an app with a production and a development environment', () => {
  const app = Testing.app();
  let cloud: PavedCloud;
  let prod: Orders;
  let dev: Orders;
  beforeAll(async () => {
    prod = orders(Tier.PRODUCTION, app);
    dev = orders(Tier.DEVELOPMENT, app);
    cloud = new PavedCloud('payments', { app, network: NETWORK, cluster: CLUSTER });
    await Promise.all(Object.values(cloud.endpoints).map(valueOf));
    await registered(...Object.values(cloud.serviceRoles).map((r) => r.policy));
  });

  test('creates a database and a cache for production only, and a bucket for both', () => {
    expect(Object.keys(cloud.databases)).toEqual(['payments-production/orders-db']);
    expect(Object.keys(cloud.caches)).toEqual(['payments-production/orders-cache']);
    expect(Object.keys(cloud.buckets).sort()).toEqual(['payments-development/invoices', 'payments-production/invoices']);
    expect(mocks.all('aws:rds/instance:Instance').map((r) => r.inputs.identifier)).toEqual([prod.db.cloudResourceName]);
    expect(mocks.all('aws:elasticache/replicationGroup:ReplicationGroup')).toHaveLength(1);
  });

  test('in-cluster dependencies create no cloud resources at all', () => {
    const development = mocks.registrations.filter((r) => r.name.startsWith('payments-development-'));
    expect(development.filter((r) => /rds|elasticache|random/.test(r.type))).toEqual([]);
    // Buckets have no in-cluster stand-in: they are the one cloud dependency of every tier.
    expect(development.filter((r) => r.type === 'aws:s3/bucket:Bucket').map((r) => r.inputs.bucket)).toEqual([dev.invoices.bucketName]);
  });

  test('every secret the Kubernetes side reads is one the cloud side writes, by the same name', () => {
    const written = mocks.all('aws:secretsmanager/secret:Secret').map((r) => r.inputs.name).sort();
    const read = [...new Set(remoteKeys(app))].sort();
    expect(read).toEqual(written);
    expect(written).toEqual([
      'paved/acme/payments-development/invoices',
      'paved/acme/payments-production/invoices',
      'paved/acme/payments-production/orders-cache',
      'paved/acme/payments-production/orders-db',
    ]);
    expect(prod.db.cloudSecretName).toBe('paved/acme/payments-production/orders-db');
  });

  test('exposes each endpoint without secret values', async () => {
    expect(await valueOf(cloud.endpoints['payments-production/orders-db'])).toEqual({
      kind: 'postgres', secretName: 'paved/acme/payments-production/orders-db', host: `${prod.db.cloudResourceName}.abc123.eu-west-1.rds.amazonaws.com`, port: 5432,
    });
    expect(await valueOf(cloud.endpoints['payments-production/orders-cache'])).toMatchObject({ kind: 'redis', port: 6379 });
    expect(await valueOf(cloud.endpoints['payments-production/invoices'])).toEqual({ kind: 'bucket', secretName: 'paved/acme/payments-production/invoices', bucket: prod.invoices.bucketName });
  });

  test('creates one role per service that uses a bucket, named as its ServiceAccount annotation says', () => {
    expect(Object.keys(cloud.serviceRoles).sort()).toEqual(['payments-development/orders-api', 'payments-production/orders-api']);
    expect(cloud.serviceRoles['payments-production/orders-api'].roleName).toBe(prod.service.roleName);
  });

  test('tags what one service uses with that service', () => {
    expect(mocks.find('aws:rds/instance:Instance', 'payments-production-orders-db').inputs.tags.service).toBe('orders-api');
  });

  test('verifies the account it deploys to', async () => {
    expect(await cloud.verifiedAccountId).toBe('123456789012');
  });
});

describe('PavedCloud over an environment with a queue, its producer and its consumer', () => {
  const app = Testing.app();
  const env = new Environment(app, 'payments-events', { platform: cloudPlatform(), tier: Tier.STAGING, team: 'payments' });
  const events = new QueueDependency(env, 'orders-events', { consumers: ['fulfilment'] });
  const image = 'registry.acme.dev/payments/orders-api:1.4.2';
  new PlatformService(env, 'checkout', { image, port: 8080, dependencies: [events] });
  new PlatformService(env, 'fulfilment', { image, port: 8080, dependencies: [events] });
  let cloud: PavedCloud;
  const statements = (service: string) => {
    const policy = mocks.find('aws:iam/rolePolicy:RolePolicy', `payments-events-${service}-policy`).inputs.policy;
    return (typeof policy === 'string' ? JSON.parse(policy) : policy).Statement;
  };
  beforeAll(async () => {
    cloud = new PavedCloud('events', { app, network: NETWORK, cluster: CLUSTER });
    await Promise.all(Object.values(cloud.endpoints).map(valueOf));
    await registered(...Object.values(cloud.serviceRoles).map((r) => r.policy));
  });

  test('creates the queue, and exposes its URLs without secret values', async () => {
    expect(Object.keys(cloud.queues)).toEqual(['payments-events/orders-events']);
    expect(await valueOf(cloud.endpoints['payments-events/orders-events'])).toEqual({
      kind: 'queue',
      secretName: 'paved/acme/payments-events/orders-events',
      queueUrl: events.queueUrl,
      deadLetterQueueUrl: `https://sqs.eu-west-1.amazonaws.com/123456789012/${events.deadLetterQueueName}`,
    });
  });

  test('the producer may only send, with the key actions sending needs, on exactly this queue and key', () => {
    expect(statements('checkout')).toEqual([
      { Sid: 'QueueSend', Effect: 'Allow', Action: ['sqs:SendMessage'], Resource: [events.queueArn] },
      { Sid: 'QueueSendKeys', Effect: 'Allow', Action: ['kms:GenerateDataKey', 'kms:Decrypt'], Resource: ['arn:aws:kms:eu-west-1:123456789012:key/payments-events-orders-events-key'] },
    ]);
  });

  test('the consumer may receive, delete, extend visibility and read attributes, and decrypt, but not send', () => {
    expect(statements('fulfilment')).toEqual([
      { Sid: 'QueueReceive', Effect: 'Allow', Action: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility', 'sqs:GetQueueAttributes'], Resource: [events.queueArn] },
      { Sid: 'QueueReceiveKeys', Effect: 'Allow', Action: ['kms:Decrypt'], Resource: ['arn:aws:kms:eu-west-1:123456789012:key/payments-events-orders-events-key'] },
    ]);
  });

  test('no service is granted the dead-letter queue', () => {
    expect(JSON.stringify([statements('checkout'), statements('fulfilment')])).not.toContain(events.deadLetterQueueName);
  });

  test('every secret the Kubernetes side reads for the queue is one the cloud side writes', () => {
    expect(remoteKeys(app)).toEqual(['paved/acme/payments-events/orders-events', 'paved/acme/payments-events/orders-events', 'paved/acme/payments-events/orders-events']);
    expect(mocks.all('aws:secretsmanager/secret:Secret').map((r) => r.inputs.name)).toContain('paved/acme/payments-events/orders-events');
  });
});

describe('PavedCloud checks', () => {
  test('creates nothing until the AWS account is verified', async () => {
    const app = Testing.app();
    orders(Tier.STAGING, app);
    const release = mocks.holdIdentity();
    const before = mocks.registrations.length;
    const cloud = new PavedCloud('held', { app, network: NETWORK, cluster: CLUSTER });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const created = () => mocks.registrations.slice(before).filter((r) => r.type.startsWith('aws:') || r.type.startsWith('random:'));
    expect(created()).toEqual([]);
    release();
    await Promise.all(Object.values(cloud.endpoints).map(valueOf));
    expect(created().length).toBeGreaterThan(10);
  });

  test('fails clearly when the stack targets another AWS account', async () => {
    // A service without dependencies: the check runs, and no resource waits on it.
    const app = Testing.app();
    new PlatformService(environment(Tier.STAGING, app), 'storefront', { image: 'registry.acme.dev/payments/storefront:2.0.1', port: 3000 });
    mocks.account = '999999999999';
    try {
      const cloud = new PavedCloud('elsewhere', { app, network: NETWORK, cluster: CLUSTER });
      await expect(cloud.verifiedAccountId).rejects.toMatchObject({
        message: "PavedCloud(elsewhere): the stack deploys to AWS account 999999999999 in eu-west-1, but the platform's resources belong to account 123456789012 in eu-west-1: select the platform's account and region (AWS profile or provider settings) and deploy again",
      });
    } finally {
      mocks.account = '123456789012';
    }
  });

  test('fails clearly when the stack targets another region', async () => {
    const app = Testing.app();
    new PlatformService(environment(Tier.STAGING, app), 'storefront', { image: 'registry.acme.dev/payments/storefront:2.0.1', port: 3000 });
    mocks.region = 'us-east-1';
    try {
      const cloud = new PavedCloud('region', { app, network: NETWORK, cluster: CLUSTER });
      await expect(cloud.verifiedAccountId).rejects.toThrow(/deploys to AWS account 123456789012 in us-east-1, but .* in eu-west-1/);
    } finally {
      mocks.region = 'eu-west-1';
    }
  });

  /** Cloud resources registered after the `before`th registration. */
  const createdSince = (before: number) => mocks.registrations.slice(before).filter((r) => r.type.startsWith('aws:') || r.type.startsWith('random:'));

  // A failed registration reports its own copy of the error: were the resources to fail rather
  // than wait, the test runner would fail this test with one unhandled rejection per resource.
  test('a stack on the wrong account fails once, with one message, and creates nothing', async () => {
    const app = Testing.app();
    orders(Tier.PRODUCTION, app);
    orders(Tier.STAGING, app);
    mocks.account = '999999999999';
    const before = mocks.registrations.length;
    try {
      const cloud = new PavedCloud('wrong-account', { app, network: NETWORK, cluster: CLUSTER });
      expect(Object.keys(cloud.databases)).toHaveLength(2);
      await expect(cloud.verifiedAccountId).rejects.toThrow(/^PavedCloud\(wrong-account\): the stack deploys to AWS account 999999999999 in eu-west-1, but/);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(createdSince(before)).toEqual([]);
    } finally {
      mocks.account = '123456789012';
    }
  });

  test('mocks that answer every call with its inputs fail the stack once, naming the mocks to use', async () => {
    const app = Testing.app();
    orders(Tier.PRODUCTION, app);
    mocks.echoCalls = true;
    const before = mocks.registrations.length;
    try {
      const cloud = new PavedCloud('echo', { app, network: NETWORK, cluster: CLUSTER });
      const error = await cloud.verifiedAccountId.then(() => undefined, (e) => e);
      expect(Errors.isPavedError(error)).toBe(true);
      expect(error.message).toBe('PavedCloud(echo): the AWS lookups answered account undefined and region undefined, not a 12-digit account ID and a region: '
        + "under Pulumi mocks, answer aws:index/getCallerIdentity and aws:index/getRegion with the platform's (new PavedMocks({ platform }) from paved/pulumi does)");
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(createdSince(before)).toEqual([]);
    } finally {
      mocks.echoCalls = false;
    }
  });

  test('a failing lookup fails the stack once with its own error', async () => {
    const app = Testing.app();
    orders(Tier.PRODUCTION, app);
    const before = mocks.registrations.length;
    // As a provider's failure reaches the program: a gRPC error, whose details Pulumi rethrows.
    const grpcError = Object.assign(new Error('2 UNKNOWN'), { details: 'no valid credential sources found' });
    const failing = jest.spyOn(mocks, 'call').mockImplementation(async () => { throw grpcError; });
    try {
      const cloud = new PavedCloud('no-credentials', { app, network: NETWORK, cluster: CLUSTER });
      await expect(cloud.verifiedAccountId).rejects.toThrow(/^no valid credential sources found$/);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(createdSince(before)).toEqual([]);
    } finally {
      failing.mockRestore();
    }
  });

  test('realises only the selected environments', async () => {
    const app = Testing.app();
    orders(Tier.STAGING, app);
    orders(Tier.PRODUCTION, app);
    const cloud = new PavedCloud('staging-only', { app, network: NETWORK, cluster: CLUSTER, environments: ['payments-staging'] });
    expect(Object.keys(cloud.endpoints).sort()).toEqual(['payments-staging/invoices', 'payments-staging/orders-cache', 'payments-staging/orders-db']);
    await Promise.all(Object.values(cloud.endpoints).map(valueOf));
  });

  test('names an environment that does not exist', () => {
    const app = Testing.app();
    orders(Tier.STAGING, app);
    expect(() => new PavedCloud('typo', { app, network: NETWORK, cluster: CLUSTER, environments: ['payments-stagign'] }))
      .toThrow(/PavedCloud\(typo\): environments \["payments-stagign"\] match no environment of the app \(known: payments-staging\)/);
  });

  test('names an override for a dependency it does not realise', () => {
    const app = Testing.app();
    orders(Tier.STAGING, app);
    expect(() => new PavedCloud('bad-override', { app, network: NETWORK, cluster: CLUSTER, overrides: { postgres: { 'payments-staging/orders-cache': {} } } }))
      .toThrow(/overrides\.postgres names "payments-staging\/orders-cache", which is not a postgres dependency or service realised by this stack \(known: payments-staging\/orders-db\)/);
  });

  test('names a queue consumer that is not a service using the queue', () => {
    const app = Testing.app();
    const env = environment(Tier.STAGING, app);
    const events = new QueueDependency(env, 'orders-events', { consumers: ['fulfillment'] });
    new PlatformService(env, 'fulfilment', { image: 'registry.acme.dev/payments/orders-api:1.4.2', port: 8080, dependencies: [events] });
    const error = errorOf(() => new PavedCloud('consumer-typo', { app, network: NETWORK, cluster: CLUSTER }));
    expect(Errors.isPavedError(error)).toBe(true);
    expect(error.message).toBe('payments-staging/orders-events: consumers ["fulfillment"] name no service that lists the queue among its dependencies (services using it: fulfilment)');
  });

  test('checks overrides against the data-security pack, naming the dependency', () => {
    const app = Testing.app();
    orders(Tier.PRODUCTION, app);
    const error = errorOf(() => new PavedCloud('weakened', { app, network: NETWORK, cluster: CLUSTER, overrides: { postgres: { 'payments-production/orders-db': { instance: { deletionProtection: false } } } } }));
    expect(Errors.isPavedError(error)).toBe(true);
    expect(error.message).toMatch(/^payments-production\/orders-db: cloud resource arguments break the data-security policy\n✖ data\.rds-deletion-protection/);
  });
});

// As the Pulumi CLI runs a program: in a process of its own, whose unhandled rejections the host
// reports (once per distinct error) and which must end by itself, with nothing created.
describe('a misconfigured stack, run as a program', () => {
  const ROOT = join(__dirname, '..', '..');
  function run(account: string): { rejections: number; messages: string[]; created: number; stderr: string } {
    if (!existsSync(join(ROOT, 'lib', 'pulumi', 'index.js'))) throw new Error('lib/ is missing: `npm test` compiles it first; alone, run `npm run compile`');
    const child = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'ts-node', 'dist', 'bin.js'), '--transpile-only', '--project', join(ROOT, 'test', 'tsconfig.json'),
      join(__dirname, 'support', 'stack-program.ts'), account], { cwd: ROOT, encoding: 'utf8', timeout: 90_000 });
    if (child.error) throw child.error; // a program that does not end by itself times out here
    return { ...JSON.parse(child.stdout), stderr: child.stderr };
  }

  // The one message, logged once; and not Pulumi's warning about pending promises, which it
  // leaves out once an error is logged.
  const onlyMessage = (stderr: string, message: string) => {
    expect(stderr.split(message)).toHaveLength(2);
    expect(stderr).not.toContain('promises were still active');
  };

  test('on the wrong account, fails with one error and ends by itself, creating nothing', () => {
    const { stderr, ...outcome } = run('999999999999');
    const message = "PavedCloud(payments): the stack deploys to AWS account 999999999999 in eu-west-1, but the platform's resources belong to account 123456789012 in eu-west-1: select the platform's account and region (AWS profile or provider settings) and deploy again";
    expect(outcome).toEqual({ rejections: 1, messages: [message], created: 0 });
    onlyMessage(stderr, message);
  }, 120_000);

  test('under mocks that answer with the inputs, fails with one error naming PavedMocks', () => {
    const { stderr, rejections, messages, created } = run('echo');
    expect({ rejections, created }).toEqual({ rejections: 1, created: 0 });
    expect(messages[0]).toMatch(/^PavedCloud\(payments\): the AWS lookups answered account undefined .*new PavedMocks\(\{ platform \}\)/);
    onlyMessage(stderr, messages[0]);
  }, 120_000);

  test('on the platform\'s account, creates everything without an error', () => {
    const { stderr, rejections, created } = run('123456789012');
    expect(rejections).toBe(0);
    expect(created).toBeGreaterThan(20);
    expect(stderr).not.toContain('promises were still active');
  }, 120_000);
});
