import { IRule, RuleCategory, Severity, Violation } from '../../rule';
import { violation } from '../workload';
import { networkIndex } from './network-facts';

/**
 * Kinds the API server keeps outside namespaces (a `metadata.namespace` on them is ignored).
 * Unknown kinds count as namespaced, so a custom resource cannot slip into another namespace.
 */
const CLUSTER_SCOPED = new Set([
  'APIService', 'CertificateSigningRequest', 'ClusterIssuer', 'ClusterPolicy', 'ClusterRole', 'ClusterRoleBinding',
  'ClusterSecretStore', 'ClusterExternalSecret', 'ComponentStatus', 'CSIDriver', 'CSINode', 'CustomResourceDefinition',
  'FlowSchema', 'IngressClass', 'MutatingWebhookConfiguration', 'Node', 'PersistentVolume', 'PriorityClass',
  'PriorityLevelConfiguration', 'RuntimeClass', 'StorageClass', 'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding', 'ValidatingWebhookConfiguration', 'VolumeAttachment', 'VolumeSnapshotClass',
]);

/** Every object of an Environment stays in the environment's namespace. */
export const ENVIRONMENT_NAMESPACE: IRule = {
  id: 'network.environment-namespace',
  title: 'An environment writes objects into its own namespace only',
  severity: Severity.CRITICAL,
  category: RuleCategory.SECURITY,
  rationale: 'An object an environment writes into another namespace escapes every guardrail of its own (Pod Security labels, quota, default-deny) and lands among another environment\'s or team\'s pods: a NetworkPolicy there can admit anyone, a Deployment there runs with their Secrets, a second Namespace object can redefine theirs.',
  remediation: 'Leave metadata.namespace unset (the Environment sets it) or set it to the environment\'s namespace; write objects for another namespace in that environment, and give items of a List their namespace.',
  kinds: ['*'],
  check: (object, context) => {
    const namespace = networkIndex(context).environmentNamespace;
    return namespace === undefined ? [] : misplaced(object, '', namespace);
  },
};

function misplaced(object: any, prefix: string, namespace: string): Violation[] {
  const kind = object?.kind;
  if (typeof kind === 'string' && kind.endsWith('List') && Array.isArray(object.items)) {
    // The chart sets the namespace of the List, not of its items.
    return object.items.flatMap((item: any, i: number) => misplaced(item, `${prefix}items[${i}].`, namespace));
  }
  if (kind === 'Namespace') {
    const name = object.metadata?.name;
    return name === namespace ? [] : [violation(`${prefix}metadata.name`, name, `"${namespace}": an environment owns its own Namespace and no other`)];
  }
  if (CLUSTER_SCOPED.has(kind)) return [];
  const found = object?.metadata?.namespace;
  return found === namespace ? [] : [violation(`${prefix}metadata.namespace`, found, `"${namespace}", the environment's namespace`)];
}
