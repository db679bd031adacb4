import { ApiObject, Chart, Testing } from 'cdk8s';
import { PavedError } from '../../src/errors';
import { pinRenderings } from '../../src/synth/pinned-renderings';
import { errorOf } from '../support/errors';

function configMap(chart: Chart, id: string): ApiObject {
  return new ApiObject(chart, id, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: id } });
}

describe('pinRenderings', () => {
  test('while it runs, each checked object renders as it was checked, and renders afresh after', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    const object = configMap(chart, 'settings');
    const checked = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', labels: { checked: 'yes' } } };

    const written = pinRenderings(app, [{ rendered: new Map([[object, checked]]) }], () => chart.toJson());

    expect(written).toEqual([checked]);
    expect(written[0]).toBe(checked);
    expect(object.toJson().metadata.labels).toBeUndefined();
  });

  test('a chart that writes a document no check rendered fails, naming the chart and the document', () => {
    const app = Testing.app();
    const chart = new (class extends Chart {
      public toJson(): any[] {
        return [...super.toJson(), { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'smuggled' } }];
      }
    })(app, 'smuggler');
    const object = configMap(chart, 'settings');

    const error = errorOf(() => pinRenderings(app, [{ rendered: new Map([[object, object.toJson()]]) }], () => chart.toJson()));

    expect(error).toBeInstanceOf(PavedError);
    expect(error.message).toContain('smuggler: toJson() wrote Secret/smuggled, which is not an object policy checked');
  });

  test('without a check that rendered, nothing is pinned or refused', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    configMap(chart, 'settings');

    expect(pinRenderings(app, [undefined, {}], () => chart.toJson())).toEqual([{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' } }]);
  });

  test('the renderings of each chart are released once the chart is rendered for writing; the other charts stay pinned', () => {
    const app = Testing.app();
    const first = new Chart(app, 'first');
    const second = new Chart(app, 'second');
    const a = configMap(first, 'a');
    const b = configMap(second, 'b');
    const checkedA = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', labels: { checked: 'yes' } } };
    const checkedB = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'b', labels: { checked: 'yes' } } };
    const rendered = new Map<ApiObject, unknown>([[a, checkedA], [b, checkedB]]);

    pinRenderings(app, [{ rendered }], () => {
      expect(first.toJson()).toEqual([checkedA]);
      // Written: the check's result no longer holds the chart's renderings, and it renders afresh.
      expect(rendered.has(a)).toBe(false);
      expect(first.toJson()[0].metadata.labels).toBeUndefined();
      // Not written yet: still pinned.
      expect(rendered.get(b)).toBe(checkedB);
      expect(second.toJson()[0]).toBe(checkedB);
    });
    expect(rendered.size).toBe(0);
  });
});
