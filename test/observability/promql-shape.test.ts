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

  test.each([
    ['an unbalanced bracket', 'sum(rate(x{a="b"}[5m])'],
    ['an unknown function', 'ratee(x[5m])'],
    ['a bad duration', 'rate(x[5 minutes])'],
    ['an unquoted label value', 'x{a=b}'],
    ['a dangling operator', 'x{a="b"} >'],
  ])('rejects %s', (_what, expr) => {
    expect(() => parsePromql(expr)).toThrow(/PromQL/);
  });
});
