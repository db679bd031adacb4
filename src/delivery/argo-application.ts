import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { ARGO_CD_API_VERSION, ArgoMetadata } from './argo-cd';

/** Where an Application's manifests come from: plain YAML files in one folder of a git repository. */
export interface ApplicationSource {
  readonly repoURL: string;
  readonly targetRevision: string;
  readonly path: string;
  /** A glob of the files in `path` that are manifests; may be a `Lazy` resolved at synth. */
  readonly include: string;
}

/** The cluster and namespace an Application deploys to. */
export interface ApplicationDestination {
  readonly server: string;
  readonly namespace: string;
}

/** How an Application retries a failed sync. */
export interface SyncRetry {
  readonly limit: number;
  readonly backoff: { readonly duration: string; readonly factor: number; readonly maxDuration: string };
}

/** How and when an Application syncs. */
export interface ApplicationSyncPolicy {
  /** Sync on every change in git; omitted, a person syncs. */
  readonly automated?: { readonly prune: boolean; readonly selfHeal: boolean };
  readonly syncOptions: string[];
  readonly retry: SyncRetry;
}

/** The part of an Application's spec Paved sets; also the spec of an ApplicationSet's template. */
export interface ApplicationSpec {
  readonly project: string;
  readonly source: ApplicationSource;
  readonly destination: ApplicationDestination;
  readonly syncPolicy: ApplicationSyncPolicy;
}

/** Props of an `ArgoApplication`. */
export interface ArgoApplicationProps {
  readonly metadata: ArgoMetadata;
  readonly spec: ApplicationSpec;
}

/** The JSON of an Application spec, built in one place for Applications and ApplicationSet templates. */
export function applicationSpecJson(spec: ApplicationSpec): any {
  return {
    project: spec.project,
    source: {
      repoURL: spec.source.repoURL,
      targetRevision: spec.source.targetRevision,
      path: spec.source.path,
      directory: { include: spec.source.include },
    },
    destination: { server: spec.destination.server, namespace: spec.destination.namespace },
    syncPolicy: {
      ...(spec.syncPolicy.automated ? { automated: { prune: spec.syncPolicy.automated.prune, selfHeal: spec.syncPolicy.automated.selfHeal } } : {}),
      syncOptions: [...spec.syncPolicy.syncOptions],
      retry: {
        limit: spec.syncPolicy.retry.limit,
        backoff: { ...spec.syncPolicy.retry.backoff },
      },
    },
  };
}

/**
 * An Argo CD `Application` (`argoproj.io/v1alpha1`): one source in git kept in sync with one
 * namespace. Not part of the public API; reach the object as an `ApiObject`.
 */
export class ArgoApplication extends ApiObject {
  constructor(scope: Construct, id: string, props: ArgoApplicationProps) {
    super(scope, id, {
      apiVersion: ARGO_CD_API_VERSION,
      kind: 'Application',
      metadata: { ...props.metadata },
      spec: applicationSpecJson(props.spec),
    });
  }
}
