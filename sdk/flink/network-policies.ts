/**
 * The NetworkPolicies of a namespace: deny everything, then allow exactly the
 * traffic its purpose needs. Pure: returns plain NetworkPolicy specs.
 */
import type { types } from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import { isIP } from "node:net";
import { NamespacePurpose } from "./environment";
import { mapInput } from "./inputs";
import { Cni } from "./args/namespace";
import type { CiliumNetworkPolicySpec } from "./crd-specs";
import type { EgressRulePlan } from "./egress";
import { clusterPodSelector, flinkPodSelector, jobManagerPodSelector, namespaceSelector, operatorPodSelector } from "./labels";

/** Ports the rules below open. */
export const ports = {
    flinkRest: 8081,
    flinkMetrics: 9249,
    /** The operator chart's webhook (templates/controller/deployment.yaml WEBHOOK_SERVER_PORT, templates/webhook/service.yaml targetPort). */
    operatorWebhook: 9443,
    certManagerWebhook: 10250,
    certManagerMetrics: 9402,
    dns: 53,
};

/** Everything the rules need to know about the cluster around the namespace. */
export interface NetworkValues {
    /** CIDRs of the Kubernetes API server endpoints (NetworkPolicy cannot name the API server). */
    apiServerCidrs: pulumi.Input<pulumi.Input<string>[]>;
    /** Ports of the API server endpoints. */
    apiServerPorts: number[];
    /** Namespace and pod labels of the cluster DNS. */
    dnsNamespace: string;
    dnsPodLabels: Record<string, string>;
    /** Address of NodeLocal DNSCache on the nodes' host network, which `allow-dns` also allows; none when undefined. */
    nodeLocalDns?: string;
    /** The network plugin: with Cilium, `allow-apiserver` gets a CiliumNetworkPolicy twin (see ciliumNetworkPolicies). */
    cni: Cni;
    /** Namespace of Prometheus, allowed to scrape the metrics ports. */
    monitoringNamespace: string;
    /** Namespace of the Flink Kubernetes Operator (FlinkJobs namespaces let it reach JobManagers). */
    operatorNamespace: string;
    /** Namespace of the Ingress controller that serves Flink UIs; no rule when undefined. */
    ingressControllerNamespace?: string;
    /** CIDRs the operator downloads session-job jars from over https. */
    artifactCidrs: pulumi.Input<pulumi.Input<string>[]>;
    /** CIDRs and ports of the object store Flink pods keep state in; no rule without ports. */
    objectStorageCidrs: pulumi.Input<pulumi.Input<string>[]>;
    objectStoragePorts: number[];
    /** Flink pods use GKE Workload Identity and must reach the node's metadata server. */
    gkeWorkloadIdentity: boolean;
    /** Flink namespaces (the Operator namespace may reach their JobManagers). */
    flinkNamespaces: string[];
    /** The operator's Prometheus port. */
    operatorMetricsPort: number;
    /** Whether the operator's admission webhook runs (it must accept calls from the API server). */
    operatorWebhook: boolean;
    /** The port it listens on. */
    operatorWebhookPort: number;
    /** Where every Flink pod of the namespace may connect to (FlinkJobs namespaces). */
    egress: EgressRulePlan[];
}

export interface NetworkPolicyPlan {
    /** metadata.name */
    name: string;
    spec: types.input.networking.v1.NetworkPolicySpec;
}

export interface CiliumNetworkPolicyPlan {
    /** metadata.name */
    name: string;
    spec: CiliumNetworkPolicySpec;
}

const tcp = (port: number) => ({ protocol: "TCP", port });
const ipBlocks = (cidrs: pulumi.Input<pulumi.Input<string>[]>) => mapInput(cidrs, (cidr) => ({ ipBlock: { cidr } }));
const allPods = {};

/** An address as the ipBlock of that address alone: /32 for IPv4, /128 for IPv6. */
const hostCidr = (address: string) => `${address}/${isIP(address) === 6 ? 128 : 32}`;

