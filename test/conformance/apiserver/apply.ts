/**
 * Applies every synthesized object to a real API server, the way Argo CD would, and fails on
 * any rejection or warning; then checks that the controllers turn every Deployment and
 * StatefulSet into Pods that the namespace's Pod Security, LimitRange and ResourceQuota admit,
 * at the services' minimum and again at their maximum replica counts.
 *
 *   ts-node apply.ts --crds crds.list --sources sources.json --report report.json
 *
 * The API server's address and client certificate come from CP_URL, CP_CA, CP_CERT, CP_KEY.
 */
import { readFileSync, writeFileSync } from 'fs';
import { parseAllDocuments } from 'yaml';
import { KubeClient, describeStatus } from './kube-client';
import { Manifest, syncOrder } from './sync-order';

interface Source { readonly name: string; readonly files: string[] }
interface SourceReport {
  name: string;
  objects: number;
  kinds: Record<string, number>;
  namespaces: string[];
  pods: number;
  podsAtMax: number;
  workloads: number;
  rollouts: number;
  failures: string[];
  /** Objects applied, plus each workload's Pods at minimum and at maximum. */
  checks: number;
  failedChecks: number;
}

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2) args.set(process.argv[i].replace(/^--/, ''), process.argv[i + 1]);
const need = (k: string) => { const v = args.get(k) ?? process.env[k]; if (!v) throw new Error(`missing --${k}`); return v; };

const client = new KubeClient(need('CP_URL'), need('CP_CA'), need('CP_CERT'), need('CP_KEY'));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const log = (s: string) => process.stderr.write(`${s}\n`);

function readManifests(files: string[]): Manifest[] {
  const out: Manifest[] = [];
  for (const f of files) {
    for (const doc of parseAllDocuments(readFileSync(f, 'utf8'))) {
      if (doc.errors.length) throw new Error(`${f}: ${doc.errors[0].message}`);
      const obj = doc.toJS();
      if (obj === null || obj === undefined) continue;
      if (typeof obj.kind !== 'string' || typeof obj.apiVersion !== 'string') throw new Error(`${f}: a document without kind/apiVersion`);
      out.push(obj);
    }
  }
  return out;
}

const ref = (m: Manifest) => `${m.kind}/${m.metadata.name}${m.metadata.namespace ? ` in ${m.metadata.namespace}` : ''}`;

/** Dry run, then for real; every non-2xx answer and every warning is a failure. */
async function applyOne(m: Manifest, failures: string[]): Promise<boolean> {
  const before = failures.length;
  for (const dryRun of [true, false]) {
    const res = await client.apply(m, dryRun);
    const stage = dryRun ? 'dry run' : 'apply';
    for (const w of res.warnings) failures.push(`${ref(m)}: ${stage} warned: ${w}`);
    if (res.status < 200 || res.status >= 300) {
      failures.push(`${ref(m)}: ${stage} rejected (${res.status}): ${describeStatus(res.body)}`);
      return false;
    }
  }
  return failures.length === before;
}

async function installCrds(files: string[]): Promise<number> {
  const crds = readManifests(files).filter((m) => m.kind === 'CustomResourceDefinition');
  const failures: string[] = [];
  for (const crd of crds) await applyOne(crd, failures);
  if (failures.length) throw new Error(`upstream CRDs were not accepted:\n  ${failures.join('\n  ')}`);
  for (const crd of crds) {
    const path = `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${crd.metadata.name}`;
    for (let i = 0; ; i++) {
      const live = await client.get(path);
      if ((live.status?.conditions ?? []).some((c: any) => c.type === 'Established' && c.status === 'True')) break;
      if (i > 120) throw new Error(`CRD ${crd.metadata.name} not established`);
      await sleep(250);
    }
  }
  return crds.length;
}

async function namespaceExists(name: string): Promise<boolean> {
  return (await client.request('GET', `/api/v1/namespaces/${name}`)).status === 200;
}

/** Deletes namespaces a previous source left, so two sources that share a namespace do not share its quota. */
async function deleteNamespaces(names: string[]): Promise<void> {
  for (const n of names) await client.request('DELETE', `/api/v1/namespaces/${n}`);
  for (const n of names) {
    for (let i = 0; await namespaceExists(n); i++) {
      if (i > 240) throw new Error(`namespace ${n} was not deleted within 120s`);
      await sleep(500);
    }
  }
}

interface Workload { kind: string; name: string; namespace: string; min: number; max: number; selector: Record<string, string>; ordered: boolean }

/** The label Argo Rollouts adds to the ReplicaSets and Pods it makes from a Rollout's template. */
const ROLLOUT_HASH_LABEL = 'rollouts-pod-template-hash';

/**
 * The ReplicaSet Argo Rollouts would make from a Rollout's pod template. No Rollouts controller
 * runs here, so the suite makes it, exactly as the controller does (template plus hash label),
 * to have the Rollout's Pods admitted like every other workload's.
 */
