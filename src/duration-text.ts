import { Duration } from 'cdk8s';

const UNITS: Array<[string, number]> = [['d', 86400], ['h', 3600], ['m', 60]];

/**
 * A duration as Kubernetes controllers read it: in the largest unit that divides it exactly
 * (`90s`, `5m`, `36h`, and with `days`, `7d`). Argo Rollouts reads no days; kube-janitor does.
 * Anything that is not a whole number of seconds above zero is shown in seconds as it is, for
 * error messages.
 */
export function durationText(duration: Duration, days = false): string {
  const seconds = duration.toSeconds({ integral: false });
  if (!Number.isInteger(seconds) || seconds <= 0) return `${seconds}s`;
  const unit = UNITS.find(([name, size]) => (days || name !== 'd') && seconds % size === 0);
  return unit ? `${seconds / unit[1]}${unit[0]}` : `${seconds}s`;
}
