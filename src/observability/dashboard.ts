import { createHash } from 'crypto';
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { ResolvedObservabilitySettings } from './observability-settings';
import { availableReplicas, errorRatio, latencyQuantile, requestRate, restarts, saturation, selectorsFor, WorkloadKind } from './promql';

/**
 * The one data key of every dashboard ConfigMap. The sidecar writes each data key as a file
 * (kiwigrid/k8s-sidecar, `src/resources.py`: `_update_file` writes `<dest folder>/<data key>`), so
 * the same key from two ConfigMaps in one folder would overwrite each other; each dashboard gets a
 * directory of its own instead (`dashboardFolder`). One key for every service, rather than one per
 * service, also keeps thousands of distinct property names out of the objects every synth builds,
 * past which V8's plain-object paths slow everything built afterwards.
 */
export const DASHBOARD_FILE = 'dashboard.json';

/**
 * The directory the sidecar writes the service's dashboard into, relative to its folder: the
 * sidecar joins a relative value of its folder annotation to `FOLDER` (`_get_destination_folder`
 * in `src/resources.py`) and creates it (`write_data_to_file` in `src/helpers.py`), and Grafana's
 * file provider walks subdirectories (`filepath.Walk` in
 * `pkg/services/provisioning/dashboards/file_reader.go`). With `foldersFromFilesStructure` Grafana
 * files each dashboard under the directory's last part, the service, so one service's environments
 * share a folder. Unique per ConfigMap, as its namespace and name are.
 */
export function dashboardFolder(namespace: string, name: string): string {
  return `${namespace}/${name}`;
}

/** Grafana dashboard uids are at most 40 characters. */
const UID_LENGTH = 40;

/** A stable Grafana uid: readable when it fits, otherwise cut and suffixed with a hash so it stays unique. */
export function dashboardUid(namespace: string, name: string): string {
  const uid = `${namespace}-${name}`;
  if (uid.length <= UID_LENGTH) return uid;
  const hash = createHash('sha256').update(uid).digest('hex').slice(0, 8);
  return `${uid.slice(0, UID_LENGTH - 9)}-${hash}`;
}

/**
 * The service's Grafana dashboard with the golden-signal panels, in a ConfigMap the Grafana
 * sidecar discovers by label and writes into the service's own directory. The JSON is written with sorted, fixed content so it only changes
 * when the declaration does.
 */
export function createDashboard(scope: Construct, props: {
  readonly name: string;
  readonly namespace: string;
  readonly team: string;
  readonly labels: { [key: string]: string };
  /** What runs the pods, which decides where the available replicas are counted. @default 'Deployment' */
  readonly workloadKind?: WorkloadKind;
}, s: ResolvedObservabilitySettings): ApiObject {
  const selectors = selectorsFor(props.namespace, props.name);
  const panels: Array<{ title: string; unit: string; targets: Array<[string, string]> }> = [
    { title: 'Requests per second', unit: 'reqps', targets: [['requests', requestRate(s, selectors, '5m')]] },
    { title: 'Error rate (5xx)', unit: 'percentunit', targets: [['errors', errorRatio(s, selectors, '5m')]] },
    {
      title: 'Latency',
      unit: 's',
      targets: [['p99', latencyQuantile(s, selectors, 0.99, '5m')], ['p50', latencyQuantile(s, selectors, 0.5, '5m')]],
    },
    { title: 'CPU used / limit', unit: 'percentunit', targets: [['cpu', saturation(selectors, 'cpu')]] },
    { title: 'Memory used / limit', unit: 'percentunit', targets: [['memory', saturation(selectors, 'memory')]] },
    { title: 'Restarts (1h)', unit: 'short', targets: [['restarts', restarts(selectors, '1h')]] },
    { title: 'Available replicas', unit: 'short', targets: [['replicas', availableReplicas(selectors, props.workloadKind)]] },
  ];
  const dashboard = {
    uid: dashboardUid(props.namespace, props.name),
    title: `${props.name} (${props.namespace})`,
    // The service's name as a tag is what Backstage's Grafana plugin selects the dashboard by.
    tags: ['paved', props.name, props.team, props.namespace],
    timezone: 'utc',
    schemaVersion: 39,
    version: 1,
    editable: false,
    time: { from: 'now-6h', to: 'now' },
    refresh: '1m',
    panels: panels.map((panel, i) => ({
      id: i + 1,
      type: 'timeseries',
      title: panel.title,
      datasource: { type: 'prometheus', uid: '${datasource}' },
      gridPos: { h: 8, w: 12, x: (i % 2) * 12, y: Math.floor(i / 2) * 8 },
      fieldConfig: { defaults: { unit: panel.unit }, overrides: [] },
      targets: panel.targets.map(([legend, expr], j) => ({ refId: String.fromCharCode(65 + j), expr, legendFormat: legend })),
    })),
    templating: {
      list: [{ name: 'datasource', type: 'datasource', query: 'prometheus', label: 'Data source' }],
    },
  };
  return new ApiObject(scope, 'Dashboard', {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name: `${props.name}-dashboard`,
      labels: { ...props.labels, ...s.dashboardLabels },
      annotations: { [s.dashboardFolderAnnotation]: dashboardFolder(props.namespace, props.name) },
    },
    data: { [DASHBOARD_FILE]: JSON.stringify(dashboard, null, 2) },
  });
}
