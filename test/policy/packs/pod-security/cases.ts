import { BASELINE_CAPABILITIES_RULE, RESTRICTED_CAPABILITIES_RULE } from '../../../../src/policy/packs/pod-security/capabilities';
import { HOST_NAMESPACES, HOST_PATH, HOST_PORTS, HOST_PROCESS, PROBE_HOST } from '../../../../src/policy/packs/pod-security/host';
import { APPARMOR, BASELINE_SECCOMP, PROC_MOUNT, SELINUX } from '../../../../src/policy/packs/pod-security/linux-security-modules';
import { PRIVILEGED } from '../../../../src/policy/packs/pod-security/privileged';
import { PRIVILEGE_ESCALATION, RESTRICTED_SECCOMP, RUN_AS_NON_ROOT, RUN_AS_USER, VOLUME_TYPES } from '../../../../src/policy/packs/pod-security/restricted';
import { SYSCTLS } from '../../../../src/policy/packs/pod-security/sysctls';
import { IRule } from '../../../../src/policy/rule';
import { MAIN, main, POD } from '../workloads';

/** One edit of the well-formed pod spec, and what the rule must say about it. */
export interface PodCase {
  readonly rule: IRule;
  /** What the edit does, for the test name. */
  readonly name: string;
  readonly edit: (pod: any, metadata: any) => void;
  /** The fields of the expected findings; empty when the edit is allowed. */
  readonly fields: string[];
}

const fail = (rule: IRule, name: string, fields: string[], edit: PodCase['edit']): PodCase => ({ rule, name, edit, fields });
const pass = (rule: IRule, name: string, edit: PodCase['edit']): PodCase => ({ rule, name, edit, fields: [] });
const sc = (pod: any) => (main(pod).securityContext);
const init = (pod: any, securityContext: object = {}) => {
  pod.initContainers = [{ name: 'migrate', image: 'registry.acme.dev/payments/migrate:1.0.0', securityContext: { ...sc(pod), ...securityContext } }];
};

