import { CloudKinds, foundValue, isUnresolved, listOf, requirePresent, securityRule, statementsOf } from './cloud-resource';
import { deniesInsecureTransport, foreignGrants } from './principals';
import { IRule, Severity, Violation } from '../../rule';

/** SQS accepts a maxReceiveCount from 1 to 1000. */
const MAX_RECEIVE_COUNT = 1000;
/** An SQS queue ARN naming exactly one queue: no wildcard anywhere. */
const QUEUE_ARN = /^arn:aws[a-z-]*:sqs:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_-]+(\.fifo)?$/;

/** Messages are encrypted at rest with a customer-managed KMS key. */
export const QUEUE_ENCRYPTION: IRule = securityRule({
  id: 'data.queue-encryption',
  title: 'SQS queues encrypt messages with a customer-managed KMS key',
  severity: Severity.HIGH,
  rationale: 'With a customer-managed key, reading a message needs a grant on that key as well as on the queue, and every decryption is logged in CloudTrail; SQS-managed keys and the AWS-managed alias/aws/sqs key can be used by any role with queue access.',
  remediation: 'Remove the override of kmsMasterKeyId and sqsManagedSseEnabled: SecureQueue encrypts both queues with the dependency\'s own key.',
  kinds: [CloudKinds.SQS_QUEUE],
  check: ({ spec }) => {
    const violations: Violation[] = requirePresent(spec, 'kmsMasterKeyId', 'a customer-managed KMS key ARN');
    const key = spec.kmsMasterKeyId;
    if (typeof key === 'string' && /^(arn:aws[a-z-]*:kms:[^:]*:[^:]*:)?alias\/aws\//.test(key)) {
      violations.push({ field: 'spec.kmsMasterKeyId', found: foundValue(key), expected: 'a customer-managed KMS key, not an AWS-managed alias/aws/* key' });
    }
    if (spec.sqsManagedSseEnabled !== undefined && spec.sqsManagedSseEnabled !== false) {
      violations.push({ field: 'spec.sqsManagedSseEnabled', found: foundValue(spec.sqsManagedSseEnabled), expected: 'absent or false: the customer-managed key encrypts the queue' });
    }
    return violations;
  },
});

/** Requests over plain HTTP are refused, whoever makes them. */
export const QUEUE_TLS_ONLY: IRule = securityRule({
  id: 'data.queue-tls-only',
  title: 'SQS queue policies deny requests without TLS',
  severity: Severity.HIGH,
  rationale: 'SQS answers plain HTTP too; only a queue policy denying aws:SecureTransport=false guarantees messages and credentials never cross the network in clear text.',
  remediation: 'Keep the Deny statement on aws:SecureTransport=false in the queue policy; add statements beside it rather than replacing the policy.',
  kinds: [CloudKinds.SQS_QUEUE_POLICY],
  check: ({ spec }) => {
    const statements = statementsOf(spec.policy);
    if (statements === undefined) {
      return [{ field: 'spec.policy', found: isUnresolved(spec.policy) ? foundValue(spec.policy) : 'not a JSON policy document', expected: 'a policy document readable before deployment' }];
    }
    return statements.some((statement) => deniesInsecureTransport(statement, 'sqs'))
      ? []
      : [{ field: 'spec.policy.Statement', found: 'no statement denying insecure transport', expected: 'Deny sqs:* to "*" when aws:SecureTransport is "false"' }];
  },
});

/** A queue's own policy grants nothing to anyone outside the account. */
export const QUEUE_POLICY_NO_FOREIGN_GRANTS: IRule = securityRule({
  id: 'data.queue-policy-principals',
  title: 'SQS queue policies grant access to principals of the account only',
  severity: Severity.CRITICAL,
  rationale: 'An Allow to "*", to another AWS account, to a service or through NotPrincipal lets identities the account does not control send, read or delete messages.',
  remediation: 'Grant a service access through its ServiceRole; keep only Deny statements and grants to roles of the platform\'s account in the queue policy.',
  kinds: [CloudKinds.SQS_QUEUE, CloudKinds.SQS_QUEUE_POLICY],
  check: ({ kind, spec, account }) => {
    // A queue's inline policy is optional; the policy resource's is its whole point.
    if (kind === CloudKinds.SQS_QUEUE && (spec.policy === undefined || spec.policy === null)) return [];
    const statements = statementsOf(spec.policy);
    if (statements === undefined) {
      // An unreadable policy resource is the TLS rule's finding; an inline one is only checked here.
      if (kind === CloudKinds.SQS_QUEUE_POLICY) return [];
      return [{ field: 'spec.policy', found: isUnresolved(spec.policy) ? foundValue(spec.policy) : 'not a JSON policy document', expected: 'a policy document readable before deployment' }];
    }
    return foreignGrants(statements, 'spec.policy.Statement', account);
  },
});

