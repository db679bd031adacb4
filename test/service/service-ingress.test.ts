import { expectPavedError } from '../support/errors';
import { find, synth, testEnvironment, testService } from '../support/fixtures';

describe('a service Ingress', () => {
  test('exposes through the platform ingress class with a TLS certificate from its issuer', () => {
    const env = testEnvironment();
    testService(env, { ingress: { host: 'orders.apps.acme.dev' } });
    const ingress = find(synth(env), 'Ingress', 'orders-api');
    expect(ingress.metadata.annotations).toEqual({ 'cert-manager.io/cluster-issuer': 'letsencrypt' });
    expect(ingress.spec.ingressClassName).toBe('nginx');
    expect(ingress.spec.tls).toEqual([{ hosts: ['orders.apps.acme.dev'], secretName: 'orders-api-tls' }]);
    expect(ingress.spec.rules[0].http.paths[0]).toEqual({
      path: '/', pathType: 'Prefix', backend: { service: { name: 'orders-api', port: { number: 8080 } } },
    });
  });
});

describe('service ingress errors', () => {
  const cases: Array<[string, any, RegExp | string]> = [
    ['a host outside the domain', { ingress: { host: 'orders.example.com' } }, 'ingress.host "orders.example.com" is not within the platform domain apps.acme.dev'],
    ['a host that is not a DNS name', { ingress: { host: 'Orders..apps.acme.dev' } }, /ingress.host "Orders..apps.acme.dev" must be a lower-case DNS name/],
    ['a relative ingress path', { ingress: { host: 'orders.apps.acme.dev', path: 'api' } }, /ingress.path "api" must be an absolute URL path/],
  ];

  test.each(cases)('rejects %s, naming the path, prop and value', (_what, props, message) => {
    expectPavedError(() => testService(testEnvironment(), props), message);
  });
});
