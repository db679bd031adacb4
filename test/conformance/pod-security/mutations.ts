import * as fc from 'fast-check';

/**
 * Mutations of a secure pod template across every baseline and restricted Pod Security control,
 * each setting one field to a forbidden or to a harmless value, at the pod level and on a
 * container, an init container or an ephemeral container. Single mutations are all taken;
 * combinations are drawn by fast-check with a fixed seed, so a run is reproducible.
 */

/** A pod template: its metadata and spec, as written in a workload. */
export interface Pod { metadata: any; spec: any }

/** One edit of a pod template. */
export interface Mutation {
  /** e.g. `ephemeral:capabilities.add=SYS_ADMIN` */
  readonly id: string;
  readonly apply: (pod: Pod) => void;
}

/** A generated pod template and the mutations that made it. */
export interface GeneratedSpec extends Pod {
  readonly name: string;
  readonly mutations: string[];
}

type Where = 'container' | 'sidecar' | 'init' | 'ephemeral';
const WHERE: Where[] = ['container', 'sidecar', 'init', 'ephemeral'];

// Ephemeral containers may not declare ports, probes, lifecycle hooks or resources.
const NOT_EPHEMERAL = ['ports', 'livenessProbe', 'readinessProbe', 'startupProbe', 'lifecycle', 'resources'];

/** The container the mutation targets: the first container, or a new second, init or ephemeral copy of it. */
function target(pod: Pod, where: Where): any {
  const main = pod.spec.containers[0];
  const copy = (name: string) => {
    const c = JSON.parse(JSON.stringify(main));
    c.name = name;
    return c;
  };
  if (where === 'container') return main;
  if (where === 'sidecar') {
    if (pod.spec.containers.length === 1) pod.spec.containers.push(copy('sidecar'));
    return pod.spec.containers[1];
  }
  if (where === 'init') {
    pod.spec.initContainers = pod.spec.initContainers ?? [];
    if (pod.spec.initContainers.length === 0) pod.spec.initContainers.push(copy('init'));
    return pod.spec.initContainers[0];
  }
  pod.spec.ephemeralContainers = pod.spec.ephemeralContainers ?? [];
  if (pod.spec.ephemeralContainers.length === 0) {
    const c = copy('debug');
    for (const field of NOT_EPHEMERAL) delete c[field];
    pod.spec.ephemeralContainers.push(c);
  }
  return pod.spec.ephemeralContainers[0];
}

function sc(container: any): any {
  container.securityContext = container.securityContext ?? {};
  return container.securityContext;
}

function podSc(pod: Pod): any {
  pod.spec.securityContext = pod.spec.securityContext ?? {};
  return pod.spec.securityContext;
}

function volume(pod: Pod, source: object): void {
  pod.spec.volumes = [...pod.spec.volumes ?? [], { name: `v${(pod.spec.volumes ?? []).length}`, ...source }];
}

const m = (id: string, apply: (pod: Pod) => void): Mutation => ({ id, apply });

/** Inline volume sources, each with the fields its schema requires. */
const VOLUME_SOURCES: { [source: string]: object } = {
  // Restricted: reach outside the pod's own data.
  hostPath: { path: '/var/run/docker.sock' },
  gcePersistentDisk: { pdName: 'disk' },
  awsElasticBlockStore: { volumeID: 'vol-1' },
  gitRepo: { repository: 'https://git.acme.dev/repo.git' },
  nfs: { server: 'nfs.acme.dev', path: '/exports' },
  iscsi: { targetPortal: '10.0.0.1:3260', iqn: 'iqn.2001-04.com.example:storage', lun: 0 },
  glusterfs: { endpoints: 'glusterfs', path: 'vol' },
  rbd: { monitors: ['10.0.0.1:6789'], image: 'foo' },
  flexVolume: { driver: 'acme/driver' },
  cinder: { volumeID: 'vol-1' },
  cephfs: { monitors: ['10.0.0.1:6789'] },
  flocker: { datasetName: 'data' },
  fc: { targetWWNs: ['500a0982991b8dc5'], lun: 1 },
  azureFile: { secretName: 'azure', shareName: 'share' },
  vsphereVolume: { volumePath: '[datastore] volumes/v' },
  quobyte: { registry: 'registry:7861', volume: 'vol' },
  azureDisk: { diskName: 'disk', diskURI: 'https://acme.blob.core.windows.net/vhds/disk.vhd' },
  photonPersistentDisk: { pdID: 'disk' },
  portworxVolume: { volumeID: 'vol' },
  scaleIO: { gateway: 'https://gateway', system: 'sys', secretRef: { name: 'scaleio' } },
  storageos: { volumeName: 'vol' },
  // Allowed by restricted.
  configMap: { name: 'settings' },
  secret: { secretName: 'credentials' },
  projected: { sources: [{ serviceAccountToken: { path: 'token', expirationSeconds: 3600 } }] },
  downwardAPI: { items: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } }] },
  csi: { driver: 'secrets-store.csi.k8s.io' },
  ephemeral: { volumeClaimTemplate: { spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } } },
  image: { reference: 'registry.acme.dev/data/models:1.0.0' },
  persistentVolumeClaim: { claimName: 'data' },
  emptyDir: { medium: 'Memory' },
};

