/**
 * Names Argo CD defines and Paved's GitOps objects share. Not part of the public API.
 */

/** The API group and version of Application, AppProject and ApplicationSet. */
export const ARGO_CD_API_VERSION = 'argoproj.io/v1alpha1';

/**
 * Deleting an Application that carries this finalizer deletes every resource it deployed
 * first (cascading delete, foreground); without it the resources stay behind, unmanaged. The
 * path-qualified form: Argo CD reads it as the bare `resources-finalizer.argocd.argoproj.io`, and
 * the API server warns on every apply of a finalizer name without a `/`.
 */
export const RESOURCES_FINALIZER = 'resources-finalizer.argocd.argoproj.io/foreground';

/** Metadata of an Argo CD object; the chart adds the namespace and its own labels. */
export interface ArgoMetadata {
  readonly name: string;
  readonly labels?: { [key: string]: string };
  readonly finalizers?: string[];
}
