import { ApiObject, Duration, JsonPatch, Size, Testing } from 'cdk8s';
import { testMigration } from './fixtures';
import { catalogEntities } from '../../src/catalog/catalog-entities';
import { CostEstimate } from '../../src/cost/cost-estimate';
import { Rollout } from '../../src/delivery/rollout';
import { PostgresDependency } from '../../src/dependencies/postgres-dependency';
import { Migration, MigrationWave, SYNC_WAVE_ANNOTATION } from '../../src/job/migration';
import { Tier } from '../../src/platform/tier';
import { Policy } from '../../src/policy/policy';
import { PolicyTesting } from '../../src/policy/policy-testing';
import { Enforcement } from '../../src/policy/rule';
import { SecretReference } from '../../src/workload/secret-reference';
import { WorkloadKind } from '../../src/workload/workload-kind';
import { dependencyEnvironment, everyPack, find, findAll, synth, testEnvironment, testService } from '../support/fixtures';

const CANARY = Rollout.canary({ steps: [20, 100], analysis: { maxErrorRate: 0.01, maxLatencyP99: Duration.millis(300) } });
const waveOf = (object: any) => object.metadata.annotations?.[SYNC_WAVE_ANNOTATION];

describe('Migration', () => {
  test('synthesizes a ServiceAccount, a per-version Job, a NetworkPolicy and a PrometheusRule', () => {
    const env = testEnvironment();
    const migration = testMigration(env);
    const objects = synth(env).filter((o) => o.metadata?.name === 'orders-migrate' || o.metadata?.name === migration.jobName);
    expect(objects.map((o) => o.kind)).toEqual(['ServiceAccount', 'Job', 'NetworkPolicy', 'PrometheusRule']);
    expect(objects).toMatchSnapshot();
  });

  test('the Job runs once: a name per version, no TTL, few retries and a deadline', () => {
    const env = testEnvironment();
    const migration = testMigration(env);
    expect(migration.jobName).toMatch(/^orders-migrate-[0-9a-f]{10}$/);
    const job = find(synth(env), 'Job', migration.jobName);
    expect(job.spec).toMatchObject({ backoffLimit: 1, activeDeadlineSeconds: 900 });
    expect(job.spec.ttlSecondsAfterFinished).toBeUndefined();
    expect(job.spec.template.spec.restartPolicy).toBe('Never');
    expect(job.spec.template.metadata.labels['cdk8s.io/metadata.addr']).toBeUndefined();
  });

  test('the Job name changes with the version and the run, and only with them', () => {
    const nameOf = (props: object = {}) => testMigration(testEnvironment(), props).jobName;
    const base = nameOf();
    expect(nameOf()).toBe(base);
    expect(nameOf({ image: 'registry.acme.dev/payments/orders-api:1.4.3' })).not.toBe(base);
    expect(nameOf({ image: `registry.acme.dev/payments/orders-api@sha256:${'a'.repeat(64)}` })).not.toBe(base);
    expect(nameOf({ args: ['up', '--verbose'] })).not.toBe(base);
    expect(nameOf({ env: { LOG_LEVEL: 'debug' } })).not.toBe(base);
    // The service it precedes is not part of the run.
    const env = testEnvironment();
    expect(testMigration(env, {}, testService(env, { port: 9090 })).jobName).toBe(base);
  });

  test('the Job name changes with the store secrets, files and scratch it reads, and each is wired into its pod', () => {
    const nameOf = (props: object = {}) => testMigration(dependencyEnvironment(Tier.PRODUCTION), props).jobName;
    const base = nameOf();
    const secrets = (property: string) => ({ secrets: { STRIPE_API_KEY: SecretReference.fromStore('payments/stripe', property) } });
    expect(nameOf(secrets('api-key'))).not.toBe(base);
    expect(nameOf(secrets('api-key'))).toBe(nameOf(secrets('api-key')));
    expect(nameOf(secrets('other-key'))).not.toBe(nameOf(secrets('api-key')));
    expect(nameOf({ files: { '/etc/migrate/a.sql': 'select 1;' } })).not.toBe(nameOf({ files: { '/etc/migrate/a.sql': 'select 2;' } }));
    expect(nameOf({ scratch: { '/var/tmp/dump': Size.mebibytes(64) } })).not.toBe(nameOf({ scratch: { '/var/tmp/dump': Size.mebibytes(128) } }));

    const env = dependencyEnvironment(Tier.PRODUCTION);
    const migration = testMigration(env, { ...secrets('api-key'), files: { '/etc/migrate/a.sql': 'select 1;' } });
    const objects = synth(env);
    const container = find(objects, 'Job', migration.jobName).spec.template.spec.containers[0];
    expect(container.env.find((e: any) => e.name === 'STRIPE_API_KEY').valueFrom.secretKeyRef.name).toBe('orders-migrate-store');
    expect(container.volumeMounts.map((m: any) => m.mountPath)).toEqual(['/tmp', '/etc/migrate/a.sql']);
    expect(find(objects, 'ExternalSecret', 'orders-migrate-store')).toBeDefined();
    expect(migration.storeSecrets?.name).toBe('orders-migrate-store');
    expect(migration.filesConfigMap?.name).toBe('orders-migrate-files');
  });

  test('sync waves: the migration after wave 0 (where the secrets are), the service\'s new pods after the migration', () => {
    const env = dependencyEnvironment(Tier.STAGING);
    const db = new PostgresDependency(env, 'orders-db');
    const api = testService(env, { dependencies: [db] });
    const migration = testMigration(env, { dependencies: [db] }, api);
    const objects = synth(env);
    expect(waveOf(find(objects, 'Job', migration.jobName))).toBe(MigrationWave.MIGRATION);
    expect(waveOf(find(objects, 'Deployment', 'orders-api'))).toBe(MigrationWave.SERVICE);
    expect(waveOf(find(objects, 'HorizontalPodAutoscaler', 'orders-api'))).toBe(MigrationWave.SERVICE);
    // The ExternalSecret (and everything else) stays in the default wave 0, before the migration.
    const externalSecrets = findAll(objects, 'ExternalSecret');
    expect(externalSecrets.length).toBeGreaterThan(0);
    const waved = objects.filter((o) => waveOf(o) !== undefined).map((o) => `${o.kind}/${o.metadata.name}`).sort();
    expect(waved).toEqual(['Deployment/orders-api', 'HorizontalPodAutoscaler/orders-api', `Job/${migration.jobName}`]);
    // The migration reads the database's Secret as the service does.
    const container = find(objects, 'Job', migration.jobName).spec.template.spec.containers[0];
    expect(container.env.find((e: any) => e.name === 'PGPASSWORD').valueFrom.secretKeyRef.name).toBe(db.secretName);
    PolicyTesting.assertPasses(env, { packs: everyPack() });
  });

  test('an app without a migration has no sync waves', () => {
    const env = testEnvironment();
    testService(env);
    expect(synth(env).filter((o) => waveOf(o) !== undefined)).toEqual([]);
  });

  test('passes every rule pack in every tier', () => {
    for (const tier of Tier.all()) {
      const env = testEnvironment(tier);
      testMigration(env);
      PolicyTesting.assertPasses(env, { packs: everyPack() });
    }
  });

  test('is a Workload of kind migration, in the catalog and the cost estimate', () => {
    const env = testEnvironment();
    const migration = testMigration(env);
    expect(Migration.isMigration(migration)).toBe(true);
    expect(Migration.isMigration(migration.before)).toBe(false);
    const component = catalogEntities(env).find((e) => e.kind === 'Component' && e.metadata.name === 'orders-migrate');
    expect(component.spec.type).toBe(WorkloadKind.MIGRATION);
    const line = CostEstimate.of(env).lines.find((l) => l.name === 'orders-migrate')!;
    expect(line).toMatchObject({ kind: 'migration', monthlyUsdMin: 0 });
    expect(line.monthlyUsdMax).toBeGreaterThan(0);
    expect(line.basis).toMatch(/^a run per release, at most 30 a month of 15m × /);
  });
});

