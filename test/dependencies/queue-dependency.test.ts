import { Duration } from 'cdk8s';
import * as fc from 'fast-check';
import { BucketDependency } from '../../src/dependencies/bucket-dependency';
import { DependencyKind, Realisation } from '../../src/dependencies/dependency';
import { QueueDependency } from '../../src/dependencies/queue-dependency';
import { Errors } from '../../src/errors';
import { CloudWatchExporter } from '../../src/platform/cloudwatch-exporter';
import { Tier } from '../../src/platform/tier';
import { PlatformService } from '../../src/service/platform-service';
import { errorOf } from '../support/errors';
import { dependencyEnvironment, find, findAll, synth } from '../support/fixtures';

const IMAGE = 'registry.acme.dev/payments/orders-api:1.0.0';

describe('QueueDependency', () => {
  test('is real SQS in every tier, named by the contract, with its dead-letter queue beside it', () => {
    for (const tier of Tier.all()) {
      const queue = new QueueDependency(dependencyEnvironment(tier), 'orders-events');
      expect(queue.kind).toBe(DependencyKind.QUEUE);
      expect(queue.realisation).toBe(Realisation.CLOUD);
      expect(queue.port).toBe(443);
      expect(queue.queueName).toBe(queue.cloudResourceName);
      expect(queue.deadLetterQueueName).toBe(`${queue.cloudResourceName}-dlq`);
    }
    const queue = new QueueDependency(dependencyEnvironment(Tier.PRODUCTION), 'orders-events');
    expect(queue.queueName).toMatch(/^acme-payments-production-orders-events-[0-9a-f]{6}$/);
    expect(queue.queueArn).toBe(`arn:aws:sqs:eu-west-1:123456789012:${queue.queueName}`);
    expect(queue.queueUrl).toBe(`https://sqs.eu-west-1.amazonaws.com/123456789012/${queue.queueName}`);
    expect(queue.deadLetterQueueArn).toBe(`arn:aws:sqs:eu-west-1:123456789012:${queue.queueName}-dlq`);
    expect(queue.scalerRoleName).toMatch(/^paved-payments-production-orders-events-scaler-[0-9a-f]{6}$/);
  });

  test('defaults: 30 s visibility, 5 receives, 4 days retention, standard, no consumers', () => {
    const queue = new QueueDependency(dependencyEnvironment(Tier.STAGING), 'orders-events');
    expect(queue).toMatchObject({ visibilityTimeoutSeconds: 30, maxReceiveCount: 5, retentionSeconds: 4 * 86400, fifo: false });
    expect(queue.consumers).toEqual([]);
  });

  test('a FIFO queue and its dead-letter queue both end in .fifo, within the 80 characters SQS allows', () => {
    const queue = new QueueDependency(dependencyEnvironment(Tier.PRODUCTION), 'x'.repeat(63), { fifo: true });
    expect(queue.queueName).toMatch(/\.fifo$/);
    expect(queue.deadLetterQueueName).toMatch(/-dlq\.fifo$/);
    expect(queue.deadLetterQueueName).toHaveLength(80);
  });

  test('copies url, arn and region from the contract secret', () => {
    const env = dependencyEnvironment(Tier.PREVIEW);
    new QueueDependency(env, 'orders-events');
    expect(find(synth(env), 'ExternalSecret', 'orders-events').spec).toEqual({
      refreshInterval: '1h',
      secretStoreRef: { kind: 'ClusterSecretStore', name: 'aws-secrets-manager' },
      target: { name: 'orders-events', creationPolicy: 'Owner' },
      data: ['url', 'arn', 'region'].map((property) => ({ secretKey: property, remoteRef: { key: 'paved/acme/payments-preview/orders-events', property } })),
    });
  });

  test('a service using it gets QUEUE_URL, QUEUE_ARN and AWS_REGION, an IRSA role and HTTPS egress declared as internet', () => {
    const env = dependencyEnvironment(Tier.PRODUCTION);
    const queue = new QueueDependency(env, 'orders-events');
    new PlatformService(env, 'orders-api', { image: IMAGE, port: 8080, dependencies: [queue] });
    const objects = synth(env);
    const env_ = find(objects, 'Deployment', 'orders-api').spec.template.spec.containers[0].env;
    expect(env_).toEqual(expect.arrayContaining([
      { name: 'QUEUE_URL', valueFrom: { secretKeyRef: { name: 'orders-events', key: 'url' } } },
      { name: 'QUEUE_ARN', valueFrom: { secretKeyRef: { name: 'orders-events', key: 'arn' } } },
      { name: 'AWS_REGION', valueFrom: { secretKeyRef: { name: 'orders-events', key: 'region' } } },
    ]));
    expect(find(objects, 'ServiceAccount', 'orders-api').metadata.annotations['eks.amazonaws.com/role-arn']).toMatch(/^arn:aws:iam::123456789012:role\/paved-payments-production-orders-api-/);
    const policy = find(objects, 'NetworkPolicy', 'orders-api');
    expect(policy.metadata.annotations['paved.dev/egress-internet']).toContain(`HTTPS to SQS and STS for queue ${queue.queueName}`);
    expect(JSON.stringify(policy.spec.egress)).toContain('"port":443');
  });

  test('two queues are prefixed with their names; a bucket beside one queue keeps the standard names', () => {
    const env = dependencyEnvironment(Tier.PRODUCTION);
    const a = new QueueDependency(env, 'orders-events');
    const b = new QueueDependency(env, 'refunds');
    const invoices = new BucketDependency(env, 'invoices');
    new PlatformService(env, 'orders-api', { image: IMAGE, port: 8080, dependencies: [a, b] });
    new PlatformService(env, 'billing', { image: IMAGE, port: 8080, dependencies: [invoices, a] });
    const objects = synth(env);
    const names = (service: string) => find(objects, 'Deployment', service).spec.template.spec.containers[0].env.map((v: any) => v.name);
    expect(names('orders-api')).toEqual(expect.arrayContaining(['ORDERS_EVENTS_QUEUE_URL', 'REFUNDS_QUEUE_URL', 'ORDERS_EVENTS_AWS_REGION', 'REFUNDS_AWS_REGION']));
    expect(names('orders-api')).not.toContain('QUEUE_URL');
    // Both carry the platform's one region, so the bucket's and the queue's AWS_REGION are one variable.
    expect(names('billing').filter((n: string) => n === 'AWS_REGION')).toHaveLength(1);
    expect(names('billing')).toEqual(expect.arrayContaining(['BUCKET_NAME', 'QUEUE_URL']));
  });

  test('consumers are the named services, sorted, plus workloads a worker adds', () => {
    const queue = new QueueDependency(dependencyEnvironment(Tier.PRODUCTION), 'orders-events', { consumers: ['fulfilment', 'audit'] });
    queue._addConsumer('mailer');
    queue._addConsumer('audit');
    expect(queue.consumers).toEqual(['audit', 'fulfilment', 'mailer']);
  });
});

