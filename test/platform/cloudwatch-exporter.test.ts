import { CloudWatchExporter, sqsSeries } from '../../src/platform/cloudwatch-exporter';

describe('sqsSeries', () => {
  test('YACE names the metric in snake case with its statistic and labels the dimension dimension_QueueName', () => {
    expect(sqsSeries(CloudWatchExporter.YACE, 'ApproximateAgeOfOldestMessage', 'acme-q-1a2b3c'))
      .toBe('aws_sqs_approximate_age_of_oldest_message_maximum{dimension_QueueName="acme-q-1a2b3c"}');
  });

  test('the prometheus cloudwatch_exporter names it alike and labels the dimension queue_name', () => {
    expect(sqsSeries(CloudWatchExporter.CLOUDWATCH_EXPORTER, 'ApproximateNumberOfMessagesVisible', 'acme-q-dlq.fifo'))
      .toBe('aws_sqs_approximate_number_of_messages_visible_maximum{queue_name="acme-q-dlq.fifo"}');
  });
});
