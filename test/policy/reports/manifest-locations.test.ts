import * as fs from 'fs';
import * as path from 'path';
import { Chart, Testing, YamlOutputType } from 'cdk8s';
import { Tier } from '../../../src/platform/tier';
import { evaluate } from '../../../src/policy/evaluation';
import { manifestLocator } from '../../../src/policy/reports/manifest-locations';
import { RuleBook } from '../../../src/policy/rule-book';
import { RulePack } from '../../../src/policy/rule-pack';
import { FakeEnvironment, Service, TWO_REPLICAS } from '../fixtures';

/** Two environments with one failing service each, synthesized with the given layout. */
function located(yamlOutputType?: YamlOutputType, dependent = false) {
  const app = Testing.app({ yamlOutputType });
  const a = new FakeEnvironment(app, 'alpha', Tier.PRODUCTION);
  const b = new FakeEnvironment(app, 'beta', Tier.PRODUCTION);
  new Service(a, 'one', { replicas: 1, team: 'x' });
  new Service(b, 'two', { replicas: 1, team: 'x' });
  if (dependent) b.addDependency(a);
  app.synth();
  const book = new RuleBook({ path: 'p', packs: [new RulePack('r', [TWO_REPLICAS])], rules: [], configurations: [] });
  const evaluation = evaluate({ scope: app, book, suppressions: [], today: '2027-01-01' });
  const locate = manifestLocator(app, evaluation.documentOf);
  const relative = (file: string) => path.relative(process.cwd(), path.join(app.outdir, file));
  return { app, locations: evaluation.findings.map(locate), relative };
}

describe('manifestLocator', () => {
  test('one file per chart, named after the chart', () => {
    const { locations, relative } = located();

    expect(locations).toEqual([
      { uri: relative('alpha.k8s.yaml'), startLine: 1 },
      { uri: relative('beta.k8s.yaml'), startLine: 1 },
    ]);
  });

  test('numbered chart files once a chart depends on another', () => {
    const { locations, relative } = located(undefined, true);

    expect(locations.map((l) => l?.uri)).toEqual([relative('0000-alpha.k8s.yaml'), relative('0001-beta.k8s.yaml')]);
  });

  test('one file for the app: the line tells the objects apart', () => {
    const { locations, relative, app } = located(YamlOutputType.FILE_PER_APP);
    const lines = fs.readFileSync(path.join(app.outdir, 'app.k8s.yaml'), 'utf8').split('\n');

    expect(locations.map((l) => l?.uri)).toEqual([relative('app.k8s.yaml'), relative('app.k8s.yaml')]);
    expect(lines[locations[1]!.startLine! - 2]).toBe('---');
    expect(locations[1]!.startLine).toBeGreaterThan(locations[0]!.startLine!);
  });

  test('one file per resource, and one folder per chart', () => {
    expect(located(YamlOutputType.FILE_PER_RESOURCE).locations.map((l) => path.basename(l!.uri)))
      .toEqual(['Deployment.one.k8s.yaml', 'Deployment.two.k8s.yaml']);
    const folders = located(YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE);
    expect(folders.locations.map((l) => l?.uri)).toEqual([
      folders.relative('alpha/Deployment.one.k8s.yaml'),
      folders.relative('beta/Deployment.two.k8s.yaml'),
    ]);
  });

  test('points nowhere rather than at a file that is not there', () => {
    const app = Testing.app();
    new Service(new Chart(app, 'never-written'), 'svc', { replicas: 1 });
    const book = new RuleBook({ path: 'p', packs: [new RulePack('r', [TWO_REPLICAS])], rules: [], configurations: [] });
    const evaluation = evaluate({ scope: app, book, suppressions: [], today: '2027-01-01' });

    expect(evaluation.findings.map(manifestLocator(app, evaluation.documentOf))).toEqual([undefined]);
  });
});
