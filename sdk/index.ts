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
