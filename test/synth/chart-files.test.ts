import * as fs from 'fs';
import { ApiObject, App, Chart, Testing } from 'cdk8s';
import { chartFileName, chartManifestFile } from '../../src/synth/chart-files';

/** An app of charts named `names`, each holding one ConfigMap, so cdk8s writes a file for each. */
function appOf(names: string[]): { app: App; charts: Chart[] } {
  const app = Testing.app();
  const charts = names.map((name) => {
    const chart = new Chart(app, name);
    new ApiObject(chart, 'config', { apiVersion: 'v1', kind: 'ConfigMap' });
    return chart;
  });
  return { app, charts };
}

describe('chartFileName', () => {
  test('is the file cdk8s writes: the chart\'s label while no chart depends on another', () => {
    const { app, charts } = appOf(['payments-staging', 'payments-prod']);
    expect(charts.map((c) => chartManifestFile(app, c))).toEqual(['payments-staging.k8s.yaml', 'payments-prod.k8s.yaml']);
    app.synth();
    expect(fs.readdirSync(app.outdir).filter((f) => f.endsWith('.k8s.yaml')).sort()).toEqual(['payments-prod.k8s.yaml', 'payments-staging.k8s.yaml']);
  });

  test('once a chart depends on another, every file is prefixed with its chart\'s place in the dependency order', () => {
    const { app, charts } = appOf(['gitops', 'payments-staging', 'payments-prod']);
    // GitOps goes last: it depends on both environments.
    charts[0].addDependency(charts[1], charts[2]);
    expect(charts.map((c) => chartFileName(app, c))).toEqual(['0002-gitops', '0000-payments-staging', '0001-payments-prod']);
    app.synth();
    expect(fs.readdirSync(app.outdir).filter((f) => f.endsWith('.k8s.yaml')).sort())
      .toEqual(['0000-payments-staging.k8s.yaml', '0001-payments-prod.k8s.yaml', '0002-gitops.k8s.yaml']);
  });

  test('a dependency between charts nested below the app counts too', () => {
    const app = Testing.app();
    const group = new Chart(app, 'group');
    const inner = new Chart(group, 'inner');
    const other = new Chart(app, 'other');
    inner.addDependency(other);
    expect(chartFileName(app, other)).toMatch(/^\d{4}-other$/);
  });
});
