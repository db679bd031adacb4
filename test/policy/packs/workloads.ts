import { DeclaredPeer } from '../../../src/network/declared-peers';
import { Tier } from '../../../src/platform/tier';
import { IRule, RuleContext, Violation } from '../../../src/policy/rule';

// The objects Paved generates for one production service, written out by hand so that the packs
// are specified independently of the constructs: every rule must pass all of them.

export const NAMESPACE = 'payments-production';
const LABELS = { 'app.kubernetes.io/name': 'orders-api', 'paved.dev/team': 'payments' };
const SELECTOR = { 'app.kubernetes.io/name': 'orders-api', 'app.kubernetes.io/instance': 'orders-api-production' };

function metadata(name: string, extra: object = {}): any {
  return { name, namespace: NAMESPACE, labels: { ...LABELS }, ...extra };
}

/** A restricted, production-ready Deployment like the one PlatformService generates. */
export function deployment(): any {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: metadata('orders-api'),
    spec: {
      replicas: 2,
      selector: { matchLabels: { ...SELECTOR } },
      template: {
        metadata: { labels: { ...LABELS, ...SELECTOR } },
        spec: {
          serviceAccountName: 'orders-api',
          automountServiceAccountToken: false,
          securityContext: { runAsNonRoot: true, runAsUser: 10001, seccompProfile: { type: 'RuntimeDefault' } },
          topologySpreadConstraints: [
            { maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { ...SELECTOR } } },
          ],
          containers: [{
            name: 'main',
            image: 'registry.acme.dev/payments/orders-api:1.4.2',
            ports: [{ containerPort: 8080 }],
            env: [
              { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'orders-db', key: 'password' } } },
              { name: 'DATABASE_URL', value: 'postgres://app:$(DB_PASSWORD)@orders-db:5432/orders' },
            ],
            securityContext: {
              runAsNonRoot: true,
              allowPrivilegeEscalation: false,
              readOnlyRootFilesystem: true,
              capabilities: { drop: ['ALL'] },
            },
            resources: { requests: { cpu: '250m', memory: '256Mi' }, limits: { memory: '256Mi' } },
            readinessProbe: { httpGet: { path: '/ready', port: 8080 } },
            livenessProbe: { httpGet: { path: '/healthz', port: 8080 } },
            volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
          }],
          volumes: [{ name: 'tmp', emptyDir: {} }],
        },
      },
    },
  };
}

/** The objects around the Deployment that relational rules look for. */
export function companions(): any[] {
  return [
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: metadata('orders-api'), automountServiceAccountToken: false },
    { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: metadata('orders-api'), spec: { minAvailable: 1, selector: { matchLabels: { ...SELECTOR } } } },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: metadata('orders-api'),
      spec: {
        podSelector: { matchLabels: { ...SELECTOR } },
        policyTypes: ['Ingress', 'Egress'],
        ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } }, podSelector: { matchLabels: { 'app.kubernetes.io/name': 'ingress-nginx' } } }] }],
        egress: [{ to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }] }],
      },
    },
    { apiVersion: 'v1', kind: 'Service', metadata: metadata('orders-api'), spec: { selector: { ...SELECTOR }, ports: [{ port: 80, targetPort: 8080 }] } },
  ];
}

/** The Deployment, edited: `edit` receives a fresh copy and its pod spec. */
export function deploymentWith(edit: (d: any, pod: any) => void): any {
  const d = deployment();
  edit(d, d.spec.template.spec);
  return d;
}

/** The first container of a Deployment's pod spec. */
export function main(pod: any): any {
  return pod.containers[0];
}

/** What a test may change in the context a rule runs in. */
export interface CheckOptions {
  readonly tier?: Tier;
  readonly registries?: string[];
  readonly objects?: any[];
  readonly privateCidrs?: string[];
  readonly declaredPeers?: DeclaredPeer[];
}

/** A rule context in `tier`, over `objects` (defaults to the well-formed chart with `object`). */
export function contextFor(object: any, options: CheckOptions = {}): RuleContext {
  return {
    tier: options.tier ?? Tier.PRODUCTION,
    allowedRegistries: options.registries ?? ['registry.acme.dev'],
    chartObjects: options.objects ?? [object, ...companions()],
    network: {
      environmentNamespace: NAMESPACE,
      privateCidrs: options.privateCidrs ?? ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10', 'fc00::/7'],
      declaredPeers: options.declaredPeers ?? [
        { direction: 'ingress', namespace: 'ingress-nginx', podLabels: { 'app.kubernetes.io/name': 'ingress-nginx' } },
        { direction: 'egress', namespace: 'kube-system', podLabels: { 'k8s-app': 'kube-dns' } },
      ],
    },
  };
}

/** Runs one rule over `object` in the well-formed chart. */
export function check(rule: IRule, object: any, options: CheckOptions = {}): Violation[] {
  return rule.check(object, contextFor(object, options));
}

/** The fields of the violations, for terse assertions. */
export function fields(violations: Violation[]): string[] {
  return violations.map((v) => v.field);
}

/** A pod path: `spec.template.spec.<rest>`. */
export const POD = 'spec.template.spec';
/** The first container's path. */
export const MAIN = `${POD}.containers[0]`;
