import { Finding } from '../../src/policy/finding';
import { formatFinding, markerOf, objectLabel } from '../../src/policy/finding-format';
import { Enforcement, RuleCategory, Severity } from '../../src/policy/rule';

const FINDING: Finding = {
  ruleId: 'pss.restricted.capabilities',
  title: 'Drop every capability',
  severity: Severity.HIGH,
  category: RuleCategory.SECURITY,
  enforcement: Enforcement.ENFORCE,
  path: 'payments-prod/orders-api',
  objectPath: 'payments-prod/orders-api/Deployment/Resource',
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  name: 'orders-api',
  namespace: 'payments-prod',
  tier: 'production',
  field: 'spec.template.spec.containers[0].securityContext.capabilities.drop',
  found: '[]',
  expected: 'to include "ALL"',
  remediation: 'remove the override that replaced the container\'s securityContext, or acknowledge the rule with a reason',
};

describe('formatFinding', () => {
  test('names the rule, the construct, the object, the field and the fix', () => {
    expect(formatFinding(FINDING)).toBe([
      '✖ pss.restricted.capabilities  payments-prod/orders-api  Deployment/orders-api in payments-prod',
      '  spec.template.spec.containers[0].securityContext.capabilities.drop is [] — expected to include "ALL"',
      '  fix: remove the override that replaced the container\'s securityContext, or acknowledge the rule with a reason',
    ].join('\n'));
  });

  test('adds who acknowledged it, why and until when', () => {
    const acknowledged = { ...FINDING, acknowledgement: { path: 'payments-prod', reason: 'PAY-123', expires: '2027-03-31' } };

    expect(formatFinding(acknowledged).split('\n')[3]).toBe('  acknowledged: "PAY-123" on payments-prod (until 2027-03-31)');
  });
});

describe('markerOf', () => {
  test('✖ enforced, ⚠ warning, ○ acknowledged', () => {
    expect(markerOf(FINDING)).toBe('✖');
    expect(markerOf({ ...FINDING, enforcement: Enforcement.WARN })).toBe('⚠');
    expect(markerOf({ ...FINDING, acknowledgement: { path: 'p', reason: 'r' } })).toBe('○');
  });
});

describe('objectLabel', () => {
  test('leaves the namespace out for cluster-scoped objects', () => {
    expect(objectLabel({ ...FINDING, kind: 'Namespace', name: 'payments-prod', namespace: undefined })).toBe('Namespace/payments-prod');
  });
});
