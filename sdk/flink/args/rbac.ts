/** The args of FlinkRbac: the ServiceAccount's workload identity and the people bound to roles. */
import type * as pulumi from "@pulumi/pulumi";

/** Cloud workload identity for the Flink ServiceAccount; set at most one cloud. */
export interface WorkloadIdentityArgs {
    /** EKS IRSA: the IAM role ARN (annotation `eks.amazonaws.com/role-arn`). Default: none. */
    awsRoleArn?: pulumi.Input<string>;
    /** GKE Workload Identity: the Google service account email (annotation `iam.gke.io/gcp-service-account`). Default: none. */
    gcpServiceAccount?: pulumi.Input<string>;
    /** Azure Workload Identity: the managed identity's client id (annotation `azure.workload.identity/client-id`; pods get label `azure.workload.identity/use: "true"`). Default: none. */
    azureClientId?: pulumi.Input<string>;
    /** Azure Workload Identity: the tenant id (annotation `azure.workload.identity/tenant-id`). Default: the cluster's tenant. */
    azureTenantId?: pulumi.Input<string>;
}

/** Who gets a role: Kubernetes users and groups as your authenticator names them. */
export interface RoleSubjectsArgs {
    /** Group names (each may be an Output, such as an Entra group's object id). Default: none. */
    groups?: pulumi.Input<string>[];
    /** User names (each may be an Output). Default: none. */
    users?: pulumi.Input<string>[];
}

export interface FlinkRbacArgs {
    /** The namespace the Flink jobs run in. Required. */
    namespace: pulumi.Input<string>;
    /** Name of the ServiceAccount FlinkDeployments run as. Default: "flink". */
    serviceAccountName?: string;
    /** Cloud workload identity for that ServiceAccount. Default: none. */
    workloadIdentity?: WorkloadIdentityArgs;
    /** Bound to Role `flink-developer`: manage FlinkDeployments, FlinkSessionJobs, FlinkStateSnapshots, FlinkBlueGreenDeployments; read pods and logs; port-forward. Default: nobody (no Role created). */
    developers?: RoleSubjectsArgs;
    /** Bound to Role `flink-viewer`: read Flink resources, pods and logs. Default: nobody (no Role created). */
    viewers?: RoleSubjectsArgs;
}
