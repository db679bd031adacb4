import { CloudKinds, describe, listOf, securityRule } from './cloud-resource';
import { IRule, Severity, Violation } from '../../rule';

const ANYWHERE = ['0.0.0.0/0', '::/0'];

/** Data stores are reached from the cluster, never from any address. */
export const NETWORK_NO_OPEN_INGRESS: IRule = securityRule({
  id: 'data.network-no-open-ingress',
  title: 'Security groups of data stores admit no traffic from anywhere',
  severity: Severity.CRITICAL,
  rationale: 'An ingress rule from 0.0.0.0/0 or ::/0 exposes the data store to every network that can route to it.',
  remediation: 'Admit the cluster security group (or another named security group) on the data store port instead of an address range.',
  kinds: [CloudKinds.EC2_SECURITY_GROUP],
  check: ({ spec }) => (Array.isArray(spec.ingress) ? spec.ingress : []).flatMap((rule: any, i: number): Violation[] =>
    ['cidrBlocks', 'ipv6CidrBlocks']
      .filter((field) => listOf(rule?.[field]).some((cidr) => ANYWHERE.includes(cidr as string)))
      .map((field) => ({ field: `spec.ingress[${i}].${field}`, found: describe(rule[field]), expected: 'no 0.0.0.0/0 or ::/0: name the cluster security group instead' }))),
});

/** The rules over network access, in report order. */
export const NETWORK_RULES: IRule[] = [NETWORK_NO_OPEN_INGRESS];
