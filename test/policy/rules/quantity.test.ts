import * as fc from 'fast-check';
import { parseQuantity } from '../../../src/policy/rules/quantity';

describe('parseQuantity', () => {
  test.each([
    ['500m', 0.5], ['2', 2], [2, 2], ['64Gi', 64 * 2 ** 30], ['1k', 1000], ['1e3', 1000], ['1.5Mi', 1.5 * 2 ** 20], ['.5', 0.5], ['0', 0],
  ])('reads %j as %d', (text, value) => {
    expect(parseQuantity(text)).toBeCloseTo(value as number);
  });
  test.each([['abc'], ['1 Gi'], ['1gi'], [''], [null], [{}], [Infinity], ['1e400']])('refuses %j', (text) => {
    expect(parseQuantity(text)).toBeUndefined();
  });
  test('property: the same amount in milli, plain and kilo notation reads the same', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 10 ** 6 }), (n) => {
      const plain = parseQuantity(`${n}`)!;
      return Math.abs(parseQuantity(`${n * 1000}m`)! - plain) < 1e-6 && Math.abs(parseQuantity(`${n / 1000}k`)! - plain) < 1e-6;
    }));
  });

  test.each([
    ['250m', 0.25], ['1', 1], ['1.5', 1.5], ['.5', 0.5], ['2k', 2000], ['1M', 1e6], ['1G', 1e9],
    ['512Mi', 512 * 2 ** 20], ['1Gi', 2 ** 30], ['1Ki', 1024], ['1e3', 1000], ['5E-1', 0.5], ['100u', 1e-4], [3, 3],
  ])('%s is %d', (q, v) => {
    expect(parseQuantity(q)).toBeCloseTo(v as number, 12);
  });

  test.each(['', 'abc', '1.2.3', '1mi', '1 Gi', 'Gi', '1Xi', NaN, undefined, null, {}])('%p is not a quantity', (q) => {
    expect(parseQuantity(q)).toBeUndefined();
  });

  test('a whole number of mebibytes reads back as what Paved writes', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 1048576 }), (mi) => parseQuantity(`${mi}Mi`) === mi * 2 ** 20));
  });

  test('millicores read back as cores', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 1e6 }), (m) => Math.abs(parseQuantity(`${m}m`)! - m / 1000) < 1e-9));
  });
});
