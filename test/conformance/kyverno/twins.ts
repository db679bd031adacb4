// Twins: for every rule Paved exports to Kyverno, manifests that break it and manifests that keep
// it, each written the way a team deploys around Paved: a Deployment written by hand from the
// golden-path one of a production service, its pod template edited. A failing
// twin must fail Paved's synth naming the rule and be denied by Kyverno; a passing twin must pass
// the rule in both. The Pod Security cases are the unit tests' own (one edit per control, both
// ways); the production-readiness ones are below.
import { ApiObject, App, Duration, JsonPatch, Testing } from 'cdk8s';
import { PostgresDependency } from '../../../src/dependencies/postgres-dependency';
import { Environment } from '../../../src/environment/environment';
import { Migration } from '../../../src/job/migration';
import { ScheduledJob } from '../../../src/job/scheduled-job';
import { Platform } from '../../../src/platform/platform';
import { Tier } from '../../../src/platform/tier';
import { PlatformService } from '../../../src/service/platform-service';
import { POD_SECURITY_CASES } from '../../policy/packs/pod-security/cases';
import { main } from '../../policy/packs/workloads';
import { dependencyEnvironment } from '../../support/fixtures';

/** One twin: an app, the rule it is about, and what both engines must say of it. */
export interface Twin {
  readonly ruleId: string;
  readonly name: string;
  /** `deny`: the rule rejects the twin in both engines; `admit`: it passes the rule in both. */
  readonly expected: 'deny' | 'admit';
  readonly app: App;
}

type Edit = (pod: any, metadata: any) => void;

/** The name of the hand-written Deployment of each twin. */
export const TWIN_NAME = 'orders-api-twin';

const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value));

/** A container like the main one, for init and ephemeral containers that keep every rule. */
function sidecar(pod: any, name: string, drop: string[] = []): any {
  const container = copy(main(pod));
  container.name = name;
  for (const field of ['ports', 'readinessProbe', 'livenessProbe', 'startupProbe', ...drop]) delete container[field];
  return container;
}

/**
 * Unit-test cases that say something else of the golden path than of the unit tests' fixture,
 * which sets less: the golden path sets the seccomp profile on the container as well as the pod.
 */
const NOT_TWINS: { [name: string]: string } = {
  'pss.restricted.seccomp: no profile at all': 'the container keeps its own RuntimeDefault profile; "no profile on the pod or the container" below removes both',
};

