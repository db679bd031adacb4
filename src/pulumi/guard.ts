import * as pulumi from '@pulumi/pulumi';
import { PavedError } from './errors';
import { PolicySubject, checkCloudResource } from './policy-gate';

/** Marks the gate, so a nested component replaces its parent's rather than running both. */
const GATE = Symbol.for('paved.cloud.gate');

/**
 * Puts the data-security gate on every resource created under `component`, as the last of the
 * in-process transformations that apply to it.
 *
 * Overrides reach a resource's arguments three ways: the component's `overrides`, the
 * `transformations` resource option of the component or any ancestor (and
 * `pulumi.runtime.registerStackTransformation`, which is the stack's), and the engine-side
 * `transforms`. The Pulumi SDK runs a resource's transformations in its constructor, own first,
 * then its parent's, up to the stack's: the end of the component's list runs after every other
 * one, on the arguments that are about to be registered. So the gate sits there and checks the
 * final arguments of each resource of a guarded kind, whatever put them there.
 *
 * Engine-side `transforms` run later, inside the engine, where the program cannot see the result:
 * a Paved component refuses them, on itself (`refuseEngineTransforms`) and on anything under it.
 *
 * `subject` is whom findings name; without one (PavedCloud, which holds only components) the gate
 * only refuses engine-side transforms, naming `where`.
 */
export function guardChildren(component: pulumi.ComponentResource, subject: PolicySubject | undefined, where: string = subject?.path ?? ''): void {
  const gate: pulumi.ResourceTransformation = Object.assign((args: pulumi.ResourceTransformationArgs) => {
    refuseTransforms(where, `${args.type}/${args.name}`, args.opts);
    if (subject !== undefined) checkCloudResource(subject, args.type, args.name, args.props);
    return undefined;
  }, { [GATE]: true });
  // `__transformations` is the list the SDK reads from a parent when it builds a child (and the
  // one `registerStackTransformation` appends to on the stack). It is this component's own copy.
  const internal = component as unknown as { __transformations?: pulumi.ResourceTransformation[] };
  internal.__transformations = [...(internal.__transformations ?? []).filter((t) => !(t as any)[GATE]), gate];
}

/** Fails when a component is given engine-side transforms, which would change its resources after the gate. */
export function refuseEngineTransforms(component: string, opts: pulumi.ResourceOptions | undefined): void {
  refuseTransforms(component, component, opts);
}

function refuseTransforms(where: string, resource: string, opts: pulumi.ResourceOptions | undefined): void {
  if (opts?.transforms === undefined || opts.transforms.length === 0) return;
  throw new PavedError(where, `${resource} has ${opts.transforms.length} engine-side transform(s) in its resource options: ` +
    'the engine applies them after the data-security policy has checked the arguments, so Paved cannot verify the result. ' +
    'Change arguments through the component\'s overrides, or the transformations resource option, which the policy checks');
}
