/**
 * The ids of the exposure rules, the only rules a platform's `exposure.exceptions` may
 * acknowledge. A leaf module, so the platform can check exceptions where they enter without
 * loading the rules.
 */
export const EXPOSURE_RULE_IDS = {
  INGRESS_TLS: 'exposure.ingress-tls',
  INGRESS_HOST: 'exposure.ingress-host',
  INGRESS_CLASS: 'exposure.ingress-class',
  INGRESS_DEFAULT_BACKEND: 'exposure.ingress-default-backend',
  SERVICE_TYPE: 'exposure.service-type',
  SERVICE_EXTERNAL_IPS: 'exposure.service-external-ips',
};

/** Every exposure rule id, sorted. */
export function exposureRuleIds(): string[] {
  return Object.values(EXPOSURE_RULE_IDS).sort();
}
