/**
 * The Paved rules written as Kyverno validate rules over Pods. Kyverno's auto-generation extends
 * Pod rules to the controllers that create them (Deployment, StatefulSet, DaemonSet, Job,
 * CronJob, ReplicaSet; autogen.ts holds it to the rule's kinds), and any other controller's pods
 * (an Argo Rollout's) are checked when the pod itself is admitted.
 *
 * Only pattern anchors with the meaning the synth-time rule has are used; where a pattern cannot
 * say it, a deny condition in JMESPath does. The conformance suite (test/conformance/kyverno/)
 * runs them in Kyverno itself against the synth-time rules.
 */

/** One Kyverno rule of a ClusterPolicy: its name and its `preconditions` and `validate` parts. */
export interface AdmissionValidation {
  readonly name: string;
  readonly preconditions?: any;
  readonly validate: any;
}

/** The restricted controls upstream waives for Windows pods (the API rejects the fields there). */
const NOT_WINDOWS = { all: [{ key: "{{ request.object.spec.os.name || '' }}", operator: 'NotEquals', value: 'windows' }] };

/** A pattern over the pod spec applied to every container list: regular, init and ephemeral. */
function everyContainer(container: object, pod: object = {}): object {
  return { spec: { ...pod, '=(ephemeralContainers)': [container], '=(initContainers)': [container], 'containers': [container] } };
}

/** Same, for fields ephemeral containers cannot have (resources, probes) or need not have. */
function runningContainers(container: object): object {
  return { spec: { '=(initContainers)': [container], 'containers': [container] } };
}

const optionalSecurityContext = (fields: object) => ({ '=(securityContext)': fields });

function pattern(name: string, value: object, preconditions?: object): AdmissionValidation {
  return { name, preconditions, validate: { pattern: value } };
}

function anyPattern(name: string, values: object[], preconditions?: object): AdmissionValidation {
  return { name, preconditions, validate: { anyPattern: values } };
}

/** Denies when the JMESPath expression over the admitted object counts more than zero offenders. */
function denyCount(name: string, expression: string, preconditions?: object): AdmissionValidation {
  return { name, preconditions, validate: { deny: { conditions: { any: [{ key: `{{ ${expression} }}`, operator: 'GreaterThan', value: 0 }] } } } };
}

const oneOf = (values: string[]) => values.join(' | ');
const SECCOMP = oneOf(['RuntimeDefault', 'Localhost']);
const BASELINE_CAPABILITIES = [
  'AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT',
];
const SAFE_SYSCTLS = [
  'kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.ip_unprivileged_port_start', 'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range', 'net.ipv4.ip_local_reserved_ports',
];
/** The inline volume sources restricted names as forbidden; the synth rule is an allowlist instead. */
const FORBIDDEN_VOLUME_SOURCES = [
  'hostPath', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'nfs', 'iscsi', 'glusterfs', 'rbd', 'flexVolume', 'cinder',
  'cephfs', 'flocker', 'fc', 'azureFile', 'vsphereVolume', 'quobyte', 'azureDisk', 'portworxVolume', 'photonPersistentDisk', 'scaleIO', 'storageos',
];
const ALL_CONTAINERS = 'request.object.spec.[ephemeralContainers, initContainers, containers][]';
/** A ServiceAccount name that is set and is not "default". */
const OWN_ACCOUNT = '!default & ?*';
const probeHost = { '=(httpGet)': { '=(host)': '' }, '=(tcpSocket)': { '=(host)': '' } };

