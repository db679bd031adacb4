import { Lazy, Testing } from 'cdk8s';
import { ApplicationSpec, ArgoApplication } from '../../src/delivery/argo-application';
import { validateAgainstSchemas } from '../support/schema';

const RETRY = { limit: 5, backoff: { duration: '10s', factor: 2, maxDuration: '3m' } };

function application(spec: Partial<ApplicationSpec> = {}): any {
  const chart = Testing.chart();
  new ArgoApplication(chart, 'application', {
    metadata: { name: 'payments-prod', finalizers: ['resources-finalizer.argocd.argoproj.io/foreground'] },
    spec: {
      project: 'payments-prod',
      source: { repoURL: 'https://github.com/acme/payments-infra', targetRevision: 'paved/manifests', path: '.', include: 'payments-prod.k8s.yaml' },
      destination: { server: 'https://kubernetes.default.svc', namespace: 'payments-prod' },
      syncPolicy: { automated: { prune: true, selfHeal: false }, syncOptions: ['PruneLast=true'], retry: RETRY },
      ...spec,
    },
  });
  return Testing.synth(chart)[0];
}

describe('ArgoApplication', () => {
  test('is an argoproj.io/v1alpha1 Application reading a directory of plain manifests', () => {
    const app = application();
    expect(app.apiVersion).toBe('argoproj.io/v1alpha1');
    expect(app.kind).toBe('Application');
    expect(app.metadata.finalizers).toEqual(['resources-finalizer.argocd.argoproj.io/foreground']);
    expect(app.spec.source).toEqual({
      repoURL: 'https://github.com/acme/payments-infra', targetRevision: 'paved/manifests', path: '.', directory: { include: 'payments-prod.k8s.yaml' },
    });
    expect(app.spec.syncPolicy).toEqual({ automated: { prune: true, selfHeal: false }, syncOptions: ['PruneLast=true'], retry: RETRY });
  });

  test('leaves automated out for a manual sync policy', () => {
    expect(application({ syncPolicy: { syncOptions: [], retry: RETRY } }).spec.syncPolicy).toEqual({ syncOptions: [], retry: RETRY });
  });

  test('resolves a lazy include at synth', () => {
    expect(application({
      source: { repoURL: 'https://github.com/acme/payments-infra', targetRevision: 'main', path: '.', include: Lazy.any({ produce: () => 'late.k8s.yaml' }) },
    }).spec.source.directory.include).toBe('late.k8s.yaml');
  });

  test('validates against the upstream schema', () => {
    validateAgainstSchemas([application()]);
  });
});
