import * as fc from 'fast-check';
import { PreviewNames, requirePreviewNames } from '../../src/environment/preview-names';
import { Errors } from '../../src/errors';

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DOMAIN = 'preview.apps.acme.dev';
const number = fc.integer({ min: 1, max: 10 ** PreviewNames.MAX_PULL_REQUEST_DIGITS - 1 });

/** Whether a team and application pass the one check every preview name goes through. */
function accepted(team: string, application?: string): boolean {
  try {
    requirePreviewNames('x', 'team', team, 'application', application);
    return true;
  } catch (e) {
    if (!Errors.isPavedError(e)) throw e;
    return false;
  }
}

/**
 * DNS labels from a small alphabet heavy in "-", "p", "r" and digits, so that generated names
 * often hold "-pr-<n>" and hyphens where team and application meet: the collisions to look for.
 */
const label = fc.array(fc.constantFrom('a', 'p', 'r', '-', '-', '1', '2', 'z'), { minLength: 1, maxLength: 24 })
  .map((chars) => chars.join(''))
  .filter((s) => DNS_LABEL.test(s));
/** Any team and application a preview accepts. */
const teamAndApplication = fc.tuple(label, fc.option(label, { nil: undefined }))
  .filter(([team, application]) => accepted(team, application));
const triple = fc.tuple(teamAndApplication, number).map(([[team, application], pullRequest]) => ({ team, application, pullRequest }));

interface Triple { readonly team: string; readonly application?: string; readonly pullRequest: number }

/** Every name a preview goes by: in the cluster, in DNS, in git and in Argo CD. */
function names(t: Triple, service = 'api'): { [kind: string]: string } {
  return {
    namespace: PreviewNames.namespace(t.team, t.pullRequest, t.application),
    host: PreviewNames.host(DOMAIN, service, t.team, t.pullRequest, t.application),
    branch: PreviewNames.publishBranch(t.team, t.pullRequest, t.application),
    // Argo CD names each preview's Application as the rendered template names it.
    application: render(PreviewNames.namespaceTemplate(t.team, t.application), t.pullRequest),
  };
}

function render(template: string, pullRequest: number): string {
  return template.split(PreviewNames.PULL_REQUEST_NUMBER_TEMPLATE).join(String(pullRequest));
}

/** Reads a namespace back to its triple, as anyone holding only the name would: the proof it is injective. */
function parseNamespace(namespace: string): Triple {
  const match = /^(.+)-pr-([1-9][0-9]*)$/.exec(namespace)!;
  const join = match[1].indexOf('--');
  const team = join < 0 ? match[1] : match[1].slice(0, join);
  const application = join < 0 ? undefined : match[1].slice(join + 2);
  return { team, pullRequest: Number(match[2]), ...(application === undefined ? {} : { application }) };
}

function parseHost(host: string): Triple {
  const labels = host.slice(0, -(DOMAIN.length + 1)).split('.');
  const [pr, , ...rest] = labels;
  const team = rest[rest.length - 1];
  const application = rest.length === 2 ? rest[0] : undefined;
  return { team, pullRequest: Number(pr.slice('pr-'.length)), ...(application === undefined ? {} : { application }) };
}

/** A triple without an `application: undefined` key, to compare with what a parse gives. */
function normal(t: Triple): Triple {
  return { team: t.team, pullRequest: t.pullRequest, ...(t.application === undefined ? {} : { application: t.application }) };
}

