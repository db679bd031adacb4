import { ApiObject } from 'cdk8s';
import { Environment } from '../../../../src/environment/environment';
import { companions } from '../workloads';

/** The service's NetworkPolicy of the well-formed chart, with `spec` fields replaced. */
export function policyWith(spec: object, annotations?: { [key: string]: string }): any {
  const policy = companions().find((o) => o.kind === 'NetworkPolicy');
  return { ...policy, metadata: { ...policy.metadata, annotations }, spec: { ...policy.spec, ...spec } };
}

/** A hand-written NetworkPolicy in `env`, selecting every pod, with the given rules. */
export function handWritten(env: Environment, id: string, spec: object, annotations?: { [key: string]: string }): ApiObject {
  return new ApiObject(env, id, {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: id, annotations },
    spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'], ...spec },
  });
}
