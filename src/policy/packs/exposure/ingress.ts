import { IRule, RuleCategory, Severity, Violation } from '../../rule';
import { keyPath, listOf, shown, violation } from '../workload';
import { hostProblem, tlsCovers } from './host-names';
import { EXPOSURE_RULE_IDS } from '../../../platform/exposure-rule-ids';

/** The annotation ingress controllers read the class from before `spec.ingressClassName` existed. */
export const LEGACY_INGRESS_CLASS_ANNOTATION = 'kubernetes.io/ingress.class';

const EXCEPTION_HINT = 'or have the platform name the Ingress in exposure.exceptions with a reason';

/** Every host an Ingress answers for is served over TLS with a certificate of its own. */
export const INGRESS_TLS: IRule = {
  id: EXPOSURE_RULE_IDS.INGRESS_TLS,
  title: 'Ingresses serve every host over TLS',
  severity: Severity.HIGH,
  category: RuleCategory.SECURITY,
  rationale: 'A host without a tls entry is served in plain HTTP, and a tls entry without secretName gets the controller\'s default certificate, which clients reject or, worse, are taught to accept. Credentials and session cookies then cross the internet readable.',
  remediation: `List every rules[].host in a spec.tls entry with a secretName (PlatformService's ingress does, with a certificate from the platform's issuer), ${EXCEPTION_HINT}.`,
  kinds: ['Ingress'],
  check: (ingress) => {
    const tls = listOf(ingress.spec?.tls);
    const found: Violation[] = [];
    tls.forEach((entry, i) => {
      if (typeof entry?.secretName !== 'string' || entry.secretName.trim() === '') {
        found.push(violation(`spec.tls[${i}].secretName`, entry?.secretName, 'the Secret holding the hosts\' certificate'));
      }
    });
    listOf(ingress.spec?.rules).forEach((rule, i) => {
      const host = rule?.host;
      if (typeof host !== 'string' || host === '') return;
      const served = tls.some((entry) => typeof entry?.secretName === 'string' && entry.secretName.trim() !== ''
        && listOf(entry.hosts).some((h) => tlsCovers(h, host)));
      if (!served) found.push(violation(`spec.rules[${i}].host`, host, 'listed in the hosts of a spec.tls entry with a secretName'));
    });
    return found;
  },
};

/** Every rule names a host strictly under the platform's domains. */
export const INGRESS_HOST: IRule = {
  id: EXPOSURE_RULE_IDS.INGRESS_HOST,
  title: 'Ingress hosts are named and within the platform\'s domain',
  severity: Severity.HIGH,
  category: RuleCategory.SECURITY,
  rationale: 'A host outside the platform\'s domain serves a name the platform does not own or vouch for (and can take over traffic meant for someone else on a shared controller); a rule without a host, or a wildcard, answers for every name that reaches the controller, other teams\' included.',
  remediation: `Expose the service on a host under the platform's domain (ingress.host: "<name>.<domain>"), one name per rule, ${EXCEPTION_HINT}.`,
  kinds: ['Ingress'],
  check: (ingress, context) => {
    const domains = context.environment?.exposure.domains ?? [];
    const rules = ingress.spec?.rules;
    const found: Violation[] = [];
    listOf(rules).forEach((rule, i) => {
      const problem = hostProblem(rule?.host, domains);
      if (problem) {
        found.push({ field: `spec.rules[${i}].host`, found: `${shown(rule?.host)} (${problem})`, expected: domains.length ? `a name under ${domains.map((d) => `"${d}"`).join(' or ')}` : 'an Ingress inside an Environment, under its platform\'s domain' });
      }
    });
    return found;
  },
};

/** The Ingress is served by the platform's controller, named the current way and the legacy way alike. */
export const INGRESS_CLASS: IRule = {
  id: EXPOSURE_RULE_IDS.INGRESS_CLASS,
  title: 'Ingresses use the platform\'s ingress class',
  severity: Severity.HIGH,
  category: RuleCategory.SECURITY,
  rationale: 'The platform\'s controller is the one whose TLS, rate limits and firewall the platform vouches for, and the one each service\'s NetworkPolicy admits. Another class (or none, which leaves it to the cluster default, or the legacy annotation, which some controllers still prefer) hands the traffic to a controller the platform does not run.',
  remediation: `Set spec.ingressClassName to the platform's class and drop the ${LEGACY_INGRESS_CLASS_ANNOTATION} annotation (or make it the same), ${EXCEPTION_HINT}.`,
  kinds: ['Ingress'],
  check: (ingress, context) => {
    const expected = context.environment?.exposure.ingressClassName;
    const wanted = expected !== undefined ? `"${expected}"` : 'an Ingress inside an Environment, on its platform\'s class';
    const found: Violation[] = [];
    const className = ingress.spec?.ingressClassName;
    if (expected === undefined || className !== expected) found.push(violation('spec.ingressClassName', className, wanted));
    const legacy = ingress.metadata?.annotations?.[LEGACY_INGRESS_CLASS_ANNOTATION];
    if (legacy !== undefined && (expected === undefined || legacy !== expected)) {
      found.push(violation(keyPath('metadata.annotations', LEGACY_INGRESS_CLASS_ANNOTATION), legacy, `absent, or ${wanted}`));
    }
    return found;
  },
};

/** No Ingress catches the requests no rule matches. */
export const INGRESS_DEFAULT_BACKEND: IRule = {
  id: EXPOSURE_RULE_IDS.INGRESS_DEFAULT_BACKEND,
  title: 'Ingresses have no default backend',
  severity: Severity.HIGH,
  category: RuleCategory.SECURITY,
  rationale: 'A default backend receives every request no rule matches, whatever its host: on a shared controller one team\'s service then answers for every unknown name, without TLS for them and outside any host the platform approved.',
  remediation: `Remove spec.defaultBackend (spec.backend in the legacy API) and route by host and path, ${EXCEPTION_HINT}.`,
  kinds: ['Ingress'],
  check: (ingress) => {
    const found: Violation[] = [];
    if (ingress.spec?.defaultBackend !== undefined) found.push(violation('spec.defaultBackend', ingress.spec.defaultBackend, 'absent: route by host and path'));
    if (ingress.spec?.backend !== undefined) found.push(violation('spec.backend', ingress.spec.backend, 'absent: route by host and path'));
    return found;
  },
};
