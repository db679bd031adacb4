import { ApiObject, App, Chart } from 'cdk8s';
import { PavedError } from '../errors';
import { SynthCheck } from './synth-stage';

/**
 * Runs `run` (the synth cdk8s does) with every object the checks rendered rendering as they saw
 * it, and with every chart refusing a document that is not one of those renderings. The checks
 * rendered every object a moment ago; writing those renderings instead of rendering again keeps
 * the checks from doubling the cost of the synth, and what a chart writes is what was checked: a
 * chart whose toJson() adds or replaces documents would otherwise write objects no rule saw.
 * Without any check that rendered, nothing is pinned.
 *
 * @internal
 */
export function pinRenderings<T>(app: App, results: unknown[], run: () => T): T {
  const rendered = new Map<ApiObject, unknown>();
  for (const result of results) {
    for (const [object, json] of (result as SynthCheck | undefined)?.rendered ?? []) rendered.set(object, json);
  }
  if (!results.some((result) => (result as SynthCheck | undefined)?.rendered)) return run();
  for (const [object, json] of rendered) Object.defineProperty(object, 'toJson', { value: () => json, configurable: true });
  const checked = new Set<unknown>(rendered.values());
  for (const chart of app.charts) {
    const render = chart.toJson.bind(chart);
    Object.defineProperty(chart, 'toJson', { configurable: true, value: () => requireChecked(chart, render(), checked) });
  }
  try {
    return run();
  } finally {
    for (const object of rendered.keys()) delete (object as { toJson?: unknown }).toJson;
    for (const chart of app.charts) delete (chart as { toJson?: unknown }).toJson;
  }
}

/** The chart's documents, when each one is a rendering a check made. */
function requireChecked(chart: Chart, documents: any[], checked: Set<unknown>): any[] {
  for (const document of documents) {
    if (checked.has(document)) continue;
    const kind = typeof document?.kind === 'string' ? document.kind : 'a document';
    const name = typeof document?.metadata?.name === 'string' ? `/${document.metadata.name}` : '';
    throw new PavedError(chart.node.path, `toJson() wrote ${kind}${name}, which is not an object policy checked: `
      + 'add objects as ApiObjects (or Include) in the chart rather than overriding toJson(), so every rule sees them');
  }
  return documents;
}
