import * as fs from 'fs';
import * as path from 'path';
import { Testing } from 'cdk8s';
import { Tier } from '../../../src/platform/tier';
import { evaluate } from '../../../src/policy/evaluation';
import { JSON_REPORT_FILE, SARIF_REPORT_FILE, writeReports } from '../../../src/policy/reports/report-files';
import { RuleBook } from '../../../src/policy/rule-book';
import { FakeEnvironment, Service } from '../fixtures';

describe('writeReports', () => {
  test('writes the JSON and SARIF reports, creating the directory, each ending in a newline', () => {
    const app = Testing.app();
    new Service(new FakeEnvironment(app, 'prod', Tier.PRODUCTION), 'svc', { replicas: 1 });
    const evaluation = evaluate({ scope: app, book: new RuleBook({ path: 'p', packs: [], rules: [], configurations: [] }), suppressions: [], today: '2027-01-01' });
    const directory = path.join(app.outdir, 'nested', 'reports');

    writeReports(app, evaluation, directory);

    expect(fs.readdirSync(directory).sort()).toEqual([JSON_REPORT_FILE, SARIF_REPORT_FILE]);
    const json = fs.readFileSync(path.join(directory, JSON_REPORT_FILE), 'utf8');
    expect(json.endsWith('}\n')).toBe(true);
    expect(JSON.parse(json).summary.findings).toBe(2);
    expect(JSON.parse(fs.readFileSync(path.join(directory, SARIF_REPORT_FILE), 'utf8')).runs[0].results).toHaveLength(2);
  });
});
