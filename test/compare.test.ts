import { compareStrings } from '../src/compare';

describe('compareStrings', () => {
  test('orders by code unit, not by locale: upper case before lower, "-" before "."', () => {
    expect(['b', 'a.b', 'B', 'a-b'].sort(compareStrings)).toEqual(['B', 'a-b', 'a.b', 'b']);
  });
});
