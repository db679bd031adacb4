import { createHash } from 'crypto';
import { bareWorkload, objectsOf, podSpecOf, workloadEnvironment } from './fixtures';
import { Environment } from '../../src/environment/environment';
import { Errors } from '../../src/errors';
import { PolicyTesting } from '../../src/policy/policy-testing';
import { RulePacks } from '../../src/policy/rule-packs';
import { addConfigFiles, CONFIG_FILES_DIGEST_ANNOTATION, configFilesName, MAX_CONFIG_FILES_BYTES, resolveConfigFiles } from '../../src/workload/config-files';
import { errorOf } from '../support/errors';
import { validateAgainstSchemas } from '../support/schema';
import { formatSecrets } from '../support/secret-corpus';

const CONFIG = 'server:\n  port: 8080\nlog:\n  level: info\n';

function wired(files: unknown) {
  const workload = bareWorkload();
  const env = Environment.enclosing(workload.scope);
  const resolved = resolveConfigFiles(workload.path, workload.name, files);
  if (resolved) {
    addConfigFiles(workload.scope, { labels: { 'app.kubernetes.io/name': workload.name }, container: workload.container, podMetadata: workload.deployment.podMetadata }, resolved);
  }
  return { env, resolved, objects: objectsOf(env) };
}

function failure(files: unknown, env: Environment = workloadEnvironment()): string {
  const workload = bareWorkload(env);
  const e = errorOf(() => resolveConfigFiles(workload.path, workload.name, files));
  expect(Errors.isPavedError(e)).toBe(true);
  expect(e.path).toBe('payments-production/orders-worker');
  return e.message;
}

const deploymentOf = (objects: any[]) => objects.find((o) => o.kind === 'Deployment');

