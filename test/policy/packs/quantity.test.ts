import * as fc from 'fast-check';
import { parseQuantity } from '../../../src/policy/packs/quantity';

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
});