function rolloutReplicaSet(rollout: Manifest, replicas: number): Manifest {
  const spec = rollout.spec as any;
  const template = JSON.parse(JSON.stringify(spec.template));
  template.metadata = { ...template.metadata, labels: { ...template.metadata?.labels, [ROLLOUT_HASH_LABEL]: 'conformance' } };
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: `${rollout.metadata.name}-conformance`, namespace: rollout.metadata.namespace, labels: { [ROLLOUT_HASH_LABEL]: 'conformance' } },
    spec: { replicas, selector: { matchLabels: { ...spec.selector.matchLabels, [ROLLOUT_HASH_LABEL]: 'conformance' } }, template },
  };
}

function workloadsOf(objects: Manifest[]): { workloads: Workload[]; emulated: Manifest[] } {
  const hpas = objects.filter((m) => m.kind === 'HorizontalPodAutoscaler');
  const workloads: Workload[] = [];
  const emulated: Manifest[] = [];
  for (const m of objects) {
    const spec = m.spec as any;
    const isRollout = m.kind === 'Rollout' && spec.template !== undefined;
    if (m.kind === 'Job') {
      const n = spec.parallelism ?? 1;
      workloads.push({ kind: 'Job', name: m.metadata.name, namespace: m.metadata.namespace ?? 'default', min: n, max: n, selector: { 'batch.kubernetes.io/job-name': m.metadata.name }, ordered: false });
      continue;
    }
    if (m.kind !== 'Deployment' && m.kind !== 'StatefulSet' && !isRollout) continue;
    const hpa = hpas.find((h) => (h.spec as any).scaleTargetRef.kind === m.kind && (h.spec as any).scaleTargetRef.name === m.metadata.name
      && h.metadata.namespace === m.metadata.namespace);
    const replicas = spec.replicas ?? 1;
    const min = hpa ? Math.max((hpa.spec as any).minReplicas ?? 1, spec.replicas ?? 0) : replicas;
    const max = hpa ? (hpa.spec as any).maxReplicas : replicas;
    const namespace = m.metadata.namespace ?? 'default';
    if (isRollout) {
      const rs = rolloutReplicaSet(m, min);
      emulated.push(rs);
      workloads.push({ kind: 'ReplicaSet', name: rs.metadata.name, namespace, min, max, selector: (rs.spec as any).selector.matchLabels, ordered: false });
      continue;
    }
    workloads.push({
      kind: m.kind,
      name: m.metadata.name,
      namespace,
      min,
      max,
      selector: spec.selector.matchLabels,
      ordered: m.kind === 'StatefulSet' && spec.podManagementPolicy !== 'Parallel',
    });
  }
  return { workloads, emulated };
}

async function podsOf(w: Workload): Promise<any[]> {
  const selector = Object.entries(w.selector).map(([k, v]) => `${k}=${v}`).join(',');
  const list = await client.get(`/api/v1/namespaces/${w.namespace}/pods?labelSelector=${encodeURIComponent(selector)}`);
  return list.items.filter((p: any) => !p.metadata.deletionTimestamp);
}

/** Warnings the workload controllers recorded: a Pod they could not create is a refused Pod. */
async function refusals(namespace: string, seen: Set<string>): Promise<string[]> {
  const list = await client.get(`/api/v1/namespaces/${namespace}/events`);
  const out: string[] = [];
  for (const e of list.items) {
    if (e.type !== 'Warning' || seen.has(e.metadata.uid)) continue;
    if (!['ReplicaSet', 'StatefulSet', 'Deployment', 'Job', 'Pod'].includes(e.involvedObject.kind)) continue;
    if (e.reason === 'FailedScheduling') continue; // no scheduler runs here, by design
    seen.add(e.metadata.uid);
    out.push(`${e.involvedObject.kind}/${e.involvedObject.name} in ${namespace}: ${e.reason}: ${e.message}`);
  }
  return out;
}

/** Waits until every workload has `count(w)` Pods, or a controller reports a refusal. */
interface PodCount { total: number; failing: number }

async function awaitPods(workloads: Workload[], count: (w: Workload) => number, failures: string[], seen: Set<string>): Promise<PodCount> {
  const namespaces = [...new Set(workloads.map((w) => w.namespace))];
  let total = 0;
  for (let i = 0; i < 120; i++) {
    total = 0;
    let short: string[] = [];
    for (const w of workloads) {
      const pods = await podsOf(w);
      // An OrderedReady StatefulSet creates one Pod and waits for it to become Ready, which needs a kubelet.
      const want = w.ordered ? Math.min(1, count(w)) : count(w);
      total += pods.length;
      if (pods.length < want) short.push(`${w.kind}/${w.name} in ${w.namespace}: ${pods.length} of ${want} Pods`);
    }
    const refused: string[] = [];
    for (const ns of namespaces) refused.push(...await refusals(ns, seen));
    if (refused.length) { failures.push(...refused); return { total, failing: Math.max(refused.length, short.length) }; }
    if (!short.length) return { total, failing: 0 };
    if (i === 119) { failures.push(...short.map((s) => `${s} after 60s`)); return { total, failing: short.length }; }
    short = [];
    await sleep(500);
  }
  return { total, failing: workloads.length };
}

