import { Labels, selects } from './label-selector';

/**
 * Objects that select pods by label (PodDisruptionBudgets, NetworkPolicies), indexed so that
 * finding the ones selecting a pod template costs about the number of its labels, not the
 * number of selectors in the chart: each selector is filed under its rarest `matchLabels` pair,
 * which every pod it selects must carry; selectors without `matchLabels` are tried on every pod.
 */
export class SelectorIndex {
  private readonly byPair = new Map<string, any[]>();
  private readonly unkeyed = new Map<string, any[]>();

  constructor(objects: any[], private readonly selectorOf: (object: any) => any) {
    const pairCounts = new Map<string, number>();
    for (const object of objects) {
      for (const p of pairsOf(selectorOf(object))) pairCounts.set(p, (pairCounts.get(p) ?? 0) + 1);
    }
    for (const object of objects) {
      const namespace = namespaceOf(object);
      const pairs = pairsOf(selectorOf(object));
      if (pairs.length === 0) {
        push(this.unkeyed, namespace, object);
        continue;
      }
      const rarest = pairs.reduce((a, b) => (pairCounts.get(b)! < pairCounts.get(a)! ? b : a));
      push(this.byPair, `${namespace}\n${rarest}`, object);
    }
  }

  /** Every indexed object in `namespace` whose selector selects `labels`. */
  public selecting(namespace: string, labels: Labels): any[] {
    const candidates = [...this.unkeyed.get(namespace) ?? []];
    for (const [key, value] of Object.entries(labels)) {
      candidates.push(...this.byPair.get(`${namespace}\n${pair(key, value)}`) ?? []);
    }
    return candidates.filter((object) => selects(this.selectorOf(object), labels));
  }
}

/** What relational rules look up in the objects of one chart. */
export interface ChartIndex {
  /** PodDisruptionBudgets by selected pod labels. */
  readonly disruptionBudgets: SelectorIndex;
  /** NetworkPolicies by selected pod labels. */
  readonly networkPolicies: SelectorIndex;
  /**
   * What scales each workload, by `namespace`, target kind and target name: its
   * HorizontalPodAutoscaler, or its KEDA ScaledObject read as the autoscaler KEDA creates from it
   * (`spec.minReplicas` and `spec.maxReplicas` from its replica counts, KEDA's defaults when absent).
   */
  readonly autoscalers: Map<string, any>;
  /** ServiceAccounts by namespace and name. */
  readonly serviceAccounts: Map<string, any>;
}

/** Every chart's objects are indexed once, however many objects and rules look them up. */
const INDEXES = new WeakMap<any[], ChartIndex>();

/** The index of a chart's objects (`RuleContext.chartObjects`), built on first use. */
export function chartIndex(objects: any[]): ChartIndex {
  let index = INDEXES.get(objects);
  if (!index) {
    index = buildIndex(objects);
    INDEXES.set(objects, index);
  }
  return index;
}

/** The key of the HorizontalPodAutoscaler lookup for a workload. */
export function autoscalerKey(namespace: string, kind: string, name: string): string {
  return `${namespace}\n${kind}\n${name}`;
}

/** The key of the ServiceAccount lookup. */
export function serviceAccountKey(namespace: string, name: string): string {
  return `${namespace}\n${name}`;
}

/** An object's namespace; objects without one share the empty namespace. */
export function namespaceOf(object: any): string {
  return object?.metadata?.namespace ?? '';
}

function buildIndex(objects: any[]): ChartIndex {
  const ofKind = (kind: string) => objects.filter((o) => o?.kind === kind);
  const autoscalers = new Map<string, any>();
  for (const hpa of ofKind('HorizontalPodAutoscaler')) {
    const target = hpa.spec?.scaleTargetRef;
    if (target?.kind && target?.name) autoscalers.set(autoscalerKey(namespaceOf(hpa), target.kind, target.name), hpa);
  }
  for (const scaled of objects.filter((o) => o?.kind === 'ScaledObject' && String(o.apiVersion).startsWith('keda.sh/'))) {
    const target = scaled.spec?.scaleTargetRef;
    // KEDA's scale target is a Deployment unless it says otherwise.
    const key = autoscalerKey(namespaceOf(scaled), target?.kind ?? 'Deployment', target?.name ?? '');
    if (target?.name && !autoscalers.has(key)) autoscalers.set(key, asAutoscaler(scaled));
  }
  const serviceAccounts = new Map<string, any>();
  for (const account of ofKind('ServiceAccount')) {
    serviceAccounts.set(serviceAccountKey(namespaceOf(account), account.metadata?.name ?? ''), account);
  }
  return {
    disruptionBudgets: new SelectorIndex(ofKind('PodDisruptionBudget'), (pdb) => pdb.spec?.selector),
    networkPolicies: new SelectorIndex(ofKind('NetworkPolicy'), (policy) => policy.spec?.podSelector),
    autoscalers,
    serviceAccounts,
  };
}

/** A ScaledObject as the HorizontalPodAutoscaler KEDA makes of it: at least 0, at most 100 replicas unless it says. */
function asAutoscaler(scaled: any): any {
  const { minReplicaCount, maxReplicaCount } = scaled.spec ?? {};
  return {
    kind: scaled.kind,
    metadata: scaled.metadata,
    spec: { minReplicas: typeof minReplicaCount === 'number' ? minReplicaCount : 0, maxReplicas: typeof maxReplicaCount === 'number' ? maxReplicaCount : 100 },
  };
}

function pair(key: string, value: unknown): string {
  return `${key}=${String(value)}`;
}

function pairsOf(selector: any): string[] {
  const matchLabels = selector?.matchLabels;
  if (matchLabels === null || typeof matchLabels !== 'object') return [];
  return Object.keys(matchLabels).sort().map((key) => pair(key, matchLabels[key]));
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
