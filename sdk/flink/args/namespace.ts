/** The args of FlinkNamespace, and the network and resource settings other components share. */
import type * as pulumi from "@pulumi/pulumi";
import type { Environment, NamespacePurpose } from "../environment";

/** What the namespace's NetworkPolicies need to know about the cluster around it. */
export interface NetworkArgs {
    /**
     * CIDRs of the Kubernetes API server endpoints, which Flink pods and the operator call
     * (NetworkPolicy cannot name the API server; find them with
     * `kubectl get endpointslices -n default -l kubernetes.io/service-name=kubernetes`).
     * The list, or each CIDR, may be an Output (of the cluster's endpoint or VPC).
     * Default: ["0.0.0.0/0"] (any address, on `apiServerPorts` only) outside prod; required in prod.
     */
    apiServerCidrs?: pulumi.Input<pulumi.Input<string>[]>;
    /** Ports of the API server endpoints. Default: the cloud profile's in FlinkPlatform (local [443, 6443, 8443], aws, gcp and azure [443]); [443, 6443] without one. */
    apiServerPorts?: number[];
    /** Namespace of the cluster DNS. Default: "kube-system". */
    dnsNamespace?: string;
    /** Labels of the cluster DNS pods. Default: {"k8s-app": "kube-dns"} (CoreDNS on EKS, GKE, AKS, kind, k3d, minikube). */
    dnsPodLabels?: { [key: string]: string };
    /** Namespace of Prometheus, allowed to scrape the metrics ports. Default: "monitoring". */
    monitoringNamespace?: string;
    /** Namespace of the Flink Kubernetes Operator, allowed to reach JobManagers on 8081. Default: "flink-operator". */
    operatorNamespace?: string;
    /** Namespace of the Ingress controller, allowed to reach JobManagers on 8081; needed by clusters with an ingress. Default: none (no rule). */
    ingressControllerNamespace?: string;
    /** CIDRs the operator may download session-job jars from (https, port 443); narrow it to your artifact repository. The list, or each CIDR, may be an Output. Default: ["0.0.0.0/0"]. */
    artifactCidrs?: pulumi.Input<pulumi.Input<string>[]>;
    /** CIDRs of the object store Flink pods keep state in (S3, GCS, Azure, MinIO). The list, or each CIDR, may be an Output. Default: ["0.0.0.0/0"]. */
    objectStorageCidrs?: pulumi.Input<pulumi.Input<string>[]>;
}

/** ResourceQuota hard limits. Every field defaults per environment (see README). */
export interface QuotaArgs {
    /** `requests.cpu`. Default: dev "8", staging "32", prod "64". */
    requestsCpu?: string;
    /** `requests.memory`. Default: dev "16Gi", staging "64Gi", prod "256Gi". */
    requestsMemory?: string;
    /** `limits.cpu`. Default: per environment and purpose: Flink namespaces dev "8", staging "32", prod "64"; operator and cert-manager "4"; monitoring "8". */
    limitsCpu?: string;
    /** `limits.memory`. Default: per environment and purpose: Flink namespaces dev "16Gi", staging "64Gi", prod "256Gi"; operator and cert-manager "8Gi"; monitoring "16Gi". */
    limitsMemory?: string;
    /** `pods`. Default: dev 40, staging 200, prod 400. */
    pods?: number;
    /** `persistentvolumeclaims`. Default: dev 10, staging 20, prod 50. */
    persistentVolumeClaims?: number;
    /** `requests.storage`. Default: dev "50Gi", staging "200Gi", prod "1Ti". */
    requestsStorage?: string;
}

/** Requests and limits of a container, as Kubernetes quantities. Defaults depend on where it is used. */
export interface ContainerResourcesArgs {
    /** cpu request, such as "250m". Default: given by the field that holds these resources. */
    cpuRequest?: string;
    /** memory request, such as "512Mi". Default: given by the field that holds these resources. */
    memoryRequest?: string;
    /** cpu limit, such as "1". Default: given by the field that holds these resources. */
    cpuLimit?: string;
    /** memory limit, such as "1Gi". Default: given by the field that holds these resources. */
    memoryLimit?: string;
}

export interface FlinkNamespaceArgs {
    /** The namespace's name, a DNS-1123 label. Required. */
    name: string;
    /** What runs in it; decides its NetworkPolicies and default quota. Default: "flink-jobs". */
    purpose?: NamespacePurpose;
    /** The environment; decides default quotas and protection. Default: dev. */
    environment?: Environment;
    /** ResourceQuota hard limits. Default: per environment and purpose. */
    quota?: QuotaArgs;
    /** LimitRange defaults for containers that declare no resources. Default: requests 100m/128Mi, limits 500m/512Mi. */
    containerDefaults?: ContainerResourcesArgs;
    /** The cluster around the namespace, for NetworkPolicies. Default: see NetworkArgs. */
    network?: NetworkArgs;
    /** Purposes Operator and Monitoring: the Flink namespaces whose JobManagers the operator reaches on 8081, or whose pods Prometheus scrapes. Default: []. */
    flinkNamespaces?: string[];
    /** Purposes Operator and Monitoring: the operator's Prometheus port. Default: 9999. */
    operatorMetricsPort?: number;
    /** Purpose Operator only: whether the admission webhook runs and must accept API server calls on 9443. Default: false. */
    operatorWebhook?: boolean;
    /** Purpose FlinkJobs only: pods use GKE Workload Identity, which serves tokens from the node's metadata server (169.254.169.254:80/8080 with Dataplane V2, 169.254.169.252:987/988 otherwise). Default: false. */
    gkeWorkloadIdentity?: boolean;
    /** Purpose FlinkJobs only: ports of the object store Flink pods reach (egress to network.objectStorageCidrs). Default: [] (no object storage, no rule). */
    objectStoragePorts?: number[];
    /** Kubernetes minor version the Pod Security Admission labels pin, such as "v1.33". Default: "v1.33". */
    podSecurityVersion?: string;
    /** Extra labels for the Namespace. Default: none. */
    labels?: { [key: string]: string };
    /**
     * Protect the Namespace from deletion and keep it on `pulumi destroy` (deleting a
     * namespace deletes the FlinkDeployments, HA ConfigMaps and PVCs in it).
     * Default: true in prod, false elsewhere.
     */
    protect?: boolean;
}