describe('config files', () => {
  test('become one ConfigMap, each file mounted read-only at its path', () => {
    const { objects } = wired({ '/etc/app/config.yaml': CONFIG, '/etc/app/logging.json': '{"level":"info"}' });
    const configMaps = objects.filter((o) => o.kind === 'ConfigMap');
    expect(configMaps).toHaveLength(1);
    expect(configMaps[0]).toMatchSnapshot();
    const pod = podSpecOf(objects);
    expect(pod.containers[0].volumeMounts).toEqual([
      { mountPath: '/etc/app/config.yaml', name: 'files', readOnly: true, subPath: 'config.yaml' },
      { mountPath: '/etc/app/logging.json', name: 'files', readOnly: true, subPath: 'logging.json' },
    ]);
    expect(pod.volumes).toEqual([{ name: 'files', configMap: { name: 'orders-worker-files', defaultMode: 0o444 } }]);
    expect(() => validateAgainstSchemas(objects)).not.toThrow();
  });

  test('annotate the pod template with their digest, which moves with any path or content', () => {
    const digest = (files: object) => deploymentOf(wired(files).objects).spec.template.metadata.annotations[CONFIG_FILES_DIGEST_ANNOTATION];
    const base = digest({ '/etc/app/config.yaml': CONFIG });
    expect(base).toMatch(/^[0-9a-f]{64}$/);
    expect(digest({ '/etc/app/config.yaml': CONFIG })).toBe(base);
    expect(digest({ '/etc/app/config.yaml': `${CONFIG}# changed\n` })).not.toBe(base);
    expect(digest({ '/etc/app2/config.yaml': CONFIG })).not.toBe(base);
  });

  test('take a digest of the path in the key when two files share a name', () => {
    const { resolved } = wired({ '/etc/app/config.yaml': 'a: 1\n', '/etc/sidecar/config.yaml': 'b: 2\n', '/etc/app/other.yaml': '' });
    const short = (path: string) => createHash('sha256').update(path).digest('hex').slice(0, 8);
    expect(resolved!.files.map((f) => [f.path, f.key])).toEqual([
      ['/etc/app/config.yaml', `config.yaml-${short('/etc/app/config.yaml')}`],
      ['/etc/app/other.yaml', 'other.yaml'],
      ['/etc/sidecar/config.yaml', `config.yaml-${short('/etc/sidecar/config.yaml')}`],
    ]);
  });

  test.each([undefined, {}])('create nothing for %j', (files) => {
    const { resolved, objects, env } = wired(files);
    expect(resolved).toBeUndefined();
    expect(objects.filter((o) => o.kind === 'ConfigMap')).toEqual([]);
    expect(podSpecOf(objects).volumes).toBeUndefined();
  });

  test.each([
    ['a list', [['/etc/app/config.yaml', CONFIG]]],
    ['a string', CONFIG],
    ['null', null],
    ['a Map', new Map([['/etc/app/config.yaml', CONFIG]])],
  ])('refuse %s where the map belongs, without quoting it', (_what, files) => {
    const message = failure(files);
    expect(message).toContain('files (');
    expect(message).toContain('must be a map of absolute paths to file contents');
    expect(message).not.toContain('port: 8080');
  });

  test('refuse a path that is not a mount path, naming it', () => {
    expect(failure({ 'etc/app/config.yaml': CONFIG })).toContain('files key "etc/app/config.yaml" must be an absolute path');
    expect(failure({ '/etc/app/../x': CONFIG })).toContain('files key "/etc/app/../x" must be a normal absolute path');
    expect(failure({ '/tmp/config.yaml': CONFIG })).toContain('files key "/tmp/config.yaml" overlaps /tmp');
  });

  test('refuse contents that are not a string, without quoting them', () => {
    expect(failure({ '/etc/app/config.json': { port: 8080 } })).toContain('files["/etc/app/config.json"] (an object) must be the file\'s contents, a string');
    expect(failure({ '/etc/app/config.json': 8080 })).toContain('(a number)');
  });

  test('refuse a file whose path lies inside another file', () => {
    expect(failure({ '/etc/app': CONFIG, '/etc/app/config.yaml': CONFIG })).toContain('files key "/etc/app/config.yaml" lies inside files key "/etc/app", which is a file');
  });

  test('refuse a file name a ConfigMap key cannot be', () => {
    expect(failure({ '/etc/app/..data': CONFIG })).toContain('files key "/etc/app/..data" names a file "..data" a ConfigMap cannot hold');
  });

  test('refuse files larger together than the limit, and take files at it', () => {
    // The JSON of { "a.txt": "<n x>" } is n + 12 bytes.
    const at = { '/etc/app/a.txt': 'x'.repeat(MAX_CONFIG_FILES_BYTES - 12) };
    expect(() => resolveConfigFiles('p', 'orders-worker', at)).not.toThrow();
    const over = { '/etc/app/a.txt': 'x'.repeat(MAX_CONFIG_FILES_BYTES - 11) };
    expect(failure(over)).toContain(`files hold ${MAX_CONFIG_FILES_BYTES + 1} bytes (as JSON), more than ${MAX_CONFIG_FILES_BYTES}`);
  });

  test('count the size as sent: escaped characters and multi-byte text count in full', () => {
    const quotes = { '/etc/app/a.txt': '"'.repeat(MAX_CONFIG_FILES_BYTES / 2) };
    expect(failure(quotes)).toContain('more than');
    const accents = { '/etc/app/a.txt': 'é'.repeat(MAX_CONFIG_FILES_BYTES / 2) };
    expect(failure(accents)).toContain('more than');
  });

  describe('are checked by the secrets pack', () => {
    const findingsOf = (content: string) => {
      const { env } = wired({ '/etc/app/config.yaml': CONFIG, '/etc/app/credentials.yaml': content });
      return PolicyTesting.findings(env, { packs: [RulePacks.SECRETS] }).filter((f) => f.kind === 'ConfigMap');
    };

    test('which pass a file with no credential', () => {
      expect(findingsOf('region: eu-west-1\nendpoint: https://api.stripe.com\n')).toEqual([]);
    });

    test('which report a password set in a file, at the file\'s key', () => {
      expect(findingsOf('database:\n  user: orders\n  password: hunter2hunter2\n').map((f) => [f.ruleId, f.field])).toEqual([
        ['secrets.credential-value', 'data["credentials.yaml"]'],
      ]);
    });

    test.each(formatSecrets().map((s) => [s.detector, s]))('which report a credential by its format (%s), never showing it', (_detector, s) => {
      const findings = findingsOf(`api:\n  value: ${JSON.stringify(s.value)}\n`);
      expect(findings.length).toBeGreaterThan(0);
      expect(findings.map((f) => f.field)).toContain('data["credentials.yaml"]');
      expect(JSON.stringify(findings)).not.toContain(s.secret);
    });
  });
});