describe('Migration before a canary rollout', () => {
  test('the Rollout waits for the migration, and a warning says migrations must be backward compatible', () => {
    const env = testEnvironment(Tier.PRODUCTION);
    const api = testService(env, { rollout: CANARY });
    const migration = testMigration(env, {}, api);
    const objects = synth(env);
    expect(waveOf(find(objects, 'Rollout', 'orders-api'))).toBe(MigrationWave.SERVICE);
    const findings = PolicyTesting.findings(env, { packs: everyPack() }).filter((f) => f.ruleId === 'workload.migration-compatibility');
    expect(findings).toEqual([expect.objectContaining({
      enforcement: Enforcement.WARN,
      path: migration.node.path,
      field: 'metadata.annotations["paved.dev/migrates-before"]',
    })]);
    expect(PolicyTesting.ruleIds(env, { packs: everyPack() })).toEqual(['workload.migration-compatibility']);
  });

  test('the warning is printed at app.synth() and does not fail it; acknowledged, it is quiet', () => {
    const app = Testing.app();
    const env = testEnvironment(Tier.PRODUCTION, {}, app);
    testMigration(env, {}, testService(env, { rollout: CANARY }));
    const log = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      expect(() => app.synth()).not.toThrow();
      const printed = log.mock.calls.map((c) => c.join(' ')).join('\n');
      expect(printed).toMatch(/1 warning/);
      expect(printed).toContain('⚠ workload.migration-compatibility  payments-production/orders-migrate');
    } finally {
      log.mockRestore();
    }

    const quiet = testEnvironment(Tier.PRODUCTION);
    const acknowledged = testMigration(quiet, {}, testService(quiet, { rollout: CANARY }));
    Policy.suppress(acknowledged, 'workload.migration-compatibility', { reason: 'expand only: adds orders.currency; drops nothing' });
    PolicyTesting.assertPasses(quiet, { packs: everyPack() });
  });

  test('a rolling Deployment gets no warning', () => {
    const env = testEnvironment(Tier.PRODUCTION);
    testMigration(env);
    expect(PolicyTesting.findings(env, { packs: everyPack() }).map((f) => f.ruleId)).not.toContain('workload.migration-compatibility');
  });
});

