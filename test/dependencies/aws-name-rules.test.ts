import * as fc from 'fast-check';
import { QUEUE_SUFFIXES_LENGTH, requireBucketName, requireDatabaseIdentifier, requireQueueName } from '../../src/dependencies/aws-name-rules';
import { Errors } from '../../src/errors';
import { errorOf } from '../support/errors';

const bucket = (name: string) => () => requireBucketName('p', 'bucketName', name);
const database = (name: string, max = 63) => () => requireDatabaseIdentifier('p', 'cloudResourceName', 'RDS', name, max);

describe('requireBucketName', () => {
  test.each(['abc', 'acme-payments-production-invoices-04af07', 'a'.repeat(63), '1-bucket-9'])('accepts %s', (name) => {
    expect(bucket(name)).not.toThrow();
  });

  test.each([
    ['ab', 'is not 3 to 63 characters long'],
    ['a'.repeat(64), 'is not 3 to 63 characters long'],
    ['Invoices', 'has a character other than a-z, 0-9 and "-"'],
    ['in_voices', 'has a character other than a-z, 0-9 and "-"'],
    ['in.voices', 'has a character other than a-z, 0-9 and "-"'],
    ['-invoices', 'does not start and end with a letter or digit'],
    ['invoices-', 'does not start and end with a letter or digit'],
    ['xn--invoices', 'starts with the reserved prefix "xn--"'],
    ['sthree-invoices', 'starts with the reserved prefix "sthree-"'],
    ['amzn-s3-demo-invoices', 'starts with the reserved prefix "amzn-s3-demo-"'],
    ['invoices-s3alias', 'ends with the reserved suffix "-s3alias"'],
    ['invoices--ol-s3', 'ends with the reserved suffix "--ol-s3"'],
    ['invoices--x-s3', 'ends with the reserved suffix "--x-s3"'],
    ['invoices--table-s3', 'ends with the reserved suffix "--table-s3"'],
  ])('rejects %s: %s', (name, reason) => {
    const error = errorOf(() => bucket(name)());
    expect(Errors.isPavedError(error)).toBe(true);
    expect(error.message).toContain(`p: bucketName ${JSON.stringify(name.length > 80 ? `${name.slice(0, 77)}...` : name)} ${reason}: S3 bucket names are 3 to 63 characters`);
  });

  test('accepts exactly the names that meet every rule', () => {
    fc.assert(fc.property(fc.stringMatching(/^[a-z0-9.\-_A-Z]{1,70}$/), (name) => {
      const valid = name.length >= 3 && name.length <= 63 && /^[a-z0-9][a-z0-9-]*[a-z0-9]$/.test(name)
        && !/^(xn--|sthree-|amzn-s3-demo-)/.test(name) && !/(-s3alias|--ol-s3|\.mrap|--x-s3|--table-s3)$/.test(name);
      let threw = false;
      try {
        bucket(name)();
      } catch {
        threw = true;
      }
      expect(threw).toBe(!valid);
    }), { numRuns: 300 });
  });
});

describe('requireDatabaseIdentifier', () => {
  test('accepts a name within the rules', () => {
    expect(database('acme-payments-production-orders-db')).not.toThrow();
  });

  test.each(['1acme-db', 'acme--db', 'acme-db-', 'Acme-db', 'acme_db'])('rejects %s', (name) => {
    expect(database(name)).toThrow(`p: cloudResourceName "${name}" is not a valid RDS identifier`);
  });

  test('rejects a name longer than the service allows', () => {
    expect(database('a'.repeat(41), 40)).toThrow(/at most 40 characters/);
  });
});

describe('requireQueueName', () => {
  const queue = (name: string) => () => requireQueueName('p', 'queueName', name, 80 - QUEUE_SUFFIXES_LENGTH);
  test('leaves room for "-dlq" and ".fifo" within the 80 characters SQS allows', () => {
    expect(80 - QUEUE_SUFFIXES_LENGTH).toBe(71);
    expect(queue('a'.repeat(71))).not.toThrow();
    expect(queue('Acme_payments-1')).not.toThrow();
  });

  test.each(['', 'a'.repeat(72), 'acme.queue', 'acme queue', 'acme/queue'])('rejects %j', (name) => {
    const error = errorOf(queue(name));
    expect(Errors.isPavedError(error)).toBe(true);
    expect(error.message).toContain(`p: queueName ${JSON.stringify(name)} is not a valid SQS queue name stem: 1 to 71 characters`);
  });
});
