// For every rule whose acknowledgement Paved writes for kube-score or Checkov: a service on the
// golden path, changed (through the usual escape hatch) until the rule and the scanners' mapped
// checks fire, and the rule suppressed. Each case yields the object Paved acknowledged and, per
// mapped check, its twin: the same object with that one check's acknowledgement taken out again.
import { mkdirSync, writeFileSync } from 'fs';
import { join } from 'path';
import { ApiObject, App, JsonPatch, Testing } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { stringify } from 'yaml';
import { Environment } from '../../../src/environment/environment';
import { Tier } from '../../../src/platform/tier';
import { Policy } from '../../../src/policy/policy';
import { IRule } from '../../../src/policy/rule';
import { RulePacks } from '../../../src/policy/rule-packs';
import { Scanner } from '../../../src/policy/scanner-acknowledgements';
import { PlatformService } from '../../../src/service/platform-service';
import { testEnvironment, testService } from '../../support/fixtures';

/** One way off the golden path, acknowledged. */
interface Case {
  readonly name: string;
  readonly tier?: Tier;
  /** The rules the change breaks, all suppressed on the service; the first is the one under test. */
  readonly rules: string[];
  /** Rules the change breaks on the environment's own objects, suppressed on the environment. */
  readonly environmentRules?: string[];
  /** The kind of the service's object that carries the acknowledgement. */
  readonly kind?: string;
  /**
   * Changes the service; or adds, beside it, an object of the team's own, returning the construct
   * to suppress on and the object's name.
   */
  readonly change: (service: PlatformService, env: Environment) => { scope: IConstruct; name: string } | void;
}

const CONTAINER = '/spec/template/spec/containers/0';
const POD = '/spec/template/spec';

function patch(service: PlatformService, ...patches: JsonPatch[]): void {
  ApiObject.of(service.deployment).addJsonPatch(...patches);
}

