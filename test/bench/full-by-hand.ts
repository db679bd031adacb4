import { ApiObject, App, Chart, Duration, JsonPatch, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { ENVIRONMENTS, handWrittenContainer, serviceName } from './workloads';

// The full golden path written by hand: what a platform team would have to write to get the
// objects Paved's full golden path emits, object for object (same kinds, names and charts; the
// same labels, probes, alerts, dashboard panels and canary steps), so that comparing the two
// measures what Paved adds on the same output. The workload objects use cdk8s-plus, as the
// reduced hand-written app does; what cdk8s-plus has no construct for (ServiceMonitor,
// PrometheusRule, Rollout, AnalysisTemplate, a Deployment's autoscaler with a scaling behaviour)
// is a plain ApiObject.

/** Which full golden path to write by hand. */
export interface HandWrittenVariant {
  /** Every service on a canary rollout from staging up, as `PavedVariant.canary`. */
  readonly canary?: boolean;
}

const TIERS = { dev: 'development', staging: 'staging', prod: 'production' } as const;
/** The replica ceiling of each environment: the tier defaults the Paved app runs with. */
const MAX_REPLICAS = { dev: 1, staging: 10, prod: 10 } as const;
const PORT = 8080;
const int = kplus.k8s.IntOrString.fromNumber;

type Env = typeof ENVIRONMENTS[number];

/** The full golden path by hand; `services` and the environments as `buildWithPaved`. */
export function buildFullByHand(services: number, app: App, variant: HandWrittenVariant = {}): App {
  for (const env of ENVIRONMENTS) {
    const namespace = `team-${env}`;
    const chart = new Chart(app, namespace, { namespace });
    namespaceObjects(chart, env, namespace, services);
    let previous: { name: string; egress: kplus.k8s.NetworkPolicyEgressRule[] } | undefined;
    for (let i = 0; i < services; i++) {
      const name = serviceName(i);
      const egress: kplus.k8s.NetworkPolicyEgressRule[] = [];
      serviceObjects(chart, env, name, i, variant.canary === true && env !== 'dev', previous?.name, egress);
      previous?.egress.push({ to: [{ podSelector: { matchLabels: selectorOf(name) } }], ports: [{ protocol: 'TCP', port: int(PORT) }] });
      previous = { name, egress };
    }
  }
  return app;
}

function environmentLabels(env: Env, namespace: string): { [k: string]: string } {
  return {
    'app.kubernetes.io/component': 'environment',
    'app.kubernetes.io/managed-by': 'paved',
    'app.kubernetes.io/name': namespace,
    'app.kubernetes.io/part-of': 'team',
    'paved.dev/team': 'team',
    'paved.dev/tier': TIERS[env],
  };
}

function selectorOf(name: string): { [k: string]: string } {
  return { 'app.kubernetes.io/instance': name, 'app.kubernetes.io/name': name };
}

function serviceLabels(env: Env, name: string, i: number): { [k: string]: string } {
  return {
    'app.kubernetes.io/component': 'service',
    ...selectorOf(name),
    'app.kubernetes.io/managed-by': 'paved',
    'app.kubernetes.io/part-of': 'team',
    'app.kubernetes.io/version': `1.0.${i}`,
    'backstage.io/kubernetes-id': name,
    'paved.dev/team': 'team',
    'paved.dev/tier': TIERS[env],
  };
}

/** Millicores as Kubernetes writes them: whole cores when they are. */
function cpu(millis: number): string {
  return millis % 1000 === 0 ? `${millis / 1000}` : `${millis}m`;
}

/** Mebibytes as Kubernetes writes them: whole gibibytes when they are. */
function memory(mebibytes: number): string {
  return mebibytes % 1024 === 0 ? `${mebibytes / 1024}Gi` : `${mebibytes}Mi`;
}

function namespaceObjects(chart: Chart, env: Env, namespace: string, services: number): void {
  const labels = environmentLabels(env, namespace);
  const restricted = Object.fromEntries(['audit', 'enforce', 'warn'].flatMap((mode) => [
    [`pod-security.kubernetes.io/${mode}`, 'restricted'], [`pod-security.kubernetes.io/${mode}-version`, 'v1.28'],
  ]));
  const ns = new kplus.k8s.KubeNamespace(chart, 'ns', { metadata: { name: namespace, labels: { ...labels, ...restricted } } });
  // A Namespace is not namespaced; the chart's namespace is for everything else.
  ns.addJsonPatch(JsonPatch.remove('/metadata/namespace'));
  new kplus.k8s.KubeNetworkPolicy(chart, 'deny', {
    metadata: { name: 'paved-default-deny', labels },
    spec: {
      podSelector: {},
      policyTypes: ['Ingress', 'Egress'],
      egress: [{
        to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
        ports: [{ protocol: 'UDP', port: int(53) }, { protocol: 'TCP', port: int(53) }],
      }],
    },
  });
  // The bench's quota: twice every service at its ceiling, as `quotaFor` gives the Paved app.
  const pods = 2 * services * MAX_REPLICAS[env];
  const q = kplus.k8s.Quantity.fromString;
  new kplus.k8s.KubeResourceQuota(chart, 'quota', {
    metadata: { name: 'paved-quota', labels },
    spec: {
      hard: {
        'limits.cpu': q(cpu(1000 * pods)),
        'limits.memory': q(memory(512 * pods)),
        'pods': kplus.k8s.Quantity.fromNumber(pods),
        'requests.cpu': q(cpu(250 * pods)),
        'requests.memory': q(memory(256 * pods)),
        'services.loadbalancers': kplus.k8s.Quantity.fromNumber(0),
        'services.nodeports': kplus.k8s.Quantity.fromNumber(0),
      },
    },
  });
  new kplus.k8s.KubeLimitRange(chart, 'limits', {
    metadata: { name: 'paved-limits', labels },
    spec: {
      limits: [{
        type: 'Container',
        default: { cpu: q('500m'), memory: q('256Mi') },
        defaultRequest: { cpu: q('100m'), memory: q('128Mi') },
        max: { cpu: q('2'), memory: q('2Gi') },
      }],
    },
  });
}

function serviceObjects(
  chart: Chart, env: Env, name: string, i: number, canary: boolean,
  caller: string | undefined, egress: kplus.k8s.NetworkPolicyEgressRule[],
): void {
  const namespace = `team-${env}`;
  const labels = serviceLabels(env, name, i);
  const critical = env !== 'dev';
  const sa = new kplus.ServiceAccount(chart, `${name}-sa`, { metadata: { name, labels }, automountToken: false });
  let target: { apiVersion: string; kind: string };
  if (!canary) deployment(chart, name, i, labels, critical, sa);
  service(chart, name, labels, '');
  if (canary) {
    analysisTemplate(chart, namespace, name, labels);
    rollout(chart, name, i, labels);
    service(chart, name, labels, 'canary');
    service(chart, name, labels, 'stable');
    target = { apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout' };
  } else {
    target = { apiVersion: 'apps/v1', kind: 'Deployment' };
  }
  if (critical) {
    new kplus.k8s.KubeHorizontalPodAutoscalerV2(chart, `${name}-hpa`, {
      metadata: { name, labels },
      spec: {
        scaleTargetRef: { ...target, name },
        minReplicas: 2,
        maxReplicas: MAX_REPLICAS[env],
        metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }],
        behavior: {
          scaleUp: { selectPolicy: 'Max', stabilizationWindowSeconds: 0, policies: [{ type: 'Pods', value: 4, periodSeconds: 60 }, { type: 'Percent', value: 200, periodSeconds: 60 }] },
          scaleDown: { selectPolicy: 'Max', stabilizationWindowSeconds: 300, policies: [{ type: 'Pods', value: 2, periodSeconds: 300 }] },
        },
      },
    });
    new kplus.k8s.KubePodDisruptionBudget(chart, `${name}-pdb`, {
      metadata: { name, labels },
      spec: { maxUnavailable: int(1), selector: { matchLabels: selectorOf(name) } },
    });
  }
  const from = (namespaceName: string, app: string) => ({
    from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': namespaceName } }, podSelector: { matchLabels: { 'app.kubernetes.io/name': app } } }],
    ports: [{ protocol: 'TCP', port: int(PORT) }],
  });
  const ingress: kplus.k8s.NetworkPolicyIngressRule[] = [from('ingress-nginx', 'ingress-nginx'), from('monitoring', 'prometheus')];
  if (caller) ingress.push({ from: [{ podSelector: { matchLabels: selectorOf(caller) } }], ports: [{ protocol: 'TCP', port: int(PORT) }] });
  new kplus.k8s.KubeNetworkPolicy(chart, `${name}-netpol`, {
    metadata: { name, labels },
    spec: { podSelector: { matchLabels: selectorOf(name) }, policyTypes: ['Ingress', 'Egress'], ingress, egress },
  });
  observability(chart, env, namespace, name, labels, canary);
  const host = `${name}-${env}.apps.bench.dev`;
  new kplus.k8s.KubeIngress(chart, `${name}-ing`, {
    metadata: { name, labels, annotations: { 'cert-manager.io/cluster-issuer': 'letsencrypt' } },
    spec: {
      ingressClassName: 'nginx',
      tls: [{ hosts: [host], secretName: `${name}-tls` }],
      rules: [{
        host,
        http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: canary ? `${name}-stable` : name, port: { number: PORT } } } }] },
      }],
    },
  });
}

