import { ownerLabels } from '../../src/platform/owner-labels';
import { Tier } from '../../src/platform/tier';

describe('ownerLabels', () => {
  test('the platform\'s labels, then managed-by, part-of and team', () => {
    expect(ownerLabels({ 'acme.dev/cost-center': 'cc-42' }, 'payments')).toEqual({
      'acme.dev/cost-center': 'cc-42',
      'app.kubernetes.io/managed-by': 'paved',
      'app.kubernetes.io/part-of': 'payments',
      'paved.dev/team': 'payments',
    });
  });

  test('with the tier and the object\'s own labels, which the owner labels override', () => {
    const labels = ownerLabels({ 'paved.dev/team': 'someone-else' }, 'payments', {
      tier: Tier.STAGING,
      labels: { 'app.kubernetes.io/name': 'orders-api', 'paved.dev/tier': 'production', 'app.kubernetes.io/managed-by': 'helm' },
    });

    expect(labels).toEqual({
      'app.kubernetes.io/name': 'orders-api',
      'app.kubernetes.io/managed-by': 'paved',
      'app.kubernetes.io/part-of': 'payments',
      'paved.dev/team': 'payments',
      'paved.dev/tier': 'staging',
    });
  });
});
