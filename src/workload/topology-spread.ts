/**
 * The spread of a workload that may run more than one replica: over zones as a preference (a
 * single-zone cluster still schedules), over nodes as the tier says (`TierSettings.strictSpread`).
 * `workload.topology-spread` asks for it.
 */
export function topologySpread(selector: { [key: string]: string }, strictNodeSpread: boolean): any[] {
  const labelSelector = { matchLabels: selector };
  return [
    { maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway', labelSelector },
    { maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: strictNodeSpread ? 'DoNotSchedule' : 'ScheduleAnyway', labelSelector },
  ];
}
