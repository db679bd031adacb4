import { ENVIRONMENT_BUDGET } from './environment-budget';
import { IRule } from '../../rule';

/** Cost, in report order. */
export const COST_RULES: IRule[] = [ENVIRONMENT_BUDGET];
