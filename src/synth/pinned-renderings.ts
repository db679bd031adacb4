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
  const maps = results.map((result) => (result as SynthCheck | undefined)?.rendered).filter((m): m is Map<ApiObject, unknown> => m !== undefined);
  if (maps.length === 0) return run();
  const rendered = new Map<ApiObject, unknown>();
  for (const map of maps) for (const [object, json] of map) rendered.set(object, json);
  for (const [object, json] of rendered) Object.defineProperty(object, 'toJson', { value: () => json, configurable: true });
  // Every chart, in no particular order: `app.charts` would also sort them by their dependencies,
  // a graph of every construct in the app, which the synth itself builds again.
  const charts = app.node.findAll().filter((c): c is Chart => Chart.isChart(c));
  const objectsOf = new Map<Chart, ApiObject[]>(charts.map((chart) => [chart, []]));
  for (const object of rendered.keys()) objectsOf.get(Chart.of(object))?.push(object);
  // Forgets renderings everywhere they are held (the checks' results too), so they can be collected.
  const release = (objects: ApiObject[]) => {
    for (const object of objects) {
      delete (object as { toJson?: unknown }).toJson;
      rendered.delete(object);
      for (const map of maps) map.delete(object);
    }
  };
  for (const chart of charts) {
    const render = chart.toJson.bind(chart);
    Object.defineProperty(chart, 'toJson', {
      configurable: true,
      value: () => {
        const objects = objectsOf.get(chart)!;
        const documents = requireChecked(chart, render(), new Set(objects.map((object) => rendered.get(object))));
        // A synth writes each chart once: from here its documents belong to the writer alone, so
        // the renderings are released chart by chart instead of living until the last file is
        // written (at a thousand services, what the heap holds decides what the synth costs).
        // A later toJson() of the chart renders afresh, as outside a synth.
        release(objects);
        objects.length = 0;
        delete (chart as { toJson?: unknown }).toJson;
        return documents;
      },
    });
  }
  try {
    return run();
  } finally {
    release([...rendered.keys()]);
    for (const chart of charts) delete (chart as { toJson?: unknown }).toJson;
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
