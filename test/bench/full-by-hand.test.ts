import { App, Yaml } from 'cdk8s';
import { buildFullByHand, HandWrittenVariant } from './full-by-hand';
import { buildWithPaved, PavedVariant } from './workloads';
import * as paved from '../../src';

// The bench compares Paved's full golden path with the same objects written by hand; the
// comparison means something only while the two apps write the same objects.

const SERVICES = 3;

/** Each chart's documents as `apiVersion kind namespace/name`, in the order they are written. */
function inventory(app: App): { [chart: string]: string[] } {
  return Object.fromEntries(app.charts.map((chart) => [chart.node.id, chart.toJson().map((o: any) =>
    `${o.apiVersion} ${o.kind} ${o.metadata.namespace ?? ''}/${o.metadata.name}`)]));
}

function yamlBytes(app: App): number {
  return app.charts.reduce((n, chart) => n + Buffer.byteLength(Yaml.stringify(...chart.toJson())), 0);
}

const VARIANTS: Array<[string, PavedVariant, HandWrittenVariant]> = [
  ['full golden path', { observed: true }, {}],
  ['full golden path with canaries', { canary: true }, { canary: true }],
];

describe.each(VARIANTS)('the hand-written %s', (_, pavedVariant, handVariant) => {
  const withPaved = buildWithPaved(paved, SERVICES, new App(), pavedVariant);
  const byHand = buildFullByHand(SERVICES, new App(), handVariant);

  test('writes the objects Paved writes: same charts, kinds, names and order', () => {
    const expected = inventory(withPaved);
    expect(inventory(byHand)).toEqual(expected);
    // Not vacuous: the objects beyond the reduced comparison are there.
    const kinds = new Set(Object.values(expected).flat().map((line) => line.split(' ')[1]));
    for (const kind of ['ServiceMonitor', 'PrometheusRule', 'ConfigMap', 'NetworkPolicy', 'PodDisruptionBudget', 'HorizontalPodAutoscaler']) {
      expect(kinds).toContain(kind);
    }
    if (handVariant.canary) {
      expect(kinds).toContain('Rollout');
      expect(kinds).toContain('AnalysisTemplate');
    }
  });

  test('writes the same documents but for the cost annotation Paved adds to each namespace', () => {
    const withoutEstimate = (o: any) => {
      const { annotations: all, ...metadata } = o.metadata;
      const annotations = { ...all };
      delete annotations['paved.dev/monthly-estimate-usd'];
      return { ...o, metadata: Object.keys(annotations).length > 0 ? { ...metadata, annotations } : metadata };
    };
    withPaved.charts.forEach((chart, i) => {
      expect(byHand.charts[i].toJson()).toEqual(chart.toJson().map(withoutEstimate));
    });
    // The annotation is all that differs: a few dozen bytes a namespace.
    expect(yamlBytes(withPaved) - yamlBytes(byHand)).toBeLessThan(100 * withPaved.charts.length);
  });
});