/** The service's Service, or its canary or stable twin that Argo Rollouts steers traffic through. */
function service(chart: Chart, name: string, labels: { [k: string]: string }, role: '' | 'canary' | 'stable'): void {
  const svc = new kplus.Service(chart, `${name}-svc${role}`, {
    metadata: { name: role ? `${name}-${role}` : name, labels: role ? { ...labels, 'paved.dev/traffic-role': role } : labels },
    ports: [{ name: 'http', port: PORT, targetPort: PORT, protocol: kplus.Protocol.TCP }],
  });
  for (const [k, v] of Object.entries(selectorOf(name))) svc.selectLabel(k, v);
}

function spread(name: string): any[] {
  const labelSelector = { matchLabels: selectorOf(name) };
  return [
    { maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway', labelSelector },
    { maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'DoNotSchedule', labelSelector },
  ];
}

function deployment(chart: Chart, name: string, i: number, labels: { [k: string]: string }, critical: boolean, sa: kplus.ServiceAccount): void {
  const deploy = new kplus.Deployment(chart, `${name}-deploy`, {
    metadata: { name, labels },
    podMetadata: { labels },
    select: false,
    // The autoscaler owns the replica count where there is one.
    ...critical ? {} : { replicas: 1 },
    serviceAccount: sa,
    securityContext: { ensureNonRoot: true, user: 10001, group: 10001, fsGroup: 10001 },
    strategy: kplus.DeploymentStrategy.rollingUpdate({
      maxSurge: kplus.PercentOrAbsolute.percent(25),
      maxUnavailable: kplus.PercentOrAbsolute.absolute(0),
    }),
  });
  deploy.select(kplus.LabelSelector.of({ labels: selectorOf(name) }));
  const object = ApiObject.of(deploy);
  object.addJsonPatch(JsonPatch.add('/spec/template/spec/securityContext/seccompProfile', { type: 'RuntimeDefault' }));
  // cdk8s-plus labels every pod with its construct address; the selector names the pods instead.
  object.addJsonPatch(JsonPatch.remove('/spec/template/metadata/labels/cdk8s.io~1metadata.addr'));
  if (critical) object.addJsonPatch(JsonPatch.remove('/spec/replicas'));
  const probe = (path: string, failureThreshold: number) => kplus.Probe.fromHttpGet(path, {
    port: PORT, periodSeconds: Duration.seconds(10), timeoutSeconds: Duration.seconds(2), failureThreshold,
  });
  const container = deploy.addContainer(handWrittenContainer(name, i, probe));
  container.mount('/tmp', kplus.Volume.fromEmptyDir(chart, `${name}-tmp`, 'tmp', { sizeLimit: Size.mebibytes(256) }));
  if (critical) object.addJsonPatch(JsonPatch.add('/spec/template/spec/topologySpreadConstraints', spread(name)));
}

/** The pod template of a Rollout, written out: cdk8s-plus has no Rollout to render one. */
function rolloutPod(name: string, i: number, labels: { [k: string]: string }): any {
  const probe = (path: string, failureThreshold: number) => ({
    failureThreshold, httpGet: { path, port: PORT, scheme: 'HTTP' }, periodSeconds: 10, timeoutSeconds: 2,
  });
  const nonRoot = { runAsGroup: 10001, runAsNonRoot: true, runAsUser: 10001, seccompProfile: { type: 'RuntimeDefault' } };
  return {
    metadata: { labels },
    spec: {
      automountServiceAccountToken: false,
      containers: [{
        env: [{ name: 'LOG_LEVEL', value: 'info' }],
        image: `registry.bench.dev/team/${name}:1.0.${i}`,
        imagePullPolicy: 'Always',
        livenessProbe: probe('/livez', 3),
        name,
        ports: [{ containerPort: PORT }],
        readinessProbe: probe('/readyz', 3),
        resources: { limits: { cpu: '1', memory: '512Mi' }, requests: { cpu: '250m', memory: '256Mi' } },
        securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, privileged: false, readOnlyRootFilesystem: true, ...nonRoot },
        startupProbe: probe('/livez', 12),
        volumeMounts: [{ mountPath: '/tmp', name: 'tmp' }],
      }],
      dnsPolicy: 'ClusterFirst',
      hostNetwork: false,
      restartPolicy: 'Always',
      securityContext: { fsGroup: 10001, fsGroupChangePolicy: 'Always', ...nonRoot },
      serviceAccountName: name,
      setHostnameAsFQDN: false,
      terminationGracePeriodSeconds: 30,
      topologySpreadConstraints: spread(name),
      volumes: [{ emptyDir: { sizeLimit: '256Mi' }, name: 'tmp' }],
    },
  };
}

