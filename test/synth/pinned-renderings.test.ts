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
});
