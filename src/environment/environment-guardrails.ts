import { k8s } from 'cdk8s-plus-28';
import { GuardrailFacts } from './environment-facts';
import { Platform } from '../platform/platform';
import { ResourcePreset, cpuMillis, formatCpu, formatMemory } from '../platform/resource-preset';
import { TierSettings } from '../platform/tier-settings';

/** Objects the environment itself owns carry this prefix; service names may not use it. */
export const RESERVED_PREFIX = 'paved-';

/**
 * The guardrails an environment writes into its namespace, as its platform and tier size them:
 * the one source of both the objects the Environment emits and what the guardrail rules expect.
 *
 * Typed props in, plain JSON out: the generated k8s classes re-map their props after JSON
 * patches are applied, which silently drops patched IntOrString and Quantity fields.
 *
 * @param path the environment's construct path, for errors about the platform's presets
 */
export function environmentGuardrails(platform: Platform, settings: TierSettings, path: string): GuardrailFacts {
  const quota = settings.quota;
  const resourceQuota = k8s.KubeResourceQuota.manifest({
    metadata: { name: `${RESERVED_PREFIX}quota` },
    spec: {
      hard: {
        'requests.cpu': k8s.Quantity.fromString(formatCpu(cpuMillis(quota.cpuRequests))),
        'limits.cpu': k8s.Quantity.fromString(formatCpu(cpuMillis(quota.cpuLimits))),
        'requests.memory': k8s.Quantity.fromString(formatMemory(quota.memoryRequests)),
        'limits.memory': k8s.Quantity.fromString(formatMemory(quota.memoryLimits)),
        'pods': k8s.Quantity.fromNumber(quota.pods),
        // Traffic enters through the platform's ingress controller only.
        'services.loadbalancers': k8s.Quantity.fromNumber(0),
        'services.nodeports': k8s.Quantity.fromNumber(0),
      },
    },
  });

  const smallest = platform.resolvePreset(ResourcePreset.SMALL, path);
  const largest = platform.largestPreset();
  const limitRange = k8s.KubeLimitRange.manifest({
    metadata: { name: `${RESERVED_PREFIX}limits` },
    spec: {
      limits: [{
        type: 'Container',
        defaultRequest: {
          cpu: k8s.Quantity.fromString(smallest.cpuRequest.amount),
          memory: k8s.Quantity.fromString(formatMemory(smallest.memoryRequest)),
        },
        default: {
          cpu: k8s.Quantity.fromString(smallest.cpuLimit.amount),
          memory: k8s.Quantity.fromString(formatMemory(smallest.memoryLimit)),
        },
        max: {
          cpu: k8s.Quantity.fromString(largest.cpuLimit.amount),
          memory: k8s.Quantity.fromString(formatMemory(largest.memoryLimit)),
        },
      }],
    },
  });

  const defaultDeny = k8s.KubeNetworkPolicy.manifest({
    metadata: { name: `${RESERVED_PREFIX}default-deny` },
    spec: {
      podSelector: {},
      policyTypes: ['Ingress', 'Egress'],
      egress: [{
        to: [{
          namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': platform.dnsNamespace } },
          podSelector: { matchLabels: platform.dnsPodLabels },
        }],
        ports: [{ protocol: 'UDP', port: k8s.IntOrString.fromNumber(53) }, { protocol: 'TCP', port: k8s.IntOrString.fromNumber(53) }],
      }],
    },
  });

  const expected = (manifest: any) => ({ name: manifest.metadata.name, spec: manifest.spec });
  return { resourceQuota: expected(resourceQuota), limitRange: expected(limitRange), defaultDeny: expected(defaultDeny) };
}
