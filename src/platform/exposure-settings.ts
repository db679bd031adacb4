import { PavedError } from '../errors';
import { exposureRuleIds } from './exposure-rule-ids';
import { requireDnsLabel, requireDnsSubdomain, requireNonEmpty, show } from '../validate';

/** The kinds an exposure exception may name. */
const EXCEPTION_KINDS = ['Ingress', 'Service'];

/**
 * One object the platform allows to be exposed past an exposure rule: a vendor's load
 * balancer, a controller's NodePort. Never a silent bypass: every finding it covers is still
 * reported, as acknowledged by the platform with the exception's reason.
 */
export interface ExposureException {
  /** The namespace of the object, e.g. `payments-production`. */
  readonly namespace: string;
  /** The object's kind: `Ingress` or `Service`. */
  readonly kind: string;
  /** The object's `metadata.name`. */
  readonly name: string;
  /**
   * The exposure rules the exception acknowledges for this object, e.g. `["exposure.service-type"]`;
   * findings of any other rule on it still fail.
   */
  readonly ruleIds: string[];
  /** Why the platform accepts the exposure, for reviewers and auditors; shown in every report. */
  readonly reason: string;
}

/** What the platform lets be reached from outside the cluster, besides its ingress controller. */
export interface ExposureSettings {
  /**
   * Domains, besides the platform's `domain`, that ingress hosts may be under (e.g. a vanity
   * domain the platform also owns). A host must be strictly under one of them.
   *
   * @default - none: hosts must be under `domain`
   */
  readonly additionalDomains?: string[];
  /**
   * Objects allowed past named exposure rules, each with a reason reported on every finding
   * it acknowledges.
   *
   * @default - none: every exposure finding fails the synth
   */
  readonly exceptions?: ExposureException[];
}

/** `ExposureSettings` with every default filled in, as `Platform.exposure` holds them. */
export interface ResolvedExposureSettings {
  /** Domains, besides the platform's `domain`, that ingress hosts may be under. */
  readonly additionalDomains: string[];
  /** Objects allowed past named exposure rules. */
  readonly exceptions: ExposureException[];
}

/**
 * Checks a platform's exposure settings where they enter and fills in the defaults.
 *
 * @internal
 */
export function resolveExposureSettings(path: string, settings: ExposureSettings | undefined): ResolvedExposureSettings {
  const additionalDomains = settings?.additionalDomains ?? [];
  const exceptions = settings?.exceptions ?? [];
  if (!Array.isArray(additionalDomains)) throw new PavedError(path, `exposure.additionalDomains ${show(additionalDomains)} must be a list of DNS names`);
  additionalDomains.forEach((domain, i) => requireDnsSubdomain(path, `exposure.additionalDomains[${i}]`, domain));
  if (!Array.isArray(exceptions)) throw new PavedError(path, `exposure.exceptions ${show(exceptions)} must be a list`);
  const allowedIds = exposureRuleIds();
  exceptions.forEach((exception, i) => {
    const prop = `exposure.exceptions[${i}]`;
    if (exception === null || typeof exception !== 'object') throw new PavedError(path, `${prop} ${show(exception)} must be an object { namespace, kind, name, ruleIds, reason }`);
    requireDnsLabel(path, `${prop}.namespace`, exception.namespace);
    if (!EXCEPTION_KINDS.includes(exception.kind)) {
      throw new PavedError(path, `${prop}.kind ${show(exception.kind)} must be one of ${EXCEPTION_KINDS.join(', ')}`);
    }
    requireDnsSubdomain(path, `${prop}.name`, exception.name);
    if (!Array.isArray(exception.ruleIds) || exception.ruleIds.length === 0) {
      throw new PavedError(path, `${prop}.ruleIds ${show(exception.ruleIds)} must list the exposure rules it acknowledges (${allowedIds.join(', ')})`);
    }
    exception.ruleIds.forEach((id, j) => {
      if (!allowedIds.includes(id)) {
        throw new PavedError(path, `${prop}.ruleIds[${j}] ${show(id)} is not an exposure rule; an exposure exception may acknowledge only ${allowedIds.join(', ')}`);
      }
    });
    requireNonEmpty(path, `${prop}.reason`, exception.reason);
  });
  return {
    additionalDomains: [...additionalDomains],
    exceptions: exceptions.map((e) => ({ ...e, ruleIds: [...e.ruleIds] })),
  };
}