describe('Migration escape hatches are checked at synth', () => {
  test('a privileged container is reported; a harmless change is not', () => {
    const failing = testEnvironment();
    ApiObject.of(testMigration(failing).job).addJsonPatch(JsonPatch.add('/spec/template/spec/containers/0/securityContext/privileged', true));
    expect(() => Testing.synth(failing)).toThrow(/pss\.baseline\.privileged/);

    const passing = testEnvironment();
    ApiObject.of(testMigration(passing).job).addJsonPatch(JsonPatch.add('/metadata/annotations/note', 'reviewed'));
    PolicyTesting.assertPasses(passing, { packs: everyPack() });
  });

  test('a hostPath volume is reported; an emptyDir is not', () => {
    const failing = testEnvironment();
    ApiObject.of(testMigration(failing).job).addJsonPatch(JsonPatch.add('/spec/template/spec/volumes/-', { name: 'host', hostPath: { path: '/' } }));
    expect(PolicyTesting.ruleIds(failing, { packs: everyPack() })).toEqual(['pss.baseline.host-path', 'pss.restricted.volume-types']);

    const passing = testEnvironment();
    ApiObject.of(testMigration(passing).job).addJsonPatch(JsonPatch.add('/spec/template/spec/volumes/-', { name: 'scratch', emptyDir: { sizeLimit: '64Mi' } }));
    PolicyTesting.assertPasses(passing, { packs: everyPack() });
  });
});
