import { BURN_RATES, FASTEST_BURN } from '../../src/observability/burn-rates';

describe('burn rates', () => {
  test('the fastest is the first, paging pair: 14.4× the budget over 1h and 5m', () => {
    expect(FASTEST_BURN).toBe(14.4);
    expect(BURN_RATES[0]).toMatchObject({ factor: FASTEST_BURN, long: '1h', short: '5m', page: true });
  });

  test('slower burns look over longer windows and only open tickets below 6×', () => {
    expect(BURN_RATES.map((b) => b.factor)).toEqual([...BURN_RATES.map((b) => b.factor)].sort((a, b) => b - a));
    expect(BURN_RATES.map((b) => b.page)).toEqual(BURN_RATES.map((b) => b.factor >= 6));
  });
});
