import { DataSecurityPack } from '../../../../src/policy/packs/data-security';
import { RuleCategory } from '../../../../src/policy/rule';

describe('DataSecurityPack', () => {
  const rules = DataSecurityPack.rules();

  test('ids are unique and in the data namespace', () => {
    const ids = rules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^data\.[a-z0-9-]+$/);
  });

  test('every rule is a security rule that says why and how to fix', () => {
    for (const rule of rules) {
      expect(rule.category).toBe(RuleCategory.SECURITY);
      expect(rule.rationale.length).toBeGreaterThan(20);
      expect(rule.remediation.length).toBeGreaterThan(10);
      expect(rule.kinds.every((k) => /^aws:[a-z0-9]+\/[A-Za-z0-9]+:[A-Za-z0-9]+$/.test(k))).toBe(true);
    }
  });

  test('covers the secure defaults the cloud side promises', () => {
    expect(rules.map((r) => r.id)).toEqual(expect.arrayContaining([
      'data.rds-encrypted', 'data.rds-private', 'data.rds-backups', 'data.rds-deletion-protection', 'data.rds-iam-auth',
      'data.cache-encryption', 'data.cache-auth-token', 'data.bucket-public-access-block', 'data.bucket-sse-kms',
      'data.bucket-versioning', 'data.bucket-tls-only', 'data.iam-least-privilege',
      'data.queue-encryption', 'data.queue-tls-only', 'data.queue-policy-principals', 'data.queue-dead-letter',
    ]));
  });
});

test('the pack carries its id and every rule', () => {
  const pack = DataSecurityPack.pack();
  expect(pack.name).toBe('data-security');
  expect(pack.rules.map((r) => r.id)).toEqual(DataSecurityPack.rules().map((r) => r.id));
});
