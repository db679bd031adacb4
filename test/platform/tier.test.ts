import { Tier } from '../../src/platform/tier';

describe('Tier', () => {
  test('has the four tiers, least to most critical', () => {
    expect(Tier.all().map((t) => t.name)).toEqual(['preview', 'development', 'staging', 'production']);
    expect(Tier.all().map((t) => t.rank)).toEqual([0, 1, 2, 3]);
  });

  test('compares by criticality', () => {
    expect(Tier.PRODUCTION.isAtLeast(Tier.STAGING)).toBe(true);
    expect(Tier.STAGING.isAtLeast(Tier.STAGING)).toBe(true);
    expect(Tier.DEVELOPMENT.isAtLeast(Tier.STAGING)).toBe(false);
  });

  test('finds a tier by name', () => {
    expect(Tier.tryOf('staging')).toBe(Tier.STAGING);
    expect(Tier.tryOf('prod')).toBeUndefined();
    expect(`${Tier.PREVIEW}`).toBe('preview');
  });
});
