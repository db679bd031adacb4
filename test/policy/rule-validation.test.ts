import { OWNER_LABEL } from './fixtures';
import { validateRule } from '../../src/policy/rule-validation';

const check = (rule: any) => () => validateRule('Policy.of(app)', 'addRule(rule)', rule);

describe('validateRule', () => {
  test('accepts a well-formed rule', () => {
    expect(check(OWNER_LABEL)).not.toThrow();
  });

  test('ids must fit an annotation name: at most 63 of a-z, 0-9, ".", "-", "_"', () => {
    expect(check({ ...OWNER_LABEL, id: 'Acme.Rule' })).toThrow(/addRule\(rule\)\.id "Acme\.Rule" must be at most 63 characters/);
    expect(check({ ...OWNER_LABEL, id: `a${'b'.repeat(63)}` })).toThrow(/must be at most 63 characters/);
    expect(check({ ...OWNER_LABEL, id: 'acme.rule-1_x' })).not.toThrow();
  });

  test('text fields must be non-empty', () => {
    expect(check({ ...OWNER_LABEL, remediation: '' })).toThrow('Policy.of(app): addRule(rule) (demo.owner-label).remediation "" must be a non-empty string');
  });

  test('severity and category must be known values', () => {
    expect(check({ ...OWNER_LABEL, severity: 'urgent' })).toThrow('addRule(rule) (demo.owner-label).severity "urgent" must be one of low, medium, high, critical');
    expect(check({ ...OWNER_LABEL, category: 'style' })).toThrow('addRule(rule) (demo.owner-label).category "style" must be one of security, reliability, hygiene');
  });

  test('kinds must list at least one kind', () => {
    expect(check({ ...OWNER_LABEL, kinds: [] })).toThrow(/kinds \[\] must list at least one kind/);
  });

  test('check must be a function', () => {
    expect(check({ ...OWNER_LABEL, check: undefined })).toThrow(/check must be a function/);
  });

  test('a rule must be an object', () => {
    expect(check(null)).toThrow(/addRule\(rule\) null must be a rule/);
  });
});