describe('QueueDependency KEDA scaler', () => {
  test('an aws-sqs-queue trigger on the queue URL, authenticated by KEDA\'s own identity assuming the scaler role', () => {
    const env = dependencyEnvironment(Tier.PRODUCTION);
    const queue = new QueueDependency(env, 'orders-events');
    const scaler = queue._kedaScaler({ queueLength: 10, activationQueueLength: 2 });
    expect(scaler.trigger).toEqual({
      type: 'aws-sqs-queue',
      metadata: { queueURL: queue.queueUrl, awsRegion: 'eu-west-1', queueLength: '10', activationQueueLength: '2' },
      authenticationRef: { name: 'orders-events', kind: 'TriggerAuthentication' },
    });
    const auth = find(synth(env), 'TriggerAuthentication', 'orders-events');
    expect(auth.apiVersion).toBe('keda.sh/v1alpha1');
    expect(auth.spec).toEqual({ podIdentity: { provider: 'aws', roleArn: `arn:aws:iam::123456789012:role/${queue.scalerRoleName}` } });
  });

  test('the TriggerAuthentication exists only once something scales on the queue, and only once', () => {
    const env = dependencyEnvironment(Tier.PRODUCTION);
    const queue = new QueueDependency(env, 'orders-events');
    expect(findAll(synth(env), 'TriggerAuthentication')).toHaveLength(0);
    const first = queue._kedaScaler();
    const second = queue._kedaScaler({ queueLength: 1 });
    expect(second.triggerAuthentication).toBe(first.triggerAuthentication);
    expect(first.trigger.metadata).toMatchObject({ queueLength: '5', activationQueueLength: '0' });
    expect(findAll(synth(env), 'TriggerAuthentication')).toHaveLength(1);
  });

  test('rejects a queue length of zero', () => {
    const queue = new QueueDependency(dependencyEnvironment(Tier.PRODUCTION), 'orders-events');
    expect(errorOf(() => queue._kedaScaler({ queueLength: 0 })).message).toContain('payments-production/orders-events: queueLength (0) must be a whole number from 1 to 100000');
  });
});

