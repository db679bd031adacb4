import { ApiObject, App, Chart, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { Tier } from '../../src/platform/tier';
import { Policy } from '../../src/policy/policy';
import { PolicySettings } from '../../src/policy/policy-settings';
import { IRule, RuleCategory, Severity, Violation } from '../../src/policy/rule';
import { RulePack } from '../../src/policy/rule-pack';

// Small rules of each category, written the way a platform team writes a custom rule, so the
// engine is specified independently of the built-in packs.

/** Security: no privileged container. Maps to kube-linter, Polaris and Checkov checks. */
export const NO_PRIVILEGED: IRule = {
  id: 'demo.no-privileged',
  title: 'Containers must not run privileged',
  severity: Severity.CRITICAL,
  category: RuleCategory.SECURITY,
  rationale: 'A privileged container is root on the node.',
  remediation: 'remove securityContext.privileged',
  kinds: ['Deployment'],
  scannerChecks: { kubeLinter: ['privileged-container'], polaris: ['runAsPrivileged'], checkov: ['CKV_K8S_16', 'CKV_K8S_2'] },
  check: (o) => containers(o)
    .map((c, i): Violation | undefined => c.securityContext?.privileged === true
      ? { field: `spec.template.spec.containers[${i}].securityContext.privileged`, found: 'true', expected: 'false or absent' }
      : undefined)
    .filter((v): v is Violation => v !== undefined),
};

/** Reliability: at least two replicas. */
export const TWO_REPLICAS: IRule = {
  id: 'demo.replicas',
  title: 'Run at least two replicas',
  severity: Severity.MEDIUM,
  category: RuleCategory.RELIABILITY,
  rationale: 'One replica is one node drain away from an outage.',
  remediation: 'set replicas to 2 or more',
  kinds: ['Deployment'],
  check: (o) => (o.spec?.replicas ?? 1) < 2
    ? [{ field: 'spec.replicas', found: String(o.spec?.replicas ?? 'absent'), expected: 'at least 2' }]
    : [],
};

/** Hygiene, every kind: an owner label. */
export const OWNER_LABEL: IRule = {
  id: 'demo.owner-label',
  title: 'Every object names its owner',
  severity: Severity.LOW,
  category: RuleCategory.HYGIENE,
  rationale: 'Someone must be paged.',
  remediation: 'add the paved.dev/team label',
  kinds: ['*'],
  check: (o) => o.metadata?.labels?.['paved.dev/team'] ? [] : [{ field: 'metadata.labels["paved.dev/team"]', found: 'absent', expected: 'a team name' }],
};

export const DEMO_PACK = new RulePack('demo', [NO_PRIVILEGED, TWO_REPLICAS, OWNER_LABEL]);

function containers(o: any): any[] {
  return o.spec?.template?.spec?.containers ?? [];
}

/** A Deployment manifest, privileged or not, with the given replicas. */
export function deploymentManifest(name: string, options: { privileged?: boolean; replicas?: number; team?: string } = {}): any {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, labels: options.team ? { 'paved.dev/team': options.team } : {} },
    spec: {
      replicas: options.replicas ?? 2,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name, image: 'registry.acme.dev/app:1.0.0', securityContext: { privileged: options.privileged ?? false } }] },
      },
    },
  };
}

/** A team's construct holding one Deployment, the way services hold their objects. */
export class Service extends Construct {
  public readonly deployment: ApiObject;
  constructor(scope: Construct, id: string, options: { privileged?: boolean; replicas?: number; team?: string } = { team: 'payments' }) {
    super(scope, id);
    this.deployment = new ApiObject(this, 'Deployment', deploymentManifest(id, options));
  }
}

/**
 * A stand-in for an Environment (a tier and a platform with registries and policy, and none of
 * the objects an Environment writes), recognised as one the way `Environment.isEnvironment`
 * recognises an Environment from any copy of the library: the engine is specified on objects of
 * the test's own, independently of what an Environment builds.
 */
export class FakeEnvironment extends Chart {
  public readonly tier: Tier;
  public readonly platform: { name: string; registries: string[]; policy?: PolicySettings };
  constructor(scope: Construct, id: string, tier: Tier, policy: PolicySettings = { packs: [DEMO_PACK] }) {
    super(scope, id, { namespace: id });
    Object.defineProperty(this, Symbol.for('paved.Environment'), { value: true });
    this.tier = tier;
    this.platform = { name: 'acme', registries: ['registry.acme.dev'], policy };
  }
}

/** A fresh app whose synth writes to a temporary directory and prints nothing. */
export function quietApp(): App {
  const app = Testing.app();
  Policy.of(app).configureReports({ console: false });
  return app;
}
