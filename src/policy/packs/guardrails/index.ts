import { DEFAULT_DENY } from './default-deny';
import { LIMIT_RANGE } from './limit-range';
import { NAMESPACE_POD_SECURITY } from './namespace-pod-security';
import { RESOURCE_QUOTA } from './resource-quota';
import { IRule } from '../../rule';

/** The cluster's own guardrails in each namespace, in report order. */
export const GUARDRAIL_RULES: IRule[] = [NAMESPACE_POD_SECURITY, RESOURCE_QUOTA, LIMIT_RANGE, DEFAULT_DENY];
