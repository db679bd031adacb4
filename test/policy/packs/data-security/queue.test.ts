import { KEY_ARN, UNRESOLVED, check, checkKind } from './support';
import { CloudKinds } from '../../../../src/policy/packs/data-security/cloud-resource';
import { QUEUE_DEAD_LETTER, QUEUE_ENCRYPTION, QUEUE_POLICY_NO_FOREIGN_GRANTS, QUEUE_TLS_ONLY } from '../../../../src/policy/packs/data-security/queue';

const QUEUE_ARN = 'arn:aws:sqs:eu-west-1:123456789012:acme-payments-production-orders-events-1a2b3c';
const DLQ_ARN = `${QUEUE_ARN}-dlq`;

describe('data.queue-encryption', () => {
  test('passes a customer-managed key, known now or at deploy time', () => {
    expect(check(QUEUE_ENCRYPTION, { kmsMasterKeyId: KEY_ARN })).toEqual([]);
    expect(check(QUEUE_ENCRYPTION, { kmsMasterKeyId: UNRESOLVED, sqsManagedSseEnabled: false })).toEqual([]);
  });
  test('fails no key, SQS-managed keys and the AWS-managed alias', () => {
    expect(check(QUEUE_ENCRYPTION, { sqsManagedSseEnabled: true })).toEqual([
      { field: 'spec.kmsMasterKeyId', found: 'absent', expected: 'a customer-managed KMS key ARN' },
      { field: 'spec.sqsManagedSseEnabled', found: 'true', expected: 'absent or false: the customer-managed key encrypts the queue' },
    ]);
    for (const key of ['alias/aws/sqs', 'arn:aws:kms:eu-west-1:123456789012:alias/aws/sqs']) {
      expect(check(QUEUE_ENCRYPTION, { kmsMasterKeyId: key })).toEqual([
        { field: 'spec.kmsMasterKeyId', found: JSON.stringify(key), expected: 'a customer-managed KMS key, not an AWS-managed alias/aws/* key' },
      ]);
    }
    expect(check(QUEUE_ENCRYPTION, { kmsMasterKeyId: 'alias/payments-queue' })).toEqual([]);
  });
});

describe('data.queue-tls-only', () => {
  const deny = { Sid: 'DenyInsecureTransport', Effect: 'Deny', Principal: '*', Action: 'sqs:*', Resource: QUEUE_ARN, Condition: { Bool: { 'aws:SecureTransport': 'false' } } };
  test('passes a policy denying insecure transport, as a document or as JSON', () => {
    expect(check(QUEUE_TLS_ONLY, { queueUrl: UNRESOLVED, policy: { Version: '2012-10-17', Statement: [deny] } })).toEqual([]);
    expect(check(QUEUE_TLS_ONLY, { policy: JSON.stringify({ Statement: { ...deny, Principal: { AWS: '*' } } }) })).toEqual([]);
  });
  test('fails a policy without the deny, or one that denies only S3 actions', () => {
    const expected = [{ field: 'spec.policy.Statement', found: 'no statement denying insecure transport', expected: 'Deny sqs:* to "*" when aws:SecureTransport is "false"' }];
    expect(check(QUEUE_TLS_ONLY, { policy: { Statement: [{ ...deny, Effect: 'Allow' }] } })).toEqual(expected);
    expect(check(QUEUE_TLS_ONLY, { policy: { Statement: [{ ...deny, Action: 's3:*' }] } })).toEqual(expected);
  });
  test('fails a policy that cannot be read before deployment', () => {
    expect(check(QUEUE_TLS_ONLY, { policy: UNRESOLVED })[0].found).toMatch(/unresolved/);
  });
});

describe('data.queue-policy-principals', () => {
  const deny = { Effect: 'Deny', Principal: '*', Action: 'sqs:*', Resource: QUEUE_ARN, Condition: { Bool: { 'aws:SecureTransport': 'false' } } };
  const allow = (principal: unknown) => ({ policy: { Statement: [deny, { Effect: 'Allow', Principal: principal, Action: 'sqs:SendMessage', Resource: QUEUE_ARN }] } });
  test('passes Deny statements, grants to roles of the account, and a queue without an inline policy', () => {
    expect(check(QUEUE_POLICY_NO_FOREIGN_GRANTS, { policy: { Statement: [deny] } })).toEqual([]);
    expect(checkKind(QUEUE_POLICY_NO_FOREIGN_GRANTS, CloudKinds.SQS_QUEUE_POLICY, allow({ AWS: 'arn:aws:iam::123456789012:role/producer' }))).toEqual([]);
    expect(checkKind(QUEUE_POLICY_NO_FOREIGN_GRANTS, CloudKinds.SQS_QUEUE, { name: 'q', kmsMasterKeyId: KEY_ARN })).toEqual([]);
  });
  test('fails a public queue and grants outside the account, inline or as a policy resource', () => {
    for (const kind of [CloudKinds.SQS_QUEUE, CloudKinds.SQS_QUEUE_POLICY]) {
      for (const principal of ['*', { AWS: '*' }, { AWS: 'arn:aws:iam::999999999999:root' }, { Service: 'sns.amazonaws.com' }]) {
        expect(checkKind(QUEUE_POLICY_NO_FOREIGN_GRANTS, kind, allow(principal))).toEqual([expect.objectContaining({ field: 'spec.policy.Statement[1].Principal' })]);
      }
    }
    const not = { policy: JSON.stringify({ Statement: [{ Effect: 'Allow', NotPrincipal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: 'sqs:*', Resource: QUEUE_ARN }] }) };
    expect(checkKind(QUEUE_POLICY_NO_FOREIGN_GRANTS, CloudKinds.SQS_QUEUE, not)[0].field).toBe('spec.policy.Statement[0].NotPrincipal');
  });
  test('an unreadable inline policy is this rule\'s finding; an unreadable policy resource is the TLS rule\'s', () => {
    expect(checkKind(QUEUE_POLICY_NO_FOREIGN_GRANTS, CloudKinds.SQS_QUEUE, { policy: UNRESOLVED })[0]).toMatchObject({ field: 'spec.policy', expected: 'a policy document readable before deployment' });
    expect(checkKind(QUEUE_POLICY_NO_FOREIGN_GRANTS, CloudKinds.SQS_QUEUE_POLICY, { policy: UNRESOLVED })).toEqual([]);
  });
});

