import { ApiObject, Size } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { ExternalSecret } from './external-secret';
import { PasswordGenerator } from './password-generator';
import { Environment } from '../environment/environment';
import { PodPeer } from '../network/pod-peer';
import { WorkloadNetworkPolicy } from '../network/workload-network-policy';
import { Labels } from '../platform/labels';
import { ownerLabels } from '../platform/owner-labels';
import { ResourceSpec, formatMemory } from '../platform/resource-preset';
import { restrictedContainerSecurityContext, restrictedPodSecurityContext } from '../platform/restricted-security';

/** A writable directory on a read-only root filesystem. */
export interface ScratchMount {
  readonly name: string;
  readonly path: string;
  readonly sizeLimit: Size;
}

/** Everything an in-cluster store is built from, already validated. */
export interface InClusterStoreProps {
  readonly environment: Environment;
  readonly name: string;
  readonly labels: { [key: string]: string };
  readonly image: string;
  /** The image's own non-root user, which owns its data directory. */
  readonly uid: number;
  readonly port: number;
  readonly portName: string;
  readonly resources: ResourceSpec;
  readonly args?: string[];
  /** Container variables: each names a key of the store's own Secret, or carries a plain value. */
  readonly env: Array<{ readonly name: string; readonly secretKey?: string; readonly value?: string }>;
  /** Exec probe that succeeds when the store accepts connections: startup and readiness. */
  readonly probe: string[];
  readonly scratch: ScratchMount[];
  /** The persistent volume, when the store keeps data across restarts. */
  readonly volume?: { readonly path: string; readonly storageGib: number };
  /**
   * Templates of the Secret's keys, over the generated `{{ .password }}`: the same keys a
   * cloud dependency's Secret has, so services are wired identically in every tier.
   */
  readonly credentials: { [key: string]: string };
}

/** How long a store may take to start (initdb on a fresh volume included) before liveness applies. */
const STARTUP_BUDGET_SECONDS = 300;
const PROBE_PERIOD_SECONDS = 10;

/**
 * A disposable database or cache in the environment's namespace: a single-replica StatefulSet
 * meeting Pod Security "restricted", its headless and ClusterIP Services, a NetworkPolicy that
 * admits only the services that declared it, its own ServiceAccount without a token, and
 * credentials generated inside the cluster by the External Secrets Password generator.
 */
export class InClusterStore extends Construct {
  /** The store's identity; its token is not mounted. */
  public readonly serviceAccount: ApiObject;
  /** The headless Service that gives the StatefulSet's pod its stable DNS name. */
  public readonly headlessService: ApiObject;
  /** The Service clients connect to; its DNS name is the `host` in the Secret. */
  public readonly service: ApiObject;
  /** The store. */
  public readonly statefulSet: ApiObject;
  /** Generates the password inside the cluster. */
  public readonly passwordGenerator: PasswordGenerator;
  /** Writes the store's Secret from the generated password. */
  public readonly externalSecret: ExternalSecret;
  /** Admits only the services (and seed) that use the store. */
  public readonly networkPolicy: WorkloadNetworkPolicy;
  /** The labels that select the store's pod. */
  public readonly selectorLabels: { [key: string]: string };
  private readonly port: number;

