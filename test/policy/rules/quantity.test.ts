import * as fc from 'fast-check';
import { quantityValue } from '../../../src/policy/rules/quantity';

describe('quantityValue', () => {
  test.each([
    ['250m', 0.25], ['1', 1], ['1.5', 1.5], ['.5', 0.5], ['2k', 2000], ['1M', 1e6], ['1G', 1e9],
    ['512Mi', 512 * 2 ** 20], ['1Gi', 2 ** 30], ['1Ki', 1024], ['1e3', 1000], ['5E-1', 0.5], ['100u', 1e-4], [3, 3],
  ])('%s is %d', (q, v) => {
    expect(quantityValue(q)).toBeCloseTo(v as number, 12);
  });

  test.each(['', 'abc', '1.2.3', '1mi', '1 Gi', 'Gi', '1Xi', NaN, undefined, null, {}])('%p is not a quantity', (q) => {
    expect(quantityValue(q)).toBeUndefined();
  });

  test('a whole number of mebibytes reads back as what Paved writes', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 1048576 }), (mi) => quantityValue(`${mi}Mi`) === mi * 2 ** 20));
  });

  test('millicores read back as cores', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 1e6 }), (m) => Math.abs(quantityValue(`${m}m`)! - m / 1000) < 1e-9));
  });
});