/** Sysctls: the v1.28 safe set, those later versions added, and unsafe ones. */
const SYSCTLS = [
  'kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.ip_unprivileged_port_start', 'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range', 'net.ipv4.ip_local_reserved_ports', 'net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_rmem', 'net.ipv4.tcp_slow_start_after_idle', 'net.core.somaxconn', 'kernel.msgmax', 'vm.swappiness',
];

const SELINUX = [
  { type: 'spc_t' }, { type: 'container_engine_t' }, { type: 'container_init_t' }, { type: 'container_kvm_t' }, { type: 'container_t' },
  { user: 'system_u' }, { role: 'object_r' }, { level: 's0:c123,c456' }, { type: '' },
];

const APPARMOR = [{ type: 'Unconfined' }, { type: 'RuntimeDefault' }, { type: 'Localhost', localhostProfile: 'k8s-apparmor-example' }];
const SECCOMP = [{ type: 'Unconfined' }, { type: 'RuntimeDefault' }, { type: 'Localhost', localhostProfile: 'profiles/audit.json' }];

/** Mutations of the pod spec and its metadata. */
function podMutations(): Mutation[] {
  return [
    ...['hostNetwork', 'hostPID', 'hostIPC'].flatMap((field) => [true, false].map((value) => m(`pod:${field}=${value}`, (p) => { p.spec[field] = value; }))),
    ...Object.entries(VOLUME_SOURCES).map(([source, spec]) => m(`pod:volume=${source}`, (p) => volume(p, { [source]: spec }))),
    m('pod:volume=no-source', (p) => volume(p, {})),
    ...SYSCTLS.map((name) => m(`pod:sysctl=${name}`, (p) => { podSc(p).sysctls = [...podSc(p).sysctls ?? [], { name, value: '1' }]; })),
    ...SECCOMP.map((profile) => m(`pod:seccompProfile=${profile.type}`, (p) => { podSc(p).seccompProfile = profile; })),
    m('pod:seccompProfile=Localhost-without-profile', (p) => { podSc(p).seccompProfile = { type: 'Localhost' }; }),
    m('pod:seccompProfile=absent', (p) => { delete podSc(p).seccompProfile; }),
    m('pod:runAsNonRoot=false', (p) => { podSc(p).runAsNonRoot = false; }),
    m('pod:runAsNonRoot=absent', (p) => { delete podSc(p).runAsNonRoot; }),
    m('pod:runAsUser=0', (p) => { podSc(p).runAsUser = 0; }),
    m('pod:runAsUser=1000', (p) => { podSc(p).runAsUser = 1000; }),
    ...SELINUX.map((options) => m(`pod:seLinuxOptions=${JSON.stringify(options)}`, (p) => { podSc(p).seLinuxOptions = options; })),
    ...APPARMOR.map((profile) => m(`pod:appArmorProfile=${profile.type}`, (p) => { podSc(p).appArmorProfile = profile; })),
    ...['unconfined', 'runtime/default', 'localhost/k8s-apparmor-example', '', 'docker/default'].map((value) => m(`pod:apparmor-annotation=${value}`, (p) => {
      p.metadata.annotations = { ...p.metadata.annotations, [`container.apparmor.security.beta.kubernetes.io/${p.spec.containers[0].name}`]: value };
    })),
    m('pod:windowsOptions.hostProcess=true', (p) => { podSc(p).windowsOptions = { hostProcess: true }; }),
    m('pod:windowsOptions.hostProcess=false', (p) => { podSc(p).windowsOptions = { hostProcess: false }; }),
    m('pod:os=windows', (p) => { p.spec.os = { name: 'windows' }; }),
    m('pod:os=linux', (p) => { p.spec.os = { name: 'linux' }; }),
    m('pod:hostUsers=false', (p) => { p.spec.hostUsers = false; }),
    m('pod:securityContext=absent', (p) => { delete p.spec.securityContext; }),
    m('pod:securityContext=null', (p) => { p.spec.securityContext = null; }),
  ];
}

