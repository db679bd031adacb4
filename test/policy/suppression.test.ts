import { Testing } from 'cdk8s';
import { Errors } from '../../src/errors';
import { createSuppression, isExpired, pathOf, requireIsoDate } from '../../src/policy/suppression';
import { errorOf } from '../support/errors';

const chart = Testing.chart();

describe('createSuppression', () => {
  test('records the scope, rule, trimmed reason and expiry', () => {
    expect(createSuppression(chart, 'a.rule', { reason: ' PAY-123 \n', expires: '2027-03-31' }))
      .toEqual({ scope: chart, ruleId: 'a.rule', reason: 'PAY-123', expires: '2027-03-31' });
  });

  test.each([[''], ['   '], [undefined]])('refuses the reason %p, naming the construct and the rule', (reason) => {
    const error = errorOf(() => createSuppression(chart, 'a.rule', { reason: reason as any }));
    expect(Errors.isPavedError(error)).toBe(true);
    expect(error.message).toMatch(/^test: suppress\("a\.rule"\): reason .* must be a non-empty explanation/);
  });

  test('refuses an empty rule id', () => {
    expect(() => createSuppression(chart, '', { reason: 'r' })).toThrow('test: suppress: ruleId "" must name a rule, e.g. "pss.restricted.capabilities"');
  });

  test('refuses an expiry that is not a date', () => {
    expect(() => createSuppression(chart, 'a.rule', { reason: 'r', expires: '31/03/2027' }))
      .toThrow('test: suppress("a.rule"): expires "31/03/2027" must be a calendar date written YYYY-MM-DD (e.g. "2027-03-31")');
  });
});

describe('requireIsoDate', () => {
  test.each(['2027-02-29', '2027-13-01', '2027-1-01', '2027-04-31', 'tomorrow'])('refuses %s', (date) => {
    expect(() => requireIsoDate('p', 'd', date)).toThrow(/must be a calendar date/);
  });

  test.each(['2028-02-29', '2027-12-31'])('accepts %s', (date) => {
    expect(() => requireIsoDate('p', 'd', date)).not.toThrow();
  });
});

describe('isExpired', () => {
  const s = createSuppression(chart, 'a.rule', { reason: 'r', expires: '2027-03-31' });

  test('holds through its last day and expires the day after', () => {
    expect(isExpired(s, '2027-03-31')).toBe(false);
    expect(isExpired(s, '2027-04-01')).toBe(true);
  });

  test('never expires without a date', () => {
    expect(isExpired(createSuppression(chart, 'a.rule', { reason: 'r' }), '9999-12-31')).toBe(false);
  });
});

describe('pathOf', () => {
  test('names the app, whose path is empty', () => {
    expect(pathOf(Testing.app())).toBe('(app)');
    expect(pathOf(chart)).toBe('test');
  });
});
