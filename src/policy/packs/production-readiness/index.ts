import { DISRUPTION_BUDGET, REPLICAS, TOPOLOGY_SPREAD } from './availability';
import { IMAGE_PINNED, IMAGE_REGISTRY } from './images';
import { MIGRATION_COMPATIBILITY } from './migration-compatibility';
import { OWNER_LABELS_RULE } from './owner-labels';
import { PROBES_RULE } from './probes';
import { QUOTA_AT_MAX_REPLICAS } from './quota-capacity';
import { READ_ONLY_ROOT_FS } from './read-only-root-fs';
import { MEMORY_LIMIT, RESOURCE_REQUESTS } from './resources';
import { DEFAULT_SERVICE_ACCOUNT, SERVICE_ACCOUNT_TOKEN } from './service-account';
import { IRule } from '../../rule';

/** Production readiness, in report order. */
export const PRODUCTION_READINESS_RULES: IRule[] = [
  PROBES_RULE, RESOURCE_REQUESTS, MEMORY_LIMIT, IMAGE_PINNED, IMAGE_REGISTRY, REPLICAS, DISRUPTION_BUDGET,
  TOPOLOGY_SPREAD, OWNER_LABELS_RULE, DEFAULT_SERVICE_ACCOUNT, SERVICE_ACCOUNT_TOKEN, READ_ONLY_ROOT_FS,
  QUOTA_AT_MAX_REPLICAS, MIGRATION_COMPATIBILITY,
];
