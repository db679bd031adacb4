import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';

/**
 * The construct a finding is reported at: the nearest ancestor of `object` that is neither a
 * Kubernetes object nor a wrapper around one. A wrapper is a construct that exposes the object it
 * wraps as `apiObject` (every cdk8s-plus resource does, and so do Paved's own thin wrappers); it
 * is an implementation detail, while its parent is the line of code a team wrote.
 *
 * `payments-prod/orders-api/Deployment/Resource` is reported at `payments-prod/orders-api`.
 *
 * @internal
 */
export function ownerPath(object: ApiObject): string {
  let current: IConstruct = object;
  while (current.node.scope && (ApiObject.isApiObject(current) || isWrapper(current))) {
    current = current.node.scope;
  }
  return current.node.path === '' ? object.node.path : current.node.path;
}

function isWrapper(construct: IConstruct): boolean {
  const wrapped = (construct as any).apiObject;
  return ApiObject.isApiObject(wrapped) && wrapped.node.scope === construct;
}
