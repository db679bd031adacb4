import { Duration } from 'cdk8s';
import { durationText } from '../duration-text';
import { PavedError } from '../errors';
import { describe } from '../validate';

/**
 * Checks a Duration prop: a cdk8s Duration of whole seconds from `minSeconds`; returns its seconds.
 * Kubernetes counts job deadlines in whole seconds, so a fraction would be silently cut.
 */
export function requireSeconds(path: string, prop: string, value: Duration, minSeconds: number): number {
  if (value === null || typeof value !== 'object' || typeof (value as any).toSeconds !== 'function') {
    throw new PavedError(path, `${prop} (${describe(value)}) must be a Duration, e.g. Duration.minutes(10)`);
  }
  const seconds = value.toSeconds({ integral: false });
  if (!Number.isInteger(seconds) || seconds < minSeconds) {
    throw new PavedError(path, `${prop} (${durationText(value)}) must be a whole number of seconds, at least ${durationText(Duration.seconds(minSeconds))}`);
  }
  return seconds;
}

/** Seconds as people read them: `90s`, `5m`, `36h`, `7d`. */
export function secondsText(seconds: number): string {
  return durationText(Duration.seconds(seconds), true);
}
