import { Duration, Testing } from 'cdk8s';
import { resolveGitOps } from '../../src/delivery/gitops-validation';
import { Tier } from '../../src/platform/tier';
import { testEnvironment, testPlatform } from '../support/fixtures';

// The error messages are specified in gitops.test.ts, where the chart raises them; here, the defaults.
describe('resolveGitOps', () => {
  const resolve = (extra: object = {}) => {
    const app = Testing.app();
    const env = testEnvironment(Tier.PRODUCTION, {}, app);
    return resolveGitOps(app, 'gitops', { platform: testPlatform(), team: 'payments', repoURL: 'https://github.com/acme/payments-infra', environments: [env], ...extra });
  };

  test('deploys from paved/manifests with automated sync, prune and self-heal by default', () => {
    expect(resolve()).toMatchObject({ revision: 'paved/manifests', automated: true, prune: true, selfHeal: true, previews: undefined });
  });

  test('polls for pull requests every 3 minutes, for every pull request, without a token by default', () => {
    expect(resolve({ previews: { github: { owner: 'acme', repo: 'payments-infra' } } }).previews)
      .toEqual({ owner: 'acme', repo: 'payments-infra', labels: [], tokenSecretName: undefined, application: undefined, requeueAfterSeconds: 180 });
  });

  test('takes requeueAfter in whole seconds', () => {
    expect(resolve({ previews: { github: { owner: 'acme', repo: 'x' }, requeueAfter: Duration.minutes(1) } }).previews?.requeueAfterSeconds).toBe(60);
  });

  test('copies the environment list, so later changes to the caller\'s array do not reach the model', () => {
    const app = Testing.app();
    const environments = [testEnvironment(Tier.PRODUCTION, {}, app)];
    const resolved = resolveGitOps(app, 'gitops', { platform: testPlatform(), team: 'payments', repoURL: 'git@github.com:acme/x.git', environments });
    environments.pop();
    expect(resolved.environments).toHaveLength(1);
  });
});
