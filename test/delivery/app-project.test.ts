import { Testing } from 'cdk8s';
import { AppProject } from '../../src/delivery/app-project';
import { validateAgainstSchemas } from '../support/schema';

describe('AppProject', () => {
  const project = () => {
    const chart = Testing.chart();
    new AppProject(chart, 'project', {
      metadata: { name: 'payments-prod', labels: { 'paved.dev/team': 'payments' } },
      spec: {
        description: 'payments: environment payments-prod (production)',
        sourceRepos: ['https://github.com/acme/payments-infra'],
        destinations: [{ server: 'https://kubernetes.default.svc', namespace: 'payments-prod' }],
        clusterResourceWhitelist: [{ group: '', kind: 'Namespace' }],
      },
    });
    return Testing.synth(chart)[0];
  };

  test('is an argoproj.io/v1alpha1 AppProject with exactly the spec it was given', () => {
    expect(project()).toEqual({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'AppProject',
      metadata: { name: 'payments-prod', labels: { 'paved.dev/team': 'payments' } },
      spec: {
        description: 'payments: environment payments-prod (production)',
        sourceRepos: ['https://github.com/acme/payments-infra'],
        destinations: [{ server: 'https://kubernetes.default.svc', namespace: 'payments-prod' }],
        clusterResourceWhitelist: [{ group: '', kind: 'Namespace' }],
      },
    });
  });

  test('validates against the upstream schema', () => {
    validateAgainstSchemas([project()]);
  });
});