/** The Kyverno rules of each exported Paved rule, by id. */
const TRANSLATIONS: { [ruleId: string]: (registries: string[]) => AdmissionValidation[] } = {
  'pss.baseline.host-namespaces': () => [pattern('host-namespaces', { spec: { '=(hostNetwork)': 'false', '=(hostPID)': 'false', '=(hostIPC)': 'false' } })],
  'pss.baseline.host-process': () => [pattern('host-process', everyContainer(
    optionalSecurityContext({ '=(windowsOptions)': { '=(hostProcess)': 'false' } }),
    optionalSecurityContext({ '=(windowsOptions)': { '=(hostProcess)': 'false' } }),
  ))],
  'pss.baseline.privileged': () => [pattern('privileged', everyContainer(optionalSecurityContext({ '=(privileged)': 'false' })))],
  'pss.baseline.capabilities': () => [pattern('capabilities', everyContainer(optionalSecurityContext({ '=(capabilities)': { '=(add)': [oneOf(BASELINE_CAPABILITIES)] } })))],
  'pss.baseline.host-path': () => [pattern('host-path', { spec: { '=(volumes)': [{ 'X(hostPath)': 'null' }] } })],
  'pss.baseline.host-ports': () => [pattern('host-ports', everyContainer({ '=(ports)': [{ '=(hostPort)': 0 }] }))],
  'pss.baseline.apparmor': () => [pattern('apparmor', {
    metadata: { '=(annotations)': { '=(container.apparmor.security.beta.kubernetes.io/*)': 'runtime/default | localhost/*' } },
    ...everyContainer(
      optionalSecurityContext({ '=(appArmorProfile)': { '=(type)': SECCOMP } }),
      optionalSecurityContext({ '=(appArmorProfile)': { '=(type)': SECCOMP } }),
    ),
  })],
  'pss.baseline.selinux': () => {
    const options = { '=(seLinuxOptions)': { '=(type)': oneOf(['container_t', 'container_init_t', 'container_kvm_t']), '=(user)': '', '=(role)': '' } };
    return [pattern('selinux', everyContainer(optionalSecurityContext(options), optionalSecurityContext(options)))];
  },
  'pss.baseline.proc-mount': () => [pattern('proc-mount', everyContainer(optionalSecurityContext({ '=(procMount)': 'Default' })))],
  'pss.baseline.seccomp': () => {
    const profile = optionalSecurityContext({ '=(seccompProfile)': { '=(type)': SECCOMP } });
    return [pattern('seccomp', everyContainer(profile, profile))];
  },
  'pss.baseline.sysctls': () => [pattern('sysctls', { spec: optionalSecurityContext({ '=(sysctls)': [{ '=(name)': oneOf(SAFE_SYSCTLS) }] }) })],
  'pss.baseline.probe-host': () => [pattern('probe-host', everyContainer({
    '=(livenessProbe)': probeHost,
    '=(readinessProbe)': probeHost,
    '=(startupProbe)': probeHost,
    '=(lifecycle)': { '=(postStart)': probeHost, '=(preStop)': probeHost },
  }))],
  'pss.restricted.volume-types': () => [pattern('volume-types', {
    spec: { '=(volumes)': [Object.fromEntries(FORBIDDEN_VOLUME_SOURCES.map((source) => [`X(${source})`, 'null']))] },
  })],
  'pss.restricted.privilege-escalation': () => [pattern('privilege-escalation', everyContainer({ securityContext: { allowPrivilegeEscalation: 'false' } }), NOT_WINDOWS)],
  'pss.restricted.run-as-non-root': () => [anyPattern('run-as-non-root', [
    everyContainer(optionalSecurityContext({ '=(runAsNonRoot)': 'true' }), { securityContext: { runAsNonRoot: 'true' } }),
    everyContainer({ securityContext: { runAsNonRoot: 'true' } }, optionalSecurityContext({ '=(runAsNonRoot)': 'true' })),
  ])],
  'pss.restricted.run-as-user': () => {
    const user = optionalSecurityContext({ '=(runAsUser)': '>0' });
    return [pattern('run-as-user', everyContainer(user, user))];
  },
  'pss.restricted.seccomp': () => [anyPattern('seccomp', [
    everyContainer(optionalSecurityContext({ '=(seccompProfile)': { '=(type)': SECCOMP } }), { securityContext: { seccompProfile: { type: SECCOMP } } }),
    everyContainer({ securityContext: { seccompProfile: { type: SECCOMP } } }, optionalSecurityContext({ '=(seccompProfile)': { '=(type)': SECCOMP } })),
  ], NOT_WINDOWS)],
  'pss.restricted.capabilities': () => [
    denyCount('drop-all', `${ALL_CONTAINERS} | [?!contains(securityContext.capabilities.drop || \`[]\`, 'ALL')] | length(@)`, NOT_WINDOWS),
    pattern('add-only-net-bind-service', everyContainer(optionalSecurityContext({ '=(capabilities)': { '=(add)': ['NET_BIND_SERVICE'] } })), NOT_WINDOWS),
  ],
  'workload.probes': () => [denyCount('probes', 'request.object.spec.containers[?readinessProbe == null || livenessProbe == null] | length(@)')],
  'workload.resource-requests': () => [pattern('resource-requests', runningContainers({ resources: { requests: { cpu: '?*', memory: '?*' } } }))],
  'workload.memory-limit': () => [pattern('memory-limit', runningContainers({ resources: { limits: { memory: '?*' } } }))],
  'workload.read-only-root-fs': () => [pattern('read-only-root-fs', runningContainers({ securityContext: { readOnlyRootFilesystem: 'true' } }))],
  // As the synth reads it: serviceAccountName when set, else the deprecated serviceAccount; empty is the default.
  'workload.default-service-account': () => [anyPattern('default-service-account', [
    { spec: { serviceAccountName: OWN_ACCOUNT } },
    { spec: { 'X(serviceAccountName)': 'null', 'serviceAccount': OWN_ACCOUNT } },
  ])],
  'workload.image-registry': (registries) => [pattern('image-registry', everyContainer({ image: oneOf(registries.map((r) => `${r.replace(/\/+$/, '')}/*`)) }))],
};

