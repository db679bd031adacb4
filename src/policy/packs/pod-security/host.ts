import { IRule, RuleCategory, Severity, Violation } from '../../rule';
import { eachContainer, listOf, podRule, violation } from '../workload';
import { podSecurityContext } from './security-context';

const HOST_NAMESPACE_FIELDS = ['hostNetwork', 'hostPID', 'hostIPC'];

/** Baseline: no host network, PID or IPC namespace. */
export const HOST_NAMESPACES: IRule = podRule({
  id: 'pss.baseline.host-namespaces',
  title: "Pods do not share the node's network, PID or IPC namespace",
  severity: Severity.CRITICAL,
  category: RuleCategory.SECURITY,
  rationale: 'In the host network namespace a pod binds and sniffs every interface of the node and bypasses NetworkPolicy; in the host PID or IPC namespace it can see, signal and read the shared memory of every process on the node.',
  remediation: 'Remove hostNetwork, hostPID and hostIPC from the pod spec, or set them to false.',
  scannerChecks: {
    kubeLinter: ['host-network', 'host-pid', 'host-ipc'],
    polaris: ['hostNetworkSet', 'hostPIDSet', 'hostIPCSet'],
    checkov: ['CKV_K8S_19', 'CKV_K8S_17', 'CKV_K8S_18'],
  },
  check: (pod) => HOST_NAMESPACE_FIELDS
    .filter((field) => pod.spec[field] === true)
    .map((field) => violation(`${pod.path}.${field}`, true, 'false or absent')),
});

/** Baseline: no Windows HostProcess containers. */
export const HOST_PROCESS: IRule = podRule({
  id: 'pss.baseline.host-process',
  title: 'Pods do not run Windows HostProcess containers',
  severity: Severity.CRITICAL,
  category: RuleCategory.SECURITY,
  rationale: 'A HostProcess container runs directly on the Windows node with the privileges of the node itself.',
  remediation: 'Remove securityContext.windowsOptions.hostProcess from the pod and its containers, or set it to false.',
  scannerChecks: { polaris: ['hostProcess'] },
  check: (pod) => {
    const found: Violation[] = [];
    const podLevel = podSecurityContext(pod);
    if (podLevel.context.windowsOptions?.hostProcess === true) {
      found.push(violation(`${podLevel.path}.windowsOptions.hostProcess`, true, 'false or absent'));
    }
    return found.concat(eachContainer(pod, ({ container, path }) => container.securityContext?.windowsOptions?.hostProcess === true
      ? [violation(`${path}.securityContext.windowsOptions.hostProcess`, true, 'false or absent')]
      : []));
  },
});

/** Baseline: no hostPath volumes. */
export const HOST_PATH: IRule = podRule({
  id: 'pss.baseline.host-path',
  title: "Pods do not mount the node's filesystem",
  severity: Severity.CRITICAL,
  category: RuleCategory.SECURITY,
  rationale: 'A hostPath volume exposes the node filesystem (container runtime socket, kubelet credentials, other pods\' data) and is a common path to node takeover.',
  remediation: 'Use an emptyDir, a ConfigMap, a Secret or a PersistentVolumeClaim instead of the hostPath volume.',
  scannerChecks: {
    kubeLinter: ['sensitive-host-mounts', 'docker-sock', 'writable-host-mount'],
    polaris: ['hostPathSet'],
    checkov: ['CKV_K8S_27'],
  },
  check: (pod) => listOf(pod.spec.volumes).flatMap((volume, i) => volume?.hostPath !== undefined && volume?.hostPath !== null
    ? [violation(`${pod.path}.volumes[${i}].hostPath`, volume.hostPath, 'absent')]
    : []),
});

/** Baseline: no host ports. */
export const HOST_PORTS: IRule = podRule({
  id: 'pss.baseline.host-ports',
  title: 'Containers do not bind ports on the node',
  severity: Severity.HIGH,
  category: RuleCategory.SECURITY,
  rationale: 'A host port is reachable on every address of the node, outside Service and NetworkPolicy control, and limits scheduling to one such pod per node.',
  remediation: 'Remove hostPort and expose the container through a Service.',
  scannerChecks: { polaris: ['hostPortSet'], checkov: ['CKV_K8S_26'] },
  check: (pod) => eachContainer(pod, ({ container, path }) => listOf(container.ports).flatMap((port, j) => {
    const hostPort = port?.hostPort;
    return hostPort !== undefined && hostPort !== null && hostPort !== 0
      ? [violation(`${path}.ports[${j}].hostPort`, hostPort, '0 or absent')]
      : [];
  })),
});

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'];
const LIFECYCLE_HANDLERS = ['postStart', 'preStop'];
const HANDLER_KINDS = ['httpGet', 'tcpSocket'];

/**
 * Baseline (added upstream in v1.34, and stricter than the pinned version, so adopted early):
 * probes and lifecycle hooks target the pod itself.
 */
export const PROBE_HOST: IRule = podRule({
  id: 'pss.baseline.probe-host',
  title: 'Probes and lifecycle hooks only reach the pod itself',
  severity: Severity.HIGH,
  category: RuleCategory.SECURITY,
  rationale: 'The kubelet sends probes and hooks from the node: a host field turns them into requests to any address the node can reach, including cloud metadata endpoints.',
  remediation: 'Remove the host field from httpGet and tcpSocket probes and lifecycle hooks; they default to the pod IP.',
  check: (pod) => eachContainer(pod, ({ container, path }) => {
    const handlers: Array<[string, any]> = [
      ...PROBES.map((p): [string, any] => [`${path}.${p}`, container[p]]),
      ...LIFECYCLE_HANDLERS.map((h): [string, any] => [`${path}.lifecycle.${h}`, container.lifecycle?.[h]]),
    ];
    return handlers.flatMap(([at, handler]) => HANDLER_KINDS
      .filter((kind) => typeof handler?.[kind]?.host === 'string' && handler[kind].host !== '')
      .map((kind) => violation(`${at}.${kind}.host`, handler[kind].host, 'absent (the pod IP)')));
  }),
});
