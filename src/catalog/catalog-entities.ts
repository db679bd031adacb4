import { IConstruct } from 'constructs';
import { compareStrings } from '../compare';
import { Dependency, DependencyKind } from '../dependencies/dependency';
import { Environment } from '../environment/environment';
import { Labels } from '../platform/labels';
import { Tier } from '../platform/tier';
import { Workload } from '../workload/workload';
import { WorkloadKind } from '../workload/workload-kind';

/** Backstage's entity API version. */
const API_VERSION = 'backstage.io/v1alpha1';
/** The Resource types Backstage plugins and the default catalog know. */
function resourceTypeOf(kind: DependencyKind): string {
  switch (kind) {
    case DependencyKind.POSTGRES: return 'database';
    case DependencyKind.REDIS: return 'cache';
    case DependencyKind.QUEUE: return 'sqs-queue';
    default: return 's3-bucket';
  }
}

/**
 * The Backstage entities for everything under `scope`: a Component per workload (its kind is the type) and a Resource
 * per dependency. A service deployed to several environments is one Component, as it is one
 * thing to its owners: the Kubernetes plugin finds its workloads in every namespace by the
 * `backstage.io/kubernetes-id` label Paved puts on them, and its lifecycle is that of the highest
 * tier it runs in (`production` once it runs in production, `experimental` before).
 *
 * @internal
 */
export function catalogEntities(scope: IConstruct): any[] {
  const members = scope.node.findAll();
  const allWorkloads = members.filter((c): c is Workload => Workload.isWorkload(c));
  const workloads = groupByName(allWorkloads);
  const dependencies = groupByName(members.filter((c): c is Dependency => Dependency.isDependency(c)));
  // Which workloads use each dependency, found in one pass rather than once per dependency.
  const usersOf = new Map<Dependency, Workload[]>();
  for (const workload of allWorkloads) {
    for (const dependency of workload.dependencies) usersOf.set(dependency, [...(usersOf.get(dependency) ?? []), workload]);
  }
  return [
    ...[...workloads.values()].map(componentOf),
    ...[...dependencies.values()].map((instances) => resourceOf(instances, instances.flatMap((d) => usersOf.get(d) ?? []))),
  ];
}

function componentOf(instances: Workload[]): any {
  const main = highestTier(instances);
  const namespaces = [...new Set(instances.map((s) => s.environment.namespace!))].sort();
  const dependsOn = [...new Set(instances.flatMap((s) => s.dependencies.map((d) => `resource:default/${d.name}`)))].sort();
  const links = main.owner.runbook ? [{ url: main.owner.runbook, title: 'Runbook', icon: 'docs' }] : undefined;
  return entity({
    kind: 'Component',
    noun: NOUNS[main.kind],
    name: main.name,
    team: main.owner.team ?? main.environment.team,
    links,
    annotations: {
      'backstage.io/kubernetes-id': main.name,
      'backstage.io/kubernetes-label-selector': `${Labels.BACKSTAGE_KUBERNETES_ID}=${main.name}`,
      // Only a service that lives in one namespace can name it; the label finds it everywhere else.
      ...(namespaces.length === 1 ? { 'backstage.io/kubernetes-namespace': namespaces[0] } : {}),
      ...(main.owner.onCall ? { 'paved.dev/on-call': main.owner.onCall } : {}),
      // The Grafana plugin finds the generated dashboard by its tags.
      ...(instances.some((s) => s.dashboard) ? { 'grafana/dashboard-selector': `tags @> 'paved' && tags @> '${main.name}'` } : {}),
      'paved.dev/namespaces': namespaces.join(','),
    },
    spec: {
      // The kind is the Component's type: `service` is Backstage's own; the others are Paved's.
      type: main.kind,
      lifecycle: lifecycleOf(main.environment),
      owner: `group:default/${main.owner.team ?? main.environment.team}`,
      ...(main.system ? { system: main.system } : {}),
      ...(dependsOn.length > 0 ? { dependsOn } : {}),
    },
  });
}

function resourceOf(instances: Dependency[], users: Workload[]): any {
  const main = highestTier(instances);
  const systems = [...new Set(users.map((s) => s.system).filter((s): s is string => s !== undefined))].sort();
  return entity({
    kind: 'Resource',
    noun: 'Dependency',
    name: main.name,
    team: main.environment.team,
    annotations: {
      'paved.dev/realisation': [...new Set(instances.map((d) => `${d.environment.namespace}=${d.realisation}`))].sort().join(','),
    },
    spec: {
      type: resourceTypeOf(main.kind),
      lifecycle: lifecycleOf(main.environment),
      owner: `group:default/${main.environment.team}`,
      // A dependency belongs to the system of the workloads that use it, when they agree on one.
      ...(systems.length === 1 ? { system: systems[0] } : {}),
    },
  });
}

/** How an entity's description names what it is. */
const NOUNS: { [kind in WorkloadKind]: string } = {
  [WorkloadKind.SERVICE]: 'Service',
  [WorkloadKind.WORKER]: 'Worker',
  [WorkloadKind.SCHEDULED_JOB]: 'Scheduled job',
  [WorkloadKind.MIGRATION]: 'Migration',
};

interface EntityParts {
  readonly kind: string;
  readonly noun: string;
  readonly name: string;
  readonly team: string;
  readonly annotations: { [key: string]: string };
  readonly links?: any[];
  readonly spec: any;
}

function entity({ kind, noun, name, team, annotations, links, spec }: EntityParts): any {
  return {
    apiVersion: API_VERSION,
    kind,
    metadata: {
      name,
      description: `${noun} ${name} of team ${team}, generated by Paved from its declaration.`,
      annotations: Object.fromEntries(Object.entries(annotations).sort(([a], [b]) => compareStrings(a, b))),
      tags: ['paved'],
      ...(links ? { links } : {}),
    },
    spec,
  };
}

/** `production` once a service runs in production; before that `experimental`, Backstage's word for not yet relied upon. */
function lifecycleOf(environment: Environment): string {
  return environment.tier.isAtLeast(Tier.PRODUCTION) ? 'production' : 'experimental';
}

/** The instance in the highest tier; the first of those on a tie, so the choice is stable. */
function highestTier<T extends { environment: Environment }>(instances: T[]): T {
  const higher = (a: Tier, b: Tier) => a !== b && a.isAtLeast(b);
  return instances.reduce((best, i) => (higher(i.environment.tier, best.environment.tier) ? i : best));
}

function groupByName<T extends { name: string }>(items: T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of [...items].sort((a, b) => compareStrings(a.name, b.name))) {
    groups.set(item.name, [...(groups.get(item.name) ?? []), item]);
  }
  return groups;
}
