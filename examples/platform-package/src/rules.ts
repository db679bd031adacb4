import { IRule, RuleCategory, Severity } from 'paved';

/**
 * Acme's own rule: a team's hosts name the team, so no team can take another's hostname on the
 * shared domain (`orders.payments.apps.acme.dev`, `api.payments.staging.apps.acme.dev`, and the
 * preview hosts Paved derives, `pr-7.api.payments.preview.apps.acme.dev`).
 */
export const HOST_NAMES_TEAM: IRule = {
  id: 'acme.host-names-team',
  title: 'Ingress hosts name their team',
  severity: Severity.MEDIUM,
  category: RuleCategory.SECURITY,
  rationale: 'Hosts on the shared domain are first come, first served unless each carries its team; a host without it can shadow another team\'s service.',
  remediation: 'put the team as a label of the host, e.g. orders.payments.apps.acme.dev',
  kinds: ['Ingress'],
  check: (ingress) => {
    const team: string | undefined = ingress.metadata?.labels?.['paved.dev/team'];
    const rules: any[] = ingress.spec?.rules ?? [];
    return rules
      .map((rule, i) => ({ host: String(rule.host ?? ''), i }))
      .filter(({ host }) => team === undefined || !host.split('.').slice(1).includes(team))
      .map(({ host, i }) => ({ field: `spec.rules[${i}].host`, found: host || 'absent', expected: team === undefined ? 'an Ingress labelled paved.dev/team' : `a host with "${team}" among its labels` }));
  },
};
