import { Chart, Cron, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { ResourcePreset } from '../../src/platform/resource-preset';
import { addSecureContainer, hardenPodTemplate, PodTemplatePath, restrictedPodProps } from '../../src/workload/secure-pod';
import { testPlatform } from '../support/fixtures';
import { expectRestrictedWorkloadPod } from '../support/restricted-pod';

const platform = testPlatform({ runAsUser: 20000 });
const resources = platform.resolvePreset(ResourcePreset.STANDARD, 'test');

/** A Deployment built the way every workload kind builds its pod. */
function securedDeployment(chart: Chart, options: { readonly addressLabel: boolean } = { addressLabel: true }) {
  const serviceAccount = new kplus.ServiceAccount(chart, 'Identity', { metadata: { name: 'orders-api' }, automountToken: false });
  const deployment = new kplus.Deployment(chart, 'Deployment', { metadata: { name: 'orders-api' }, ...restrictedPodProps(platform, serviceAccount) });
  addSecureContainer(chart, deployment, { name: 'orders-api', image: 'registry.acme.dev/payments/orders-api:1.4.2', resources, env: { ZED: '1', ALPHA: 'two' }, portNumber: 8080 });
  hardenPodTemplate(deployment, PodTemplatePath.TEMPLATE, platform.runAsUser, options);
  return Testing.synth(chart).find((o) => o.kind === 'Deployment');
}

describe('the secure pod', () => {
  test('runs under the restricted controls as the platform user, with its own identity and no token', () => {
    const pod = securedDeployment(Testing.chart()).spec.template.spec;
    expectRestrictedWorkloadPod(pod, 20000);
    expect(pod.serviceAccountName).toBe('orders-api');
    expect(pod.automountServiceAccountToken).toBe(false);
  });

  test('gives the container requests and limits, sorted variables and a bounded writable /tmp', () => {
    const pod = securedDeployment(Testing.chart()).spec.template.spec;
    const container = pod.containers[0];
    expect(container.resources).toEqual({ requests: { cpu: '250m', memory: '256Mi' }, limits: { cpu: '1', memory: '512Mi' } });
    expect(container.env).toEqual([{ name: 'ALPHA', value: 'two' }, { name: 'ZED', value: '1' }]);
    expect(container.ports).toEqual([{ containerPort: 8080 }]);
    expect(container.volumeMounts).toEqual([{ mountPath: '/tmp', name: 'tmp' }]);
    expect(pod.volumes).toEqual([{ name: 'tmp', emptyDir: { sizeLimit: '256Mi' } }]);
  });

  test('removes the construct address from the pod labels when asked, and only then', () => {
    expect(securedDeployment(Testing.chart()).spec.template.metadata.labels).not.toHaveProperty(['cdk8s.io/metadata.addr']);
    expect(securedDeployment(Testing.chart(), { addressLabel: false }).spec.template.metadata.labels).toHaveProperty(['cdk8s.io/metadata.addr']);
  });

  test('hardens a CronJob at its Job template', () => {
    const chart = Testing.chart();
    const serviceAccount = new kplus.ServiceAccount(chart, 'Identity', { metadata: { name: 'nightly' }, automountToken: false });
    const cronJob = new kplus.CronJob(chart, 'CronJob', { schedule: Cron.daily(), ...restrictedPodProps(platform, serviceAccount) });
    addSecureContainer(chart, cronJob, { name: 'nightly', image: 'registry.acme.dev/payments/nightly:1.0.0', resources, env: {} });
    hardenPodTemplate(cronJob, PodTemplatePath.JOB_TEMPLATE, platform.runAsUser, { addressLabel: false });
    const rendered = Testing.synth(chart).find((o) => o.kind === 'CronJob');
    expectRestrictedWorkloadPod(rendered.spec.jobTemplate.spec.template.spec, 20000);
  });
});
