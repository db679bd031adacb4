import { EXPOSURE_RULE_IDS } from '../../../platform/exposure-rule-ids';
import { IRule, RuleCategory, Severity, Violation } from '../../rule';
import { listOf, violation } from '../workload';

/** Service types that open a port outside the cluster, bypassing the ingress controller. */
const EXPOSED_TYPES = ['LoadBalancer', 'NodePort'];

/** No Service opens a load balancer or a port on every node. */
export const SERVICE_TYPE: IRule = {
  id: EXPOSURE_RULE_IDS.SERVICE_TYPE,
  title: 'Services are not of type LoadBalancer or NodePort',
  severity: Severity.HIGH,
  category: RuleCategory.SECURITY,
  rationale: 'A LoadBalancer Service gets an address reachable from outside the cluster (often the internet) and a NodePort opens the port on every node; both bypass the platform\'s ingress controller, its TLS and its host checks.',
  remediation: 'Use a ClusterIP Service and expose it through the platform\'s ingress (PlatformService\'s ingress), or have the platform name the Service in exposure.exceptions with a reason.',
  kinds: ['Service'],
  // kube-score's service-type objects to NodePort only; a LoadBalancer passes it.
  scannerChecks: { kubeLinter: ['exposed-services'], kubeScore: ['service-type'] },
  check: (service) => {
    const type = service.spec?.type;
    return EXPOSED_TYPES.includes(type) ? [violation('spec.type', type, 'ClusterIP (or absent), exposed through the platform\'s ingress')] : [];
  },
};

/** No Service claims external addresses. */
export const SERVICE_EXTERNAL_IPS: IRule = {
  id: EXPOSURE_RULE_IDS.SERVICE_EXTERNAL_IPS,
  title: 'Services claim no external IPs',
  severity: Severity.HIGH,
  category: RuleCategory.SECURITY,
  rationale: 'spec.externalIPs makes every node accept traffic for those addresses and send it to the Service: an exposure outside the ingress controller, and a way to intercept traffic meant for someone else\'s address (CVE-2020-8554).',
  remediation: 'Remove spec.externalIPs and expose the service through the platform\'s ingress, or have the platform name the Service in exposure.exceptions with a reason.',
  kinds: ['Service'],
  check: (service) => {
    const ips = service.spec?.externalIPs;
    const found: Violation[] = [];
    if (listOf(ips).length > 0 || (ips !== undefined && ips !== null && !Array.isArray(ips))) found.push(violation('spec.externalIPs', ips, 'absent or []'));
    return found;
  },
};
