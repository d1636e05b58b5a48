/**
 * Cloud profiles: the defaults that differ between EKS, GKE, AKS and local
 * clusters. A profile only fills in what the args leave out. Pure.
 */
import { RunError } from "@pulumi/pulumi";
import type { FlinkPlatformArgs } from "./args/platform";
import type { WorkloadIdentityArgs } from "./args/rbac";
import { StorageBackend } from "./args/storage";
import { workloadIdentityFields } from "./rbac-plan";
import { requireEnum } from "./validation";

/** Where the platform runs. */
export const CloudProfile = {
    /** EKS: S3, IRSA, EFS for shared volumes. */
    Aws: "aws",
    /** GKE: GCS, Workload Identity, Filestore for shared volumes. */
    Gcp: "gcp",
    /** AKS: Azure Storage, Azure Workload Identity, Azure Files for shared volumes. */
    Azure: "azure",
    /** kind, minikube, k3d: a PVC on the default StorageClass. */
    Local: "local",
} as const;
export type CloudProfile = (typeof CloudProfile)[keyof typeof CloudProfile];

export interface ProfileValues {
    /** The storage backend a profile's clusters keep state in. */
    storageBackend: StorageBackend;
    /** URI scheme of that backend's directories. */
    storageScheme: string;
    /** A StorageClass that offers ReadWriteMany claims (undefined: the cluster's default). */
    sharedStorageClass?: string;
    /** Which WorkloadIdentityArgs field this cloud uses, and the ServiceAccount annotation it becomes. */
    workloadIdentity?: { field: keyof WorkloadIdentityArgs; annotation: string };
    /** Service annotations that make a LoadBalancer internal (for the policy pack's allow-list). */
    internalLoadBalancerAnnotations: Record<string, string>;
    /** Node label naming the zone. */
    zoneTopologyKey: string;
    /** Ports of the API server endpoints. */
    apiServerPorts: number[];
}

function identity(field: keyof WorkloadIdentityArgs): ProfileValues["workloadIdentity"] {
    return { field, annotation: workloadIdentityFields[field].annotation };
}

export const cloudProfiles: Record<CloudProfile, ProfileValues> = {
    [CloudProfile.Aws]: {
        storageBackend: StorageBackend.S3,
        storageScheme: "s3p",
        sharedStorageClass: "efs-sc",
        workloadIdentity: identity("awsRoleArn"),
        internalLoadBalancerAnnotations: { "service.beta.kubernetes.io/aws-load-balancer-scheme": "internal" },
        zoneTopologyKey: "topology.kubernetes.io/zone",
        apiServerPorts: [443],
    },
    [CloudProfile.Gcp]: {
        storageBackend: StorageBackend.Gcs,
        storageScheme: "gs",
        sharedStorageClass: "standard-rwx",
        workloadIdentity: identity("gcpServiceAccount"),
        internalLoadBalancerAnnotations: { "networking.gke.io/load-balancer-type": "Internal" },
        zoneTopologyKey: "topology.kubernetes.io/zone",
        apiServerPorts: [443],
    },
    [CloudProfile.Azure]: {
        storageBackend: StorageBackend.Azure,
        storageScheme: "abfss",
        sharedStorageClass: "azurefile-csi",
        workloadIdentity: identity("azureClientId"),
        internalLoadBalancerAnnotations: { "service.beta.kubernetes.io/azure-load-balancer-internal": "true" },
        zoneTopologyKey: "topology.kubernetes.io/zone",
        apiServerPorts: [443],
    },
    [CloudProfile.Local]: {
        storageBackend: StorageBackend.Pvc,
        storageScheme: "file",
        internalLoadBalancerAnnotations: {},
        zoneTopologyKey: "topology.kubernetes.io/zone",
        // kind and k3d serve the API on 6443, minikube on 8443.
        apiServerPorts: [443, 6443, 8443],
    },
};

/**
 * Fills what the platform args leave out from the cloud's profile: the storage
 * backend, a shared StorageClass for PVC storage, the API server ports and the
 * zone key. Refuses a namespace workload identity of another cloud.
 */
export function applyCloudProfile(args: FlinkPlatformArgs): FlinkPlatformArgs {
    if (args.cloud === undefined) {
        return args;
    }
    const cloud = requireEnum("FlinkPlatform: cloud", args.cloud, CloudProfile);
    const profile = cloudProfiles[cloud];
    (Array.isArray(args.namespaces) ? args.namespaces : []).forEach((ns, i) => {
        const given = Object.keys(ns?.workloadIdentity ?? {}).filter((key) => key !== "azureTenantId");
        const expected = profile.workloadIdentity?.field;
        const foreign = given.filter((key) => key !== expected);
        if (foreign.length > 0) {
            throw new RunError(`FlinkPlatform: namespaces[${i}].workloadIdentity.${foreign[0]}: is another cloud's workload identity; ` +
                (expected === undefined ? `cloud ${cloud} has none` : `cloud ${cloud} uses ${expected}`));
        }
    });
    const storage = args.storage === undefined ? undefined : {
        ...args.storage,
        backend: args.storage.backend ?? profile.storageBackend,
        ...(profile.sharedStorageClass === undefined || (args.storage.backend ?? profile.storageBackend) !== StorageBackend.Pvc ? {} : {
            pvc: { storageClass: profile.sharedStorageClass, ...args.storage.pvc },
        }),
    };
    return {
        ...args,
        storage,
        network: { apiServerPorts: profile.apiServerPorts, ...args.network },
        clusters: args.clusters?.map((cluster) => ({
            ...cluster,
            scheduling: { zoneTopologyKey: profile.zoneTopologyKey, ...cluster.scheduling },
        })),
    };
}
