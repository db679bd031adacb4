import { ENV_LITERAL, isSecretName } from '../../../../src/policy/packs/secrets/environment';
import { LITERAL_SECRET } from '../../../../src/policy/packs/secrets/literal-secret';
import { credentialUrls, URL_CREDENTIALS } from '../../../../src/policy/packs/secrets/url-credentials';
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
    expect(check(ENV_LITERAL, d)).toEqual([{ field: `${MAIN}.env[2].value`, found: 'a literal value', expected: 'valueFrom.secretKeyRef for STRIPE_API_KEY' }]);
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
    expect(credentialUrls('see https://user@example.com and ftp://${FTP_USER}:${FTP_PASS}@ftp')).toEqual([]);
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
