import { INTERNET_EGRESS } from './internet-egress';
import { ISOLATED } from './isolation';
import { IRule } from '../../rule';

/** Network isolation, in report order. */
export const NETWORK_RULES: IRule[] = [ISOLATED, INTERNET_EGRESS];