/** The policies every namespace gets: default deny, DNS, the API server and metrics scraping. */
function commonPolicies(workloads: object, metricsPorts: number[], net: NetworkValues): NetworkPolicyPlan[] {
    const dnsPorts = [{ protocol: "UDP", port: ports.dns }, tcp(ports.dns)];
    return [
        { name: "default-deny", spec: { podSelector: allPods, policyTypes: ["Ingress", "Egress"] } },
        {
            name: "allow-dns",
            spec: {
                podSelector: allPods,
                policyTypes: ["Egress"],
                egress: [
                    { to: [{ namespaceSelector: namespaceSelector(net.dnsNamespace), podSelector: { matchLabels: net.dnsPodLabels } }], ports: dnsPorts },
                    // NodeLocal DNSCache listens on a link-local address in the host network, which no pod selector matches.
                    ...(net.nodeLocalDns === undefined ? [] : [{ to: [{ ipBlock: { cidr: hostCidr(net.nodeLocalDns) } }], ports: dnsPorts }]),
                ],
            },
        },
        {
            name: "allow-apiserver",
            spec: {
                podSelector: workloads,
                policyTypes: ["Egress"],
                egress: [{ to: ipBlocks(net.apiServerCidrs), ports: net.apiServerPorts.map(tcp) }],
            },
        },
        {
            name: "allow-monitoring",
            spec: {
                podSelector: workloads,
                policyTypes: ["Ingress"],
                ingress: [{ from: [{ namespaceSelector: namespaceSelector(net.monitoringNamespace) }], ports: metricsPorts.map(tcp) }],
            },
        },
    ];
}

function flinkJobPolicies(net: NetworkValues): NetworkPolicyPlan[] {
    const policies: NetworkPolicyPlan[] = [
        ...commonPolicies(flinkPodSelector, [ports.flinkMetrics], net),
        {
            name: "allow-operator",
            spec: {
                podSelector: jobManagerPodSelector,
                policyTypes: ["Ingress"],
                ingress: [{
                    from: [{ namespaceSelector: namespaceSelector(net.operatorNamespace), podSelector: operatorPodSelector }],
                    ports: [tcp(ports.flinkRest)],
                }],
            },
        },
    ];
    if (net.objectStoragePorts.length > 0) {
        policies.push({
            name: "allow-object-storage",
            spec: {
                podSelector: flinkPodSelector,
                policyTypes: ["Egress"],
                egress: [{ to: ipBlocks(net.objectStorageCidrs), ports: net.objectStoragePorts.map(tcp) }],
            },
        });
    }
    if (net.gkeWorkloadIdentity) {
        policies.push({
            name: "allow-gke-metadata-server",
            spec: {
                podSelector: flinkPodSelector,
                policyTypes: ["Egress"],
                egress: [
                    { to: [{ ipBlock: { cidr: "169.254.169.254/32" } }], ports: [tcp(80), tcp(8080)] },
                    { to: [{ ipBlock: { cidr: "169.254.169.252/32" } }], ports: [tcp(987), tcp(988)] },
                ],
            },
        });
    }
    if (net.ingressControllerNamespace !== undefined) {
        policies.push({
            name: "allow-ingress-controller",
            spec: {
                podSelector: jobManagerPodSelector,
                policyTypes: ["Ingress"],
                ingress: [{ from: [{ namespaceSelector: namespaceSelector(net.ingressControllerNamespace) }], ports: [tcp(ports.flinkRest)] }],
            },
        });
    }
    // Flink's own traffic (JobManager <-> TaskManager) is allowed per cluster, by the cluster's policy (clusterNetworkPolicies).
    for (const { name, rule } of net.egress) {
        policies.push({ name: `egress-${name}`, spec: { podSelector: flinkPodSelector, policyTypes: ["Egress"], egress: [rule] } });
    }
    return policies;
}

