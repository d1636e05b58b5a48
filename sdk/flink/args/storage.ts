/** The args of durable storage: where HA metadata, checkpoints and savepoints live, and how pods reach it. */
import type * as pulumi from "@pulumi/pulumi";
import type { Environment } from "../environment";
import type { WorkloadIdentityArgs } from "./rbac";

/** Where state lives. */
export const StorageBackend = {
    /** AWS S3 or an S3-compatible store (MinIO, Ceph), through Flink's Presto S3 plugin (`s3p://`). */
    S3: "s3",
    /** Google Cloud Storage (`gs://`). */
    Gcs: "gcs",
    /** Azure Storage: `abfss://` with workload identity, `wasbs://` with an account key. */
    Azure: "azure",
    /** A PersistentVolumeClaim per namespace, mounted into every JobManager and TaskManager (`file://`). */
    Pvc: "pvc",
} as const;
export type StorageBackend = (typeof StorageBackend)[keyof typeof StorageBackend];

/** Access mode of the state PVC. */
export const PvcAccessMode = {
    /** Shared by pods on any node (EFS, Filestore, Azure Files, NFS). */
    ReadWriteMany: "ReadWriteMany",
    /** One node only: accepted for single-node local clusters. */
    ReadWriteOnce: "ReadWriteOnce",
} as const;
export type PvcAccessMode = (typeof PvcAccessMode)[keyof typeof PvcAccessMode];

export interface S3StorageArgs {
    /** Bucket name (S3 naming rules); may be an Output of the bucket. Required. */
    bucket: pulumi.Input<string>;
    /** Key prefix under which every namespace and cluster gets its own directories. Default: "flink". */
    prefix?: string;
    /** AWS region (sets AWS_REGION in the pods). Default: what the pods' environment provides (EKS injects it with IRSA). */
    region?: string;
    /** Endpoint of an S3-compatible store, such as "https://minio.example.com:9000". Default: AWS. */
    endpoint?: string;
    /** Path-style access (MinIO, Ceph). Default: false. */
    pathStyleAccess?: boolean;
}

export interface GcsStorageArgs {
    /** Bucket name (GCS naming rules); may be an Output of the bucket. Required. */
    bucket: pulumi.Input<string>;
    /** Object prefix. Default: "flink". */
    prefix?: string;
}

export interface AzureStorageArgs {
    /** Storage account name (3-24 lowercase letters and digits); may be an Output of the account. Required. */
    account: pulumi.Input<string>;
    /** Container name; may be an Output of the container. Required. */
    container: pulumi.Input<string>;
    /** Path prefix inside the container. Default: "flink". */
    prefix?: string;
}

export interface PvcStorageArgs {
    /** StorageClass of the claim. Default: the cluster's default StorageClass. */
    storageClass?: string;
    /** Size of each namespace's claim. Default: "20Gi". */
    size?: string;
    /** Access mode. Default: ReadWriteMany. */
    accessMode?: PvcAccessMode;
    /** Declares a single-node cluster (kind, minikube, k3d), where ReadWriteOnce is enough. Default: false. */
    singleNode?: boolean;
}

/**
 * How pods get credentials: workload identity (the namespace's ServiceAccount
 * carries it) or a Kubernetes Secret, created here from Pulumi secrets or named
 * as existing. Never in flinkConfiguration.
 */
export interface StorageCredentialsArgs {
    /** The workload identity of the pods' ServiceAccount (the platform copies the namespace's); s3 needs awsRoleArn, gcs gcpServiceAccount, azure azureClientId. Default: none. */
    workloadIdentity?: WorkloadIdentityArgs;
    /** An existing Secret in each Flink namespace with the backend's keys (s3: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY; gcs: credentials.json; azure: AZURE_STORAGE_KEY). Default: none. */
    existingSecretName?: pulumi.Input<string>;
    /** s3: access key id, for the Secret this stack creates (use a Pulumi secret). Default: none. */
    accessKeyId?: pulumi.Input<string>;
    /** s3: secret access key (use a Pulumi secret). Default: none. */
    secretAccessKey?: pulumi.Input<string>;
    /** gcs: service account key JSON (use a Pulumi secret). Default: none. */
    serviceAccountKey?: pulumi.Input<string>;
    /** azure: storage account key (use a Pulumi secret). Default: none. */
    accountKey?: pulumi.Input<string>;
}

export interface StorageArgs {
    /** s3, gcs, azure or pvc. Default: in FlinkPlatform with a `cloud`, the cloud profile's; required otherwise. */
    backend?: StorageBackend;
    /** S3 settings; required with backend s3. Default: none. */
    s3?: S3StorageArgs;
    /** GCS settings; required with backend gcs. Default: none. */
    gcs?: GcsStorageArgs;
    /** Azure settings; required with backend azure. Default: none. */
    azure?: AzureStorageArgs;
    /** PVC settings. Default: a ReadWriteMany claim of 20Gi on the default StorageClass. */
    pvc?: PvcStorageArgs;
    /** How pods authenticate to object storage. Default: none (node credentials or an open store; refused in prod). */
    credentials?: StorageCredentialsArgs;
}

export interface FlinkStorageArgs {
    /** The Flink namespace whose clusters keep state here. Required. */
    namespace: string;
    /** Where state lives and how pods authenticate. Required. */
    storage: StorageArgs;
    /** The environment: prod protects the state claim. Default: dev. */
    environment?: Environment;
    /** Protect the state PVC from deletion by Pulumi (it is always kept on `pulumi destroy`). Default: true in prod. */
    protect?: boolean;
}