function rollout(chart: Chart, name: string, i: number, labels: { [k: string]: string }): void {
  const pause = { pause: { duration: '5m' } };
  new ApiObject(chart, `${name}-rollout`, {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Rollout',
    metadata: { name, labels },
    spec: {
      minReadySeconds: 0,
      progressDeadlineSeconds: 600,
      selector: { matchLabels: selectorOf(name) },
      strategy: {
        canary: {
          analysis: { args: [{ name: 'canary-hash', valueFrom: { podTemplateHashValue: 'Latest' } }], templates: [{ templateName: `${name}-canary` }] },
          canaryService: `${name}-canary`,
          maxSurge: '25%',
          maxUnavailable: 0,
          stableService: `${name}-stable`,
          steps: [{ setWeight: 10 }, pause, { setWeight: 50 }, pause, { setWeight: 100 }],
          trafficRouting: { nginx: { stableIngress: name } },
        },
      },
      template: rolloutPod(name, i, labels),
    },
  });
}

function analysisTemplate(chart: Chart, namespace: string, name: string, labels: { [k: string]: string }): void {
  const series = `namespace="${namespace}",service="${name}",rollouts_pod_template_hash="{{args.canary-hash}}"`;
  const metric = (metricName: string, query: string, successCondition: string) => ({
    failureLimit: 1,
    interval: '1m',
    name: metricName,
    provider: { prometheus: { address: 'http://prometheus-operated.monitoring.svc:9090', query } },
    successCondition,
  });
  new ApiObject(chart, `${name}-analysis`, {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'AnalysisTemplate',
    metadata: { name: `${name}-canary`, labels },
    spec: {
      args: [{ name: 'canary-hash' }],
      metrics: [
        metric('error-rate', `(sum(rate(http_requests_total{${series},code=~"5.."}[2m])) or vector(0)) / (sum(rate(http_requests_total{${series}}[2m])) > 0) or vector(0)`, 'result[0] <= 0.01'),
        metric('latency-p99', `(histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{${series}}[2m]))) >= 0) or vector(0)`, 'result[0] <= 1'),
      ],
    },
  });
}

