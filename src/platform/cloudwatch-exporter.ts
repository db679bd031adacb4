/**
 * The exporter that brings AWS CloudWatch metrics (an SQS queue's depth and the age of its oldest
 * message) into Prometheus. The two common ones name the series alike,
 * `aws_<namespace>_<metric in snake case>_<statistic>`, and differ in how they label a dimension.
 */
export enum CloudWatchExporter {
  /**
   * prometheus-community/yet-another-cloudwatch-exporter (YACE): dimensions become
   * `dimension_<Name>` labels, e.g. `dimension_QueueName`.
   */
  YACE = 'yace',
  /**
   * prometheus/cloudwatch_exporter: dimensions become snake-case labels, e.g. `queue_name`.
   */
  CLOUDWATCH_EXPORTER = 'cloudwatch-exporter',
}

/**
 * The Prometheus series of one SQS CloudWatch metric (`ApproximateAgeOfOldestMessage`) for one
 * queue, with the `Maximum` statistic, as `exporter` names it. The exporter must be configured to
 * export the metric with that statistic for the `AWS/SQS` namespace.
 */
export function sqsSeries(exporter: CloudWatchExporter, metric: string, queueName: string): string {
  const snake = metric.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
  const label = exporter === CloudWatchExporter.CLOUDWATCH_EXPORTER ? 'queue_name' : 'dimension_QueueName';
  return `aws_sqs_${snake}_maximum{${label}=${JSON.stringify(queueName)}}`;
}
