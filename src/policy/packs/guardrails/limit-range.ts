import { IRule, RuleCategory, Severity, Violation } from '../../rule';
import { listOf, violation } from '../workload';
import { isOwnGuardrail, missingGuardrail } from './guardrail-index';
import { notLooser } from './quantities';

/** The sections of a LimitRange item Paved sets, by the name the Environment writes them under. */
const SECTIONS = ['defaultRequest', 'default', 'max'];

/**
 * The environment's LimitRange is there, no looser than the platform's presets, and the only
 * one. Where several LimitRanges (or several Container items) set defaults, which one a
 * container gets is not defined, so a second one could hand out larger defaults unseen.
 */
export const LIMIT_RANGE: IRule = {
  id: 'guardrails.limit-range',
  title: 'The environment\'s LimitRange is there, no looser than its platform sets, and the only one',
  severity: Severity.HIGH,
  category: RuleCategory.SECURITY,
  rationale: 'The LimitRange gives containers that state no resources the smallest preset and caps every container at the largest one, so one container cannot take a node. A removed, raised or competing LimitRange switches that off from inside the app.',
  remediation: 'Remove the escape hatch that removed or changed the environment\'s LimitRange (paved-limits), and any LimitRange of your own; to change the ceiling, change the Platform\'s presets.',
  kinds: ['*'],
  check: (object, context) => {
    const facts = context.environment;
    const expected = facts?.guardrails.limitRange;
    const missing = facts ? missingGuardrail(object, context.chartObjects, facts, 'LimitRange', expected!.name, 'defaults from the smallest preset, a ceiling from the largest') : [];
    if (object?.kind !== 'LimitRange') return missing;
    if (!facts || !isOwnGuardrail(object, 'LimitRange', expected!.name, facts)) {
      return [violation('metadata.name', object.metadata?.name, facts
        ? `no LimitRange but the environment's own "${expected!.name}" in namespace "${facts.namespace}": with two, which defaults a container gets is undefined`
        : 'no LimitRange outside an Environment: its defaults would compete with the environment\'s own')];
    }
    const expectedItem = listOf(expected!.spec.limits).find((item) => item.type === 'Container');
    const containerItems = listOf(object.spec?.limits).map((item, i) => ({ item, i })).filter(({ item }) => item?.type === 'Container');
    if (containerItems.length !== 1) {
      return [violation('spec.limits', object.spec?.limits, 'exactly one item of type Container, as the environment writes it')];
    }
    const { item, i } = containerItems[0];
    const found: Violation[] = [];
    for (const section of SECTIONS) {
      found.push(...notLooser(`spec.limits[${i}].${section}`, item[section], expectedItem[section]));
    }
    return found;
  },
};