/** What a cluster's own NetworkPolicies need: its name, its declared egress, and where an http(s) job jar is downloaded from. */
export interface ClusterNetworkValues {
    cluster: string;
    /** A blue/green cluster: its pods are both children's, picked by the platform's cluster label. */
    blueGreen?: boolean;
    egress: EgressRulePlan[];
    /** The job jar's download: the CIDRs and the URL's port; none unless `job.jarURI` is http(s). */
    jarDownload?: { cidrs: pulumi.Input<pulumi.Input<string>[]>; port: number };
}

/**
 * A cluster's own NetworkPolicies, beside its namespace's: its JobManagers and
 * TaskManagers reach each other on every port (RPC 6123/6122, blob 6124, the
 * data port, random unless set) and no other cluster's pods, plus the cluster's
 * declared egress; the JobManager downloads an http(s) job jar
 * (`flink-cluster-<name>-jar-download`). The names end in suffixes no cluster
 * name can make collide.
 */
export function clusterNetworkPolicies(values: ClusterNetworkValues): NetworkPolicyPlan[] {
    const pods = clusterPodSelector(values.cluster, values.blueGreen);
    const policies: NetworkPolicyPlan[] = [{
        name: `flink-cluster-${values.cluster}-network`,
        spec: {
            podSelector: pods,
            policyTypes: ["Ingress", "Egress"],
            ingress: [{ from: [{ podSelector: pods }] }],
            egress: [{ to: [{ podSelector: pods }] }, ...values.egress.map(({ rule }) => rule)],
        },
    }];
    if (values.jarDownload !== undefined) {
        policies.push({
            name: `flink-cluster-${values.cluster}-jar-download`,
            spec: {
                podSelector: { ...pods, matchLabels: { ...pods.matchLabels, component: "jobmanager" } },
                policyTypes: ["Egress"],
                egress: [{ to: ipBlocks(values.jarDownload.cidrs), ports: [tcp(values.jarDownload.port)] }],
            },
        });
    }
    return policies;
}

function operatorPolicies(net: NetworkValues): NetworkPolicyPlan[] {
    const policies = [
        ...commonPolicies(operatorPodSelector, [net.operatorMetricsPort], net),
        {
            name: "allow-flink-rest",
            spec: {
                podSelector: operatorPodSelector,
                policyTypes: ["Egress"],
                egress: [{
                    to: [{ namespaceSelector: namespaceSelector(...net.flinkNamespaces), podSelector: jobManagerPodSelector }],
                    ports: [tcp(ports.flinkRest)],
                }],
            },
        },
        {
            // Session-job jars are https URLs the operator downloads and uploads to the JobManager.
            name: "allow-artifact-downloads",
            spec: {
                podSelector: operatorPodSelector,
                policyTypes: ["Egress"],
                egress: [{ to: ipBlocks(net.artifactCidrs), ports: [tcp(443)] }],
            },
        },
    ];
    if (net.operatorWebhook) {
        // Admission calls come from the API server, whose source address differs per cloud.
        policies.push({
            name: "allow-webhook",
            spec: { podSelector: operatorPodSelector, policyTypes: ["Ingress"], ingress: [{ ports: [tcp(net.operatorWebhookPort)] }] },
        });
    }
    return policies;
}

function certManagerPolicies(net: NetworkValues): NetworkPolicyPlan[] {
    return [
        ...commonPolicies(allPods, [ports.certManagerMetrics], net),
        {
            name: "allow-webhook",
            spec: { podSelector: allPods, policyTypes: ["Ingress"], ingress: [{ ports: [tcp(ports.certManagerWebhook)] }] },
        },
    ];
}

/**
 * kube-prometheus-stack: its pods talk to each other (Grafana to Prometheus,
 * Prometheus to Alertmanager, the operator to both) and Prometheus scrapes the
 * Flink pods and the operator. Other scrape targets need rules of their own.
 */
