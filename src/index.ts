// The Kubernetes side of Paved (jsii). `paved/pulumi` is a separate entry: nothing here may import it.
export { Errors } from './errors';
export { Tier } from './platform/tier';
export { TierDefaults, TierSettings, ReplicaRange, NamespaceQuota } from './platform/tier-settings';
export { Labels } from './platform/labels';
export { ResourcePreset, ResourceSpec } from './platform/resource-preset';
export { Platform, PlatformProps, IngressSettings, ClusterDnsSettings, ProbeSettings } from './platform/platform';
export { Environment, EnvironmentProps } from './environment/environment';
export { ServiceIngressOptions } from './service/service-ingress';
export { PlatformService, PlatformServiceProps } from './service/platform-service';
export { CloudNames } from './dependencies/cloud-names';
export { DatabaseSize, CacheSize } from './dependencies/sizes';
export { AwsSettings, DatabaseSeed, InClusterImages } from './dependencies/dependency-settings';
export { Dependency, DependencyKind, DependencyProps, Realisation } from './dependencies/dependency';
export { PostgresDependency, PostgresDependencyProps } from './dependencies/postgres-dependency';
export { RedisDependency, RedisDependencyProps } from './dependencies/redis-dependency';
export { BucketDependency, BucketDependencyProps } from './dependencies/bucket-dependency';
