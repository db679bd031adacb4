import { IRule, RuleCategory, Severity } from '../../rule';
import { containersOf } from '../../rules/pod-spec';
import { LONG_RUNNING_KINDS, podRule, violation } from '../workload';

const PROBES: Array<[string, string]> = [
  ['readinessProbe', 'a readiness probe, so traffic waits until the container can serve'],
  ['livenessProbe', 'a liveness probe, so a stuck container is restarted'],
];

/** Every long-running container has readiness and liveness probes. */
export const PROBES_RULE: IRule = podRule({
  id: 'workload.probes',
  title: 'Containers have readiness and liveness probes',
  severity: Severity.MEDIUM,
  category: RuleCategory.RELIABILITY,
  rationale: 'Without a readiness probe a rollout sends traffic to containers that are still starting; without a liveness probe a deadlocked container keeps its place and its traffic forever.',
  remediation: 'Add readinessProbe and livenessProbe to every container (Paved adds both to the containers it generates).',
  kinds: LONG_RUNNING_KINDS,
  scannerChecks: {
    kubeLinter: ['no-readiness-probe', 'no-liveness-probe'],
    polaris: ['readinessProbeMissing', 'livenessProbeMissing'],
    checkov: ['CKV_K8S_9', 'CKV_K8S_8'],
    kubeScore: ['pod-probes'],
  },
  // Init and ephemeral containers cannot carry these probes: they run to completion or on demand.
  check: (pod) => containersOf(pod)
    .filter((c) => c.kind === 'container')
    .flatMap(({ container, path }) => PROBES
      .filter(([probe]) => container[probe] === undefined || container[probe] === null)
      .map(([probe, expected]) => violation(`${path}.${probe}`, undefined, expected))),
});
