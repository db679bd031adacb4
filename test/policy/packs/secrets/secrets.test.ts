import { CREDENTIAL_VALUE } from '../../../../src/policy/packs/secrets/credential-value';
import { ENV_LITERAL } from '../../../../src/policy/packs/secrets/environment';
import { SECRETS_RULES } from '../../../../src/policy/packs/secrets/index';
import { LITERAL_SECRET } from '../../../../src/policy/packs/secrets/literal-secret';
import { URL_CREDENTIALS } from '../../../../src/policy/packs/secrets/url-credentials';
import { formatMatches, isSecretName } from '../../../../src/secret-detector';
import { formatSecrets, KEY_NAMED_SECRETS, ORDINARY_NAMES, ORDINARY_VALUES, PLAIN_PASSWORDS, REFERENCES, SECRET_NAMES } from '../../../support/secret-corpus';
import { check, companions, deployment, deploymentWith, main, MAIN } from '../workloads';

const secret = (body: object) => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'orders-db' }, ...body });

describe('secrets.literal-secret', () => {
  test('passes a Secret without data', () => {
    expect(check(LITERAL_SECRET, secret({ type: 'Opaque' }))).toEqual([]);
    expect(check(LITERAL_SECRET, secret({ data: {} }))).toEqual([]);
  });
  test('fails each key of data and stringData, never showing the value', () => {
    const findings = check(LITERAL_SECRET, secret({ data: { password: 'aHVudGVyMg==' }, stringData: { 'tls.key': 'hunter2' } }));
    expect(findings.map((v) => v.field)).toEqual(['data.password', 'stringData["tls.key"]']);
    expect(JSON.stringify(findings)).not.toMatch(/hunter2|aHVudGVyMg/);
  });
});

describe('secrets.env-literal', () => {
  test('passes valueFrom, variable references and non-secret names', () => {
    const d = deploymentWith((_d, pod) => {
      main(pod).env.push({ name: 'API_TOKEN', value: '$(VAULT_TOKEN)' }, { name: 'DB_PASSWORD_FILE', value: '/run/secrets/db' }, { name: 'TOKEN_TTL', value: '3600' }, { name: 'KEYCLOAK_REALM', value: 'acme' });
    });
    expect(check(ENV_LITERAL, d)).toEqual([]);
  });
  test('fails a literal credential, naming the variable, never the value', () => {
    const d = deploymentWith((_d, pod) => { main(pod).env.push({ name: 'STRIPE_API_KEY', value: 'sk_live_123' }); });
    expect(check(ENV_LITERAL, d)).toEqual([{ field: `${MAIN}.env[2].value`, found: 'a literal value (detector secret-name)', expected: 'valueFrom.secretKeyRef for STRIPE_API_KEY' }]);
  });
  test.each(['PASSWORD', 'db_password', 'CLIENT_SECRET', 'GITHUB_TOKEN', 'AWS_SECRET_ACCESS_KEY', 'PRIVATE_KEY', 'GOOGLE_CREDENTIALS', 'api-key'])('%s looks secret', (name) => {
    expect(isSecretName(name)).toBe(true);
  });
  test.each(['SECRET_NAME', 'TOKEN_URL', 'KEY_ID', 'LOG_LEVEL', 'MONKEY'])('%s does not', (name) => {
    expect(isSecretName(name)).toBe(false);
  });
});

describe('secrets.url-credentials', () => {
  test('passes URLs without a password, and passwords filled in from a Secret', () => {
    for (const object of [deployment(), ...companions()]) expect(check(URL_CREDENTIALS, object)).toEqual([]);
    const template = { kind: 'ExternalSecret', spec: { target: { template: { data: { url: 'postgres://app:{{ .password }}@orders-db:5432/orders' } } } } };
    expect(check(URL_CREDENTIALS, template)).toEqual([]);
    expect(formatMatches('see https://user@example.com and ftp://${FTP_USER}:${FTP_PASS}@ftp')).toEqual([]);
  });
  test('fails a password in env, args, annotations and ConfigMap data, with the exact path and the password masked', () => {
    const d = deploymentWith((o, pod) => {
      main(pod).env[1].value = 'postgres://app:hunter2@orders-db:5432/orders';
      main(pod).args = ['--broker', 'amqp://guest:guest@rabbit:5672'];
      o.metadata.annotations = { 'acme.dev/upstream': 'https://bot:s3cr3t@git.acme.dev/repo.git' };
    });
    const findings = check(URL_CREDENTIALS, d);
    expect(findings.map((v) => v.field)).toEqual([
      'metadata.annotations["acme.dev/upstream"]',
      `${MAIN}.env[1].value`,
      `${MAIN}.args[1]`,
    ]);
    expect(findings[1].found).toBe('a URL with a password (postgres://app:****@...)');
    expect(JSON.stringify(findings)).not.toMatch(/hunter2|s3cr3t|guest@/);
    const configMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { 'redis.url': 'redis://:p4ss@cache:6379' } };
    expect(check(URL_CREDENTIALS, configMap).map((v) => v.field)).toEqual(['data["redis.url"]']);
  });
  test('looks into cloud resource arguments, skipping deploy-time values', () => {
    class Output { constructor(readonly value: string) {} }
    const resource = { kind: 'aws:lambda/function:Function', metadata: { name: 'f' }, spec: { environment: { variables: { DSN: 'mysql://root:toor@db' } }, role: new Output('mysql://a:b@c') } };
    expect(check(URL_CREDENTIALS, resource).map((v) => v.field)).toEqual(['spec.environment.variables.DSN']);
  });
});

