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
    /**
     * The cluster's network plugin, where it changes what the namespaces need. "cilium": Cilium does not match
     * an API server on the nodes' host network (kind, kubeadm, k3s) by the `ipBlock` of `allow-apiserver`
     * (cilium/cilium#20550), so each namespace also gets a CiliumNetworkPolicy `allow-apiserver-entity`
     * allowing the same pods to the `kube-apiserver` entity on `apiServerPorts` (needs Cilium's CRDs).
     * "other": NetworkPolicy alone. Tell with `kubectl -n kube-system get ds cilium`. Default: "other".
     */
    cni?: Cni;
    /**
     * Address of NodeLocal DNSCache on the nodes' host network, an IPv4 or IPv6 address (169.254.20.10 is the
     * usual address); `allow-dns` then also allows UDP and TCP 53 to it. Set it when the cluster runs
     * NodeLocal DNSCache (`kubectl -n kube-system get ds node-local-dns`), whose link-local address the
     * cluster DNS's pod selector does not match. Default: none (no rule).
     */
    nodeLocalDns?: string;
}

/** The cluster's network plugin (CNI), where it changes the policies the namespaces need. */
export const Cni = {
    /** Cilium (a `cilium` DaemonSet in kube-system): each namespace also allows the API server by Cilium's `kube-apiserver` entity. */
    Cilium: "cilium",
    /** Any other plugin (Calico, AWS VPC CNI, Azure, kindnet, flannel, …): NetworkPolicy alone. */
    Other: "other",
} as const;
export type Cni = (typeof Cni)[keyof typeof Cni];

/** The transport protocol of a NetworkPolicy port. */
export const EgressProtocol = { Tcp: "TCP", Udp: "UDP", Sctp: "SCTP" } as const;
export type EgressProtocol = (typeof EgressProtocol)[keyof typeof EgressProtocol];

/**
 * A destination Flink pods may open connections to, beside what the platform
 * allows itself (DNS, the API server, object storage, the operator): addresses
 * outside the Kubernetes cluster by `cidrs` (Kafka brokers, a database), or
 * pods inside it by `namespaces` and `podLabels` (Kafka run by Strimzi), on
 * `ports`. Everything else stays denied.
 */
export interface EgressRuleArgs {
    /** A name for the rule, a DNS-1123 label such as "kafka", unique in its list; names the NetworkPolicy rule's object. Required. */
    name: string;
    /** CIDR blocks outside the cluster, such as ["10.20.0.0/16"]; the list, or each CIDR, may be an Output. Give cidrs, or namespaces and/or podLabels. Default: none. */
    cidrs?: pulumi.Input<pulumi.Input<string>[]>;
    /** Namespaces of pods inside the cluster, such as ["kafka"]. Default: the namespace of the Flink pods when only podLabels is given. */
    namespaces?: string[];
    /** Labels of pods inside the cluster, such as {"strimzi.io/cluster": "events"}. Default: every pod of `namespaces`. */
    podLabels?: { [key: string]: string };
    /** Destination ports, such as [9092]. Required, at least one (a rule without ports would allow every port). */
    ports: number[];
    /** The ports' protocol: "TCP", "UDP" or "SCTP". Default: "TCP". */
    protocol?: EgressProtocol;
    /** Say so on purpose when `cidrs` holds 0.0.0.0/0 or ::/0 (any address) in prod, which is refused otherwise. Default: false. */
    allowAnyAddress?: boolean;
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
    /** Purpose Operator only: whether the admission webhook runs and must accept API server calls on `operatorWebhookPort`. Default: false. */
    operatorWebhook?: boolean;
    /** Purpose Operator only: the port the admission webhook listens on. Default: 9443. */
    operatorWebhookPort?: number;
    /** Purpose FlinkJobs only: pods use GKE Workload Identity, which serves tokens from the node's metadata server (169.254.169.254:80/8080 with Dataplane V2, 169.254.169.252:987/988 otherwise). Default: false. */
    gkeWorkloadIdentity?: boolean;
    /** Purpose FlinkJobs only: where every Flink pod of the namespace may connect to (one NetworkPolicy `egress-<name>` per rule). Default: none. */
    egress?: EgressRuleArgs[];
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
