import { Errors } from '../../src/errors';
import { errorOf } from '../support/errors';
import { testEnvironment, testService } from '../support/fixtures';

describe('PlatformService owner and system', () => {
  test('the owner defaults to the environment team, with no on-call or runbook', () => {
    const service = testService(testEnvironment());
    expect(service.owner).toEqual({ team: 'payments' });
    expect(service.system).toBeUndefined();
  });

  test('keeps a declared owner and system', () => {
    const service = testService(testEnvironment(), {
      owner: { team: 'checkout', onCall: 'payments-primary', runbook: 'https://runbooks.acme.dev/orders-api' },
      system: 'checkout',
    });
    expect(service.owner).toEqual({ team: 'checkout', onCall: 'payments-primary', runbook: 'https://runbooks.acme.dev/orders-api' });
    expect(service.system).toBe('checkout');
  });

  const cases: Array<[string, any, string]> = [
    ['a runbook that is not a URL', { owner: { runbook: 'see the wiki' } }, 'payments-production/orders-api: owner.runbook "see the wiki" must be an absolute http(s) URL without credentials'],
    ['a runbook with another scheme', { owner: { runbook: 'ftp://runbooks.acme.dev/x' } }, 'owner.runbook "ftp://runbooks.acme.dev/x" must be an absolute http(s) URL'],
    ['a runbook carrying credentials', { owner: { runbook: 'https://u:p@runbooks.acme.dev/x' } }, 'owner.runbook "https://u:****@runbooks.acme.dev/x" must be an absolute http(s) URL without credentials'],
    ['a team that is not a DNS label', { owner: { team: 'Payments Team' } }, 'owner.team "Payments Team" must be a DNS-1123 label'],
    ['an empty on-call', { owner: { onCall: ' ' } }, 'owner.onCall " " must be a non-empty string'],
    ['an on-call that cannot be a label', { owner: { onCall: 'payments primary' } }, 'owner.onCall "payments primary" must be a Kubernetes label value'],
    ['an owner that is not an object', { owner: 'payments' }, 'owner ("payments") must be an object'],
    ['a system that is not a DNS label', { system: 'Check Out' }, 'system "Check Out" must be a DNS-1123 label'],
  ];

  test.each(cases)('rejects %s with a PavedError naming the prop and value', (_what, props, message) => {
    const env = testEnvironment();
    const error = errorOf(() => testService(env, props));
    expect(Errors.isPavedError(error)).toBe(true);
    expect(error.message).toContain(message);
    expect(env.node.tryFindChild('orders-api')).toBeUndefined();
  });
});
