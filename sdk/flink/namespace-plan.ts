/** Validates FlinkNamespace args and derives every object the namespace holds. Pure. */
import { RunError } from "@pulumi/pulumi";
import type { types } from "@pulumi/kubernetes";
import { Cni, type FlinkNamespaceArgs, type NetworkArgs } from "./args/namespace";
import { defaultContainerValues, defaultQuota, Environment, NamespacePurpose } from "./environment";
import { planEgressRules } from "./egress";
import { platformLabels } from "./labels";
import { CiliumNetworkPolicyPlan, ciliumNetworkPolicies, NetworkPolicyPlan, networkPolicies, NetworkValues, ports } from "./network-policies";
import { requireQuantity } from "./quantity";
import { resolveContainerResources } from "./resources";
import { invalid, requireCidrs, requireDnsLabel, requireEnum, requireInteger, requireIpAddress, requirePort } from "./validation";

export interface NamespacePlan {
    name: string;
    labels: Record<string, string>;
    /** Labels for the objects inside the namespace. */
    objectLabels: Record<string, string>;
    protect: boolean;
    quotaHard: Record<string, string>;
    limitRangeItem: types.input.core.v1.LimitRangeItem;
    networkPolicies: NetworkPolicyPlan[];
    /** With `network.cni` "cilium": the CiliumNetworkPolicies beside the NetworkPolicies; none otherwise. */
    ciliumNetworkPolicies: CiliumNetworkPolicyPlan[];
}

export const defaultPodSecurityVersion = "v1.33";
export const defaultOperatorNamespace = "flink-operator";
export const defaultOperatorMetricsPort = 9999;

/** Resolves NetworkArgs to the values the NetworkPolicies use; `field` prefixes error messages. */
export function resolveNetwork(field: string, environment: Environment, network: NetworkArgs = {}): Omit<NetworkValues, "flinkNamespaces" | "operatorMetricsPort" | "operatorWebhook" | "operatorWebhookPort" | "objectStoragePorts" | "gkeWorkloadIdentity" | "egress"> {
    if (network.apiServerCidrs === undefined && environment === Environment.Prod) {
        throw new RunError(`${field}.apiServerCidrs: is required in prod; set the CIDRs of the API server endpoints ` +
            "(kubectl get endpointslices -n default -l kubernetes.io/service-name=kubernetes), such as [\"10.0.0.0/16\"]");
    }
    const apiServerPorts = network.apiServerPorts ?? [443, 6443];
    if (apiServerPorts.length === 0) {
        // A NetworkPolicy rule with no ports allows every port.
        invalid(`${field}.apiServerPorts`, apiServerPorts, "a list of at least one port");
    }
    apiServerPorts.forEach((port, i) => requirePort(`${field}.apiServerPorts[${i}]`, port));
    return {
        apiServerCidrs: requireCidrs(`${field}.apiServerCidrs`, network.apiServerCidrs ?? ["0.0.0.0/0"]),
        artifactCidrs: requireCidrs(`${field}.artifactCidrs`, network.artifactCidrs ?? ["0.0.0.0/0"]),
        objectStorageCidrs: requireCidrs(`${field}.objectStorageCidrs`, network.objectStorageCidrs ?? ["0.0.0.0/0"]),
        apiServerPorts,
        dnsNamespace: requireDnsLabel(`${field}.dnsNamespace`, network.dnsNamespace ?? "kube-system"),
        dnsPodLabels: network.dnsPodLabels ?? { "k8s-app": "kube-dns" },
        ...(network.nodeLocalDns === undefined
            ? {}
            : { nodeLocalDns: requireIpAddress(`${field}.nodeLocalDns`, network.nodeLocalDns, "169.254.20.10 (NodeLocal DNSCache's usual address)") }),
        cni: requireEnum(`${field}.cni`, network.cni ?? Cni.Other, Cni),
        monitoringNamespace: requireDnsLabel(`${field}.monitoringNamespace`, network.monitoringNamespace ?? "monitoring"),
        operatorNamespace: requireDnsLabel(`${field}.operatorNamespace`, network.operatorNamespace ?? defaultOperatorNamespace),
        ...(network.ingressControllerNamespace === undefined
            ? {}
            : { ingressControllerNamespace: requireDnsLabel(`${field}.ingressControllerNamespace`, network.ingressControllerNamespace) }),
    };
}

