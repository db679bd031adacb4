import * as pulumi from '@pulumi/pulumi';
import { PolicySubject } from './policy-gate';

/** What every resource inside a Paved component shares. */
export interface ResourceScope {
  /** Whom the resources belong to, for policy findings. */
  readonly subject: PolicySubject;
  /** Tags for every taggable resource. */
  readonly tags: Record<string, string>;
  /** Options for every resource: the component as parent, and whatever the component waits for. */
  readonly options: pulumi.CustomResourceOptions;
}

/**
 * Options for a component's own resources: parented to it, and waiting for whatever the
 * component was told to depend on (PavedCloud's account check), since Pulumi does not pass a
 * component's `dependsOn` on to its children.
 */
export function childOptions(parent: pulumi.ComponentResource, opts?: pulumi.ComponentResourceOptions): pulumi.CustomResourceOptions {
  return opts?.dependsOn === undefined ? { parent } : { parent, dependsOn: opts.dependsOn };
}
