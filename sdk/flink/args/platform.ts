/** The args of FlinkPlatform. */
import type * as pulumi from "@pulumi/pulumi";
import type { CloudProfile } from "../cloud-profiles";
import type { Environment } from "../environment";
import type { FlinkClusterArgs } from "./cluster";
import type { FlinkMonitoringArgs } from "./monitoring";
import type { ContainerResourcesArgs, EgressRuleArgs, NetworkArgs, QuotaArgs } from "./namespace";
import type { FlinkOperatorArgs } from "./operator";
import type { RoleSubjectsArgs, WorkloadIdentityArgs } from "./rbac";
import type { StorageArgs } from "./storage";

/** One namespace where Flink jobs run, with its quota and RBAC. */
export interface PlatformNamespaceArgs {
    /** The namespace's name, a DNS-1123 label. Required. */
    name: string;
    /** ResourceQuota hard limits. Default: per environment (see FlinkNamespace). */
    quota?: QuotaArgs;
    /** LimitRange defaults for containers without resources. Default: requests 100m/128Mi, limits 500m/512Mi. */
    containerDefaults?: ContainerResourcesArgs;
    /** ServiceAccount FlinkDeployments run as. Default: "flink". */
    serviceAccountName?: string;
    /** Cloud workload identity for that ServiceAccount. Default: none. */
    workloadIdentity?: WorkloadIdentityArgs;
    /** Who may manage Flink resources here (Role flink-developer). Default: nobody. */
    developers?: RoleSubjectsArgs;
    /** Who may read Flink resources here (Role flink-viewer). Default: nobody. */
    viewers?: RoleSubjectsArgs;
    /** Where every Flink pod of the namespace may connect to, such as a Kafka cluster all its jobs read (see EgressRuleArgs). Default: none. */
    egress?: EgressRuleArgs[];
}

/** Where one cluster keeps its state. */
export interface StateDirectories {
    /** `high-availability.storageDir`. Default: none without HA. */
    highAvailability?: pulumi.Input<string>;
    /** `execution.checkpointing.dir`. Default: none without storage. */
    checkpoints?: pulumi.Input<string>;
    /** `execution.checkpointing.savepoint-dir`. Default: none without storage. */
    savepoints?: pulumi.Input<string>;
}

export interface FlinkPlatformArgs {
    /** The environment this stack is: dev, staging or prod. Default: dev. */
    environment?: Environment;
    /** The cloud's profile: defaults for the storage backend, shared StorageClass, API server ports and zone key; every value can still be set. Default: none. */
    cloud?: CloudProfile;
    /** The namespaces Flink jobs run in. Required; at least one while the operator is installed. */
    namespaces: PlatformNamespaceArgs[];
    /** The Flink Kubernetes Operator. `watchNamespaces`, `environment` and `network` are filled in by the platform. Default: installed, version 1.15.0, no webhook. */
    operator?: FlinkOperatorArgs;
    /** The cluster around the namespaces, for NetworkPolicies. Default: see NetworkArgs. */
    network?: NetworkArgs;
    /** Where HA metadata, checkpoints and savepoints live, for every cluster: `<base>/<namespace>/<cluster>/{ha,checkpoints,savepoints}`; object stores authenticate with each namespace's workload identity, or credentials. Default: none (prod requires it). */
    storage?: StorageArgs;
    /** Metrics scraping, alerts and dashboards (needs the Prometheus Operator's CRDs unless prometheusStack.install); namespaces, operator and clusters come from the platform. Default: off. */
    monitoring?: FlinkMonitoringArgs;
    /** Flink clusters, each in one of `namespaces`; `environment`, and unless given `serviceAccountName`, come from the platform. Default: none. */
    clusters?: FlinkClusterArgs[];
}
