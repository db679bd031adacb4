import { ApiObject, App, Duration, JsonPatch, Testing } from 'cdk8s';
import { GitOps } from '../../../src/delivery/gitops';
import { CanaryOptions, Rollout } from '../../../src/delivery/rollout';
import { Environment } from '../../../src/environment/environment';
import { PreviewEnvironment } from '../../../src/environment/preview-environment';
import { PreviewNames } from '../../../src/environment/preview-names';
import { Tier } from '../../../src/platform/tier';
import { PlatformService } from '../../../src/service/platform-service';
import { testPlatform, testService } from '../../support/fixtures';
import { manifestsOf } from '../../support/schema';
import { buildEveryConstruct } from '../apiserver/every-construct';
import { emittedObjects } from '../promtool/corpus';

/** What one namespace of one app holds: the Rollouts controller looks references up there. */
export interface Group {
  readonly source: string;
  readonly objects: any[];
}

/** Objects of `app`, one group per chart namespace. */
function groupsOf(source: string, app: App): Group[] {
  const byNamespace = new Map<string, any[]>();
  for (const chart of app.charts) {
    for (const object of manifestsOf(chart)) {
      const namespace = object.metadata?.namespace ?? chart.namespace ?? 'default';
      byNamespace.set(namespace, [...byNamespace.get(namespace) ?? [], { ...object, metadata: { ...object.metadata, namespace } }]);
    }
  }
  return [...byNamespace].map(([namespace, objects]) => ({ source: `${source} ${namespace}`, objects }));
}

/**
 * Canary options at their bounds, each on a service in the least critical tier it applies in:
 * a single step, a hundred steps, the shortest pause and interval, no failure tolerated and the
 * most, the loosest and tightest thresholds, nginx weighting, a canary from production only and
 * one from development.
 */
const CANARY_BOUNDS: Array<[string, CanaryOptions, Tier, boolean]> = [
  ['single-step', { steps: [100] }, Tier.STAGING, false],
  ['hundred-steps', { steps: Array.from({ length: 100 }, (_, i) => i + 1), pause: Duration.seconds(1) }, Tier.STAGING, false],
  ['tightest', { steps: [1, 100], analysis: { maxErrorRate: 0.0001, maxLatencyP99: Duration.millis(1), interval: Duration.seconds(1), failureLimit: 0 } }, Tier.PRODUCTION, true],
  ['loosest', { steps: [50, 100], pause: Duration.hours(2), analysis: { maxErrorRate: 1, maxLatencyP99: Duration.minutes(5), interval: Duration.hours(1), failureLimit: 100 } }, Tier.PRODUCTION, true],
  ['production-only', { steps: [5, 25, 100], fromTier: Tier.PRODUCTION }, Tier.PRODUCTION, true],
  ['from-development', { steps: [30, 60, 100], fromTier: Tier.DEVELOPMENT }, Tier.DEVELOPMENT, true],
];

function canaryApp(options: CanaryOptions, tier: Tier, ingress: boolean): [App, PlatformService] {
  const app = Testing.app();
  const env = new Environment(app, `payments-${tier.name}`, { platform: testPlatform({ ingress: { className: 'nginx' } }), tier, team: 'payments' });
  const service = testService(env, {
    observability: { metricsPort: 9090 },
    ...(ingress ? { ingress: { host: 'orders.apps.acme.dev' } } : {}),
    rollout: Rollout.canary(options),
  });
  return [app, service];
}

/**
 * Every Rollout and AnalysisTemplate Paved emits, with what they reference: the examples and
 * the alert suite's fixtures (the golden path in every tier, a canary with analysis), the
 * every-construct app (nginx-weighted canaries, custom analysis, pauses, tiers), and the
 * canary options at their bounds.
 */
export function rolloutGroups(): Group[] {
  const emitted = new Map<string, any[]>();
  for (const e of emittedObjects()) {
    // `source` starts with the app's name (`examples/basic`, `fixtures/canary-production`).
    const key = `${e.source.split(' ')[0]} ${e.object.metadata.namespace}`;
    emitted.set(key, [...emitted.get(key) ?? [], e.object]);
  }
  return [
    ...[...emitted].map(([source, objects]) => ({ source, objects })),
    ...groupsOf('every-construct', buildEveryConstruct(Testing.app())),
    ...CANARY_BOUNDS.flatMap(([name, options, tier, ingress]) => groupsOf(`canary/${name}`, canaryApp(options, tier, ingress)[0])),
  ];
}

/** A Rollout or AnalysisTemplate Argo must reject, and the words of its rejection. */
export interface Twin {
  readonly name: string;
  readonly group: Group;
  readonly kind: 'Rollout' | 'AnalysisTemplate';
  readonly expected: RegExp;
}

/**
 * Failing twins of the canaries above, each made through an escape hatch on the objects Paved
 * emits (a JSON patch, as a team could write), so the suite proves Argo's validation runs and
 * rejects, not only that it accepts.
 */
