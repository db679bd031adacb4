import { IRule, RuleCategory, Severity } from '../../rule';
import { chartIndex, namespaceOf, serviceAccountKey } from '../chart-index';
import { podRule, violation } from '../workload';

/** The ServiceAccount a pod runs as; `serviceAccount` is the deprecated alias. */
function serviceAccountName(spec: any): string | undefined {
  const name = spec.serviceAccountName ?? spec.serviceAccount;
  return typeof name === 'string' && name !== '' ? name : undefined;
}

/** Pods run as a ServiceAccount of their own. */
export const DEFAULT_SERVICE_ACCOUNT: IRule = podRule({
  id: 'workload.default-service-account',
  title: 'Pods do not run as the default ServiceAccount',
  severity: Severity.MEDIUM,
  category: RuleCategory.SECURITY,
  rationale: 'Every pod of a namespace shares the default ServiceAccount, so a role bound to it for one workload is granted to all of them.',
  remediation: 'Create a ServiceAccount for the workload and set serviceAccountName (Paved creates one per service).',
  scannerChecks: { kubeLinter: ['default-service-account'] },
  check: (pod) => {
    const name = serviceAccountName(pod.spec);
    return name === undefined || name === 'default'
      ? [violation(`${pod.path}.serviceAccountName`, name, 'a ServiceAccount other than "default"')]
      : [];
  },
});

/** The API token is not mounted unless asked for. */
export const SERVICE_ACCOUNT_TOKEN: IRule = podRule({
  id: 'workload.service-account-token',
  title: 'Pods do not mount a Kubernetes API token by default',
  severity: Severity.MEDIUM,
  category: RuleCategory.SECURITY,
  rationale: 'Most applications never call the Kubernetes API; a mounted token is a credential an attacker in the container can use against the API server.',
  remediation: 'Set automountServiceAccountToken to false on the pod or on its ServiceAccount; a workload that needs the API can mount a projected, audience-bound token explicitly.',
  scannerChecks: { polaris: ['automountServiceAccountToken'], checkov: ['CKV_K8S_38'] },
  check: (pod, object, context) => {
    const field = `${pod.path}.automountServiceAccountToken`;
    const podValue = pod.spec.automountServiceAccountToken;
    if (podValue === false) return [];
    // The pod's setting wins over its ServiceAccount's, so an explicit true is a finding.
    if (podValue === true) return [violation(field, true, 'false')];
    const name = serviceAccountName(pod.spec) ?? 'default';
    const account = chartIndex(context.chartObjects).serviceAccounts.get(serviceAccountKey(namespaceOf(object), name));
    return account?.automountServiceAccountToken === false
      ? []
      : [violation(field, undefined, `false, here or on ServiceAccount "${name}" in the same chart`)];
  },
});
