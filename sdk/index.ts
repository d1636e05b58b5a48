/** flink-platform: Pulumi components that run Apache Flink on Kubernetes. */
export { Environment, NamespacePurpose } from "./flink/environment";
export { CertManagerMode } from "./flink/operator-plan";
export { FlinkNamespace } from "./namespace";
export type { ContainerResourcesArgs, EgressRuleArgs, FlinkNamespaceArgs, NetworkArgs, QuotaArgs } from "./flink/args/namespace";
export { Cni, EgressProtocol } from "./flink/args/namespace";
export { FlinkOperator } from "./operator";
export type { FlinkOperatorArgs, OperatorImageArgs, OperatorWebhookArgs } from "./flink/args/operator";
export { FlinkPlatform } from "./platform";
export type { FlinkPlatformArgs, PlatformNamespaceArgs } from "./flink/args/platform";
export { FlinkRbac } from "./rbac";
export type { FlinkRbacArgs, RoleSubjectsArgs, WorkloadIdentityArgs } from "./flink/args/rbac";
export { FlinkCluster } from "./cluster";
export {
    CheckpointingMode, DeploymentMode, JobState, RestartStrategy, StateBackend, UpgradeMode, UpgradeStrategy,
} from "./flink/args/cluster";
export type {
    AutoscalerArgs, CheckpointingArgs, ClusterStorageArgs, FlinkClusterArgs, GatewayListenerArgs, IngressArgs, JobArgs, JobManagerArgs, OidcArgs,
    ReactiveArgs, RestartStrategyArgs, RouteArgs, SchedulingArgs, SessionJobArgs, TaskManagerArgs, TolerationArgs,
} from "./flink/args/cluster";
export { FlinkBlueGreenDeploymentResource, FlinkDeploymentResource, FlinkSessionJobResource } from "./crds";
export { FlinkVersion } from "./flink/versions";
export { FlinkSessionJob } from "./session-job";
export type { FlinkSessionJobArgs } from "./flink/args/session-job";
export { FlinkStorage } from "./storage";
export type { FlinkStorageArgs } from "./flink/args/storage";
export { PvcAccessMode, StorageBackend } from "./flink/args/storage";
export type { AzureStorageArgs, GcsStorageArgs, PvcStorageArgs, S3StorageArgs, StorageArgs, StorageCredentialsArgs } from "./flink/args/storage";
export { CloudProfile, cloudProfiles } from "./flink/cloud-profiles";
export { FlinkMonitoring } from "./monitoring";
export type {
    AlertThresholdsArgs, DashboardLabelArgs, FlinkMonitoringArgs, MonitoredClusterArgs, PrometheusStackArgs,
} from "./flink/args/monitoring";
export { PodMonitorResource, PrometheusRuleResource } from "./crds";
export { CiliumNetworkPolicyResource } from "./crds";
/** "Did you mean" for a program that checks its own config keys, as the platform stack does. */
export { suggest } from "./flink/suggest";
