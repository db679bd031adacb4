import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdk8s';
import { CostEstimate, EnvironmentCost, usd } from './cost-estimate';
import { HOURS_PER_MONTH } from '../platform/rate-card';
import { REPORTS_DIRECTORY } from '../synth/output-names';
import { SynthStageOptions } from '../synth/synth-stage';

/** The cost report's file name, beside the policy reports. */
export const COST_REPORT_FILE = 'paved-cost.json';

/**
 * Prints every environment's estimate as a table and writes it as JSON, on every synth. The
 * figures are the same `CostEstimate.all(app)` returns, so tests can assert what CI prints.
 *
 * @internal
 */
export function writeCostReport(app: App, options: SynthStageOptions): void {
  const estimates = CostEstimate.all(app);
  if (estimates.length === 0) return;
  if (options.console) console.error(costTable(estimates));
  const directory = path.join(app.outdir, REPORTS_DIRECTORY);
  fs.mkdirSync(directory, { recursive: true });
  const report = {
    currency: 'USD',
    period: 'month',
    hoursPerMonth: HOURS_PER_MONTH,
    note: 'Approximations: requested resources and declared sizes at the platform rate card, not metered usage.',
    environments: estimates,
  };
  fs.writeFileSync(path.join(directory, COST_REPORT_FILE), `${JSON.stringify(report, null, 2)}\n`, 'utf8');
}

/**
 * Rows per environment the console shows; the JSON report has every line. A monorepo of hundreds
 * of services would otherwise print thousands of rows into every CI log.
 */
export const CONSOLE_ROWS_PER_ENVIRONMENT = 25;

/** The console table: one block per environment, a row per service and dependency (the costliest first when cut). @internal */
export function costTable(estimates: EnvironmentCost[]): string {
  const range = (min: number, max: number) => (min === max ? usd(min) : `${usd(min)} – ${usd(max)}`);
  const rows: string[][] = [];
  for (const e of estimates) {
    const budget = e.budgetUsd === undefined ? '' : `budget ${usd(e.budgetUsd)}${e.monthlyUsdMax > e.budgetUsd ? ' (over at the ceiling)' : ''}`;
    rows.push([`${e.namespace} [${e.tier}]`, '', range(e.monthlyUsdMin, e.monthlyUsdMax), budget]);
    const shown = e.lines.length <= CONSOLE_ROWS_PER_ENVIRONMENT ? e.lines
      : [...e.lines].sort((a, b) => b.monthlyUsdMax - a.monthlyUsdMax).slice(0, CONSOLE_ROWS_PER_ENVIRONMENT);
    for (const line of shown) rows.push([`  ${line.kind}`, line.name, range(line.monthlyUsdMin, line.monthlyUsdMax), line.basis]);
    if (shown.length < e.lines.length) {
      rows.push(['  …', `${e.lines.length - shown.length} more`, '', `in ${REPORTS_DIRECTORY}/${COST_REPORT_FILE}`]);
    }
  }
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i].length)));
  const body = rows.map((r) => [r[0].padEnd(widths[0]), r[1].padEnd(widths[1]), r[2].padStart(widths[2]), r[3]].join('  ').trimEnd());
  return ['Paved cost estimate, USD a month (approximations at the platform rate card; min – max over replica ranges):', ...body].join('\n');
}