const CASES: Case[] = [
  {
    name: 'privileged',
    rules: ['pss.baseline.privileged', 'pss.restricted.privilege-escalation'],
    // The API server refuses privileged with allowPrivilegeEscalation false.
    change: (s) => patch(s, JsonPatch.replace(`${CONTAINER}/securityContext/privileged`, true), JsonPatch.replace(`${CONTAINER}/securityContext/allowPrivilegeEscalation`, true)),
  },
  {
    name: 'added-capabilities',
    rules: ['pss.baseline.capabilities', 'pss.restricted.capabilities'],
    change: (s) => patch(s, JsonPatch.add(`${CONTAINER}/securityContext/capabilities/add`, ['SYS_ADMIN'])),
  },
  {
    name: 'kept-capabilities',
    rules: ['pss.restricted.capabilities'],
    change: (s) => patch(s, JsonPatch.remove(`${CONTAINER}/securityContext/capabilities/drop`)),
  },
  {
    name: 'host-namespaces',
    rules: ['pss.baseline.host-namespaces'],
    // cdk8s-plus's Deployment passes its patched JSON through the typed props once more, so a
    // patch names a field as the props do (hostPid): under its JSON name (hostPID) it is dropped.
    change: (s) => patch(s, JsonPatch.add(`${POD}/hostNetwork`, true), JsonPatch.add(`${POD}/hostPid`, true), JsonPatch.add(`${POD}/hostIpc`, true)),
  },
  {
    name: 'docker-socket',
    rules: ['pss.baseline.host-path', 'pss.restricted.volume-types'],
    change: (s) => patch(s,
      JsonPatch.add(`${POD}/volumes/-`, { name: 'docker', hostPath: { path: '/var/run/docker.sock' } }),
      JsonPatch.add(`${CONTAINER}/volumeMounts/-`, { name: 'docker', mountPath: '/var/run/docker.sock' })),
  },
  {
    name: 'host-port',
    rules: ['pss.baseline.host-ports'],
    change: (s) => patch(s, JsonPatch.add(`${CONTAINER}/ports/0/hostPort`, 8080)),
  },
  {
    name: 'privilege-escalation',
    rules: ['pss.restricted.privilege-escalation'],
    change: (s) => patch(s, JsonPatch.replace(`${CONTAINER}/securityContext/allowPrivilegeEscalation`, true)),
  },
  {
    name: 'root',
    rules: ['pss.restricted.run-as-non-root', 'pss.restricted.run-as-user'],
    change: (s) => patch(s,
      JsonPatch.replace(`${POD}/securityContext/runAsNonRoot`, false), JsonPatch.replace(`${POD}/securityContext/runAsUser`, 0),
      JsonPatch.replace(`${CONTAINER}/securityContext/runAsNonRoot`, false), JsonPatch.replace(`${CONTAINER}/securityContext/runAsUser`, 0)),
  },
  {
    name: 'root-user',
    rules: ['pss.restricted.run-as-user'],
    change: (s) => patch(s, JsonPatch.replace(`${POD}/securityContext/runAsUser`, 0), JsonPatch.replace(`${CONTAINER}/securityContext/runAsUser`, 0)),
  },
  {
    name: 'seccomp-unconfined',
    rules: ['pss.baseline.seccomp', 'pss.restricted.seccomp'],
    change: (s) => patch(s,
      JsonPatch.replace(`${POD}/securityContext/seccompProfile`, { type: 'Unconfined' }),
      JsonPatch.replace(`${CONTAINER}/securityContext/seccompProfile`, { type: 'Unconfined' })),
  },
  {
    name: 'seccomp-absent',
    rules: ['pss.restricted.seccomp'],
    change: (s) => patch(s, JsonPatch.remove(`${POD}/securityContext/seccompProfile`), JsonPatch.remove(`${CONTAINER}/securityContext/seccompProfile`)),
  },
  {
    name: 'writable-root',
    rules: ['workload.read-only-root-fs'],
    change: (s) => patch(s, JsonPatch.replace(`${CONTAINER}/securityContext/readOnlyRootFilesystem`, false)),
  },
  {
    name: 'no-requests',
    rules: ['workload.resource-requests'],
    // Empty, not absent: Checkov leaves a container with limits but no requests unchecked.
    change: (s) => patch(s, JsonPatch.replace(`${CONTAINER}/resources/requests`, {})),
  },
  {
    name: 'no-memory-limit',
    rules: ['workload.memory-limit'],
    change: (s) => patch(s, JsonPatch.remove(`${CONTAINER}/resources/limits/memory`)),
  },
  {
    name: 'no-probes',
    rules: ['workload.probes'],
    change: (s) => patch(s, JsonPatch.remove(`${CONTAINER}/readinessProbe`), JsonPatch.remove(`${CONTAINER}/livenessProbe`), JsonPatch.remove(`${CONTAINER}/startupProbe`)),
  },
  {
    name: 'automount',
    rules: ['workload.service-account-token'],
    change: (s) => patch(s, JsonPatch.replace(`${POD}/automountServiceAccountToken`, true)),
  },
  {
    name: 'latest-tag',
    rules: ['workload.image-pinned'],
    change: (s) => patch(s, JsonPatch.replace(`${CONTAINER}/image`, 'registry.acme.dev/payments/orders-api:latest')),
  },
  {
    name: 'not-isolated',
    rules: ['network.isolated'],
    environmentRules: ['guardrails.default-deny'],
    // Neither the namespace's default deny nor the service's own policy selects the pods.
    change: (s, env) => {
      const elsewhere = { matchLabels: { 'app.kubernetes.io/name': 'elsewhere' } };
      env.defaultDenyPolicy.addJsonPatch(JsonPatch.replace('/spec/podSelector', elsewhere));
      s.networkPolicy.addJsonPatch(JsonPatch.replace('/spec/podSelector', elsewhere));
    },
  },
  {
    name: 'one-replica',
    rules: ['workload.replicas'],
    change: (s) => patch(s, JsonPatch.replace('/spec/replicas', 1)),
  },
  {
    name: 'no-disruption-budget',
    rules: ['workload.disruption-budget'],
    change: (s) => s.disruptionBudget!.addJsonPatch(JsonPatch.replace('/spec/selector', { matchLabels: { 'app.kubernetes.io/name': 'elsewhere' } })),
  },
  {
    name: 'statefulset-no-disruption-budget',
    rules: ['workload.disruption-budget'],
    kind: 'StatefulSet',
    // A team's own StatefulSet beside the service: its pod template, under labels no budget selects.
    change: (s, env) => {
      const { metadata, spec } = ApiObject.of(s.deployment).toJson();
      const labels = { ...spec.template.metadata.labels, 'app.kubernetes.io/name': 'ledger', 'app.kubernetes.io/instance': 'ledger' };
      const scope = new Construct(env, 'ledger');
      new ApiObject(scope, 'StatefulSet', {
        apiVersion: 'apps/v1',
        kind: 'StatefulSet',
        metadata: { name: 'ledger', labels: { ...metadata.labels, 'app.kubernetes.io/name': 'ledger', 'app.kubernetes.io/instance': 'ledger' } },
        spec: {
          serviceName: 'ledger',
          replicas: 2,
          selector: { matchLabels: { 'app.kubernetes.io/name': 'ledger', 'app.kubernetes.io/instance': 'ledger' } },
          template: { ...spec.template, metadata: { ...spec.template.metadata, labels } },
        },
      });
      return { scope, name: 'ledger' };
    },
  },
  {
    name: 'node-port',
    rules: ['exposure.service-type'],
    kind: 'Service',
    change: (s) => ApiObject.of(s.service).addJsonPatch(JsonPatch.add('/spec/type', 'NodePort')),
  },
];

/** One check Paved acknowledged on one object, with the object and its unacknowledged twin. */
export interface AcknowledgedCheck {
  readonly case: string;
  readonly rule: string;
  readonly scanner: Scanner;
  readonly check: string;
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  readonly twin: string;
}

