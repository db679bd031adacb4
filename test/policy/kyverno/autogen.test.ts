import { autogenScope, KYVERNO_POD_CONTROLLERS, withPodCondition } from '../../../src/policy/kyverno/autogen';
import { LONG_RUNNING_KINDS } from '../../../src/policy/packs/workload';
import { WORKLOAD_KINDS } from '../../../src/policy/rules/pod-spec';

describe('autogenScope', () => {
  test('a rule over every workload kind keeps Kyverno\'s default: every controller, every Pod', () => {
    expect(autogenScope(WORKLOAD_KINDS)).toEqual({});
    expect(KYVERNO_POD_CONTROLLERS.every((kind) => WORKLOAD_KINDS.includes(kind))).toBe(true);
  });

  test('a rule over long-running kinds names those controllers and passes over the Pods of Jobs', () => {
    expect(autogenScope(LONG_RUNNING_KINDS)).toEqual({
      controllers: 'DaemonSet,Deployment,ReplicaSet,ReplicationController,StatefulSet',
      podCondition: { key: "{{ request.object.metadata.ownerReferences[?controller && (kind == 'Job')] || `[]` | length(@) }}", operator: 'Equals', value: 0 },
    });
  });

  test('every controller left out is an owner passed over, except CronJob, which owns Jobs rather than Pods', () => {
    const scope = autogenScope(['Pod', 'Deployment', 'ReplicaSet']);
    expect(scope.controllers).toBe('Deployment,ReplicaSet');
    expect((scope.podCondition as any).key).toContain("kind == 'DaemonSet' || kind == 'Job' || kind == 'ReplicationController' || kind == 'StatefulSet'");
    expect((scope.podCondition as any).key).not.toContain('CronJob');
  });

  test('a rule over Pods only generates for no controller', () => {
    expect(autogenScope(['Pod']).controllers).toBe('none');
  });

  describe('withPodCondition', () => {
    const scope = autogenScope(LONG_RUNNING_KINDS);
    const windows = { key: "{{ request.object.spec.os.name || '' }}", operator: 'NotEquals', value: 'windows' };
    test('leaves a rule alone when the scope has no Pod condition', () => {
      expect(withPodCondition(undefined, {})).toBeUndefined();
      expect(withPodCondition({ all: [windows] }, {})).toEqual({ all: [windows] });
    });
    test('adds the condition to a rule without preconditions', () => {
      expect(withPodCondition(undefined, scope)).toEqual({ all: [scope.podCondition] });
    });
    test('keeps existing preconditions beside it, all of them and any of them', () => {
      expect(withPodCondition({ all: [windows] }, scope)).toEqual({ all: [windows, scope.podCondition] });
      expect(withPodCondition({ any: [windows] }, scope)).toEqual({ any: [windows], all: [scope.podCondition] });
    });
  });
});
