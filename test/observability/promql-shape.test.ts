import { parsePromql } from '../support/promql';

// The checker the observability tests rely on must itself reject what Prometheus would.
describe('the PromQL shape check', () => {
  test('reads selectors, range vectors, functions, aggregations and binary operators', () => {
    expect(parsePromql('sum(rate(http_requests_total{namespace="a",code=~"5.."}[5m])) / sum(rate(http_requests_total{namespace="a"}[5m])) > 0.05'))
      .toEqual([
        { metric: 'http_requests_total', matchers: { namespace: 'a', code: '=~5..' } },
        { metric: 'http_requests_total', matchers: { namespace: 'a' } },
      ]);
    expect(() => parsePromql('histogram_quantile(0.99, sum by (le) (rate(x_bucket{a="b"}[5m]))) > 1')).not.toThrow();
    expect(() => parsePromql('a:b:ratio_rate1h{a="b"} > 0.0144 and a:b:ratio_rate5m{a="b"} > 0.0144')).not.toThrow();
  });

  test('reads vector matching and time()', () => {
    expect(parsePromql('x{a="1"} * on (a, b) group_left () y{a="1"} > on () group_left () (max(z) or vector(0))').map((s) => s.metric))
      .toEqual(['x', 'y', 'z']);
    expect(() => parsePromql('(time() - max by (a) (x{a="1"})) and ignoring (c) (y == 0)')).not.toThrow();
  });

  test.each([
    ['an unbalanced bracket', 'sum(rate(x{a="b"}[5m])'],
    ['an unknown function', 'ratee(x[5m])'],
    ['a bad duration', 'rate(x[5 minutes])'],
    ['an unquoted label value', 'x{a=b}'],
    ['a dangling operator', 'x{a="b"} >'],
    ['matching without a label list', 'x * on a y'],
    ['a grouping before the matching', 'x * group_left () on (a) y'],
  ])('rejects %s', (_what, expr) => {
    expect(() => parsePromql(expr)).toThrow(/PromQL/);
  });
});