/** Why the other built-in rules stay at synth time. */
const NOT_EXPRESSIBLE: { [ruleId: string]: string } = {
  'workload.image-pinned': 'Kyverno wildcards cannot tell a tag from a registry port (registry:5000/app has no tag); pin by digest with a verifyImages policy for the cluster-side guarantee',
  'workload.replicas': 'relates the workload to its HorizontalPodAutoscaler, another object',
  'workload.disruption-budget': 'relates the workload to PodDisruptionBudgets, other objects',
  'workload.quota-at-max-replicas': 'sums every workload of the namespace at its autoscaler\'s ceiling; admission sees one Pod, and the quota itself refuses the rest',
  'workload.migration-compatibility': 'advice about a Job and the Rollout it precedes, two objects; whether a schema change is compatible is in neither',
  'workload.topology-spread': 'depends on the replica count, which a Pod being admitted does not carry',
  'workload.service-account-token': 'the pod\'s ServiceAccount may turn the token off, and admission sees only the pod',
  'metadata.owner-labels': 'applies to every kind, and in a cluster controllers create objects (Events, Leases, EndpointSlices) that carry no owner labels',
  'network.isolated': 'relates the workload to NetworkPolicies, other objects',
  'network.internet-egress': 'the union of ipBlocks minus their except entries, against the platform\'s private ranges, is interval arithmetic that Kyverno patterns cannot express',
  'network.ingress-sources': 'an ipBlock source is judged by the addresses it admits outside the platform\'s private ranges, interval arithmetic that Kyverno patterns cannot express',
  'network.egress-destinations': 'a namespaceSelector is judged by whether it names its namespaces (in matchLabels or an In expression), which Kyverno patterns cannot express over lists of peers',
  'network.cross-namespace-peers': 'peers are accepted when a construct declared them at synth; the cluster has no record of the declaration',
  'network.environment-namespace': 'the cluster sees objects in their namespace, not the environment that wrote them',
  'secrets.literal-secret': 'in a cluster Secrets carry data by design: External Secrets, cert-manager and Helm write them; the rule is about manifests kept in git',
  'secrets.env-literal': 'recognising credential names by their word parts, and exempting references, needs regular expressions that Kyverno patterns do not have',
  'secrets.url-credentials': 'looks at every string of every kind of object',
  'cost.environment-budget': 'the estimate is computed at synth from the declarations; the cluster has no figure to compare',
  'guardrails.namespace-pod-security': 'the namespaces Paved writes hold the labels Pod Security admission reads; a cluster-wide policy on every Namespace would also hold system namespaces the platform runs privileged',
  'guardrails.resource-quota': 'compares the quota with its environment\'s tier and platform, which the cluster does not know, and notices a quota that is missing',
  'guardrails.limit-range': 'compares the LimitRange with its platform\'s presets, which the cluster does not know, and notices one that is missing',
  'guardrails.default-deny': 'compares the policy with the platform\'s cluster DNS settings and notices one that is missing, which admission of a single object cannot',
  'exposure.ingress-tls': 'relates every rule\'s host to the tls hosts, a cross-reference of two lists that Kyverno patterns cannot express',
  'exposure.ingress-host': 'depends on the platform\'s domains and its exceptions, which are settings of the platform rather than of the cluster',
  'exposure.ingress-class': 'depends on the platform\'s ingress class and its exceptions, which are settings of the platform rather than of the cluster',
  'exposure.ingress-default-backend': 'honours the platform\'s exposure exceptions, which are settings of the platform rather than of the cluster',
  'exposure.service-type': 'honours the platform\'s exposure exceptions, which are settings of the platform rather than of the cluster; each environment\'s ResourceQuota holds LoadBalancer and NodePort Services at zero there',
  'exposure.service-external-ips': 'honours the platform\'s exposure exceptions, which are settings of the platform rather than of the cluster',
};

/** The Kyverno rules for a Paved rule, or the reason it has none. */
export function translate(ruleId: string, kinds: string[], registries: string[]): AdmissionValidation[] | string {
  if (ruleId === 'workload.image-registry' && registries.length === 0) return 'the platform lists no registry, so there is nothing to hold images to';
  const translation = TRANSLATIONS[ruleId];
  if (translation) return translation(registries);
  if (NOT_EXPRESSIBLE[ruleId]) return NOT_EXPRESSIBLE[ruleId];
  if (kinds.some((k) => k.includes(':'))) return 'checks cloud resource arguments, which never reach the cluster';
  return 'a custom rule: its check is code, which cannot be translated; write a Kyverno policy for it alongside';
}
