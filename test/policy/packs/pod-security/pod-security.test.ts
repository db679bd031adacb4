import { POD_SECURITY_CASES } from './cases';
import { POD_SECURITY_BASELINE_RULES, POD_SECURITY_RESTRICTED_RULES } from '../../../../src/policy/packs/pod-security';
import { check, deployment, deploymentWith, fields, MAIN } from '../workloads';

describe('Pod Security Standards', () => {
  test.each(POD_SECURITY_CASES.map((c) => [c.rule.id, c.name, c] as const))('%s: %s', (_id, _name, c) => {
    const object = deploymentWith((d, pod) => c.edit(pod, d.spec.template.metadata));
    expect(fields(check(c.rule, object))).toEqual(c.fields);
  });

  test('every rule has a passing and a failing case', () => {
    for (const rule of new Set([...POD_SECURITY_BASELINE_RULES, ...POD_SECURITY_RESTRICTED_RULES])) {
      const cases = POD_SECURITY_CASES.filter((c) => c.rule === rule);
      expect([rule.id, cases.some((c) => c.fields.length === 0), cases.some((c) => c.fields.length > 0)]).toEqual([rule.id, true, true]);
    }
  });

  test('a finding says what was found and what is expected', () => {
    const object = deploymentWith((_d, pod) => { pod.containers[0].securityContext.capabilities.drop = []; });
    const [rule] = POD_SECURITY_RESTRICTED_RULES.filter((r) => r.id === 'pss.restricted.capabilities');
    expect(check(rule, object)).toEqual([{ field: `${MAIN}.securityContext.capabilities.drop`, found: '[]', expected: 'to include "ALL"' }]);
  });

  test('walks every workload kind to its pod template', () => {
    const pod = deployment().spec.template;
    const hostile = { ...pod, spec: { ...pod.spec, hostPID: true } };
    const [rule] = POD_SECURITY_RESTRICTED_RULES.filter((r) => r.id === 'pss.baseline.host-namespaces');
    const objects: Array<[string, any, string]> = [
      ['Pod', { kind: 'Pod', metadata: pod.metadata, spec: hostile.spec }, 'spec.hostPID'],
      ['StatefulSet', { kind: 'StatefulSet', spec: { template: hostile } }, 'spec.template.spec.hostPID'],
      ['DaemonSet', { kind: 'DaemonSet', spec: { template: hostile } }, 'spec.template.spec.hostPID'],
      ['ReplicaSet', { kind: 'ReplicaSet', spec: { template: hostile } }, 'spec.template.spec.hostPID'],
      ['Job', { kind: 'Job', spec: { template: hostile } }, 'spec.template.spec.hostPID'],
      ['CronJob', { kind: 'CronJob', spec: { jobTemplate: { spec: { template: hostile } } } }, 'spec.jobTemplate.spec.template.spec.hostPID'],
      ['Rollout', { kind: 'Rollout', spec: { template: hostile } }, 'spec.template.spec.hostPID'],
    ];
    for (const [kind, object, field] of objects) {
      expect([kind, fields(check(rule, object))]).toEqual([kind, [field]]);
      expect(rule.kinds).toContain(kind);
    }
  });

  test('reports ephemeral containers', () => {
    const [rule] = POD_SECURITY_RESTRICTED_RULES.filter((r) => r.id === 'pss.baseline.privileged');
    const object = deploymentWith((_d, pod) => { pod.ephemeralContainers = [{ name: 'debug', image: 'busybox', securityContext: { privileged: true } }]; });
    expect(fields(check(rule, object))).toEqual(['spec.template.spec.ephemeralContainers[0].securityContext.privileged']);
  });

  test('restricted replaces the baseline capability, hostPath and seccomp controls, as upstream', () => {
    const restricted = POD_SECURITY_RESTRICTED_RULES.map((r) => r.id);
    expect(restricted).not.toContain('pss.baseline.capabilities');
    expect(restricted).not.toContain('pss.baseline.host-path');
    expect(restricted).not.toContain('pss.baseline.seccomp');
    expect(restricted.filter((id) => id.startsWith('pss.baseline.'))).toHaveLength(POD_SECURITY_BASELINE_RULES.length - 3);
  });
});
