import { Construct } from 'constructs';
import { PlatformServiceProps } from './platform-service-props';
import { validateIngress } from './service-ingress';
import { ResolvedCanary, resolveRollout } from '../delivery/rollout';
import { PavedError } from '../errors';
import { ResolvedObservability, resolveObservability } from '../observability/observability-options';
import { ReplicaRange } from '../platform/tier-settings';
import { requireInteger, show } from '../validate';
import { claimWorkload, ResolvedWorkload, resolveWorkload } from '../workload/resolve-workload';

/** A PlatformService's props once validated and completed with the platform's defaults. */
export interface ResolvedServiceProps extends ResolvedWorkload {
  readonly port: number;
  readonly replicas: ReplicaRange;
  readonly ingressPath?: string;
  /** The host the service is exposed on, as the environment decides it (a preview rewrites it). */
  readonly ingressHost?: string;
  readonly observability: ResolvedObservability;
  /** The canary to roll out with; absent for a rolling Deployment (the default, and below the canary's `fromTier`). */
  readonly canary?: ResolvedCanary;
}

/**
 * Checks a PlatformService's props where they enter and fills in the defaults; throws a
 * PavedError naming the construct path, the prop, the value and what is allowed.
 */
export function resolveServiceProps(scope: Construct, id: string, props: PlatformServiceProps): ResolvedServiceProps {
  const workload = resolveWorkload(scope, id, 'PlatformService', 'PlatformServiceProps', props);
  const { path, environment, name } = workload;
  const { platform, settings, tier } = environment;
  requireInteger(path, 'port', props.port, 1024, 65535);

  const declared = props.replicas ?? settings.defaultReplicas;
  requireInteger(path, 'replicas.min', declared.min, 1, 1000);
  requireInteger(path, 'replicas.max', declared.max, 1, 1000);
  if (declared.min > declared.max) {
    throw new PavedError(path, `replicas.min (${declared.min}) must not exceed replicas.max (${declared.max})`);
  }
  if (declared.min < settings.minReplicas) {
    throw new PavedError(path, `replicas.min (${declared.min}) is below the ${tier.name} tier's floor of ${settings.minReplicas}`);
  }
  // The declared range is validated whole, then capped: the same definition runs in every tier.
  const ceiling = settings.maxReplicas ?? Infinity;
  const replicas = { min: Math.min(declared.min, ceiling), max: Math.min(declared.max, ceiling) };

  const ingressPath = props.ingress ? validateIngress(path, platform, props.ingress) : undefined;
  const ingressHost = props.ingress ? environment._ingressHost(name, props.ingress.host) : undefined;
  const observability = resolveObservability(path, props.observability, props.port, tier, platform.observability.alertThresholds[tier.name]);
  const canary = resolveRollout(path, props.rollout, tier, observability.latencyP99Seconds);
  if (canary && !observability.enabled) {
    throw new PavedError(path, 'rollout: a canary is judged by the service\'s own metrics, so it needs observability enabled; turn observability back on or use Rollout.rolling()');
  }
  if (canary && name.length > MAX_CANARY_NAME) {
    throw new PavedError(path, `name ${show(name)} is too long for a canary rollout: its canary and stable Services are named "<name>-canary" and "<name>-stable", so the name may have at most ${MAX_CANARY_NAME} characters (it has ${name.length})`);
  }
  // Last: claiming names is the one check with an effect, so it runs only for valid input.
  claimWorkload(workload);
  return { ...workload, port: props.port, replicas, ingressPath, ingressHost, observability, canary };
}

/** Service names are DNS-1035 labels of at most 63 characters; "-canary" and "-stable" take 7. */
const MAX_CANARY_NAME = 63 - '-canary'.length;
