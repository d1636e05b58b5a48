/** The environments a platform stack is deployed as, and what differs between them by default. */
import type { ContainerResourceValues } from "./resources";

/** Which environment a stack is. Decides default quotas and how strict durability checks are. */
export const Environment = {
    Dev: "dev",
    Staging: "staging",
    Prod: "prod",
} as const;
export type Environment = (typeof Environment)[keyof typeof Environment];

/** What a namespace is for: its network rules and default quota follow from it. */
export const NamespacePurpose = {
    /** Flink JobManagers and TaskManagers. */
    FlinkJobs: "flink-jobs",
    /** The Flink Kubernetes Operator (and its webhook). */
    Operator: "flink-operator",
    /** cert-manager, installed for the operator's webhook. */
    CertManager: "cert-manager",
    /** kube-prometheus-stack, installed by FlinkMonitoring. */
    Monitoring: "monitoring",
} as const;
export type NamespacePurpose = (typeof NamespacePurpose)[keyof typeof NamespacePurpose];

/** ResourceQuota hard limits. Quantities are Kubernetes quantities. */
export interface QuotaValues {
    requestsCpu: string;
    requestsMemory: string;
    limitsCpu: string;
    limitsMemory: string;
    pods: number;
    persistentVolumeClaims: number;
    requestsStorage: string;
}


const flinkJobQuotas: Record<Environment, QuotaValues> = {
    [Environment.Dev]: {
        requestsCpu: "8", requestsMemory: "16Gi", limitsCpu: "8", limitsMemory: "16Gi",
        pods: 40, persistentVolumeClaims: 10, requestsStorage: "50Gi",
    },
    [Environment.Staging]: {
        requestsCpu: "32", requestsMemory: "64Gi", limitsCpu: "32", limitsMemory: "64Gi",
        pods: 200, persistentVolumeClaims: 20, requestsStorage: "200Gi",
    },
    [Environment.Prod]: {
        requestsCpu: "64", requestsMemory: "256Gi", limitsCpu: "64", limitsMemory: "256Gi",
        pods: 400, persistentVolumeClaims: 50, requestsStorage: "1Ti",
    },
};

/** Operator and cert-manager namespaces hold a few small pods in every environment. */
const systemQuota: QuotaValues = {
    requestsCpu: "2", requestsMemory: "4Gi", limitsCpu: "4", limitsMemory: "8Gi",
    pods: 20, persistentVolumeClaims: 2, requestsStorage: "20Gi",
};

/** Prometheus, Alertmanager, Grafana, kube-state-metrics and the Prometheus Operator, with room for a rollout. */
const monitoringQuota: QuotaValues = {
    requestsCpu: "4", requestsMemory: "8Gi", limitsCpu: "8", limitsMemory: "16Gi",
    pods: 20, persistentVolumeClaims: 4, requestsStorage: "200Gi",
};

/** The default ResourceQuota for a namespace of this purpose in this environment. */
export function defaultQuota(purpose: NamespacePurpose, environment: Environment): QuotaValues {
    switch (purpose) {
        case NamespacePurpose.FlinkJobs: return flinkJobQuotas[environment];
        case NamespacePurpose.Monitoring: return monitoringQuota;
        default: return systemQuota;
    }
}

/** LimitRange defaults: small, so that a sidecar or init container without resources still fits the quota. */
export const defaultContainerValues: ContainerResourceValues = {
    cpuRequest: "100m", memoryRequest: "128Mi", cpuLimit: "500m", memoryLimit: "512Mi",
};