/** Fail and pass twins of the production-readiness rules Paved exports (and one seccomp case, see above). */
const READINESS_CASES: Array<{ ruleId: string; name: string; expected: 'deny' | 'admit'; edit: Edit }> = [
  { ruleId: 'pss.restricted.seccomp', name: 'no profile on the pod or the container', expected: 'deny', edit: (p) => { delete p.securityContext.seccompProfile; delete main(p).securityContext.seccompProfile; } },
  { ruleId: 'workload.probes', name: 'no readiness probe', expected: 'deny', edit: (p) => { delete main(p).readinessProbe; } },
  { ruleId: 'workload.probes', name: 'no liveness probe', expected: 'deny', edit: (p) => { delete main(p).livenessProbe; } },
  { ruleId: 'workload.probes', name: 'an init container without probes', expected: 'admit', edit: (p) => { p.initContainers = [sidecar(p, 'migrate')]; } },
  { ruleId: 'workload.resource-requests', name: 'no CPU request on an init container', expected: 'deny', edit: (p) => { p.initContainers = [sidecar(p, 'migrate')]; delete p.initContainers[0].resources.requests.cpu; } },
  { ruleId: 'workload.resource-requests', name: 'no requests at all', expected: 'deny', edit: (p) => { delete main(p).resources.requests; } },
  { ruleId: 'workload.resource-requests', name: 'an ephemeral container without resources', expected: 'admit', edit: (p) => { p.ephemeralContainers = [sidecar(p, 'debug', ['resources', 'volumeMounts'])]; } },
  { ruleId: 'workload.resource-requests', name: 'requests written as numbers', expected: 'admit', edit: (p) => { main(p).resources.requests = { cpu: 1, memory: 268435456 }; } },
  { ruleId: 'workload.memory-limit', name: 'a memory limit written as a number', expected: 'admit', edit: (p) => { main(p).resources.limits.memory = 536870912; } },
  { ruleId: 'workload.memory-limit', name: 'no memory limit', expected: 'deny', edit: (p) => { delete main(p).resources.limits.memory; } },
  { ruleId: 'workload.memory-limit', name: 'a memory limit and no CPU limit', expected: 'admit', edit: (p) => { delete main(p).resources.limits.cpu; } },
  { ruleId: 'workload.read-only-root-fs', name: 'a writable root filesystem', expected: 'deny', edit: (p) => { main(p).securityContext.readOnlyRootFilesystem = false; } },
  { ruleId: 'workload.read-only-root-fs', name: 'an init container that leaves it unset', expected: 'deny', edit: (p) => { p.initContainers = [sidecar(p, 'migrate')]; delete p.initContainers[0].securityContext.readOnlyRootFilesystem; } },
  { ruleId: 'workload.read-only-root-fs', name: 'a writable ephemeral debug container', expected: 'admit', edit: (p) => { p.ephemeralContainers = [sidecar(p, 'debug', ['resources'])]; p.ephemeralContainers[0].securityContext.readOnlyRootFilesystem = false; } },
  { ruleId: 'workload.default-service-account', name: 'the default ServiceAccount', expected: 'deny', edit: (p) => { p.serviceAccountName = 'default'; } },
  { ruleId: 'workload.default-service-account', name: 'no ServiceAccount named', expected: 'deny', edit: (p) => { delete p.serviceAccountName; } },
  { ruleId: 'workload.default-service-account', name: 'a ServiceAccount whose name starts with default', expected: 'admit', edit: (p) => { p.serviceAccountName = 'default-reader'; } },
  { ruleId: 'workload.default-service-account', name: 'an empty serviceAccountName', expected: 'deny', edit: (p) => { p.serviceAccountName = ''; } },
  { ruleId: 'workload.default-service-account', name: 'only the deprecated serviceAccount, naming its own', expected: 'admit', edit: (p) => { p.serviceAccount = p.serviceAccountName; delete p.serviceAccountName; } },
  { ruleId: 'workload.default-service-account', name: 'only the deprecated serviceAccount, naming default', expected: 'deny', edit: (p) => { p.serviceAccount = 'default'; delete p.serviceAccountName; } },
  { ruleId: 'workload.image-registry', name: 'an image from Docker Hub', expected: 'deny', edit: (p) => { main(p).image = 'docker.io/library/nginx:1.27'; } },
  { ruleId: 'workload.image-registry', name: 'a look-alike registry', expected: 'deny', edit: (p) => { main(p).image = 'registry.acme.dev.evil.io/app:1'; } },
  { ruleId: 'workload.image-registry', name: 'an ephemeral container from Docker Hub', expected: 'deny', edit: (p) => { p.ephemeralContainers = [{ ...sidecar(p, 'debug', ['resources']), image: 'docker.io/library/busybox:1.36' }]; } },
  { ruleId: 'workload.image-registry', name: 'another repository of the registry', expected: 'admit', edit: (p) => { main(p).image = 'registry.acme.dev/tools/orders-api:2.0.0'; } },
];

/**
 * A production service on the golden path in namespace `namespace`, and beside it a Deployment
 * written by hand from the service's own (same pod labels, so its NetworkPolicy, disruption budget
 * and autoscaler settings hold it as they hold the service) with its pod template edited. Written
 * as a plain ApiObject: a JSON patch on the generated Deployment goes through cdk8s's typed
 * rendering, which keeps only the fields it knows by their TypeScript names.
 */
function editedService(platform: Platform, namespace: string, edit: Edit): App {
  const app = Testing.app();
  const env = new Environment(app, namespace, { platform, tier: Tier.PRODUCTION, team: 'shop' });
  const service = new PlatformService(env, 'orders-api', { image: 'registry.acme.dev/shop/orders-api:1.4.2', port: 8080 });
  const manifest = copy(ApiObject.of(service.deployment).toJson());
  manifest.metadata.name = TWIN_NAME;
  // The autoscaler that sets the service's replicas targets the service's Deployment only.
  manifest.spec.replicas = 2;
  edit(manifest.spec.template.spec, manifest.spec.template.metadata);
  new ApiObject(env, 'twin', manifest);
  return app;
}

/**
 * A database seed Job, which runs to completion and has no probes: both engines admit it and its
 * Pods (Kyverno's auto-generation would otherwise extend the probes rule to Jobs).
 */
function seedJob(): App {
  const app = Testing.app();
  const env = dependencyEnvironment(Tier.DEVELOPMENT, {}, app);
  const db = new PostgresDependency(env, 'orders-db', { seed: 'last-7-days-anonymized' });
  new PlatformService(env, 'orders-api', { image: 'registry.acme.dev/payments/orders-api:1.4.2', port: 8080, dependencies: [db] });
  const job = db.seedJob?.toJson();
  if (!job || job.spec.template.spec.containers.some((c: any) => c.readinessProbe || c.livenessProbe)) {
    throw new Error('the seed twin needs a seed Job whose containers have no probes');
  }
  return app;
}

