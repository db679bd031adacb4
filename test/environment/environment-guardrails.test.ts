import { JsonPatch } from 'cdk8s';
import { environmentGuardrails } from '../../src/environment/environment-guardrails';
import { Tier } from '../../src/platform/tier';
import { find, synth, testEnvironment, testPlatform } from '../support/fixtures';

describe('environmentGuardrails', () => {
  test('the Environment writes exactly the guardrails policy expects of it', () => {
    const env = testEnvironment(Tier.STAGING);
    const objects = synth(env);
    for (const [kind, expected] of [['ResourceQuota', env._guardrails.resourceQuota], ['LimitRange', env._guardrails.limitRange], ['NetworkPolicy', env._guardrails.defaultDeny]] as const) {
      const object = find(objects, kind, expected.name);
      expect(object.spec).toEqual(expected.spec);
    }
  });
  test('sizes the quota by the tier and opens DNS to the platform\'s cluster DNS', () => {
    const platform = testPlatform({ dns: { namespace: 'dns', podLabels: { app: 'coredns' } } });
    const guardrails = environmentGuardrails(platform, platform.tierSettings(Tier.PREVIEW), 'p');
    expect(guardrails.resourceQuota.spec.hard).toMatchObject({ 'requests.cpu': '2', 'pods': 20, 'services.loadbalancers': 0, 'services.nodeports': 0 });
    expect(guardrails.defaultDeny.spec.egress[0].to).toEqual([{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'dns' } }, podSelector: { matchLabels: { app: 'coredns' } } }]);
  });
  test('an escape hatch on the written object does not move what policy expects, and fails the synth', () => {
    const env = testEnvironment();
    env.resourceQuota.addJsonPatch(JsonPatch.replace('/spec/hard/pods', 100000));
    env.defaultDenyPolicy.addJsonPatch(JsonPatch.add('/spec/ingress', [{}]));
    expect(env.resourceQuota.toJson().spec.hard.pods).toBe(100000);
    expect(env._guardrails.resourceQuota.spec.hard.pods).toBe(300);
    expect(env._guardrails.defaultDeny.spec.ingress).toBeUndefined();
    expect(() => synth(env)).toThrow(/guardrails.default-deny[\s\S]*guardrails.resource-quota/);
  });
});
