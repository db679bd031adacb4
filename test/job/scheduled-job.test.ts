import { ApiObject, Duration, JsonPatch, Size, Testing } from 'cdk8s';
import { testScheduledJob } from './fixtures';
import { catalogEntities } from '../../src/catalog/catalog-entities';
import { CostEstimate } from '../../src/cost/cost-estimate';
import { PostgresDependency } from '../../src/dependencies/postgres-dependency';
import { ScheduledJob } from '../../src/job/scheduled-job';
import { Tier } from '../../src/platform/tier';
import { PolicyTesting } from '../../src/policy/policy-testing';
import { SecretReference } from '../../src/workload/secret-reference';
import { WorkloadKind } from '../../src/workload/workload-kind';
import { dependencyEnvironment, everyPack, find, synth, testEnvironment, testService } from '../support/fixtures';

const JOB_POD = '/spec/jobTemplate/spec/template/spec';

describe('ScheduledJob', () => {
  test('synthesizes a ServiceAccount, a CronJob, a NetworkPolicy and a PrometheusRule', () => {
    const env = testEnvironment();
    testScheduledJob(env);
    expect(synth(env).filter((o) => o.metadata?.name === 'nightly-report')).toMatchSnapshot();
  });

  test('store secrets, files and scratch reach the pod of every run, and the scratch is requested', () => {
    const env = dependencyEnvironment(Tier.PRODUCTION);
    const job = testScheduledJob(env, {
      secrets: { SMTP_PASSWORD: SecretReference.fromStore('payments/smtp', 'password') },
      files: { '/etc/report/template.html': '<h1>Report</h1>' },
      scratch: { '/var/tmp/report': Size.mebibytes(512) },
    });
    const objects = synth(env);
    const pod = find(objects, 'CronJob', 'nightly-report').spec.jobTemplate.spec.template;
    const container = pod.spec.containers[0];
    expect(container.env.find((e: any) => e.name === 'SMTP_PASSWORD').valueFrom.secretKeyRef.name).toBe('nightly-report-store');
    expect(container.volumeMounts.map((m: any) => m.mountPath)).toEqual(['/tmp', '/etc/report/template.html', '/var/tmp/report']);
    expect(container.resources.requests['ephemeral-storage']).toBe('1Gi');
    expect(pod.metadata.annotations['paved.dev/config-files-sha256']).toMatch(/^[0-9a-f]{64}$/);
    expect(job.storeSecrets?.name).toBe('nightly-report-store');
    expect(job.filesConfigMap?.name).toBe('nightly-report-files');
    PolicyTesting.assertPasses(env, { packs: everyPack() });
  });

  test('the CronJob states its safe defaults', () => {
    const env = testEnvironment();
    testScheduledJob(env);
    const cronJob = find(synth(env), 'CronJob', 'nightly-report');
    expect(cronJob.spec).toMatchObject({
      schedule: '30 2 * * *',
      timeZone: 'Etc/UTC',
      concurrencyPolicy: 'Forbid',
      // Half a day's gap, capped at an hour: not cdk8s-plus's 10 seconds.
      startingDeadlineSeconds: 3600,
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 3,
      jobTemplate: { spec: { backoffLimit: 2, activeDeadlineSeconds: 1800, ttlSecondsAfterFinished: 86400 + 1800 } },
    });
    const pod = cronJob.spec.jobTemplate.spec.template;
    expect(pod.spec).toMatchObject({ restartPolicy: 'Never', automountServiceAccountToken: false, serviceAccountName: 'nightly-report' });
    expect(pod.metadata.labels['cdk8s.io/metadata.addr']).toBeUndefined();
  });

  test('a frequent schedule gets a starting deadline of half its gap, at least a minute', () => {
    const env = testEnvironment();
    testScheduledJob(env, { schedule: '*/30 * * * *' }, 'half-hourly');
    testScheduledJob(env, { schedule: '* * * * *', expectedDuration: Duration.seconds(20) }, 'every-minute');
    const objects = synth(env);
    expect(find(objects, 'CronJob', 'half-hourly').spec.startingDeadlineSeconds).toBe(900);
    expect(find(objects, 'CronJob', 'every-minute').spec.startingDeadlineSeconds).toBe(60);
  });

  test('passes every rule pack in every tier', () => {
    for (const tier of Tier.all()) {
      const env = testEnvironment(tier);
      testScheduledJob(env);
      PolicyTesting.assertPasses(env, { packs: everyPack() });
    }
  });

  test('wires a dependency as a service is wired: variables from its Secret, egress on its port only', () => {
    const env = dependencyEnvironment(Tier.PRODUCTION);
    const db = new PostgresDependency(env, 'orders-db');
    const job = testScheduledJob(env, { dependencies: [db] });
    const objects = synth(env);
    const container = find(objects, 'CronJob', 'nightly-report').spec.jobTemplate.spec.template.spec.containers[0];
    expect(container.env.find((e: any) => e.name === 'PGPASSWORD').valueFrom.secretKeyRef.name).toBe(db.secretName);
    const egress = find(objects, 'NetworkPolicy', 'nightly-report').spec.egress;
    expect(egress.flatMap((r: any) => r.ports.map((p: any) => p.port))).toEqual([5432]);
    expect(job.dependencies).toEqual([db]);
    PolicyTesting.assertPasses(env, { packs: everyPack() });
  });

  test('a service may let a scheduled job call it', () => {
    const env = testEnvironment();
    const api = testService(env);
    const job = testScheduledJob(env);
    api.allowFrom(job);
    const egress = find(synth(env), 'NetworkPolicy', 'nightly-report').spec.egress;
    expect(egress).toEqual([expect.objectContaining({ ports: [{ port: 8080, protocol: 'TCP' }] })]);
  });

  test('is a Workload of kind scheduled-job, in the catalog and the cost estimate', () => {
    const env = testEnvironment();
    const job = testScheduledJob(env);
    expect(ScheduledJob.isScheduledJob(job)).toBe(true);
    expect(ScheduledJob.isScheduledJob(testService(env))).toBe(false);
    const component = catalogEntities(env).find((e) => e.kind === 'Component' && e.metadata.name === 'nightly-report');
    expect(component.spec.type).toBe(WorkloadKind.SCHEDULED_JOB);
    const line = CostEstimate.of(env).lines.find((l) => l.name === 'nightly-report')!;
    expect(line.kind).toBe('scheduled-job');
    expect(line.basis).toMatch(/^30\.4 runs a month of 10m \(at most 30m\) × /);
    // A tenth of an hour a day is about 0.7% of a pod's month; the timeout triples it.
    expect(line.monthlyUsdMax).toBeGreaterThan(0);
    expect(line.monthlyUsdMax).toBeCloseTo(line.monthlyUsdMin * 3, 1);
  });
});