/** The golden signals of one service, as PromQL over its namespace and name. */
function signals(namespace: string, name: string, canary: boolean): { [signal: string]: string } {
  const requests = `http_requests_total{namespace="${namespace}",service="${name}"}`;
  const errors = `http_requests_total{namespace="${namespace}",service="${name}",code=~"5.."}`;
  const latency = (q: number) => `histogram_quantile(${q}, sum by (le) (rate(http_request_duration_seconds_bucket{namespace="${namespace}",service="${name}"}[5m])))`;
  const limit = (resource: string) => `sum(kube_pod_container_resource_limits{namespace="${namespace}",container="${name}",resource="${resource}"})`;
  return {
    requests: `sum(rate(${requests}[5m]))`,
    errors: `sum(rate(${errors}[5m])) / sum(rate(${requests}[5m]))`,
    p99: latency(0.99),
    p50: latency(0.5),
    cpu: `sum(rate(container_cpu_usage_seconds_total{namespace="${namespace}",container="${name}"}[5m])) / ${limit('cpu')}`,
    memory: `sum(container_memory_working_set_bytes{namespace="${namespace}",container="${name}"}) / ${limit('memory')}`,
    restarts: `sum(increase(kube_pod_container_status_restarts_total{namespace="${namespace}",container="${name}"}[1h]))`,
    replicas: canary
      ? `sum(rollout_info_replicas_available{namespace="${namespace}",name="${name}"})`
      : `sum(kube_deployment_status_replicas_available{namespace="${namespace}",deployment="${name}"})`,
  };
}

