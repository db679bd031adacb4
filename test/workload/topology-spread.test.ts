import { topologySpread } from '../../src/workload/topology-spread';

describe('topologySpread', () => {
  const selector = { 'app.kubernetes.io/name': 'invoicer' };

  test('prefers spreading over zones, so a single-zone cluster still schedules', () => {
    expect(topologySpread(selector, true)[0]).toEqual({
      maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: selector },
    });
  });

  test('spreads over nodes strictly or as a preference, as asked', () => {
    expect(topologySpread(selector, true)[1]).toMatchObject({ topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'DoNotSchedule' });
    expect(topologySpread(selector, false)[1]).toMatchObject({ topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway' });
  });
});
