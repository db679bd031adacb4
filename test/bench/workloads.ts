import { ApiObject, App, Chart, Duration, JsonPatch, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';

// The two apps the benchmark compares: N services deployed to three environments, once through
// Paved and once written by hand with cdk8s-plus the way a careful platform team would, producing
// the same workload objects (namespace guard rails, identity, hardened Deployment, Service,
// autoscaler, disruption budget, network isolation, TLS ingress).

export const ENVIRONMENTS = ['dev', 'staging', 'prod'] as const;

export function serviceName(i: number): string {
  return `svc-${String(i).padStart(4, '0')}`;
}

/** What to leave out of the Paved app, to isolate what each part costs. */
export interface PavedVariant {
  /** No rule packs: the difference is what policy costs. */
  readonly unchecked?: boolean;
  /**
   * Observability on (ServiceMonitor, PrometheusRule and dashboard per service). Off by default
   * here, so both apps produce the same objects; the full golden path is measured separately.
   */
  readonly observed?: boolean;
  /**
   * Every service on a canary (an Argo Rollout rendered from its Deployment, two extra Services
   * and an AnalysisTemplate from staging up); implies `observed`, which a canary needs.
   */
  readonly canary?: boolean;
}

/**
 * Tier settings whose namespace quotas hold `services` standard services at their replica
 * ceilings (10 in staging and production, 1 in development), with a canary's extra pods: the
 * built-in quotas are sized for a team of a few services, and the production-readiness pack
 * refuses a quota the services would outgrow (`workload.quota-at-max-replicas`).
 */
export function quotaFor(paved: any, services: number): { [tier: string]: unknown } {
  const tiers: { [tier: string]: unknown } = {};
  for (const tier of [paved.Tier.DEVELOPMENT, paved.Tier.STAGING, paved.Tier.PRODUCTION]) {
    const defaults = paved.TierDefaults.of(tier);
    // Twice the ceiling: room for a rollout's surge and a canary's pods beside the stable ones.
    const pods = 2 * services * (defaults.maxReplicas ?? defaults.defaultReplicas.max);
    tiers[tier.name] = {
      ...defaults,
      quota: {
        cpuRequests: kplus.Cpu.millis(250 * pods),
        cpuLimits: kplus.Cpu.units(pods),
        memoryRequests: Size.mebibytes(256 * pods),
        memoryLimits: Size.mebibytes(512 * pods),
        pods,
      },
    };
  }
  return tiers;
}

/** Paved: what a team writes. `paved` is the compiled package, so the bench measures what users run. */
export function buildWithPaved(paved: any, services: number, app: App, variant: PavedVariant = {}): App {
  const checked = !variant.unchecked;
  const policy = checked ? {} : { policy: { packs: [] } };
  const platform = new paved.Platform({ name: 'bench', domain: 'apps.bench.dev', registries: ['registry.bench.dev'], tiers: quotaFor(paved, services), ...policy });
  const tiers = { dev: paved.Tier.DEVELOPMENT, staging: paved.Tier.STAGING, prod: paved.Tier.PRODUCTION };
  for (const envName of ENVIRONMENTS) {
    const env = new paved.Environment(app, `team-${envName}`, { platform, tier: tiers[envName], team: 'team' });
    let previous: any;
    for (let i = 0; i < services; i++) {
      const name = serviceName(i);
      const service = new paved.PlatformService(env, name, {
        image: `registry.bench.dev/team/${name}:1.0.${i}`,
        port: 8080,
        ingress: { host: `${name}-${envName}.apps.bench.dev` },
        env: { LOG_LEVEL: 'info' },
        observability: { enabled: variant.observed === true || variant.canary === true },
        ...(variant.canary ? { rollout: paved.Rollout.canary({ steps: [10, 50, 100] }) } : {}),
      });
      if (previous) service.allowFrom(previous);
      previous = service;
    }
  }
  return app;
}

/**
 * The container both hand-written apps write: the image, the port, the restricted security
 * context and the standard preset's resources Paved gives a service, with the app's own probes.
 */
export function handWrittenContainer(name: string, i: number, probe: (path: string, failureThreshold: number) => kplus.Probe): kplus.ContainerProps {
  return {
    name,
    image: `registry.bench.dev/team/${name}:1.0.${i}`,
    portNumber: 8080,
    envVariables: { LOG_LEVEL: kplus.EnvValue.fromValue('info') },
    securityContext: {
      ensureNonRoot: true,
      user: 10001,
      group: 10001,
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
      capabilities: { drop: [kplus.Capability.ALL] },
      seccompProfile: { type: kplus.SeccompProfileType.RUNTIME_DEFAULT },
    },
    resources: {
      cpu: { request: kplus.Cpu.millis(250), limit: kplus.Cpu.units(1) },
      memory: { request: Size.mebibytes(256), limit: Size.mebibytes(512) },
    },
    readiness: probe('/readyz', 3),
    liveness: probe('/livez', 3),
    startup: probe('/livez', 12),
  };
}

/** The same objects by hand with cdk8s-plus and its bundled k8s imports. */
export function buildByHand(services: number, app: App): App {
  for (const envName of ENVIRONMENTS) {
    const namespace = `team-${envName}`;
    const production = envName !== 'dev';
    const chart = new Chart(app, namespace, { namespace, labels: { 'app.kubernetes.io/managed-by': 'hand', 'team': 'team' } });
    new kplus.k8s.KubeNamespace(chart, 'ns', { metadata: { name: namespace, labels: { 'pod-security.kubernetes.io/enforce': 'restricted' } } });
    new kplus.k8s.KubeNetworkPolicy(chart, 'deny', {
      metadata: { name: 'default-deny' },
      spec: {
        podSelector: {},
        policyTypes: ['Ingress', 'Egress'],
        egress: [{
          to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
          ports: [{ protocol: 'UDP', port: kplus.k8s.IntOrString.fromNumber(53) }, { protocol: 'TCP', port: kplus.k8s.IntOrString.fromNumber(53) }],
        }],
      },
    });
    new kplus.k8s.KubeResourceQuota(chart, 'quota', {
      metadata: { name: 'quota' },
      spec: { hard: { 'requests.cpu': kplus.k8s.Quantity.fromString('32'), 'pods': kplus.k8s.Quantity.fromNumber(300) } },
    });
    new kplus.k8s.KubeLimitRange(chart, 'limits', {
      metadata: { name: 'limits' },
      spec: { limits: [{ type: 'Container', default: { cpu: kplus.k8s.Quantity.fromString('500m') } }] },
    });
    let previous: { name: string; egress: kplus.k8s.NetworkPolicyEgressRule[] } | undefined;
    for (let i = 0; i < services; i++) {
      const name = serviceName(i);
      const selector = { 'app.kubernetes.io/name': name, 'app.kubernetes.io/instance': name };
      const labels = { ...selector, 'app.kubernetes.io/version': `1.0.${i}` };
      const sa = new kplus.ServiceAccount(chart, `${name}-sa`, { metadata: { name, labels }, automountToken: false });
      const deployment = new kplus.Deployment(chart, `${name}-deploy`, {
        metadata: { name, labels },
        podMetadata: { labels },
        select: false,
        serviceAccount: sa,
        securityContext: { ensureNonRoot: true, user: 10001, group: 10001, fsGroup: 10001 },
        strategy: kplus.DeploymentStrategy.rollingUpdate({
          maxSurge: kplus.PercentOrAbsolute.percent(25),
          maxUnavailable: kplus.PercentOrAbsolute.absolute(0),
        }),
      });
      deployment.select(kplus.LabelSelector.of({ labels: selector }));
      ApiObject.of(deployment).addJsonPatch(JsonPatch.add('/spec/template/spec/securityContext/seccompProfile', { type: 'RuntimeDefault' }));
      const probe = (path: string) => kplus.Probe.fromHttpGet(path, { port: 8080, periodSeconds: Duration.seconds(10) });
      const container = deployment.addContainer(handWrittenContainer(name, i, probe));
      container.mount('/tmp', kplus.Volume.fromEmptyDir(chart, `${name}-tmp`, 'tmp', { sizeLimit: Size.mebibytes(256) }));
      const service = new kplus.Service(chart, `${name}-svc`, { metadata: { name, labels }, ports: [{ port: 8080, targetPort: 8080 }] });
      for (const [k, v] of Object.entries(selector)) service.selectLabel(k, v);
      if (production) {
        new kplus.HorizontalPodAutoscaler(chart, `${name}-hpa`, { metadata: { name }, target: deployment, minReplicas: 2, maxReplicas: 10 });
        new kplus.k8s.KubePodDisruptionBudget(chart, `${name}-pdb`, {
          metadata: { name, labels },
          spec: { maxUnavailable: kplus.k8s.IntOrString.fromNumber(1), selector: { matchLabels: selector } },
        });
        ApiObject.of(deployment).addJsonPatch(JsonPatch.add('/spec/template/spec/topologySpreadConstraints', [
          { maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: selector } },
          { maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: selector } },
        ]));
      }
      const ingressRules: kplus.k8s.NetworkPolicyIngressRule[] = [{
        from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } }, podSelector: { matchLabels: { 'app.kubernetes.io/name': 'ingress-nginx' } } }],
        ports: [{ protocol: 'TCP', port: kplus.k8s.IntOrString.fromNumber(8080) }],
      }];
      const egress: kplus.k8s.NetworkPolicyEgressRule[] = [];
      if (previous) {
        ingressRules.push({ from: [{ podSelector: { matchLabels: { 'app.kubernetes.io/name': previous.name, 'app.kubernetes.io/instance': previous.name } } }], ports: [{ protocol: 'TCP', port: kplus.k8s.IntOrString.fromNumber(8080) }] });
        previous.egress.push({ to: [{ podSelector: { matchLabels: selector } }], ports: [{ protocol: 'TCP', port: kplus.k8s.IntOrString.fromNumber(8080) }] });
      }
      new kplus.k8s.KubeNetworkPolicy(chart, `${name}-netpol`, {
        metadata: { name, labels },
        spec: { podSelector: { matchLabels: selector }, policyTypes: ['Ingress', 'Egress'], ingress: ingressRules, egress },
      });
      new kplus.k8s.KubeIngress(chart, `${name}-ing`, {
        metadata: { name, labels, annotations: { 'cert-manager.io/cluster-issuer': 'letsencrypt' } },
        spec: {
          ingressClassName: 'nginx',
          tls: [{ hosts: [`${name}-${envName}.apps.bench.dev`], secretName: `${name}-tls` }],
          rules: [{
            host: `${name}-${envName}.apps.bench.dev`,
            http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name, port: { number: 8080 } } } }] },
          }],
        },
      });
      previous = { name, egress };
    }
  }
  return app;
}
