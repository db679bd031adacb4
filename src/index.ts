// The Kubernetes side of Paved (jsii). `paved/pulumi` is a separate entry: nothing here may import it.
export { Errors } from './errors';
export { Tier } from './platform/tier';
export { TierDefaults, TierSettings, ReplicaRange, NamespaceQuota } from './platform/tier-settings';
export { Labels } from './platform/labels';
export { ResourcePreset, ResourceSpec } from './platform/resource-preset';
export { Platform, PlatformProps, IngressSettings, ClusterDnsSettings, ProbeSettings } from './platform/platform';
export { ExposureSettings, ExposureException, ResolvedExposureSettings } from './platform/exposure-settings';
export { Environment, EnvironmentProps, EnvironmentBudget } from './environment/environment';
export { ServiceIngressOptions } from './service/service-ingress';
export { PlatformService } from './service/platform-service';
export { PlatformServiceProps } from './service/platform-service-props';
export { ServiceOwner } from './workload/workload-owner';
export { Workload } from './workload/workload';
export { WorkloadKind } from './workload/workload-kind';
export { WorkloadProps } from './workload/workload-props';
export { ObservabilitySettings, ResolvedObservabilitySettings } from './observability/observability-settings';
export { NetworkSettings } from './network/network-settings';
export { DeclaredPeer } from './network/declared-peers';
export { ObservabilityOptions, ServiceLevelObjective, AlertThresholds } from './observability/observability-options';
export { RateCard, ResolvedRateCard } from './platform/rate-card';
export { CostEstimate, CostLine, EnvironmentCost } from './cost/cost-estimate';
export { CloudNames } from './dependencies/cloud-names';
export { DatabaseSize, CacheSize } from './dependencies/sizes';
export { AwsSettings, DatabaseSeed, InClusterImages, ResolvedAwsSettings } from './platform/dependency-settings';
export { Dependency, DependencyKind, DependencyProps, Realisation } from './dependencies/dependency';
export { PostgresDependency, PostgresDependencyProps } from './dependencies/postgres-dependency';
export { RedisDependency, RedisDependencyProps } from './dependencies/redis-dependency';
export { BucketDependency, BucketDependencyProps } from './dependencies/bucket-dependency';
export { Policy, PolicyReportOptions, ResourceRule } from './policy/policy';
export { PolicySettings, RuleConfiguration, RuleOverride } from './policy/policy-settings';
export { PolicyTesting, PolicyTestOptions } from './policy/policy-testing';
export { Finding, Acknowledgement } from './policy/finding';
export { SuppressionOptions } from './policy/suppression';
export { IRule, RuleContext, NetworkFacts, Violation, Severity, Enforcement, RuleCategory, ScannerChecks } from './policy/rule';
export { EnvironmentFacts, GuardrailFacts, ExposureFacts, ExpectedObject } from './environment/environment-facts';
export { RulePack } from './policy/rule-pack';
export { RulePacks } from './policy/rule-packs';
export { KyvernoPolicies, KyvernoPoliciesProps, AdmissionCoverage } from './policy/kyverno/kyverno-policies';
export { DataSecurityPack, CloudKinds, CloudAccount, CloudResource, CloudResourceMetadata } from './policy/packs/data-security';
export { PreviewNames } from './environment/preview-names';
export { PreviewSettings, ResolvedPreviewSettings } from './platform/preview-settings';
export { GitOpsSettings, ResolvedGitOpsSettings } from './platform/gitops-settings';
export { PreviewEnvironment, PreviewEnvironmentProps } from './environment/preview-environment';
export { PreviewUrl } from './environment/preview-url';
export { GitOps } from './delivery/gitops';
export { GitOpsProps, GitOpsSyncOptions, GitOpsPreviewOptions, GitHubPullRequests } from './delivery/gitops-props';
export { Rollout, CanaryOptions, CanaryAnalysis } from './delivery/rollout';

// The composition root: the steps every synth runs, in this order. Registered here, above every
// layer, so no layer has to import the ones that read it (policy reads every object; the
// catalog, cost and previews read services and dependencies).
import { CATALOG_SYNTH_STAGE } from './catalog/catalog-stage';
import { COST_SYNTH_STAGE } from './cost/cost-stage';
import { PREVIEW_SYNTH_STAGE } from './environment/preview-stage';
import { POLICY_SYNTH_STAGE } from './policy/policy-stage';
import { registerSynthStage } from './synth/synth-stage';

registerSynthStage(POLICY_SYNTH_STAGE, CATALOG_SYNTH_STAGE, COST_SYNTH_STAGE, PREVIEW_SYNTH_STAGE);