function monitoringPolicies(net: NetworkValues): NetworkPolicyPlan[] {
    return [
        ...commonPolicies(allPods, [], net).filter((policy) => policy.name !== "allow-monitoring"),
        {
            name: "allow-monitoring-internal",
            spec: {
                podSelector: allPods,
                policyTypes: ["Ingress", "Egress"],
                ingress: [{ from: [{ podSelector: allPods }] }],
                egress: [{ to: [{ podSelector: allPods }] }],
            },
        },
        {
            name: "allow-scrape",
            spec: {
                podSelector: allPods,
                policyTypes: ["Egress"],
                egress: [
                    { to: [{ namespaceSelector: namespaceSelector(...net.flinkNamespaces), podSelector: flinkPodSelector }], ports: [tcp(ports.flinkMetrics)] },
                    { to: [{ namespaceSelector: namespaceSelector(net.operatorNamespace), podSelector: operatorPodSelector }], ports: [tcp(net.operatorMetricsPort)] },
                ],
            },
        },
    ];
}

/** A NetworkPolicy podSelector as the plans build it: a plain LabelSelector, never an Output. */
interface PlainLabelSelector {
    matchLabels?: Record<string, string>;
    matchExpressions?: { key: string; operator: string; values?: string[] }[];
}
type EndpointSelector = NonNullable<CiliumNetworkPolicySpec["endpointSelector"]>;
type SelectorOperator = NonNullable<EndpointSelector["matchExpressions"]>[number]["operator"];
const selectorOperators: readonly string[] = ["In", "NotIn", "Exists", "DoesNotExist"] satisfies SelectorOperator[];

/** A podSelector as a Cilium endpointSelector, which is a Kubernetes LabelSelector too: the same matchLabels and matchExpressions. */
function endpointSelector(podSelector: PlainLabelSelector): EndpointSelector {
    const { matchLabels, matchExpressions } = podSelector;
    return {
        ...(matchLabels === undefined ? {} : { matchLabels: { ...matchLabels } }),
        ...(matchExpressions === undefined ? {} : {
            matchExpressions: matchExpressions.map(({ key, operator, values }) => {
                if (!selectorOperators.includes(operator)) throw new Error(`label selector operator ${operator} has no Cilium equivalent`);
                return { key, operator: operator as SelectorOperator, ...(values === undefined ? {} : { values: [...values] }) };
            }),
        }),
    };
}

/**
 * With Cilium, the CiliumNetworkPolicies beside a namespace's NetworkPolicies: for `allow-apiserver`,
 * `allow-apiserver-entity`, the same pods allowed to Cilium's `kube-apiserver` entity on the same ports,
 * because Cilium does not match an API server on the nodes' host network by ipBlock (cilium/cilium#20550).
 * None with another plugin.
 */
export function ciliumNetworkPolicies(policies: NetworkPolicyPlan[], net: Pick<NetworkValues, "cni" | "apiServerPorts">): CiliumNetworkPolicyPlan[] {
    if (net.cni !== Cni.Cilium) return [];
    return policies.filter((policy) => policy.name === "allow-apiserver").map((policy) => ({
        name: "allow-apiserver-entity",
        spec: {
            endpointSelector: endpointSelector(policy.spec.podSelector as PlainLabelSelector),
            egress: [{
                toEntities: ["kube-apiserver"],
                toPorts: [{ ports: net.apiServerPorts.map((port) => ({ port: String(port), protocol: "TCP" as const })) }],
            }],
        },
    }));
}

/** The NetworkPolicies for a namespace of the given purpose. */
export function networkPolicies(purpose: NamespacePurpose, net: NetworkValues): NetworkPolicyPlan[] {
    switch (purpose) {
        case NamespacePurpose.FlinkJobs: return flinkJobPolicies(net);
        case NamespacePurpose.Operator: return operatorPolicies(net);
        case NamespacePurpose.CertManager: return certManagerPolicies(net);
        case NamespacePurpose.Monitoring: return monitoringPolicies(net);
    }
}
