import { App, Chart, Names } from 'cdk8s';

/**
 * The file `app.synth()` writes a chart to with the default output type (one file per chart),
 * by the naming rule of cdk8s 2: the chart's DNS label and the app's extension, prefixed with the
 * chart's position once any chart depends on another. GitOps sources and CI scripts name the
 * files by this, so it lives in one place.
 *
 * @internal
 */
export function chartFileName(app: App, chart: Chart): string {
  const charts = app.charts;
  const indexed = charts.some((c) => c.node.dependencies.some((d) => Chart.isChart(d)));
  const label = Names.toDnsLabel(chart);
  return indexed ? `${String(charts.indexOf(chart)).padStart(4, '0')}-${label}` : label;
}

/** `chartFileName` with the app's file extension (`payments-prod.k8s.yaml`). @internal */
export function chartManifestFile(app: App, chart: Chart): string {
  return `${chartFileName(app, chart)}${app.outputFileExtension}`;
}
