import { Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { Environment } from '../../src/environment/environment';
import { Tier } from '../../src/platform/tier';
import { dependencyEnvironment } from '../support/fixtures';

/** A bare workload to wire parts into: one kplus Deployment with one container, in its own construct. */
export interface BareWorkload {
  readonly scope: Construct;
  readonly path: string;
  readonly name: string;
  readonly deployment: kplus.Deployment;
  readonly container: kplus.Container;
}

/**
 * An environment whose platform has AWS settings (so a ClusterSecretStore), namespace
 * `payments-<tier>`, and no rule packs: a bare workload is not a golden-path one, and these
 * tests are about the parts wired into it (every pack is run on a PlatformService with them).
 */
export function workloadEnvironment(tier: Tier = Tier.PRODUCTION): Environment {
  return dependencyEnvironment(tier, { policy: { packs: [] } });
}

/** A construct `name` in `env` holding a Deployment of one container, as a workload kind holds its pod template. */
export function bareWorkload(env: Environment = workloadEnvironment(), name = 'orders-worker'): BareWorkload {
  const scope = new Construct(env, name);
  const deployment = new kplus.Deployment(scope, 'Deployment', {
    metadata: { name },
    containers: [{ name, image: 'registry.acme.dev/payments/orders-worker:1.0.0', portNumber: 8080 }],
  });
  return { scope, path: scope.node.path, name, deployment, container: deployment.containers[0] };
}

/** The objects of `env`, synthesized. */
export function objectsOf(env: Environment): any[] {
  return Testing.synth(env);
}

/** The pod spec of the one Deployment named `name` in `objects`. */
export function podSpecOf(objects: any[], name = 'orders-worker'): any {
  const deployment = objects.find((o) => o.kind === 'Deployment' && o.metadata.name === name);
  if (!deployment) throw new Error(`no Deployment ${name}`);
  return deployment.spec.template.spec;
}
