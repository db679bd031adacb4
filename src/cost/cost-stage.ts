import { App, Lazy } from 'cdk8s';
import { IConstruct } from 'constructs';
import { CostEstimate } from './cost-estimate';
import { writeCostReport } from './cost-report';
import { Environment } from '../environment/environment';
import { ESTIMATE_ANNOTATION } from '../platform/annotations';
import { SynthStage, SynthStageOptions } from '../synth/synth-stage';

/**
 * Cost as a step of every synth: each Environment's Namespace carries the most it may cost
 * (computed at render, so it covers services added after the environment), and the synth prints
 * the estimates and writes `paved-cost.json`.
 *
 * @internal
 */
export const COST_SYNTH_STAGE: SynthStage<undefined> = {
  name: 'cost',
  join: (scope: IConstruct) => {
    if (!Environment.isEnvironment(scope)) return;
    scope.namespaceObject.metadata.addAnnotation(ESTIMATE_ANNOTATION, Lazy.any({ produce: () => CostEstimate.of(scope).monthlyUsdMax.toFixed(2) }));
  },
  write: (app: App, _result: undefined, options: SynthStageOptions) => writeCostReport(app, options),
};