/** Every finding of every secrets rule on an object. */
const allFindings = (object: any) => SECRETS_RULES.flatMap((rule) => (rule.kinds.includes('*') || rule.kinds.includes(object.kind) ? check(rule, object).map((v) => ({ rule: rule.id, ...v })) : []));

/** The places a value can sit in output, each as an object holding `value` under `name`. */
const LOCATIONS: Record<string, (name: string, value: string) => any> = {
  'container env': (name, value) => deploymentWith((_d, pod) => { main(pod).env.push({ name, value }); }),
  'init container args': (_name, value) => deploymentWith((_d, pod) => { pod.initContainers = [{ name: 'seed', image: 'registry.acme.dev/x:1', args: ['--seed', value] }]; }),
  'command': (_name, value) => deploymentWith((_d, pod) => { main(pod).command = ['sh', '-c', `exec app ${value}`]; }),
  'annotation': (name, value) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 's', annotations: { [`acme.dev/${name}`]: value } } }),
  'ConfigMap data': (name, value) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { [name]: value } }),
  'ConfigMap binaryData': (name, value) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, binaryData: { [name]: Buffer.from(value).toString('base64') } }),
  'ExternalSecret template': (name, value) => ({ apiVersion: 'external-secrets.io/v1', kind: 'ExternalSecret', metadata: { name: 'e' }, spec: { target: { template: { data: { [name]: value } } } } }),
  'Job env in a CronJob': (name, value) => ({ apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'j' }, spec: { jobTemplate: { spec: { template: { spec: { containers: [{ name: 'm', image: 'i', env: [{ name, value }] }] } } } } } }),
  'cloud resource argument': (name, value) => ({ kind: 'aws:lambda/function:Function', metadata: { name: 'f' }, spec: { environment: { variables: { [name]: value } } } }),
  'embedded JSON': (name, value) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 's', annotations: { 'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify({ data: { [name]: value } }) } } }),
};
const ENV_LOCATIONS = ['container env', 'Job env in a CronJob'];
const NAME_LOCATIONS = ['container env', 'annotation', 'ConfigMap data', 'ExternalSecret template', 'Job env in a CronJob', 'cloud resource argument', 'embedded JSON'];

