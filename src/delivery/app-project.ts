import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { ARGO_CD_API_VERSION, ArgoMetadata } from './argo-cd';

/** A place Applications of a project may deploy to; `namespace` may be a glob. */
export interface ProjectDestination {
  readonly server: string;
  readonly namespace: string;
}

/** A kind of resource, by API group (`''` is the core group) and kind. */
export interface GroupKind {
  readonly group: string;
  readonly kind: string;
}

/** The part of an AppProject's spec Paved sets. */
export interface AppProjectSpec {
  readonly description: string;
  readonly sourceRepos: string[];
  readonly destinations: ProjectDestination[];
  readonly clusterResourceWhitelist: GroupKind[];
}

/** Props of an `AppProject`. */
export interface AppProjectProps {
  readonly metadata: ArgoMetadata;
  readonly spec: AppProjectSpec;
}

/**
 * An Argo CD `AppProject` (`argoproj.io/v1alpha1`): what its Applications may deploy, from
 * where and to where. Not part of the public API; reach the object as an `ApiObject`.
 */
export class AppProject extends ApiObject {
  constructor(scope: Construct, id: string, props: AppProjectProps) {
    super(scope, id, {
      apiVersion: ARGO_CD_API_VERSION,
      kind: 'AppProject',
      metadata: { ...props.metadata },
      spec: {
        description: props.spec.description,
        sourceRepos: [...props.spec.sourceRepos],
        destinations: props.spec.destinations.map((d) => ({ server: d.server, namespace: d.namespace })),
        clusterResourceWhitelist: props.spec.clusterResourceWhitelist.map((g) => ({ group: g.group, kind: g.kind })),
      },
    });
  }
}