export function failingTwins(): Twin[] {
  const twin = (name: string, kind: Twin['kind'], expected: RegExp, patch: (s: PlatformService) => void): Twin => {
    const [app, service] = canaryApp({ steps: [10, 50, 100] }, Tier.PRODUCTION, true);
    patch(service);
    return { name, kind, expected, group: groupsOf(`twin/${name}`, app)[0] };
  };
  const rollout = (s: PlatformService) => s.rolloutObject!;
  const template = (s: PlatformService) => s.analysisTemplate!;
  return [
    twin('setWeight above 100', 'Rollout', /SetWeight needs to be between 0 and 100/, (s) =>
      rollout(s).addJsonPatch(JsonPatch.replace('/spec/strategy/canary/steps/0/setWeight', 150))),
    twin('one Service for stable and canary', 'Rollout', /same service for the stable and canary/, (s) =>
      rollout(s).addJsonPatch(JsonPatch.replace('/spec/strategy/canary/canaryService', s.stableService!.name))),
    twin('analysis without its argument', 'Rollout', /args\.canary-hash was not resolved/, (s) =>
      rollout(s).addJsonPatch(JsonPatch.remove('/spec/strategy/canary/analysis/args'))),
    twin('stable Ingress not routing to the stable Service', 'Rollout', /has no rules using service/, (s) =>
      ApiObject.of(s.ingress!).addJsonPatch(JsonPatch.replace('/spec/rules/0/http/paths/0/backend/service/name', s.service.name))),
    twin('a field Argo does not know', 'Rollout', /unknown field "setWeights"/, (s) =>
      rollout(s).addJsonPatch(JsonPatch.add('/spec/strategy/canary/setWeights', [10]))),
    twin('failureLimit below -1', 'AnalysisTemplate', /failureLimit must be >= 0, or -1 to be disabled/, (s) =>
      template(s).addJsonPatch(JsonPatch.replace('/spec/metrics/0/failureLimit', -2))),
    twin('an interval Argo cannot read', 'AnalysisTemplate', /invalid interval string/, (s) =>
      template(s).addJsonPatch(JsonPatch.replace('/spec/metrics/0/interval', '1 minute'))),
    twin('two metrics of one name', 'AnalysisTemplate', /two metrics have the same name 'error-rate'/, (s) =>
      template(s).addJsonPatch(JsonPatch.replace('/spec/metrics/1/name', 'error-rate'))),
  ];
}

/** A pull request as GitHub lists it. */
export interface PullRequest {
  readonly number: number;
  readonly title: string;
  readonly branch: string;
  readonly targetBranch: string;
  readonly headSha: string;
  readonly labels: string[];
  readonly author: string;
}

/** A repository's previews: how its app is built for a pull request, and its open pull requests. */
export interface PreviewRepository {
  readonly source: string;
  /** Builds the app CI synthesizes for pull request `n`: the preview, and the GitOps chart. */
  readonly build: (app: App, n: number) => App;
  /** The GitHub token the ApplicationSet's tokenRef names, when it names one. */
  readonly token?: string;
  /** Open pull requests; those without the generator's labels must get no Application. */
  readonly pullRequests: PullRequest[];
}

function pr(number: number, branch: string, labels: string[], targetBranch = 'main'): PullRequest {
  // A deterministic 40-hex head commit per pull request.
  const headSha = Array.from({ length: 40 }, (_, i) => ((number * 7 + i * 13) % 16).toString(16)).join('');
  return { number, title: `Change ${branch}`, branch, targetBranch, headSha, labels, author: 'dev' };
}

/** A team (and application) of the longest slug a preview namespace has room for. */
const LONG_TEAM = 'platform-engineering-observability-and-cost';
const LONG_APP = 'shop';

/**
 * The repositories whose previews are rendered: the preview example (its own buildApp, as its CI
 * runs it, PR 142 among others), the every-construct app (an application name, a token Secret),
 * and a team whose names fill the namespace. Branch names go from plain to slashes, uppercase,
 * underscores and 200 characters; numbers from 1 to ten digits; some pull requests lack the label.
 */
export function previewRepositories(): PreviewRepository[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const example = require('../../../examples/preview/main');
  const long = `renovate/${'all-minor-and-patch-dependency-updates-'.repeat(5)}`.slice(0, 200);
  if (`${LONG_TEAM}--${LONG_APP}`.length !== PreviewNames.maxSlugLength()) throw new Error('LONG_TEAM must fill the slug');
  return [
    {
      source: 'examples/preview',
      build: (app, n) => example.buildApp(app, n),
      pullRequests: [
        pr(142, 'feature/orders-seed', ['preview']),
        pr(1, 'main-hotfix', ['preview', 'urgent']),
        pr(57, 'Feature/UPPER_Case_Branch', ['preview']),
        pr(143, 'docs/readme', []),
        pr(9999999999, long, ['preview'], 'release/2024.06'),
        pr(88, 'users/dev/WIP.experiment', ['needs-review']),
      ],
    },
    {
      source: 'every-construct',
      build: (app, n) => {
        buildEveryConstruct(app);
        // buildEveryConstruct's own preview is pull request 7; another is added for any other number.
        if (n !== 7) {
          const platform = (app.charts.find((c) => c instanceof PreviewEnvironment) as PreviewEnvironment).platform;
          new PreviewEnvironment(app, `shop-pr-${n}`, { platform, team: 'shop', application: 'shop', pullRequest: n, repository: 'https://github.com/acme/shop-infra' });
        }
        return app;
      },
      token: 'ghp_conformance',
      pullRequests: [
        pr(7, 'feat/checkout', ['preview']),
        pr(4096, 'Bugfix/JIRA-1234_Pay_Button', ['preview', 'large']),
        pr(12, 'chore/deps', ['dependencies']),
      ],
    },
    {
      source: 'fixtures/longest-names',
      build: (app, n) => {
        const platform = testPlatform();
        new PreviewEnvironment(app, `preview-${n}`, { platform, team: LONG_TEAM, application: LONG_APP, pullRequest: n });
        new GitOps(app, 'gitops', {
          platform,
          team: LONG_TEAM,
          repoURL: 'https://github.com/acme/observability-infra',
          environments: [],
          previews: { github: { owner: 'acme', repo: 'observability-infra' }, application: LONG_APP },
        });
        return app;
      },
      pullRequests: [pr(9999999999, 'a/b/c/d/e/f', []), pr(3, 'x', [])],
    },
  ];
}
