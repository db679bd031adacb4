import { requireDnsLabel, requireNonEmpty } from '../validate';

/** Where the platform's Argo CD runs and deploys to. */
export interface GitOpsSettings {
  /**
   * The namespace Argo CD runs in; Applications, AppProjects and ApplicationSets are created there.
   *
   * @default 'argocd'
   */
  readonly namespace?: string;
  /**
   * The API server Argo CD deploys to.
   *
   * @default 'https://kubernetes.default.svc' (the cluster Argo CD runs in)
   */
  readonly destinationServer?: string;
}

/** `GitOpsSettings` with every default filled in, as `Platform.gitops` holds them. */
export interface ResolvedGitOpsSettings {
  /** The namespace Argo CD runs in. */
  readonly namespace: string;
  /** The API server Argo CD deploys to. */
  readonly destinationServer: string;
}

/** Checks a platform's GitOps settings where they enter. @internal */
export function resolveGitOpsSettings(path: string, settings: GitOpsSettings = {}): ResolvedGitOpsSettings {
  const resolved = {
    namespace: settings.namespace ?? 'argocd',
    destinationServer: settings.destinationServer ?? 'https://kubernetes.default.svc',
  };
  requireDnsLabel(path, 'gitops.namespace', resolved.namespace);
  requireNonEmpty(path, 'gitops.destinationServer', resolved.destinationServer);
  return resolved;
}