  constructor(scope: Construct, id: string, props: InClusterStoreProps) {
    super(scope, id);
    const { environment, name, labels } = props;
    const namespace = environment.namespace!;
    this.port = props.port;
    this.selectorLabels = { [Labels.NAME]: name, [Labels.INSTANCE]: name };

    this.passwordGenerator = new PasswordGenerator(this, 'Password', {
      metadata: { name, labels },
      spec: { length: 32, digits: 8, symbols: 0, noUpper: false, allowRepeat: true },
    });
    this.externalSecret = new ExternalSecret(this, 'ExternalSecret', {
      metadata: { name, labels },
      spec: {
        // A generator produces a new password on every read, and the store keeps the one it was
        // initialised with: the Secret is written once and never regenerated.
        refreshInterval: '0s',
        refreshPolicy: 'CreatedOnce',
        target: { name, creationPolicy: 'Owner', template: { engineVersion: 'v2', data: props.credentials } },
        dataFrom: [{ sourceRef: { generatorRef: this.passwordGenerator.generatorRef } }],
      },
    });

    this.serviceAccount = new ApiObject(this, 'ServiceAccount', k8s.KubeServiceAccount.manifest({
      metadata: { name, labels },
      automountServiceAccountToken: false,
    }));

    const port = { name: props.portName, port: props.port, targetPort: k8s.IntOrString.fromNumber(props.port), protocol: 'TCP' };
    this.headlessService = new ApiObject(this, 'HeadlessService', k8s.KubeService.manifest({
      metadata: { name: `${name}-headless`, labels },
      spec: { clusterIp: 'None', selector: this.selectorLabels, ports: [port] },
    }));
    this.service = new ApiObject(this, 'Service', k8s.KubeService.manifest({
      metadata: { name, labels },
      spec: { type: 'ClusterIP', selector: this.selectorLabels, ports: [port] },
    }));

    this.statefulSet = new ApiObject(this, 'StatefulSet', k8s.KubeStatefulSet.manifest({
      metadata: { name, labels },
      spec: {
        serviceName: `${name}-headless`,
        replicas: 1,
        selector: { matchLabels: this.selectorLabels },
        // Disposable: the volume goes with the StatefulSet, so a torn-down preview leaves no disk behind.
        persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Delete', whenScaled: 'Delete' },
        template: {
          metadata: { labels: podLabels(environment, labels) },
          spec: this.podSpec(props),
        },
        volumeClaimTemplates: props.volume ? [{
          metadata: { name: 'data' },
          spec: {
            accessModes: ['ReadWriteOnce'],
            resources: { requests: { storage: k8s.Quantity.fromString(`${props.volume.storageGib}Gi`) } },
          },
        }] : undefined,
      },
    }));

    this.networkPolicy = new WorkloadNetworkPolicy(this, 'NetworkPolicy', { name, namespace, labels, podSelector: this.selectorLabels });
  }

  /** Lets `peer` connect to the store on its port. Idempotent. */
  public admit(peer: PodPeer): void {
    this.networkPolicy.admit(peer, this.port);
  }

  private podSpec(props: InClusterStoreProps): k8s.PodSpec {
    const exec = { command: props.probe };
    return {
      serviceAccountName: props.name,
      automountServiceAccountToken: false,
      // The store's environment is exactly what is declared here, not every Service in the namespace.
      enableServiceLinks: false,
      securityContext: restrictedPodSecurityContext(props.uid),
      containers: [{
        name: props.name,
        image: props.image,
        // As the services' containers: the kubelet checks the pull secret on every start.
        imagePullPolicy: 'Always',
        args: props.args,
        ports: [{ name: props.portName, containerPort: props.port, protocol: 'TCP' }],
        env: props.env.map((v) => v.secretKey !== undefined
          ? { name: v.name, valueFrom: { secretKeyRef: { name: props.name, key: v.secretKey } } }
          : { name: v.name, value: v.value }),
        securityContext: restrictedContainerSecurityContext(props.uid),
        resources: containerResources(props.resources),
        startupProbe: {
          exec,
          periodSeconds: PROBE_PERIOD_SECONDS,
          timeoutSeconds: 5,
          failureThreshold: STARTUP_BUDGET_SECONDS / PROBE_PERIOD_SECONDS,
        },
        readinessProbe: { exec, periodSeconds: PROBE_PERIOD_SECONDS, timeoutSeconds: 5, failureThreshold: 3 },
        // Liveness asks less than readiness: a store that is busy or recovering, and so not ready,
        // still listens, and restarting it would only make the recovery start over.
        livenessProbe: {
          tcpSocket: { port: k8s.IntOrString.fromNumber(props.port) },
          periodSeconds: PROBE_PERIOD_SECONDS,
          timeoutSeconds: 5,
          failureThreshold: 6,
        },
        volumeMounts: [
          ...(props.volume ? [{ name: 'data', mountPath: props.volume.path }] : []),
          ...props.scratch.map((m) => ({ name: m.name, mountPath: m.path })),
        ],
      }],
      volumes: props.scratch.map((m) => ({ name: m.name, emptyDir: { sizeLimit: k8s.Quantity.fromString(formatMemory(m.sizeLimit)) } })),
    };
  }
}

/**
 * Pod templates do not inherit the chart's labels, so the owner labels are stated on them.
 */
export function podLabels(environment: Environment, labels: { [key: string]: string }): { [key: string]: string } {
  return ownerLabels(environment.platform.labels, environment.team, { tier: environment.tier, labels });
}

/** A preset as a container's requests and limits. */
export function containerResources(spec: ResourceSpec): k8s.ResourceRequirements {
  return {
    requests: { cpu: k8s.Quantity.fromString(spec.cpuRequest.amount), memory: k8s.Quantity.fromString(formatMemory(spec.memoryRequest)) },
    limits: { cpu: k8s.Quantity.fromString(spec.cpuLimit.amount), memory: k8s.Quantity.fromString(formatMemory(spec.memoryLimit)) },
  };
}
