/** flink-platform: Pulumi components that run Apache Flink on Kubernetes. */
export { Environment, NamespacePurpose } from "./flink/environment";
export { CertManagerMode } from "./flink/operator-plan";
export { FlinkNamespace } from "./namespace";
export type { ContainerResourcesArgs, FlinkNamespaceArgs, NetworkArgs, QuotaArgs } from "./namespace";
export { FlinkOperator } from "./operator";
export type { FlinkOperatorArgs, OperatorImageArgs, OperatorWebhookArgs } from "./operator";
export { FlinkPlatform } from "./platform";
export type { FlinkPlatformArgs, PlatformNamespaceArgs } from "./platform";
export { FlinkRbac } from "./rbac";
export type { FlinkRbacArgs, RoleSubjectsArgs, WorkloadIdentityArgs } from "./rbac";
export { FlinkCluster } from "./cluster";
export {
    CheckpointingMode, DeploymentMode, JobState, RestartStrategy, StateBackend, UpgradeMode,
} from "./cluster-args";
export type {
    AutoscalerArgs, CheckpointingArgs, ClusterStorageArgs, FlinkClusterArgs, IngressArgs, JobArgs, JobManagerArgs, ReactiveArgs,
    RestartStrategyArgs, SchedulingArgs, SessionJobArgs, TaskManagerArgs, TolerationArgs,
} from "./cluster-args";
export { FlinkDeploymentResource, FlinkSessionJobResource } from "./crds";
export { FlinkVersion } from "./flink/versions";
export { FlinkSessionJob } from "./session-job";
export type { FlinkSessionJobArgs } from "./session-job";
export { FlinkStorage } from "./storage";
export type { FlinkStorageArgs } from "./storage";
export { PvcAccessMode, StorageBackend } from "./storage-args";
export type { AzureStorageArgs, GcsStorageArgs, PvcStorageArgs, S3StorageArgs, StorageArgs, StorageCredentialsArgs } from "./storage-args";
export { CloudProfile, cloudProfiles } from "./flink/cloud-profiles";
export { FlinkMonitoring } from "./monitoring";
export type {
    AlertThresholdsArgs, DashboardLabelArgs, FlinkMonitoringArgs, MonitoredClusterArgs, PrometheusStackArgs,
} from "./monitoring";
export { PodMonitorResource, PrometheusRuleResource } from "./crds";
/** "Did you mean" for a program that checks its own config keys, as the platform stack does. */
export { suggest } from "./flink/suggest";