function rulesById(): Map<string, IRule> {
  return new Map([...RulePacks.all(), RulePacks.POD_SECURITY_BASELINE].flatMap((p) => p.rules).map((r) => [r.id, r]));
}

/** The checks `rule` maps to in the scanners this suite runs. */
export function mappedChecks(rule: IRule): Array<[Scanner, string]> {
  return [
    ...(rule.scannerChecks?.kubeScore ?? []).map((c): [Scanner, string] => ['kube-score', c]),
    ...(rule.scannerChecks?.checkov ?? []).map((c): [Scanner, string] => ['checkov', c]),
  ];
}

/**
 * Whether the scanner's check looks at objects of `kind`: kube-score names the kind of its
 * workload-specific checks (`deployment-has-poddisruptionbudget`, `statefulset-...`).
 */
function checksKind(scanner: Scanner, check: string, kind: string): boolean {
  if (scanner !== 'kube-score') return true;
  const scoped = ['deployment', 'statefulset'].find((prefix) => check.startsWith(`${prefix}-`));
  return scoped === undefined || scoped === kind.toLowerCase();
}

/** `annotations` without the acknowledgement of one check, as if Paved had not written it. */
export function withoutAcknowledgement(annotations: { [key: string]: string }, scanner: Scanner, check: string): { [key: string]: string } {
  const result: { [key: string]: string } = {};
  for (const [key, value] of Object.entries(annotations)) {
    if (scanner === 'checkov' && key.startsWith('checkov.io/skip') && value.split('=')[0] === check) continue;
    if (scanner === 'kube-score' && key === 'kube-score/ignore') {
      const rest = value.split(',').filter((c) => c !== check);
      if (rest.length > 0) result[key] = rest.join(',');
      continue;
    }
    result[key] = value;
  }
  return result;
}

function synthesize(app: App): any[] {
  Policy.of(app).configureReports({ console: false, files: false });
  app.synth();
  return app.charts.flatMap((chart) => chart.toJson());
}

/**
 * Writes every case to `dir/<case>/manifests.yaml`: the environment's objects and, per mapped
 * check, the acknowledged object's twin (named `<name>-<n>`). Returns every check to prove.
 */
export function writeCases(dir: string): AcknowledgedCheck[] {
  const rules = rulesById();
  const checks: AcknowledgedCheck[] = [];
  const covered = new Set<string>();
  for (const c of CASES) {
    const rule = rules.get(c.rules[0]);
    if (!rule) throw new Error(`case ${c.name}: no rule ${c.rules[0]}`);
    const app = Testing.app();
    // The baseline pack holds the three baseline rules the restricted pack subsumes; a platform
    // that uses it gets their acknowledgements too.
    Policy.of(app).use(RulePacks.POD_SECURITY_BASELINE);
    const env = testEnvironment(c.tier ?? Tier.PRODUCTION, { namespace: `ack-${c.name}` }, app);
    const service = testService(env, { replicas: { min: 2, max: 2 } });
    const own = c.change(service, env);
    const scope = own ? own.scope : service;
    const name = own ? own.name : service.name;
    for (const id of c.rules) Policy.suppress(scope, id, { reason: `conformance case ${c.name}` });
    for (const id of c.environmentRules ?? []) Policy.suppress(env, id, { reason: `conformance case ${c.name}` });
    const objects = synthesize(app);
    const kind = c.kind ?? 'Deployment';
    const acknowledged = objects.find((o) => o.kind === kind && o.metadata.name === name);
    if (!acknowledged?.metadata.annotations?.[`acknowledged.paved.dev/${rule.id}`]) throw new Error(`case ${c.name}: ${kind}/${name} does not carry the acknowledgement of ${rule.id}`);
    const twins: any[] = [];
    for (const [scanner, check] of mappedChecks(rule).filter(([sc, ch]) => checksKind(sc, ch, kind))) {
      const twin = structuredClone(acknowledged);
      twin.metadata.name = `${acknowledged.metadata.name}-${twins.length + 1}`;
      twin.metadata.annotations = withoutAcknowledgement(acknowledged.metadata.annotations, scanner, check);
      twins.push(twin);
      covered.add(`${rule.id} ${scanner} ${check}`);
      checks.push({ case: c.name, rule: rule.id, scanner, check, kind, namespace: env.namespace!, name, twin: twin.metadata.name });
    }
    mkdirSync(join(dir, c.name), { recursive: true });
    writeFileSync(join(dir, c.name, 'manifests.yaml'), [...objects, ...twins].map((o) => stringify(o)).join('---\n'));
  }
  // Every mapping Paved writes for these scanners has a case.
  for (const rule of rules.values()) {
    for (const [scanner, check] of mappedChecks(rule)) {
      if (!covered.has(`${rule.id} ${scanner} ${check}`)) {
        throw new Error(`no differential case for ${rule.id} → ${scanner} ${check}`);
      }
    }
  }
  return checks;
}