describe('QueueDependency metrics, for the worker scaled on it', () => {
  test('the age of the oldest message and the dead-letter depth, one series each, in YACE naming by default', () => {
    const queue = new QueueDependency(dependencyEnvironment(Tier.PRODUCTION), 'orders-events');
    expect(queue._oldestMessageAgeExpression()).toBe(`max(aws_sqs_approximate_age_of_oldest_message_maximum{dimension_QueueName="${queue.queueName}"})`);
    expect(queue._deadLetterDepthExpression()).toBe(`max(aws_sqs_approximate_number_of_messages_visible_maximum{dimension_QueueName="${queue.deadLetterQueueName}"})`);
  });

  test('the prometheus cloudwatch_exporter labels the queue queue_name', () => {
    const env = dependencyEnvironment(Tier.PRODUCTION, { observability: { cloudWatchExporter: CloudWatchExporter.CLOUDWATCH_EXPORTER } });
    const queue = new QueueDependency(env, 'orders-events');
    expect(queue._deadLetterDepthExpression()).toBe(`max(aws_sqs_approximate_number_of_messages_visible_maximum{queue_name="${queue.deadLetterQueueName}"})`);
  });
});

describe('QueueDependency errors', () => {
  const env = () => dependencyEnvironment(Tier.PRODUCTION);
  const cases: Array<[string, () => QueueDependency, string]> = [
    ['a visibility timeout over 12 hours', () => new QueueDependency(env(), 'q', { visibilityTimeout: Duration.hours(13) }),
      'payments-production/q: visibilityTimeout (46800s) must be a Duration of whole seconds from 0s to 43200s'],
    ['a fractional visibility timeout', () => new QueueDependency(env(), 'q', { visibilityTimeout: Duration.millis(1500) }), 'visibilityTimeout (1.5s)'],
    ['a visibility timeout that is not a Duration', () => new QueueDependency(env(), 'q', { visibilityTimeout: 30 as any }), 'visibilityTimeout (30) must be a Duration'],
    ['a retention under a minute', () => new QueueDependency(env(), 'q', { retention: Duration.seconds(30) }), 'retention (30s) must be a Duration of whole seconds from 60s to 1209600s'],
    ['a retention over 14 days', () => new QueueDependency(env(), 'q', { retention: Duration.days(15) }), 'retention (1296000s)'],
    ['no receives before the dead-letter queue', () => new QueueDependency(env(), 'q', { maxReceiveCount: 0 }), 'maxReceiveCount (0) must be a whole number from 1 to 1000'],
    ['fifo given as text', () => new QueueDependency(env(), 'q', { fifo: 'yes' as any }), 'fifo "yes" must be true or false'],
    ['a consumer that is not a service name', () => new QueueDependency(env(), 'q', { consumers: ['Orders_API'] }), 'consumers[0] "Orders_API"'],
    ['an unknown prop', () => new QueueDependency(env(), 'q', { visibility: Duration.seconds(5) } as any), 'visibility'],
  ];

  test.each(cases)('rejects %s, naming the prop', (_what, build, message) => {
    const error = errorOf(build);
    expect(Errors.isPavedError(error)).toBe(true);
    expect(error.message).toContain(message);
  });

  test('a platform without aws settings cannot have a queue in any tier', () => {
    const error = errorOf(() => new QueueDependency(dependencyEnvironment(Tier.PREVIEW, { aws: undefined }), 'q'));
    expect(error.message).toContain('has no aws settings: a queue dependency in the preview tier is realised in AWS');
  });

  test('property: every visibility timeout of whole seconds up to 12 hours is accepted as given, every other refused', () => {
    const reached = { accepted: 0, refused: 0 };
    fc.assert(fc.property(fc.oneof(fc.integer({ min: 0, max: 43200 }), fc.integer({ min: 43201, max: 200000 })), (seconds) => {
      const build = () => new QueueDependency(env(), 'q', { visibilityTimeout: Duration.seconds(seconds) });
      if (seconds <= 43200) {
        expect(build().visibilityTimeoutSeconds).toBe(seconds);
        reached.accepted++;
      } else {
        expect(Errors.isPavedError(errorOf(build))).toBe(true);
        reached.refused++;
      }
    }), { numRuns: 40 });
    expect(reached.accepted).toBeGreaterThan(0);
    expect(reached.refused).toBeGreaterThan(0);
  });
});