describe('secrets.credential-value and the shared scan', () => {
  test.each(Object.keys(LOCATIONS))('passing twin: ordinary values and references in %s', (location) => {
    const flagged: string[] = [];
    for (const value of ORDINARY_VALUES) {
      for (const name of ['LOG_LEVEL', 'config', 'CACHE_KEY']) if (allFindings(LOCATIONS[location](name, value)).length > 0) flagged.push(`${name}=${value}`);
    }
    // An env variable's value is literal unless it is wholly a $(X) the kubelet fills in.
    const references = ENV_LOCATIONS.includes(location) ? ['$(VAULT_TOKEN)', ''] : REFERENCES;
    for (const value of references) for (const name of SECRET_NAMES) if (allFindings(LOCATIONS[location](name, value)).length > 0) flagged.push(`${name}=${value}`);
    expect(flagged).toEqual([]);
  });

  const variants = formatSecrets().filter((_s, i) => i % 3 === 0);
  test.each(Object.keys(LOCATIONS).flatMap((location) => variants.map((s) => [location, s.detector, s] as const)))(
    'fails %s holding a %s value, naming field and detector, never the value', (location, detector, { value, secret: hidden }) => {
      const findings = allFindings(LOCATIONS[location]('SETTING', value));
      expect(findings.length).toBeGreaterThan(0);
      expect(findings.map((f) => f.found).join(' ')).toContain(detector === 'url-password' ? 'a URL with a password' : `detector ${detector}`);
      expect(findings.every((f) => f.field !== '')).toBe(true);
      expect(JSON.stringify(findings)).not.toContain(hidden);
    });

  test.each(NAME_LOCATIONS.flatMap((location) => SECRET_NAMES.map((name) => [location, name] as const)))('fails %s with a literal under %s', (location, name) => {
    for (const value of PLAIN_PASSWORDS) {
      const findings = allFindings(LOCATIONS[location](name, value));
      expect(findings).toHaveLength(1);
      expect(findings[0].found).toMatch(/detector secret-(name|assignment)/);
      expect(JSON.stringify(findings)).not.toContain(value);
    }
  });

  test('env variables under secret names: every value but a whole $(X) is literal, prose and paths included', () => {
    for (const value of [' ', 'correct horse battery staple', '/run/secrets/db', '${DB_PASSWORD}', 'true', 'x$(A)']) {
      expect(allFindings(LOCATIONS['container env']('DB_PASSWORD', value)).map((f) => f.rule)).toEqual(['secrets.env-literal']);
    }
    expect(allFindings(LOCATIONS['ConfigMap data']('DB_PASSWORD', '/run/secrets/db'))).toEqual([]);
  });

  test('random values under *_KEY names fail; ordinary ones pass', () => {
    for (const [name, value] of KEY_NAMED_SECRETS) expect(allFindings(LOCATIONS['ConfigMap data'](name, value)).map((f) => f.found)).toEqual(['a random-looking value in a key-named field (detector high-entropy-key)']);
    expect(allFindings(LOCATIONS['ConfigMap data']('CACHE_KEY', 'orders-v2'))).toEqual([]);
  });

  test('container variables are secrets.env-literal; the same name anywhere else is secrets.credential-value', () => {
    expect(allFindings(LOCATIONS['container env']('DB_PASSWORD', 'hunter2')).map((f) => f.rule)).toEqual(['secrets.env-literal']);
    expect(allFindings(LOCATIONS['ConfigMap data']('DB_PASSWORD', 'hunter2')).map((f) => [f.rule, f.field])).toEqual([['secrets.credential-value', 'data.DB_PASSWORD']]);
    expect(allFindings(LOCATIONS['container env']('SETTING', 'AKIAIOSFODNN7EXAMPLE')).map((f) => [f.rule, f.found])).toEqual([['secrets.credential-value', 'an AWS access key id (detector aws-access-key-id)']]);
  });

  test('settings in command lines: --flag=value and --flag value', () => {
    const d = deploymentWith((_d, pod) => { main(pod).args = ['--db-password', 'hunter2', '--api-token=abc123', '--log-level', 'info']; });
    expect(check(CREDENTIAL_VALUE, d).map((v) => [v.field, v.found])).toEqual([
      [`${MAIN}.args[1]`, 'a secret-named setting with a literal value (detector secret-assignment)'],
      [`${MAIN}.args[2]`, 'a secret-named setting with a literal value (detector secret-assignment)'],
    ]);
  });

  test('labels: a key id that fits a label value is found there too', () => {
    const service = { apiVersion: 'v1', kind: 'Service', metadata: { name: 's', labels: { 'acme.dev/owner-key': 'AKIAIOSFODNN7EXAMPLE' } } };
    expect(check(CREDENTIAL_VALUE, service).map((v) => v.field)).toEqual(['metadata.labels["acme.dev/owner-key"]']);
  });

  test('what secrets.literal-secret reports is not reported twice; acknowledgement reasons and External Secrets keys are not credentials', () => {
    expect(check(CREDENTIAL_VALUE, secret({ stringData: { password: 'hunter2' } }))).toEqual([]);
    const acknowledged = { apiVersion: 'v1', kind: 'Service', metadata: { name: 's', annotations: { 'ignore-check.kube-linter.io/env-var-secret': 'legacy', 'acknowledged.paved.dev/secrets.env-literal': 'legacy' } } };
    expect(check(CREDENTIAL_VALUE, acknowledged)).toEqual([]);
    const externalSecret = { kind: 'ExternalSecret', metadata: { name: 'e' }, spec: { data: [{ secretKey: 'password', remoteRef: { key: 'paved/acme/prod/orders-db', property: 'password' } }] } };
    expect(check(CREDENTIAL_VALUE, externalSecret)).toEqual([]);
  });

  test('the golden path objects pass, under every name in the corpus of ordinary names', () => {
    for (const object of [deployment(), ...companions()]) expect(allFindings(object)).toEqual([]);
    expect(ORDINARY_NAMES.filter((name) => isSecretName(name))).toEqual([]);
  });
});
