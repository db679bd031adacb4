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
  const label = Names.toDnsLabel(chart);
  // `app.charts` orders the charts by a dependency graph of every construct in the app; only the
  // position needs that order, and there is one only once a chart depends on another. Each
  // environment's GitOps Application asks at every rendering, so the plain walk is the common case.
  const indexed = app.node.findAll().some((c) => Chart.isChart(c) && c.node.dependencies.some((d) => Chart.isChart(d)));
  return indexed ? `${String(app.charts.indexOf(chart)).padStart(4, '0')}-${label}` : label;
}

/** `chartFileName` with the app's file extension (`payments-prod.k8s.yaml`). @internal */
export function chartManifestFile(app: App, chart: Chart): string {
  return `${chartFileName(app, chart)}${app.outputFileExtension}`;
}