async function checkPods(workloads: Workload[], failures: string[]): Promise<void> {
  for (const w of workloads) {
    for (const pod of await podsOf(w)) {
      for (const c of [...pod.spec.initContainers ?? [], ...pod.spec.containers]) {
        const r = c.resources ?? {};
        for (const k of ['cpu', 'memory']) {
          if (!r.requests?.[k] || !r.limits?.[k]) failures.push(`Pod ${pod.metadata.name} in ${w.namespace}: container ${c.name} runs without a ${k} request and limit`);
        }
      }
    }
  }
}

async function scaleTo(w: Workload, replicas: number): Promise<void> {
  const info = client.collectionPath('apps/v1', w.kind, w.namespace);
  const res = await client.request('PATCH', `${info}/${w.name}/scale`, { spec: { replicas } }, 'application/merge-patch+json');
  if (res.status !== 200) throw new Error(`scaling ${w.kind}/${w.name}: ${res.status} ${describeStatus(res.body)}`);
}

async function runSource(source: Source, previous: Set<string>): Promise<SourceReport> {
  const objects = readManifests(source.files);
  const failures: string[] = [];
  const kinds: Record<string, number> = {};
  for (const m of objects) kinds[m.kind] = (kinds[m.kind] ?? 0) + 1;
  const declared = objects.filter((m) => m.kind === 'Namespace').map((m) => m.metadata.name);
  await deleteNamespaces(declared.filter((n) => previous.has(n)));

  // What Argo CD needs before an application syncs: its own namespace, where Applications live.
  for (const ns of new Set(objects.map((m) => m.metadata.namespace).filter((n): n is string => !!n && !declared.includes(n)))) {
    if (!await namespaceExists(ns)) {
      log(`  ${source.name}: namespace ${ns} is not declared; created as the platform's own (Argo CD's)`);
      await applyOne({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } }, failures);
    }
  }
  let failedChecks = 0;
  for (const m of syncOrder(objects)) {
    if (!client.resourceOf(m.apiVersion, m.kind)) {
      failures.push(`${ref(m)}: the API server serves no ${m.kind} in ${m.apiVersion}`);
      failedChecks++;
      continue;
    }
    if (!await applyOne(m, failures)) failedChecks++;
  }

  const { workloads, emulated } = workloadsOf(objects);
  if (!failures.length) for (const rs of emulated) await applyOne(rs, failures);
  const seen = new Set<string>();
  let pods = 0;
  let podsAtMax = 0;
  if (!failures.length && workloads.length) {
    const atMin = await awaitPods(workloads, (w) => w.min, failures, seen);
    pods = atMin.total;
    failedChecks += atMin.failing;
    const unlimited = failures.length;
    await checkPods(workloads, failures);
    failedChecks += failures.length - unlimited;
    // Every service at its replica ceiling at once: what the quota must hold.
    for (const w of workloads) if (w.max > w.min) await scaleTo(w, w.max);
    if (!failures.length) {
      const atMax = await awaitPods(workloads, (w) => w.max, failures, seen);
      podsAtMax = atMax.total;
      failedChecks += atMax.failing;
    } else {
      failedChecks += workloads.length;
    }
  } else if (failures.length) {
    failedChecks += 2 * workloads.length;
  }
  return {
    name: source.name,
    objects: objects.length,
    kinds,
    namespaces: declared,
    pods,
    podsAtMax,
    workloads: workloads.length,
    rollouts: emulated.length,
    failures,
    checks: objects.length + 2 * workloads.length,
    failedChecks,
  };
}

async function main(): Promise<void> {
  const crdFiles = readFileSync(need('crds'), 'utf8').split('\n').filter(Boolean);
  const sources: Source[] = JSON.parse(readFileSync(need('sources'), 'utf8'));
  await client.discover();
  const crds = await installCrds(crdFiles);
  log(`installed ${crds} upstream CRDs`);
  await client.discover();
  const reports: SourceReport[] = [];
  const previous = new Set<string>();
  for (const source of sources) {
    const report = await runSource(source, previous);
    report.namespaces.forEach((n) => previous.add(n));
    reports.push(report);
    const status = report.failures.length ? `FAILED (${report.failures.length})` : 'ok';
    log(`  ${source.name}: ${report.objects} objects applied, ${report.pods} Pods admitted at minimum replicas, ${report.podsAtMax} at maximum: ${status}`);
    for (const f of report.failures) log(`    ${f}`);
  }
  const version = await client.get('/version');
  writeFileSync(need('report'), JSON.stringify({ kubernetes: process.env.K8S_VERSION ?? version.gitVersion, crds, sources: reports }, null, 2) + '\n');
  const failed = reports.reduce((n, r) => n + r.failedChecks, 0);
  const checks = reports.reduce((n, r) => n + r.checks, 0);
  const problems = reports.reduce((n, r) => n + r.failures.length, 0);
  console.log(`conformance: ${checks - failed} passed, ${failed} failed`);
  if (failed || problems) process.exitCode = 1;
}

main().catch((e) => { log(String(e?.stack ?? e)); process.exitCode = 2; });