describe('PreviewNames', () => {
  test('names the namespace after the team, the application when given, and the pull request', () => {
    expect(PreviewNames.namespace('payments', 142)).toBe('payments-pr-142');
    expect(PreviewNames.namespace('payments', 142, 'orders')).toBe('payments--orders-pr-142');
  });

  test('names hosts after the pull request, the service, the application when given and the team', () => {
    expect(PreviewNames.host(DOMAIN, 'orders-api', 'payments', 142)).toBe('pr-142.orders-api.payments.preview.apps.acme.dev');
    expect(PreviewNames.host(DOMAIN, 'orders-api', 'payments', 142, 'orders')).toBe('pr-142.orders-api.orders.payments.preview.apps.acme.dev');
  });

  test('names the branch CI publishes to after the namespace', () => {
    expect(PreviewNames.publishBranch('payments', 142)).toBe('paved/preview/payments-pr-142');
    expect(PreviewNames.publishBranch('payments', 142, 'orders')).toBe('paved/preview/payments--orders-pr-142');
  });

  test('names the previews AppProject and ApplicationSet after the team and application', () => {
    expect(PreviewNames.projectName('payments')).toBe('payments-previews');
    expect(PreviewNames.projectName('payments', 'api')).toBe('payments--api-previews');
  });

  test('team payments with application api and team payments-api go by different names everywhere', () => {
    const split = names({ team: 'payments', application: 'api', pullRequest: 12 });
    const joined = names({ team: 'payments-api', pullRequest: 12 });
    for (const kind of Object.keys(split)) expect(split[kind]).not.toBe(joined[kind]);
    expect(PreviewNames.projectName('payments', 'api')).not.toBe(PreviewNames.projectName('payments-api'));
  });

  test('the Go templates Argo CD renders give exactly the names the preview synthesizes', () => {
    fc.assert(fc.property(triple, ({ team, application, pullRequest }) => {
      expect(render(PreviewNames.namespaceTemplate(team, application), pullRequest)).toBe(PreviewNames.namespace(team, pullRequest, application));
      expect(render(PreviewNames.publishBranchTemplate(team, application), pullRequest))
        .toBe(PreviewNames.publishBranch(team, pullRequest, application));
    }));
  });

  test('every name reads back to the one triple it was made from: no two share a namespace, host, branch or Argo CD name', () => {
    fc.assert(fc.property(triple, (t) => {
      const n = names(t);
      expect(parseNamespace(n.namespace)).toEqual(normal(t));
      expect(parseNamespace(n.application)).toEqual(normal(t));
      expect(parseNamespace(n.branch.slice('paved/preview/'.length))).toEqual(normal(t));
      expect(parseHost(n.host)).toEqual(normal(t));
      expect(parseNamespace(PreviewNames.projectName(t.team, t.application).replace(/-previews$/, '-pr-1'))).toEqual(normal({ ...t, pullRequest: 1 }));
    }), { numRuns: 2000 });
  });

  test('distinct triples never share a name of any kind', () => {
    fc.assert(fc.property(triple, triple, (a, b) => {
      fc.pre(JSON.stringify(normal(a)) !== JSON.stringify(normal(b)));
      const [x, y] = [names(a), names(b)];
      for (const kind of Object.keys(x)) expect(x[kind]).not.toBe(y[kind]);
      if (a.team !== b.team || a.application !== b.application) {
        expect(PreviewNames.projectName(a.team, a.application)).not.toBe(PreviewNames.projectName(b.team, b.application));
      }
    }), { numRuns: 2000 });
  });

  test('every way of splitting one hyphenated name into team and application gives different names', () => {
    // The adversarial family: "a-b-c" alone, "a" with "b-c", "a-b" with "c".
    fc.assert(fc.property(fc.array(label, { minLength: 2, maxLength: 4 }), number, (parts, pullRequest) => {
      const whole = parts.join('-');
      const triples: Triple[] = [{ team: whole, pullRequest }];
      for (let i = 1; i < parts.length; i++) triples.push({ team: parts.slice(0, i).join('-'), application: parts.slice(i).join('-'), pullRequest });
      const valid = triples.filter((t) => accepted(t.team, t.application));
      for (const kind of ['namespace', 'host', 'branch', 'application']) {
        const all = valid.map((t) => names(t)[kind]);
        expect(new Set(all).size).toBe(all.length);
      }
      const projects = valid.map((t) => PreviewNames.projectName(t.team, t.application));
      expect(new Set(projects).size).toBe(projects.length);
    }));
  });

  test('every accepted team and application give valid names within the length limits, for any pull request', () => {
    expect(PreviewNames.maxSlugLength()).toBe(49);
    const long = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/);
    const any = fc.tuple(long, fc.option(long, { nil: undefined })).filter(([team, application]) => accepted(team, application));
    fc.assert(fc.property(fc.oneof(teamAndApplication, any), number, ([team, application], pullRequest) => {
      for (const name of [PreviewNames.namespace(team, pullRequest, application), PreviewNames.projectName(team, application)]) {
        expect(name.length).toBeLessThanOrEqual(63);
        expect(name).toMatch(DNS_LABEL);
      }
      const host = PreviewNames.host(DOMAIN, 'api', team, pullRequest, application);
      // No host label holds "--" in its third and fourth characters (reserved in DNS; refused by ACME CAs).
      for (const l of host.split('.')) {
        expect(l).toMatch(DNS_LABEL);
        expect(l.length).toBeLessThanOrEqual(63);
        expect(l.slice(2, 4)).not.toBe('--');
      }
      expect(PreviewNames.publishBranch(team, pullRequest, application)).toMatch(/^paved\/preview\/[a-z0-9-]+$/);
    }));
  });
});

describe('requirePreviewNames', () => {
  test.each([
    ['a team holding "--"', 'pay--ments', undefined, 'x: team "pay--ments" holds "--", which preview names reserve to join team and application (<team>--<application>-pr-<n>); use single hyphens'],
    ['an application holding "--"', 'payments', 'api--v2', 'x: application "api--v2" holds "--", which preview names reserve'],
    ['a team that is not a DNS label', 'Payments', undefined, 'x: team "Payments" must be a DNS-1123 label'],
    ['an application that is not a DNS label', 'payments', 'api_v2', 'x: application "api_v2" must be a DNS-1123 label'],
    ['a team too long', 'p'.repeat(50), undefined, `x: team "${'p'.repeat(50)}" is 50 characters; a preview namespace has room for 49 beside "-pr-<number>"`],
    ['a team and application too long', 'p'.repeat(24), 'a'.repeat(24), `x: team and application "${'p'.repeat(24)}--${'a'.repeat(24)}" are 50 characters; a preview namespace has room for 49`],
  ])('refuses %s', (_what, team, application, message) => {
    expect(() => requirePreviewNames('x', 'team', team, 'application', application)).toThrow(message);
  });

  test.each([
    ['single hyphens', 'pay-ments', 'api-v2'],
    ['the longest that fit', 'p'.repeat(49), undefined],
    ['the longest pair that fits', 'p'.repeat(24), 'a'.repeat(23)],
  ])('accepts %s', (_what, team, application) => {
    expect(accepted(team, application)).toBe(true);
  });
});
