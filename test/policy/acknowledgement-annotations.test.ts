import { Testing } from 'cdk8s';
import { NO_PRIVILEGED, OWNER_LABEL, TWO_REPLICAS } from './fixtures';
import { acknowledgementAnnotations } from '../../src/policy/acknowledgement-annotations';
import { createSuppression } from '../../src/policy/suppression';

const scope = Testing.chart();

describe('acknowledgementAnnotations', () => {
  test('records the reason and expiry under acknowledged.paved.dev/<rule-id>', () => {
    const suppression = createSuppression(scope, TWO_REPLICAS.id, { reason: 'batch job', expires: '2027-03-31' });

    expect(acknowledgementAnnotations([{ rule: TWO_REPLICAS, suppression }])).toEqual({
      'acknowledged.paved.dev/demo.replicas': 'batch job (until 2027-03-31)',
    });
  });

  test('adds the kube-linter, Polaris and Checkov annotations the rule maps to', () => {
    const suppression = createSuppression(scope, NO_PRIVILEGED.id, { reason: 'raw sockets' });

    expect(acknowledgementAnnotations([{ rule: NO_PRIVILEGED, suppression }])).toEqual({
      'acknowledged.paved.dev/demo.no-privileged': 'raw sockets',
      'ignore-check.kube-linter.io/privileged-container': 'raw sockets',
      'polaris.fairwinds.com/runAsPrivileged-exempt': 'true',
      'checkov.io/skip1': 'CKV_K8S_16=raw sockets',
      'checkov.io/skip2': 'CKV_K8S_2=raw sockets',
    });
  });

  test('numbers Checkov skips by rule id, so the keys do not depend on call order', () => {
    const a = { ...OWNER_LABEL, id: 'a.rule', scannerChecks: { checkov: ['CKV_A'] } };
    const b = { ...OWNER_LABEL, id: 'b.rule', scannerChecks: { checkov: ['CKV_B', 'CKV_A'] } };
    const applied = [
      { rule: b, suppression: createSuppression(scope, 'b.rule', { reason: 'rb' }) },
      { rule: a, suppression: createSuppression(scope, 'a.rule', { reason: 'ra' }) },
    ];

    const annotations = acknowledgementAnnotations(applied);
    expect([annotations['checkov.io/skip1'], annotations['checkov.io/skip2'], annotations['checkov.io/skip3']])
      .toEqual(['CKV_A=ra', 'CKV_B=rb', undefined]);
    expect(acknowledgementAnnotations([...applied].reverse())).toEqual(annotations);
  });

  test('lists every kube-score check of the acknowledged rules once, sorted, in kube-score/ignore', () => {
    const a = { ...OWNER_LABEL, id: 'a.rule', scannerChecks: { kubeScore: ['pod-probes', 'container-resources'] } };
    const b = { ...OWNER_LABEL, id: 'b.rule', scannerChecks: { kubeScore: ['container-resources'] } };
    const applied = [
      { rule: a, suppression: createSuppression(scope, 'a.rule', { reason: 'ra' }) },
      { rule: b, suppression: createSuppression(scope, 'b.rule', { reason: 'rb' }) },
    ];

    expect(acknowledgementAnnotations(applied)).toEqual({
      'acknowledged.paved.dev/a.rule': 'ra',
      'acknowledged.paved.dev/b.rule': 'rb',
      'kube-score/ignore': 'container-resources,pod-probes',
    });
  });

  test('writes nothing when nothing is acknowledged', () => {
    expect(acknowledgementAnnotations([])).toEqual({});
  });
});