/** Pass and fail cases of every Pod Security rule, over the well-formed Deployment. */
export const POD_SECURITY_CASES: PodCase[] = [
  pass(HOST_NAMESPACES, 'hostNetwork false', (p) => { p.hostNetwork = false; }),
  fail(HOST_NAMESPACES, 'hostNetwork and hostPID', [`${POD}.hostNetwork`, `${POD}.hostPID`], (p) => { p.hostNetwork = true; p.hostPID = true; }),
  fail(HOST_NAMESPACES, 'hostIPC', [`${POD}.hostIPC`], (p) => { p.hostIPC = true; }),

  pass(HOST_PROCESS, 'hostProcess false', (p) => { p.securityContext.windowsOptions = { hostProcess: false }; }),
  fail(HOST_PROCESS, 'a HostProcess pod', [`${POD}.securityContext.windowsOptions.hostProcess`], (p) => { p.securityContext.windowsOptions = { hostProcess: true }; }),
  fail(HOST_PROCESS, 'a HostProcess container', [`${MAIN}.securityContext.windowsOptions.hostProcess`], (p) => { sc(p).windowsOptions = { hostProcess: true }; }),

  pass(PRIVILEGED, 'privileged false', (p) => { sc(p).privileged = false; }),
  fail(PRIVILEGED, 'a privileged container', [`${MAIN}.securityContext.privileged`], (p) => { sc(p).privileged = true; }),
  fail(PRIVILEGED, 'a privileged init container', [`${POD}.initContainers[0].securityContext.privileged`], (p) => init(p, { privileged: true })),

  pass(BASELINE_CAPABILITIES_RULE, 'adding CHOWN from the default set', (p) => { sc(p).capabilities.add = ['CHOWN', 'NET_BIND_SERVICE']; }),
  fail(BASELINE_CAPABILITIES_RULE, 'adding SYS_ADMIN', [`${MAIN}.securityContext.capabilities.add[1]`], (p) => { sc(p).capabilities.add = ['CHOWN', 'SYS_ADMIN']; }),

  pass(RESTRICTED_CAPABILITIES_RULE, 'adding NET_BIND_SERVICE back', (p) => { sc(p).capabilities.add = ['NET_BIND_SERVICE']; }),
  pass(RESTRICTED_CAPABILITIES_RULE, 'a Windows pod without capabilities', (p) => { p.os = { name: 'windows' }; delete sc(p).capabilities; }),
  fail(RESTRICTED_CAPABILITIES_RULE, 'an empty drop list', [`${MAIN}.securityContext.capabilities.drop`], (p) => { sc(p).capabilities.drop = []; }),
  fail(RESTRICTED_CAPABILITIES_RULE, 'a replaced securityContext', [`${MAIN}.securityContext.capabilities.drop`], (p) => { main(p).securityContext = { runAsNonRoot: true, allowPrivilegeEscalation: false }; }),
  fail(RESTRICTED_CAPABILITIES_RULE, 'adding CHOWN', [`${MAIN}.securityContext.capabilities.add[0]`], (p) => { sc(p).capabilities.add = ['CHOWN']; }),

  pass(HOST_PATH, 'an emptyDir', () => undefined),
  fail(HOST_PATH, 'a hostPath volume', [`${POD}.volumes[1].hostPath`], (p) => { p.volumes.push({ name: 'docker', hostPath: { path: '/var/run/docker.sock' } }); }),

  pass(HOST_PORTS, 'hostPort 0', (p) => { main(p).ports[0].hostPort = 0; }),
  fail(HOST_PORTS, 'hostPort 8080', [`${MAIN}.ports[0].hostPort`], (p) => { main(p).ports[0].hostPort = 8080; }),

  pass(APPARMOR, 'RuntimeDefault and a localhost annotation', (p, m) => {
    p.securityContext.appArmorProfile = { type: 'RuntimeDefault' };
    m.annotations = { 'container.apparmor.security.beta.kubernetes.io/main': 'localhost/k8s-nginx' };
  }),
  fail(APPARMOR, 'an Unconfined profile', [`${MAIN}.securityContext.appArmorProfile.type`], (p) => { sc(p).appArmorProfile = { type: 'Unconfined' }; }),
  fail(APPARMOR, 'an unconfined annotation', ['spec.template.metadata.annotations["container.apparmor.security.beta.kubernetes.io/main"]'], (_p, m) => {
    m.annotations = { 'container.apparmor.security.beta.kubernetes.io/main': 'unconfined' };
  }),

  pass(SELINUX, 'type container_init_t', (p) => { p.securityContext.seLinuxOptions = { type: 'container_init_t', level: 's0:c123,c456' }; }),
  fail(SELINUX, 'type spc_t and a user', [`${POD}.securityContext.seLinuxOptions.type`, `${POD}.securityContext.seLinuxOptions.user`], (p) => {
    p.securityContext.seLinuxOptions = { type: 'spc_t', user: 'system_u' };
  }),
  fail(SELINUX, 'a container role', [`${MAIN}.securityContext.seLinuxOptions.role`], (p) => { sc(p).seLinuxOptions = { role: 'system_r' }; }),

  pass(PROC_MOUNT, 'procMount Default', (p) => { sc(p).procMount = 'Default'; }),
  fail(PROC_MOUNT, 'procMount Unmasked', [`${MAIN}.securityContext.procMount`], (p) => { sc(p).procMount = 'Unmasked'; }),

  pass(BASELINE_SECCOMP, 'no profile at all', (p) => { delete p.securityContext.seccompProfile; }),
  fail(BASELINE_SECCOMP, 'an Unconfined container', [`${MAIN}.securityContext.seccompProfile.type`], (p) => { sc(p).seccompProfile = { type: 'Unconfined' }; }),

  pass(SYSCTLS, 'a safe sysctl', (p) => { p.securityContext.sysctls = [{ name: 'net.ipv4.ip_local_port_range', value: '1024 65535' }]; }),
  fail(SYSCTLS, 'an unsafe sysctl', [`${POD}.securityContext.sysctls[1].name`], (p) => {
    p.securityContext.sysctls = [{ name: 'kernel.shm_rmid_forced', value: '1' }, { name: 'net.ipv4.tcp_rmem', value: '4096 87380 6291456' }];
  }),

  pass(PROBE_HOST, 'probes without a host', () => undefined),
  fail(PROBE_HOST, 'a probe to the metadata endpoint', [`${MAIN}.livenessProbe.httpGet.host`], (p) => { main(p).livenessProbe.httpGet.host = '169.254.169.254'; }),
  fail(PROBE_HOST, 'a preStop hook to another host', [`${MAIN}.lifecycle.preStop.tcpSocket.host`], (p) => { main(p).lifecycle = { preStop: { tcpSocket: { host: 'db', port: 5432 } } }; }),

  pass(VOLUME_TYPES, 'configMap, secret, projected and a claim', (p) => {
    p.volumes.push({ name: 'c', configMap: { name: 'c' } }, { name: 's', secret: { secretName: 's' } }, { name: 'p', projected: { sources: [] } }, { name: 'd', persistentVolumeClaim: { claimName: 'd' } });
  }),
  fail(VOLUME_TYPES, 'an nfs volume', [`${POD}.volumes[1]`], (p) => { p.volumes.push({ name: 'share', nfs: { server: 'nfs', path: '/' } }); }),
  fail(VOLUME_TYPES, 'a hostPath volume', [`${POD}.volumes[1]`], (p) => { p.volumes.push({ name: 'root', hostPath: { path: '/' } }); }),

  pass(PRIVILEGE_ESCALATION, 'false on every container', (p) => init(p)),
  fail(PRIVILEGE_ESCALATION, 'left out', [`${MAIN}.securityContext.allowPrivilegeEscalation`], (p) => { delete sc(p).allowPrivilegeEscalation; }),
  fail(PRIVILEGE_ESCALATION, 'true on an init container', [`${POD}.initContainers[0].securityContext.allowPrivilegeEscalation`], (p) => init(p, { allowPrivilegeEscalation: true })),

  pass(RUN_AS_NON_ROOT, 'set on the pod only', (p) => { delete sc(p).runAsNonRoot; }),
  pass(RUN_AS_NON_ROOT, 'set on every container only', (p) => { delete p.securityContext.runAsNonRoot; }),
  fail(RUN_AS_NON_ROOT, 'set nowhere', [`${MAIN}.securityContext.runAsNonRoot`], (p) => { delete p.securityContext.runAsNonRoot; delete sc(p).runAsNonRoot; }),
  fail(RUN_AS_NON_ROOT, 'false on a container under a true pod', [`${MAIN}.securityContext.runAsNonRoot`], (p) => { sc(p).runAsNonRoot = false; }),
  fail(RUN_AS_NON_ROOT, 'false on the pod', [`${POD}.securityContext.runAsNonRoot`], (p) => { p.securityContext.runAsNonRoot = false; }),

  pass(RUN_AS_USER, 'left to the image', (p) => { delete p.securityContext.runAsUser; }),
  fail(RUN_AS_USER, 'user 0 on a container', [`${MAIN}.securityContext.runAsUser`], (p) => { sc(p).runAsUser = 0; }),
  fail(RUN_AS_USER, 'user 0 on the pod', [`${POD}.securityContext.runAsUser`], (p) => { p.securityContext.runAsUser = 0; }),

  pass(RESTRICTED_SECCOMP, 'Localhost on the container only', (p) => { delete p.securityContext.seccompProfile; sc(p).seccompProfile = { type: 'Localhost', localhostProfile: 'audit.json' }; }),
  fail(RESTRICTED_SECCOMP, 'no profile at all', [`${MAIN}.securityContext.seccompProfile.type`], (p) => { delete p.securityContext.seccompProfile; }),
  fail(RESTRICTED_SECCOMP, 'an Unconfined pod', [`${POD}.securityContext.seccompProfile.type`, `${MAIN}.securityContext.seccompProfile.type`], (p) => {
    p.securityContext.seccompProfile = { type: 'Unconfined' };
  }),
];
