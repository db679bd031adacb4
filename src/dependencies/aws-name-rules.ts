import { PavedError } from '../errors';
import { show } from '../validate';

// AWS's naming rules, checked at synth so a name AWS would reject fails at the line that made
// it rather than halfway through a cloud deployment.

const S3_RESERVED_PREFIXES = ['xn--', 'sthree-', 'amzn-s3-demo-'];
const S3_RESERVED_SUFFIXES = ['-s3alias', '--ol-s3', '.mrap', '--x-s3', '--table-s3'];

/**
 * S3 general-purpose bucket naming rules: 3 to 63 characters of a-z, 0-9 and "-", starting and
 * ending with a letter or digit, without the prefixes and suffixes S3 reserves. Dots are legal
 * in S3 but break TLS for virtual-hosted requests (and are what makes a name look like an IP
 * address), so they are refused here.
 */
export function requireBucketName(path: string, prop: string, name: string): void {
  const allowed = 'S3 bucket names are 3 to 63 characters of a-z, 0-9 and "-", start and end with a letter or digit, '
    + `and may not start with ${S3_RESERVED_PREFIXES.map((p) => `"${p}"`).join(', ')} or end with ${S3_RESERVED_SUFFIXES.map((s) => `"${s}"`).join(', ')}`;
  const reason = bucketNameProblem(name);
  if (reason) throw new PavedError(path, `${prop} ${show(name)} ${reason}: ${allowed}`);
}

function bucketNameProblem(name: string): string | undefined {
  if (typeof name !== 'string' || name.length < 3 || name.length > 63) return 'is not 3 to 63 characters long';
  if (!/^[a-z0-9-]+$/.test(name)) return 'has a character other than a-z, 0-9 and "-"';
  if (name.startsWith('-') || name.endsWith('-')) return 'does not start and end with a letter or digit';
  const prefix = S3_RESERVED_PREFIXES.find((p) => name.startsWith(p));
  if (prefix) return `starts with the reserved prefix "${prefix}"`;
  const suffix = S3_RESERVED_SUFFIXES.find((s) => name.endsWith(s));
  if (suffix) return `ends with the reserved suffix "${suffix}"`;
  return undefined;
}

/**
 * RDS DB instance identifiers and ElastiCache replication group ids: at most `maxLength`
 * characters of a-z, 0-9 and "-", starting with a letter, with no "--" and no trailing "-".
 */
export function requireDatabaseIdentifier(path: string, prop: string, service: string, name: string, maxLength: number): void {
  if (name.length > maxLength || !/^[a-z][a-z0-9-]*$/.test(name) || name.includes('--') || name.endsWith('-')) {
    throw new PavedError(path, `${prop} ${show(name)} is not a valid ${service} identifier: at most ${maxLength} characters of a-z, 0-9 and "-", starting with a letter, without "--" or a trailing "-"`);
  }
}

/** What the queue names add to `cloudResourceName`: "-dlq" for the dead-letter queue, ".fifo" for FIFO queues. */
export const QUEUE_SUFFIXES_LENGTH = '-dlq'.length + '.fifo'.length;

/**
 * SQS queue names: 1 to 80 characters of a-z, A-Z, 0-9, "-" and "_", a FIFO queue's ending in
 * ".fifo". `name` is the stem both queues of a dependency are named from, so it must leave room
 * for "-dlq" and ".fifo" (`maxLength`).
 */
export function requireQueueName(path: string, prop: string, name: string, maxLength: number): void {
  if (typeof name !== 'string' || name.length < 1 || name.length > maxLength || !/^[A-Za-z0-9_-]+$/.test(name)) {
    throw new PavedError(path, `${prop} ${show(name)} is not a valid SQS queue name stem: 1 to ${maxLength} characters of a-z, A-Z, 0-9, "-" and "_" (SQS allows 80, and the dead-letter queue adds "-dlq" and a FIFO queue ".fifo")`);
  }
}
