import { CacheSize, DatabaseSize } from '../../src/dependencies/sizes';
import { Errors } from '../../src/errors';
import { DEFAULT_RATE_CARD, resolveRateCard } from '../../src/platform/rate-card';
import { errorOf } from '../support/errors';
import { testPlatform } from '../support/fixtures';

describe('RateCard', () => {
  test('the defaults price every database and cache size', () => {
    for (const size of DatabaseSize.all()) expect(DEFAULT_RATE_CARD.databaseInstanceHourUsd[size.instanceClass]).toBeGreaterThan(0);
    for (const size of CacheSize.all()) expect(DEFAULT_RATE_CARD.cacheNodeHourUsd[size.nodeType]).toBeGreaterThan(0);
  });

  test('a platform without a rate card uses the documented defaults', () => {
    expect(testPlatform().rateCard).toEqual(DEFAULT_RATE_CARD);
  });

  test('a platform\'s rates replace the defaults, and its price tables add to them', () => {
    const card = testPlatform({ rateCard: { vcpuHourUsd: 0.02, databaseInstanceHourUsd: { 'db.t4g.small': 0.05, 'db.custom': 1 } } }).rateCard;
    expect(card.vcpuHourUsd).toBe(0.02);
    expect(card.memoryGibHourUsd).toBe(DEFAULT_RATE_CARD.memoryGibHourUsd);
    expect(card.databaseInstanceHourUsd).toEqual({ ...DEFAULT_RATE_CARD.databaseInstanceHourUsd, 'db.t4g.small': 0.05, 'db.custom': 1 });
  });

  test.each([
    ['a negative price', { vcpuHourUsd: -1 }, 'Platform(acme): rateCard.vcpuHourUsd (-1) must be a finite number of US dollars, zero or more'],
    ['an infinite price', { volumeGibMonthUsd: Infinity }, 'rateCard.volumeGibMonthUsd (null) must be a finite number'],
    ['a price that is not a number', { memoryGibHourUsd: '0.1' }, 'rateCard.memoryGibHourUsd ("0.1") must be a finite number'],
    ['a negative entry in a price table', { cacheNodeHourUsd: { 'cache.t4g.small': -0.5 } }, 'rateCard.cacheNodeHourUsd["cache.t4g.small"] (-0.5) must be a finite number'],
  ])('rejects %s, naming the prop and value', (_what, rateCard, message) => {
    const error = errorOf(() => testPlatform({ rateCard: rateCard as any }));
    expect(Errors.isPavedError(error)).toBe(true);
    expect(error.message).toContain(message);
  });

  test('SQS defaults to list prices per million requests and ten million requests a queue', () => {
    expect(DEFAULT_RATE_CARD).toMatchObject({
      queueMillionRequestsUsd: 0.4, fifoQueueMillionRequestsUsd: 0.5, assumedQueueRequestsPerMonth: 10_000_000,
    });
    expect(testPlatform({ rateCard: { assumedQueueRequestsPerMonth: 1000 } }).rateCard.assumedQueueRequestsPerMonth).toBe(1000);
    expect(errorOf(() => testPlatform({ rateCard: { fifoQueueMillionRequestsUsd: -0.5 } })).message).toContain('rateCard.fifoQueueMillionRequestsUsd (-0.5) must be a finite number');
  });

  test('zero is a price: a platform may treat a resource as already paid for', () => {
    expect(resolveRateCard('p', { objectStorageGibMonthUsd: 0 }).objectStorageGibMonthUsd).toBe(0);
  });
});
