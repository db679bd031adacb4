import { Chart, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { declaredPeersOf, declarePeer } from '../../src/network/declared-peers';

describe('declared peers', () => {
  test('are recorded per chart, from any construct in it', () => {
    const app = Testing.app();
    const a = new Chart(app, 'a');
    const b = new Chart(app, 'b');
    declarePeer(new Construct(a, 'svc'), 'ingress', 'ingress-nginx', { 'app.kubernetes.io/name': 'ingress-nginx' });
    declarePeer(a, 'egress', 'kube-system', { 'k8s-app': 'kube-dns' });
    expect(declaredPeersOf(a)).toEqual([
      { direction: 'ingress', namespace: 'ingress-nginx', podLabels: { 'app.kubernetes.io/name': 'ingress-nginx' } },
      { direction: 'egress', namespace: 'kube-system', podLabels: { 'k8s-app': 'kube-dns' } },
    ]);
    expect(declaredPeersOf(b)).toEqual([]);
  });
});