/**
 * Every twin of the rules `platform` exports (`exported`), each in a namespace of its own
 * (`<prefix>-001`, ...) so that Kyverno's report names each apart.
 */
export function twins(platform: Platform, exported: Set<string>, prefix: string): Twin[] {
  const cases = [
    ...POD_SECURITY_CASES.filter((c) => !NOT_TWINS[`${c.rule.id}: ${c.name}`]).map((c) => ({
      ruleId: c.rule.id, name: c.name, expected: c.fields.length > 0 ? 'deny' as const : 'admit' as const, edit: c.edit,
    })),
    ...READINESS_CASES,
  ].filter((c) => exported.has(c.ruleId));
  return cases.map((c, i) => ({
    ruleId: c.ruleId,
    name: c.name,
    expected: c.expected,
    app: editedService(platform, `${prefix}-${String(i + 1).padStart(3, '0')}`, c.edit),
  }));
}

/** The database seed twin (see seedJob). */
export function seedJobTwin(): Twin {
  return { ruleId: 'workload.probes', name: 'a database seed Job without probes', expected: 'admit', app: seedJob() };
}

/** Where each kind that runs to completion keeps its pod spec, as a JSON pointer. */
const JOB_POD_SPEC = { CronJob: '/spec/jobTemplate/spec/template/spec', Job: '/spec/template/spec' };

/**
 * A ScheduledJob (`CronJob`) or a Migration (`Job`) changed through an escape hatch, in an
 * environment of its own: the controller-made Jobs and Pods below it carry the change.
 */
function editedJob(platform: Platform, namespace: string, kind: 'CronJob' | 'Job', patches: JsonPatch[]): App {
  const app = Testing.app();
  const env = new Environment(app, namespace, { platform, tier: Tier.PRODUCTION, team: 'shop' });
  const image = 'registry.acme.dev/shop/orders-api:1.4.2';
  const target = kind === 'CronJob'
    ? new ScheduledJob(env, 'nightly-report', { image, schedule: '30 2 * * *', expectedDuration: Duration.minutes(10) }).cronJob
    : new Migration(env, 'orders-migrate', { image, args: ['migrate'], before: new PlatformService(env, 'orders-api', { image, port: 8080 }) }).job;
  ApiObject.of(target).addJsonPatch(...patches);
  return app;
}

/**
 * Twins of the workloads that run to completion, written through escape hatches on their
 * CronJob and Job: both engines must judge the CronJob, the Job it creates and that Job's Pods as
 * the synth judges the object Paved wrote.
 */
export function jobTwins(platform: Platform, exported: Set<string>): Twin[] {
  const pod = (kind: 'CronJob' | 'Job') => JOB_POD_SPEC[kind];
  const cases: Array<{ ruleId: string; name: string; expected: 'deny' | 'admit'; kind: 'CronJob' | 'Job'; patches: JsonPatch[] }> = [
    { ruleId: 'pss.baseline.privileged', name: 'a privileged ScheduledJob', expected: 'deny', kind: 'CronJob', patches: [JsonPatch.add(`${pod('CronJob')}/containers/0/securityContext/privileged`, true)] },
    { ruleId: 'pss.baseline.privileged', name: 'a ScheduledJob stating privileged: false', expected: 'admit', kind: 'CronJob', patches: [JsonPatch.add(`${pod('CronJob')}/containers/0/securityContext/privileged`, false)] },
    { ruleId: 'pss.restricted.volume-types', name: 'a Migration with a hostPath volume', expected: 'deny', kind: 'Job', patches: [JsonPatch.add(`${pod('Job')}/volumes/-`, { name: 'host', hostPath: { path: '/' } })] },
    { ruleId: 'pss.restricted.volume-types', name: 'a Migration with an extra emptyDir', expected: 'admit', kind: 'Job', patches: [JsonPatch.add(`${pod('Job')}/volumes/-`, { name: 'scratch', emptyDir: { sizeLimit: '64Mi' } })] },
    { ruleId: 'pss.baseline.host-namespaces', name: 'a ScheduledJob on the host network', expected: 'deny', kind: 'CronJob', patches: [JsonPatch.replace(`${pod('CronJob')}/hostNetwork`, true)] },
    { ruleId: 'workload.probes', name: 'a ScheduledJob without probes', expected: 'admit', kind: 'CronJob', patches: [] },
  ];
  return cases.filter((c) => exported.has(c.ruleId)).map((c, i) => ({
    ruleId: c.ruleId,
    name: c.name,
    expected: c.expected,
    app: editedJob(platform, `job-${String(i + 1).padStart(3, '0')}`, c.kind, c.patches),
  }));
}