/** A JSON argument given as a string or an object, or undefined when it cannot be read before deployment. */
function jsonArg(value: unknown): any {
  if (typeof value === 'string') {
    try {
      const parsed = JSON.parse(value);
      return parsed !== null && typeof parsed === 'object' ? parsed : undefined;
    } catch {
      return undefined;
    }
  }
  return value !== null && typeof value === 'object' && !isUnresolved(value) ? value : undefined;
}

/** Why a redrive policy does not move failed messages to one named dead-letter queue. */
function redriveProblems(value: unknown): Violation[] {
  const policy = jsonArg(value);
  if (policy === undefined) return [{ field: 'spec.redrivePolicy', found: isUnresolved(value) ? foundValue(value) : 'not a JSON redrive policy', expected: 'a redrive policy readable before deployment' }];
  const violations: Violation[] = [];
  const target = policy.deadLetterTargetArn;
  if (typeof target !== 'string' || !QUEUE_ARN.test(target)) {
    violations.push({ field: 'spec.redrivePolicy.deadLetterTargetArn', found: foundValue(target), expected: 'the literal ARN of one SQS queue' });
  }
  const count = typeof policy.maxReceiveCount === 'string' ? Number(policy.maxReceiveCount) : policy.maxReceiveCount;
  if (!Number.isInteger(count) || count < 1 || count > MAX_RECEIVE_COUNT) {
    violations.push({ field: 'spec.redrivePolicy.maxReceiveCount', found: foundValue(policy.maxReceiveCount), expected: `a whole number from 1 to ${MAX_RECEIVE_COUNT}` });
  }
  return violations;
}

/**
 * Why a redrive-allow policy lets more than named source queues use the queue as their
 * dead-letter queue; or, on a queue without a redrive policy of its own (`deadLetterQueue`), why
 * it does not name the sources that make it one.
 */
function redriveAllowProblems(value: unknown, deadLetterQueue: boolean): Violation[] {
  const policy = jsonArg(value);
  if (policy === undefined) return [{ field: 'spec.redriveAllowPolicy', found: isUnresolved(value) ? foundValue(value) : 'not a JSON redrive-allow policy', expected: 'a redrive-allow policy readable before deployment' }];
  if (policy.redrivePermission === 'denyAll' && !deadLetterQueue) return [];
  if (policy.redrivePermission !== 'byQueue') {
    return [{ field: 'spec.redriveAllowPolicy.redrivePermission', found: foundValue(policy.redrivePermission), expected: deadLetterQueue ? '"byQueue" naming its source queues' : '"byQueue" naming its source queues, or "denyAll"' }];
  }
  const sources = listOf(policy.sourceQueueArns);
  return sources.length > 0 && sources.every((arn) => typeof arn === 'string' && QUEUE_ARN.test(arn))
    ? []
    : [{ field: 'spec.redriveAllowPolicy.sourceQueueArns', found: foundValue(policy.sourceQueueArns), expected: 'the literal ARNs of its source queues, at least one' }];
}

/**
 * Every queue has somewhere for failed messages to go: a source queue redrives to a dead-letter
 * queue, and a dead-letter queue admits only the source queues it names.
 */
export const QUEUE_DEAD_LETTER: IRule = securityRule({
  id: 'data.queue-dead-letter',
  title: 'SQS queues redrive failed messages to a dead-letter queue that admits only its sources',
  severity: Severity.MEDIUM,
  rationale: 'Without a dead-letter queue a message that always fails is received again until its retention ends and is then lost, hiding the failure; a dead-letter queue that allows every source collects (and exposes) the messages of queues it was never meant for.',
  remediation: 'Remove the override of redrivePolicy or redriveAllowPolicy: SecureQueue redrives to its own dead-letter queue after maxReceiveCount receives, and that queue names its source alone.',
  kinds: [CloudKinds.SQS_QUEUE],
  check: ({ spec }) => {
    const hasRedrive = spec.redrivePolicy !== undefined && spec.redrivePolicy !== null;
    const hasAllow = spec.redriveAllowPolicy !== undefined && spec.redriveAllowPolicy !== null;
    if (!hasRedrive && !hasAllow) {
      return [{ field: 'spec.redrivePolicy', found: 'absent', expected: 'a redrive policy to a dead-letter queue (or, on a dead-letter queue, a redriveAllowPolicy "byQueue" naming its source queues)' }];
    }
    return [
      ...(hasRedrive ? redriveProblems(spec.redrivePolicy) : []),
      ...(hasAllow ? redriveAllowProblems(spec.redriveAllowPolicy, !hasRedrive) : []),
    ];
  },
});

/** The rules over SQS, in report order. */
export const QUEUE_RULES: IRule[] = [QUEUE_ENCRYPTION, QUEUE_TLS_ONLY, QUEUE_POLICY_NO_FOREIGN_GRANTS, QUEUE_DEAD_LETTER];
