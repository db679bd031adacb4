import { ApiObject, Chart, JsonPatch, Testing } from 'cdk8s';
import * as fc from 'fast-check';
import { Environment } from '../../../../src/environment/environment';
import { PlatformProps } from '../../../../src/platform/platform';
import { Tier } from '../../../../src/platform/tier';
import { hostProblem, tlsCovers } from '../../../../src/policy/packs/exposure/host-names';
import { PolicyTesting } from '../../../../src/policy/policy-testing';
import { Enforcement } from '../../../../src/policy/rule';
import { RulePacks } from '../../../../src/policy/rule-packs';
import { testPlatform, testService } from '../../../support/fixtures';

const packs = [RulePacks.EXPOSURE];
const NS = 'payments-production';
const HOST = 'orders.apps.acme.dev';

function env(platform: Partial<PlatformProps> = {}): Environment {
  return new Environment(Testing.app(), NS, { platform: testPlatform(platform), tier: Tier.PRODUCTION, team: 'payments' });
}

/** An environment with one exposed service, and its Ingress. */
function exposed(platform: Partial<PlatformProps> = {}) {
  const e = env(platform);
  const service = testService(e, { ingress: { host: HOST } });
  return { env: e, service, ingress: service.ingress! };
}

function found(scope: any): string[] {
  return PolicyTesting.findings(scope, { packs }).filter((f) => !f.acknowledgement).map((f) => `${f.ruleId} ${f.field}`);
}

function ingressWith(scope: Chart, spec: any, annotations: any = {}): ApiObject {
  return new ApiObject(scope, 'HandWritten', { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'hand', annotations }, spec });
}

const backend = { service: { name: 'orders-api', port: { number: 80 } } };
const rule = (host?: string) => ({ ...host === undefined ? {} : { host }, http: { paths: [{ path: '/', pathType: 'Prefix', backend }] } });
const good = (host = HOST) => ({ ingressClassName: 'nginx', tls: [{ hosts: [host], secretName: 'hand-tls' }], rules: [rule(host)] });

describe('the golden path', () => {
  test('an exposed service passes every exposure rule', () => {
    expect(found(exposed().env)).toEqual([]);
  });
  test('a hand-written Ingress like Paved\'s passes (its passing twin)', () => {
    const e = env();
    ingressWith(e, good('docs.apps.acme.dev'));
    expect(found(e)).toEqual([]);
  });
});

describe('exposure.ingress-tls', () => {
  test('fails Paved\'s Ingress with its tls removed through the escape hatch', () => {
    const { env: e, ingress } = exposed();
    ingress.addJsonPatch(JsonPatch.remove('/spec/tls'));
    expect(found(e)).toEqual(['exposure.ingress-tls spec.rules[0].host']);
  });
  test('fails an added host without TLS, and a tls entry without secretName', () => {
    const { env: e, ingress } = exposed();
    ingress.addJsonPatch(JsonPatch.add('/spec/rules/-', rule('admin.apps.acme.dev')), JsonPatch.remove('/spec/tls/0/secretName'));
    expect(found(e)).toEqual(['exposure.ingress-tls spec.rules[0].host', 'exposure.ingress-tls spec.rules[1].host', 'exposure.ingress-tls spec.tls[0].secretName']);
  });
  test('a certificate serves names case-insensitively and one label under a wildcard only', () => {
    expect(tlsCovers('ORDERS.apps.acme.dev.', HOST)).toBe(true);
    expect(tlsCovers('*.apps.acme.dev', HOST)).toBe(true);
    expect(tlsCovers('*.apps.acme.dev', 'a.orders.apps.acme.dev')).toBe(false);
    expect(tlsCovers('*.acme.dev', HOST)).toBe(false);
    expect(tlsCovers(undefined, HOST)).toBe(false);
  });
});

describe('exposure.ingress-host', () => {
  test('fails a rule without host, and hosts outside the domain by suffix tricks, wildcard, case or trailing dot', () => {
    const e = env();
    const hosts = ['evilapps.acme.dev', 'apps.acme.dev.evil.com', 'apps.acme.dev', '*.apps.acme.dev', 'Orders.apps.acme.dev', 'orders.apps.acme.dev.', 'orders.acme.dev'];
    ingressWith(e, { ingressClassName: 'nginx', tls: [{ hosts: [...hosts], secretName: 's' }], rules: [rule(), ...hosts.map(rule)] });
    expect(found(e)).toEqual([0, 1, 2, 3, 4, 5, 6, 7].map((i) => `exposure.ingress-host spec.rules[${i}].host`));
  });
  test('fails Paved\'s Ingress moved to another domain through the escape hatch', () => {
    const { env: e, ingress } = exposed();
    ingress.addJsonPatch(JsonPatch.replace('/spec/rules/0/host', 'orders.evil.com'), JsonPatch.replace('/spec/tls/0/hosts/0', 'orders.evil.com'));
    expect(found(e)).toEqual(['exposure.ingress-host spec.rules[0].host']);
  });
  test('passes a host under an additional domain the platform names (passing twin)', () => {
    const e = env({ exposure: { additionalDomains: ['acme.io'] } });
    ingressWith(e, good('orders.acme.io'));
    expect(found(e)).toEqual([]);
  });
  test('outside any Environment no host is allowed', () => {
    const chart = new Chart(Testing.app(), 'plain', { namespace: NS });
    ingressWith(chart, good());
    expect(found(chart)).toEqual(['exposure.ingress-class spec.ingressClassName', 'exposure.ingress-host spec.rules[0].host']);
  });
  test('property: a name passes exactly when its labels end with the domain\'s and it has more of them', () => {
    const label = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,8}[a-z0-9])?$/);
    const name = fc.array(fc.oneof(label, fc.constantFrom('apps', 'acme', 'dev', 'evilapps', 'com')), { minLength: 1, maxLength: 5 }).map((l) => l.join('.'));
    fc.assert(fc.property(name, (host) => {
      const labels = host.split('.');
      const within = labels.length > 3 && labels.slice(-3).join('.') === 'apps.acme.dev';
      return (hostProblem(host, ['apps.acme.dev']) === undefined) === within;
    }), { numRuns: 300 });
  });
  test('property: upper case, a trailing dot or a wildcard never passes, whatever the rest', () => {
    const spoil = fc.constantFrom((h: string) => h.toUpperCase(), (h: string) => `${h}.`, (h: string) => `*.${h}`, (h: string) => h.replace('.', '*.'));
    fc.assert(fc.property(fc.stringMatching(/^[a-z]{1,10}$/), spoil, (sub, f) => hostProblem(f(`${sub}.apps.acme.dev`), ['apps.acme.dev']) !== undefined));
  });
});