describe('data.queue-dead-letter', () => {
  const redrive = (policy: unknown) => ({ kmsMasterKeyId: KEY_ARN, redrivePolicy: typeof policy === 'string' ? policy : JSON.stringify(policy) });
  const allow = (policy: unknown) => ({ kmsMasterKeyId: KEY_ARN, redriveAllowPolicy: JSON.stringify(policy) });
  test('passes a source queue redriving to one named queue, and a dead-letter queue admitting only its sources', () => {
    expect(check(QUEUE_DEAD_LETTER, redrive({ deadLetterTargetArn: DLQ_ARN, maxReceiveCount: 5 }))).toEqual([]);
    expect(check(QUEUE_DEAD_LETTER, { redrivePolicy: { deadLetterTargetArn: `${DLQ_ARN}.fifo`, maxReceiveCount: '3' } })).toEqual([]);
    expect(check(QUEUE_DEAD_LETTER, allow({ redrivePermission: 'byQueue', sourceQueueArns: [QUEUE_ARN] }))).toEqual([]);
    expect(check(QUEUE_DEAD_LETTER, { ...redrive({ deadLetterTargetArn: DLQ_ARN, maxReceiveCount: 5 }), redriveAllowPolicy: '{"redrivePermission":"denyAll"}' })).toEqual([]);
  });
  test('fails a queue with nowhere for failed messages to go', () => {
    expect(check(QUEUE_DEAD_LETTER, { kmsMasterKeyId: KEY_ARN })).toEqual([
      { field: 'spec.redrivePolicy', found: 'absent', expected: 'a redrive policy to a dead-letter queue (or, on a dead-letter queue, a redriveAllowPolicy "byQueue" naming its source queues)' },
    ]);
    expect(check(QUEUE_DEAD_LETTER, allow({ redrivePermission: 'denyAll' }))[0].field).toBe('spec.redriveAllowPolicy.redrivePermission');
  });
  test('fails a redrive to a pattern or an unknown queue, and receive counts SQS refuses', () => {
    expect(check(QUEUE_DEAD_LETTER, redrive({ deadLetterTargetArn: 'arn:aws:sqs:eu-west-1:123456789012:*', maxReceiveCount: 0 }))).toEqual([
      { field: 'spec.redrivePolicy.deadLetterTargetArn', found: '"arn:aws:sqs:eu-west-1:123456789012:*"', expected: 'the literal ARN of one SQS queue' },
      { field: 'spec.redrivePolicy.maxReceiveCount', found: '0', expected: 'a whole number from 1 to 1000' },
    ]);
    expect(check(QUEUE_DEAD_LETTER, redrive({ deadLetterTargetArn: DLQ_ARN, maxReceiveCount: 1001 }))[0].field).toBe('spec.redrivePolicy.maxReceiveCount');
    expect(check(QUEUE_DEAD_LETTER, { redrivePolicy: UNRESOLVED })[0]).toMatchObject({ field: 'spec.redrivePolicy', expected: 'a redrive policy readable before deployment' });
    expect(check(QUEUE_DEAD_LETTER, redrive('{not json'))[0].found).toBe('not a JSON redrive policy');
  });
  test('fails a dead-letter queue any queue may use, or one naming its sources by pattern', () => {
    expect(check(QUEUE_DEAD_LETTER, allow({ redrivePermission: 'allowAll' }))).toEqual([
      { field: 'spec.redriveAllowPolicy.redrivePermission', found: '"allowAll"', expected: '"byQueue" naming its source queues' },
    ]);
    expect(check(QUEUE_DEAD_LETTER, allow({ redrivePermission: 'byQueue', sourceQueueArns: [] }))[0].field).toBe('spec.redriveAllowPolicy.sourceQueueArns');
    expect(check(QUEUE_DEAD_LETTER, allow({ redrivePermission: 'byQueue', sourceQueueArns: ['arn:aws:sqs:eu-west-1:123456789012:acme-*'] }))[0].field).toBe('spec.redriveAllowPolicy.sourceQueueArns');
    expect(check(QUEUE_DEAD_LETTER, { ...redrive({ deadLetterTargetArn: DLQ_ARN, maxReceiveCount: 5 }), redriveAllowPolicy: '{"redrivePermission":"allowAll"}' })[0].field)
      .toBe('spec.redriveAllowPolicy.redrivePermission');
  });
});