/** Mutations of one container's fields, at `where`. */
function containerMutations(where: Where): Mutation[] {
  const at = (id: string, apply: (c: any) => void) => m(`${where}:${id}`, (p) => apply(target(p, where)));
  const capabilities = (c: any) => {
    sc(c).capabilities = sc(c).capabilities ?? {};
    return sc(c).capabilities;
  };
  const probe = (host: string) => ({ httpGet: { path: '/healthz', port: 8080, host } });
  return [
    at('privileged=true', (c) => { sc(c).privileged = true; }),
    at('privileged=false', (c) => { sc(c).privileged = false; }),
    ...[['SYS_ADMIN'], ['NET_RAW'], ['NET_BIND_SERVICE'], ['CHOWN'], ['ALL'], ['KILL', 'SETUID'], ['sys_admin'], ['']].map((add) => at(`capabilities.add=${add.join(',')}`, (c) => { capabilities(c).add = add; })),
    at('capabilities.drop=absent', (c) => { delete capabilities(c).drop; }),
    ...[[], ['NET_RAW'], ['ALL', 'NET_RAW'], ['all']].map((drop) => at(`capabilities.drop=${JSON.stringify(drop)}`, (c) => { capabilities(c).drop = drop; })),
    at('capabilities=absent', (c) => { delete sc(c).capabilities; }),
    at('allowPrivilegeEscalation=true', (c) => { sc(c).allowPrivilegeEscalation = true; }),
    at('allowPrivilegeEscalation=absent', (c) => { delete sc(c).allowPrivilegeEscalation; }),
    at('runAsNonRoot=false', (c) => { sc(c).runAsNonRoot = false; }),
    at('runAsNonRoot=absent', (c) => { delete sc(c).runAsNonRoot; }),
    at('runAsNonRoot=true', (c) => { sc(c).runAsNonRoot = true; }),
    at('runAsUser=0', (c) => { sc(c).runAsUser = 0; }),
    at('runAsUser=1000', (c) => { sc(c).runAsUser = 1000; }),
    ...SECCOMP.map((profile) => at(`seccompProfile=${profile.type}`, (c) => { sc(c).seccompProfile = profile; })),
    ...SELINUX.slice(0, 2).map((options) => at(`seLinuxOptions=${JSON.stringify(options)}`, (c) => { sc(c).seLinuxOptions = options; })),
    ...APPARMOR.slice(0, 2).map((profile) => at(`appArmorProfile=${profile.type}`, (c) => { sc(c).appArmorProfile = profile; })),
    at('procMount=Unmasked', (c) => { sc(c).procMount = 'Unmasked'; }),
    at('procMount=Default', (c) => { sc(c).procMount = 'Default'; }),
    at('windowsOptions.hostProcess=true', (c) => { sc(c).windowsOptions = { hostProcess: true }; }),
    at('securityContext=absent', (c) => { delete c.securityContext; }),
    at('securityContext=null', (c) => { c.securityContext = null; }),
    ...where === 'ephemeral' ? [] : [
      at('hostPort=8080', (c) => { c.ports = [{ containerPort: 8080, hostPort: 8080 }]; }),
      at('hostPort=0', (c) => { c.ports = [{ containerPort: 8080, hostPort: 0 }]; }),
      at('second-port.hostPort=9443', (c) => { c.ports = [{ containerPort: 8080 }, { containerPort: 9443, hostPort: 9443 }]; }),
      at('livenessProbe.httpGet.host=169.254.169.254', (c) => { c.livenessProbe = probe('169.254.169.254'); }),
      at('livenessProbe.httpGet.host=empty', (c) => { c.livenessProbe = probe(''); }),
      at('readinessProbe.tcpSocket.host=10.0.0.1', (c) => { c.readinessProbe = { tcpSocket: { port: 8080, host: '10.0.0.1' } }; }),
      at('startupProbe.httpGet.host=metadata', (c) => { c.startupProbe = probe('metadata.google.internal'); }),
      at('lifecycle.preStop.httpGet.host=10.0.0.1', (c) => { c.lifecycle = { preStop: probe('10.0.0.1') }; }),
      at('lifecycle.postStart.tcpSocket.host=10.0.0.1', (c) => { c.lifecycle = { postStart: { tcpSocket: { port: 8080, host: '10.0.0.1' } } }; }),
    ],
  ];
}

/** Every single mutation. */
export function allMutations(): Mutation[] {
  return [...podMutations(), ...WHERE.flatMap(containerMutations)];
}

function applied(base: Pod, mutations: Mutation[]): GeneratedSpec {
  const pod: Pod = JSON.parse(JSON.stringify(base));
  pod.metadata = pod.metadata ?? {};
  for (const mutation of mutations) mutation.apply(pod);
  return { name: mutations.map((x) => x.id).join(' + '), mutations: mutations.map((x) => x.id), metadata: pod.metadata, spec: pod.spec };
}

/**
 * The generated specs: `base` itself, each single mutation, and `combinations` drawn sets of two
 * to four mutations (seeded, so the same every run).
 */
export function generateSpecs(base: Pod, combinations: number, seed: number): GeneratedSpec[] {
  const mutations = allMutations();
  const sets = fc.uniqueArray(fc.constantFrom(...mutations), { minLength: 2, maxLength: 4, selector: (x) => x.id });
  const combined = fc.sample(sets, { seed, numRuns: combinations });
  const specs = [applied(base, []), ...mutations.map((x) => applied(base, [x])), ...combined.map((set) => applied(base, set))];
  const seen = new Set<string>();
  return specs.filter((s) => !seen.has(s.name) && seen.add(s.name));
}