describe('exposure.ingress-class', () => {
  test('fails another class, no class, and a legacy annotation naming another class', () => {
    const { env: e, ingress } = exposed();
    ingress.addJsonPatch(JsonPatch.replace('/spec/ingressClassName', 'public-lb'));
    expect(found(e)).toEqual(['exposure.ingress-class spec.ingressClassName']);
    const none = env();
    ingressWith(none, { ...good(), ingressClassName: undefined }, { 'kubernetes.io/ingress.class': 'haproxy' });
    expect(found(none)).toEqual(['exposure.ingress-class metadata.annotations["kubernetes.io/ingress.class"]', 'exposure.ingress-class spec.ingressClassName']);
  });
  test('passes a legacy annotation that names the platform\'s class, and a platform\'s own class (passing twins)', () => {
    const e = env({ ingress: { className: 'traefik' } });
    ingressWith(e, { ...good(), ingressClassName: 'traefik' }, { 'kubernetes.io/ingress.class': 'traefik' });
    expect(found(e)).toEqual([]);
  });
});

describe('exposure.ingress-default-backend', () => {
  test('fails a default backend, current and legacy', () => {
    const { env: e, ingress } = exposed();
    ingress.addJsonPatch(JsonPatch.add('/spec/defaultBackend', backend));
    expect(found(e)).toEqual(['exposure.ingress-default-backend spec.defaultBackend']);
    const legacy = env();
    ingressWith(legacy, { ...good(), backend: { serviceName: 'x', servicePort: 80 } });
    expect(found(legacy)).toEqual(['exposure.ingress-default-backend spec.backend']);
  });
});

describe('exposure.service-type and exposure.service-external-ips', () => {
  test('fail a service turned into a LoadBalancer, a NodePort, or given external IPs through the escape hatch', () => {
    for (const type of ['LoadBalancer', 'NodePort']) {
      const { env: e, service } = exposed();
      ApiObject.of(service.service).addJsonPatch(JsonPatch.add('/spec/type', type));
      expect(found(e)).toEqual(['exposure.service-type spec.type']);
    }
    const { env: e, service } = exposed();
    ApiObject.of(service.service).addJsonPatch(JsonPatch.add('/spec/externalIPs', ['203.0.113.7']));
    expect(found(e)).toEqual(['exposure.service-external-ips spec.externalIPs']);
  });
  test('pass ClusterIP and headless Services (passing twins)', () => {
    const e = env();
    new ApiObject(e, 'Headless', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'h' }, spec: { clusterIP: 'None', type: 'ClusterIP', externalIPs: [], ports: [{ port: 80 }] } });
    expect(found(e)).toEqual([]);
  });
});

describe('platform exposure exceptions', () => {
  const lb = (e: Environment) => new ApiObject(e, 'Vendor', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'vendor-gateway' }, spec: { type: 'LoadBalancer', externalIPs: ['203.0.113.7'], ports: [{ port: 443 }] } });
  const exception = { namespace: NS, kind: 'Service', name: 'vendor-gateway', ruleIds: ['exposure.service-type'], reason: 'vendor SFTP needs a TCP load balancer (SEC-412)' };

  test('a named exception acknowledges only its rules on only its object, and the finding stays in the report', () => {
    const e = env({ exposure: { exceptions: [exception] } });
    lb(e);
    const findings = PolicyTesting.findings(e, { packs });
    expect(findings.map((f) => [f.ruleId, f.enforcement, f.acknowledgement])).toEqual([
      ['exposure.service-external-ips', Enforcement.ENFORCE, undefined],
      ['exposure.service-type', Enforcement.ENFORCE, { path: 'Platform(acme).exposure.exceptions[0]', reason: exception.reason }],
    ]);
  });
  test('the same object in another namespace, or under another name, is not covered', () => {
    const e = env({ exposure: { exceptions: [{ ...exception, namespace: 'other' }, { ...exception, name: 'vendor' }] } });
    lb(e);
    expect(found(e)).toEqual(['exposure.service-external-ips spec.externalIPs', 'exposure.service-type spec.type']);
  });
});