function observability(chart: Chart, env: Env, namespace: string, name: string, labels: { [k: string]: string }, canary: boolean): void {
  const scraped = { ...labels, release: 'kube-prometheus-stack' };
  new ApiObject(chart, `${name}-monitor`, {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'ServiceMonitor',
    metadata: { name, labels: scraped },
    spec: {
      endpoints: [{ interval: '30s', path: '/metrics', port: 'http', scheme: 'http' }],
      namespaceSelector: { matchNames: [namespace] },
      ...canary ? { podTargetLabels: ['rollouts-pod-template-hash'] } : {},
      selector: {
        ...canary ? { matchExpressions: [{ key: 'paved.dev/traffic-role', operator: 'DoesNotExist' }] } : {},
        matchLabels: selectorOf(name),
      },
    },
  });
  const s = signals(namespace, name, canary);
  const minReplicas = env === 'dev' ? 1 : 2;
  const severe = env === 'prod' ? 'critical' : env === 'staging' ? 'warning' : 'info';
  const mild = env === 'dev' ? 'info' : 'warning';
  const errorRate = env === 'dev' ? 0.1 : 0.05;
  const alert = (alertName: string, what: string, expr: string, duration: string, severity: string) => ({
    alert: alertName,
    annotations: {
      description: `${what} (threshold from the Paved declaration of ${name}; ${TIERS[env]} tier).`,
      summary: `${name} in ${namespace}: ${what}`,
    },
    expr,
    for: duration,
    labels: { namespace, service: name, severity, team: 'team' },
  });
  new ApiObject(chart, `${name}-rules`, {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'PrometheusRule',
    metadata: { name, labels: scraped },
    spec: {
      groups: [{
        name: `${name}.golden-signals`,
        rules: [
          alert('ServiceHighErrorRate', `more than ${errorRate * 100}% of requests fail with a 5xx`, `${s.errors} > ${errorRate}`, '10m', severe),
          alert('ServiceHighLatency', 'p99 latency is above 1s', `${s.p99} > 1`, '10m', mild),
          alert('ServiceCpuSaturated', 'CPU use is above 90% of the limit', `${s.cpu} > 0.9`, '15m', mild),
          alert('ServiceMemorySaturated', 'memory use is above 90% of the limit', `${s.memory} > 0.9`, '15m', mild),
          alert('ServiceRestarting', 'containers restarted more than 3 times in an hour', `${s.restarts} > 3`, '0m', mild),
          alert('ServiceUnavailable', `fewer than ${minReplicas} replica(s) are available`, `${s.replicas} < ${minReplicas}`, '5m', severe),
        ],
      }],
    },
  });
  new kplus.k8s.KubeConfigMap(chart, `${name}-dashboard`, {
    metadata: {
      name: `${name}-dashboard`,
      labels: { ...labels, grafana_dashboard: '1' },
      // One file name for all; the sidecar writes each dashboard into a directory of its own.
      annotations: { 'k8s-sidecar-target-directory': `${namespace}/${name}` },
    },
    data: { 'dashboard.json': JSON.stringify(dashboard(namespace, name, s), null, 2) },
  });
}

/** A Grafana dashboard of the golden signals, two panels a row. */
function dashboard(namespace: string, name: string, s: { [signal: string]: string }): unknown {
  const panels: Array<[string, string, Array<[string, string]>]> = [
    ['Requests per second', 'reqps', [[s.requests, 'requests']]],
    ['Error rate (5xx)', 'percentunit', [[s.errors, 'errors']]],
    ['Latency', 's', [[s.p99, 'p99'], [s.p50, 'p50']]],
    ['CPU used / limit', 'percentunit', [[s.cpu, 'cpu']]],
    ['Memory used / limit', 'percentunit', [[s.memory, 'memory']]],
    ['Restarts (1h)', 'short', [[s.restarts, 'restarts']]],
    ['Available replicas', 'short', [[s.replicas, 'replicas']]],
  ];
  return {
    uid: `${namespace}-${name}`,
    title: `${name} (${namespace})`,
    tags: ['paved', name, 'team', namespace],
    timezone: 'utc',
    schemaVersion: 39,
    version: 1,
    editable: false,
    time: { from: 'now-6h', to: 'now' },
    refresh: '1m',
    panels: panels.map(([title, unit, targets], i) => ({
      id: i + 1,
      type: 'timeseries',
      title,
      datasource: { type: 'prometheus', uid: '${datasource}' },
      gridPos: { h: 8, w: 12, x: (i % 2) * 12, y: Math.floor(i / 2) * 8 },
      fieldConfig: { defaults: { unit }, overrides: [] },
      targets: targets.map(([expr, legendFormat], t) => ({ refId: String.fromCharCode(65 + t), expr, legendFormat })),
    })),
    templating: { list: [{ name: 'datasource', type: 'datasource', query: 'prometheus', label: 'Data source' }] },
  };
}