describe('ScheduledJob escape hatches are checked at synth', () => {
  test('a privileged container is reported; a harmless change is not', () => {
    const failing = testEnvironment();
    ApiObject.of(testScheduledJob(failing).cronJob).addJsonPatch(JsonPatch.add(`${JOB_POD}/containers/0/securityContext/privileged`, true));
    expect(() => Testing.synth(failing)).toThrow(/pss\.baseline\.privileged/);

    const passing = testEnvironment();
    ApiObject.of(testScheduledJob(passing).cronJob).addJsonPatch(JsonPatch.add(`${JOB_POD}/containers/0/securityContext/privileged`, false));
    expect(() => Testing.synth(passing)).not.toThrow();
    PolicyTesting.assertPasses(passing, { packs: everyPack() });
  });

  test('a hostPath volume is reported; an emptyDir is not', () => {
    const failing = testEnvironment();
    ApiObject.of(testScheduledJob(failing).cronJob).addJsonPatch(JsonPatch.add(`${JOB_POD}/volumes/-`, { name: 'host', hostPath: { path: '/var/run' } }));
    // The default packs hold it to restricted's volume types; the baseline pack names host paths.
    expect(() => Testing.synth(failing)).toThrow(/pss\.restricted\.volume-types[^]*volumes\[1\] is "hostPath"/);
    expect(PolicyTesting.ruleIds(failing, { packs: everyPack() })).toEqual(['pss.baseline.host-path', 'pss.restricted.volume-types']);

    const passing = testEnvironment();
    ApiObject.of(testScheduledJob(passing).cronJob).addJsonPatch(JsonPatch.add(`${JOB_POD}/volumes/-`, { name: 'scratch', emptyDir: { sizeLimit: '64Mi' } }));
    PolicyTesting.assertPasses(passing, { packs: everyPack() });
  });
});