export function planNamespace(args: FlinkNamespaceArgs): NamespacePlan {
    const at = (field: string) => `FlinkNamespace ${JSON.stringify(args.name)}: ${field}`;
    const name = requireDnsLabel(at("name"), args.name);
    const purpose = requireEnum(at("purpose"), args.purpose ?? NamespacePurpose.FlinkJobs, NamespacePurpose);
    const environment = requireEnum(at("environment"), args.environment ?? Environment.Dev, Environment);
    const podSecurityVersion = args.podSecurityVersion ?? defaultPodSecurityVersion;
    if (!/^(v\d+\.\d+|latest)$/.test(podSecurityVersion)) {
        invalid(at("podSecurityVersion"), podSecurityVersion, 'a Kubernetes minor version such as "v1.33", or "latest"');
    }

    const quota = { ...defaultQuota(purpose, environment), ...args.quota };
    for (const key of ["requestsCpu", "requestsMemory", "limitsCpu", "limitsMemory", "requestsStorage"] as const) {
        requireQuantity(at(`quota.${key}`), quota[key]);
    }
    requireInteger(at("quota.pods"), quota.pods, 0);
    requireInteger(at("quota.persistentVolumeClaims"), quota.persistentVolumeClaims, 0);

    const defaults = resolveContainerResources(at("containerDefaults"), args.containerDefaults, defaultContainerValues);

    const flinkNamespaces = args.flinkNamespaces ?? [];
    flinkNamespaces.forEach((ns, i) => requireDnsLabel(at(`flinkNamespaces[${i}]`), ns));
    if ((purpose === NamespacePurpose.Operator || purpose === NamespacePurpose.Monitoring) && flinkNamespaces.length === 0) {
        invalid(at("flinkNamespaces"), flinkNamespaces, purpose === NamespacePurpose.Operator
            ? "the Flink namespaces the operator watches (at least one)"
            : "the Flink namespaces Prometheus scrapes (at least one)");
    }
    const network: NetworkValues = {
        ...resolveNetwork(at("network"), environment, args.network),
        flinkNamespaces,
        operatorMetricsPort: requirePort(at("operatorMetricsPort"), args.operatorMetricsPort ?? defaultOperatorMetricsPort),
        operatorWebhook: args.operatorWebhook ?? false,
        operatorWebhookPort: requirePort(at("operatorWebhookPort"), args.operatorWebhookPort ?? ports.operatorWebhook),
        gkeWorkloadIdentity: args.gkeWorkloadIdentity ?? false,
        objectStoragePorts: (args.objectStoragePorts ?? []).map((port, i) => requirePort(at(`objectStoragePorts[${i}]`), port)),
        egress: planEgressRules(at("egress"), environment, args.egress),
    };
    if (args.egress !== undefined && purpose !== NamespacePurpose.FlinkJobs) {
        invalid(at("egress"), args.egress, `nothing: declared egress is for Flink namespaces (purpose "flink-jobs"), not ${JSON.stringify(purpose)}`);
    }

    const objectLabels = { ...platformLabels(purpose, name), "flink-platform/environment": environment };
    const policies = networkPolicies(purpose, network);
    return {
        name,
        labels: {
            ...args.labels,
            ...objectLabels,
            "pod-security.kubernetes.io/enforce": "restricted",
            "pod-security.kubernetes.io/enforce-version": podSecurityVersion,
            "pod-security.kubernetes.io/audit": "restricted",
            "pod-security.kubernetes.io/audit-version": podSecurityVersion,
            "pod-security.kubernetes.io/warn": "restricted",
            "pod-security.kubernetes.io/warn-version": podSecurityVersion,
        },
        objectLabels,
        protect: args.protect ?? environment === Environment.Prod,
        quotaHard: {
            "requests.cpu": quota.requestsCpu,
            "requests.memory": quota.requestsMemory,
            "limits.cpu": quota.limitsCpu,
            "limits.memory": quota.limitsMemory,
            pods: String(quota.pods),
            persistentvolumeclaims: String(quota.persistentVolumeClaims),
            "requests.storage": quota.requestsStorage,
        },
        limitRangeItem: {
            type: "Container",
            defaultRequest: { cpu: defaults.cpuRequest, memory: defaults.memoryRequest },
            default: { cpu: defaults.cpuLimit, memory: defaults.memoryLimit },
        },
        networkPolicies: policies,
        ciliumNetworkPolicies: ciliumNetworkPolicies(policies, network),
    };
}
