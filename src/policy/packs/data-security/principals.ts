import { CloudAccount, foundValue, isUnresolved, listOf } from './cloud-resource';
import { Violation } from '../../rule';

/**
 * Whether a resource-policy statement denies every request made without TLS: a Deny to
 * everyone, of every action of `service` (`s3`, `sqs`), when `aws:SecureTransport` is false.
 */
export function deniesInsecureTransport(statement: any, service: string): boolean {
  if (statement?.Effect !== 'Deny') return false;
  const principal = statement.Principal;
  const everyone = principal === '*' || (principal !== null && typeof principal === 'object' && listOf(principal.AWS).includes('*'));
  const everyAction = listOf(statement.Action).some((a) => a === '*' || a === `${service}:*`);
  const secureTransport = statement.Condition?.Bool?.['aws:SecureTransport'];
  return everyone && everyAction && (secureTransport === 'false' || secureTransport === false);
}

/** Whether `principal` is an IAM principal of `account`: the account itself, its root, or a role or user in it. */
function inAccount(principal: unknown, account: CloudAccount | undefined): boolean {
  if (account === undefined || typeof principal !== 'string') return false;
  return principal === account.accountId || new RegExp(`^arn:aws[a-z-]*:(iam|sts)::${account.accountId}:[^*?]+$`).test(principal);
}

/**
 * Why an Allow statement of a resource policy (a bucket's, a queue's) grants something to a
 * principal outside the account, or nothing when it does not.
 */
export function foreignGrant(statement: any, account: CloudAccount | undefined): Omit<Violation, 'field'> & { element: string } | undefined {
  if (statement.NotPrincipal !== undefined) {
    return { element: 'NotPrincipal', found: foundValue(statement.NotPrincipal), expected: 'absent: an Allow with NotPrincipal grants to everyone else' };
  }
  const principal = statement.Principal;
  const expected = `Principal { AWS: <roles of account ${account?.accountId ?? '(unknown)'}> }`;
  if (principal === null || typeof principal !== 'object' || isUnresolved(principal)) return { element: 'Principal', found: foundValue(principal), expected };
  const keys = Object.keys(principal);
  const arns = isUnresolved(principal.AWS) ? [principal.AWS] : listOf(principal.AWS);
  if (keys.some((k) => k !== 'AWS') || arns.length === 0 || !arns.every((arn) => inAccount(arn, account))) return { element: 'Principal', found: foundValue(principal), expected };
  return undefined;
}

/** Every Allow statement of `statements` that grants outside the account, as violations under `field`. */
export function foreignGrants(statements: any[], field: string, account: CloudAccount | undefined): Violation[] {
  return statements.flatMap((statement: any, i: number): Violation[] => {
    const at = `${field}[${i}]`;
    if (statement?.Effect === 'Deny') return [];
    if (statement?.Effect !== 'Allow') return [{ field: `${at}.Effect`, found: foundValue(statement?.Effect), expected: '"Allow" or "Deny"' }];
    const grant = foreignGrant(statement, account);
    return grant === undefined ? [] : [{ field: `${at}.${grant.element}`, found: grant.found, expected: grant.expected }];
  });
}
