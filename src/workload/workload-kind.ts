/** What a workload is: each kind has its own controller, catalog type, alerts and cost. */
export enum WorkloadKind {
  /** A `PlatformService`: a server behind a Service, scaled on CPU, optionally exposed. */
  SERVICE = 'service',
  /** A `Worker`: a long-running consumer with no Service, scaled on its queue or CPU. */
  WORKER = 'worker',
  /** A `ScheduledJob`: a CronJob that runs to completion on a schedule. */
  SCHEDULED_JOB = 'scheduled-job',
  /** A `Migration`: a Job that runs once per version before the new version takes traffic. */
  MIGRATION = 'migration',
}
