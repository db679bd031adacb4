// `paved/pulumi`: the cloud side of Paved's dependencies. Plain TypeScript over @pulumi/*, built
// by tsc outside jsii; `paved` itself never imports it.
import { requirePeers } from './peers';

// Before any module below loads @pulumi/*: a missing package gets the install command, not a bare stack trace.
requirePeers(require);

export { PavedCloud, PavedCloudArgs, PavedCloudOverrides, CloudEndpoint } from './paved-cloud';
export { PostgresDatabase, PostgresDatabaseArgs, PostgresDatabaseOverrides } from './postgres-database';
export { RedisCache, RedisCacheArgs, RedisCacheOverrides } from './redis-cache';
export { SecureBucket, SecureBucketArgs, SecureBucketOverrides } from './secure-bucket';
export { SecureQueue, SecureQueueArgs, SecureQueueOverrides } from './secure-queue';
export { ServiceRole, ServiceRoleArgs, ServiceRoleOverrides, QueueAccess, QueueGrant } from './service-role';
export { ConnectionSecret, ConnectionSecretArgs } from './connection-secret';
export { CloudNetwork, CloudCluster } from './network';
export { CloudTags } from './tags';
export { PolicySubject, CloudFinding, checkCloudResource } from './policy-gate';
export { ResourceScope } from './resource-scope';
export { PULUMI_PEERS } from './peers';
export { PavedMocks, PavedMocksOptions } from './mocks';
export { guardChildren } from './guard';
