import { Testing } from 'cdk8s';
import { ApplicationSet, PullRequestGenerator } from '../../src/delivery/application-set';
import { validateAgainstSchemas } from '../support/schema';

function applicationSet(pullRequests: Partial<PullRequestGenerator> = {}): any {
  const chart = Testing.chart();
  new ApplicationSet(chart, 'previews', {
    metadata: { name: 'payments-previews' },
    pullRequests: { owner: 'acme', repo: 'payments-infra', labels: [], requeueAfterSeconds: 180, ...pullRequests },
    template: {
      metadata: { name: 'payments-pr-{{.number}}', finalizers: ['resources-finalizer.argocd.argoproj.io/foreground'] },
      spec: {
        project: 'payments-previews',
        source: { repoURL: 'https://github.com/acme/payments-infra', targetRevision: 'paved/preview/payments-pr-{{.number}}', path: '.', include: '*.k8s.yaml' },
        destination: { server: 'https://kubernetes.default.svc', namespace: 'payments-pr-{{.number}}' },
        syncPolicy: { automated: { prune: true, selfHeal: true }, syncOptions: [], retry: { limit: 1, backoff: { duration: '5s', factor: 2, maxDuration: '1m' } } },
      },
    },
  });
  return Testing.synth(chart)[0];
}

describe('ApplicationSet', () => {
  test('renders with Go templates and fails on a missing key', () => {
    const set = applicationSet();
    expect(set.kind).toBe('ApplicationSet');
    expect(set.spec.goTemplate).toBe(true);
    expect(set.spec.goTemplateOptions).toEqual(['missingkey=error']);
  });

  test('leaves labels and tokenRef out when there are none', () => {
    expect(applicationSet().spec.generators).toEqual([{ pullRequest: { github: { owner: 'acme', repo: 'payments-infra' }, requeueAfterSeconds: 180 } }]);
  });

  test('reads the token from the Secret\'s `token` key', () => {
    expect(applicationSet({ tokenSecretName: 'github-token', labels: ['preview'] }).spec.generators[0].pullRequest.github)
      .toEqual({ owner: 'acme', repo: 'payments-infra', labels: ['preview'], tokenRef: { secretName: 'github-token', key: 'token' } });
  });

  test('carries the Application template, finalizer included', () => {
    const template = applicationSet().spec.template;
    expect(template.metadata).toEqual({ name: 'payments-pr-{{.number}}', finalizers: ['resources-finalizer.argocd.argoproj.io/foreground'] });
    expect(template.spec.source.directory).toEqual({ include: '*.k8s.yaml' });
  });

  test('validates against the upstream schema', () => {
    validateAgainstSchemas([applicationSet({ tokenSecretName: 'github-token', labels: ['preview'] })]);
  });
});
