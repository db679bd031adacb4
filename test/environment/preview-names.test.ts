import * as fc from 'fast-check';
import { PreviewNames } from '../../src/environment/preview-names';

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const label = (max: number) => fc.stringMatching(/^[a-z]([a-z0-9-]*[a-z0-9])?$/).filter((s) => s.length <= max);
const number = fc.integer({ min: 1, max: 10 ** PreviewNames.MAX_PULL_REQUEST_DIGITS - 1 });

describe('PreviewNames', () => {
  test('names the namespace after the team, the application when given, and the pull request', () => {
    expect(PreviewNames.namespace('payments', 142)).toBe('payments-pr-142');
    expect(PreviewNames.namespace('payments', 142, 'orders')).toBe('payments-orders-pr-142');
  });

  test('names hosts after the pull request, the service and the team, under the preview domain', () => {
    expect(PreviewNames.host('preview.apps.acme.dev', 'orders-api', 'payments', 142)).toBe('pr-142.orders-api.payments.preview.apps.acme.dev');
    expect(PreviewNames.host('preview.apps.acme.dev', 'orders-api', 'payments', 142, 'orders')).toBe('pr-142.orders-api.payments-orders.preview.apps.acme.dev');
  });

  test('names the branch CI publishes to', () => {
    expect(PreviewNames.publishBranch(142)).toBe('paved/preview-142');
  });

  test('the Go templates Argo CD renders give exactly the names the preview synthesizes', () => {
    fc.assert(fc.property(label(20), fc.option(label(20), { nil: undefined }), number, (team, application, pr) => {
      const render = (template: string) => template.split(PreviewNames.PULL_REQUEST_NUMBER_TEMPLATE).join(String(pr));
      expect(render(PreviewNames.namespaceTemplate(team, application))).toBe(PreviewNames.namespace(team, pr, application));
      expect(render(PreviewNames.publishBranchTemplate())).toBe(PreviewNames.publishBranch(pr));
    }));
  });

  test('every team and application that fit give a DNS-label namespace for any pull request number', () => {
    const slug = PreviewNames.maxSlugLength();
    expect(slug).toBe(49);
    fc.assert(fc.property(label(slug), number, (team, pr) => {
      const namespace = PreviewNames.namespace(team, pr);
      expect(namespace.length).toBeLessThanOrEqual(63);
      expect(namespace).toMatch(DNS_LABEL);
    }));
  });

  test('different teams, applications or pull requests never share a namespace', () => {
    fc.assert(fc.property(label(20), label(20), number, number, (a, b, x, y) => {
      fc.pre(a !== b || x !== y);
      // A team name never ends in "-pr-<digits>" followed by more, so the parse is unambiguous.
      expect(PreviewNames.namespace(a, x)).not.toBe(PreviewNames.namespace(b, y));
    }));
  });
});
