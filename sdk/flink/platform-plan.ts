/** Checks that span the whole platform args (the components check their own fields). Pure. */
import type { FlinkClusterArgs } from "../cluster-args";
import type { FlinkPlatformArgs } from "../platform";
import { Environment } from "./environment";
import { defaultOperatorNamespace } from "./namespace-plan";
import { workloadIdentityPodLabels } from "./rbac-plan";
import { invalid, requireEnum, requireUnique } from "./validation";

export interface PlatformPlan {
    environment: Environment;
    namespaceNames: string[];
    operatorNamespace: string;
    /** Each cluster's args as the platform completes them, and the index of its namespace. */
    clusters: { args: FlinkClusterArgs; namespaceIndex: number }[];
}

export function planPlatform(args: FlinkPlatformArgs): PlatformPlan {
    const at = (field: string) => `FlinkPlatform: ${field}`;
    const environment = requireEnum(at("environment"), args.environment ?? Environment.Dev, Environment);
    if (!Array.isArray(args.namespaces)) {
        throw new Error(`${at("namespaces")}: ${JSON.stringify(args.namespaces)} is not valid; expected a list of namespaces such as [{"name": "flink-jobs"}]`);
    }
    const namespaceNames = args.namespaces.map((ns, i) => {
        if (typeof ns !== "object" || ns === null || typeof ns.name !== "string") {
            throw new Error(`${at(`namespaces[${i}]`)}: ${JSON.stringify(ns)} is not valid; expected an object with a "name"`);
        }
        return ns.name;
    });
    requireUnique(at("namespaces"), namespaceNames);
    const install = args.operator?.install ?? true;
    if (install && namespaceNames.length === 0) {
        throw new Error(`${at("namespaces")}: is empty, but the operator is installed; ` +
            "list at least one Flink namespace (an operator watching no namespace watches them all, with cluster-wide RBAC)");
    }
    if (args.operator?.watchNamespaces !== undefined) {
        throw new Error(`${at("operator.watchNamespaces")}: is set by the platform from "namespaces"; remove it`);
    }
    const operatorNamespace = args.operator?.namespace ?? defaultOperatorNamespace;
    const systemNamespaces = [operatorNamespace, args.operator?.webhook?.certManagerNamespace ?? "cert-manager", "kube-system", "default"];
    namespaceNames.forEach((name, i) => {
        if (systemNamespaces.includes(name)) {
            throw new Error(`${at(`namespaces[${i}].name`)}: ${JSON.stringify(name)} is not valid; ` +
                `Flink jobs need a namespace of their own, not one of ${systemNamespaces.map((n) => JSON.stringify(n)).join(", ")}`);
        }
    });
    return { environment, namespaceNames, operatorNamespace, clusters: planClusters(args, environment, namespaceNames) };
}

/** Puts each cluster in its namespace with that namespace's ServiceAccount and workload identity labels. */
function planClusters(args: FlinkPlatformArgs, environment: Environment, namespaceNames: string[]) {
    const clusters = args.clusters ?? [];
    if (!Array.isArray(clusters)) {
        throw new Error(`FlinkPlatform: clusters: ${JSON.stringify(clusters)} is not valid; expected a list of clusters`);
    }
    const seen = new Set<string>();
    return clusters.map((cluster, i) => {
        const at = (field: string) => `FlinkPlatform: clusters[${i}].${field}`;
        const namespaceIndex = namespaceNames.indexOf(cluster.namespace);
        if (namespaceIndex < 0) {
            invalid(at("namespace"), cluster.namespace, `one of the platform's namespaces (${namespaceNames.map((n) => JSON.stringify(n)).join(", ")})`);
        }
        const key = `${cluster.namespace}/${cluster.name}`;
        if (seen.has(key)) {
            throw new Error(`${at("name")}: ${JSON.stringify(cluster.name)} is used twice in namespace ${JSON.stringify(cluster.namespace)}; FlinkDeployment names are unique per namespace`);
        }
        seen.add(key);
        if (cluster.ingress !== undefined && args.network?.ingressControllerNamespace === undefined) {
            throw new Error(`${at("ingress")}: needs network.ingressControllerNamespace, so that the NetworkPolicies let the Ingress controller reach the JobManager`);
        }
        if (cluster.environment !== undefined && cluster.environment !== environment) {
            throw new Error(`${at("environment")}: ${JSON.stringify(cluster.environment)} differs from the platform's ${JSON.stringify(environment)}; remove it`);
        }
        const namespace = args.namespaces[namespaceIndex];
        return {
            namespaceIndex,
            args: {
                ...cluster,
                environment,
                serviceAccountName: cluster.serviceAccountName ?? namespace.serviceAccountName,
                podLabels: { ...workloadIdentityPodLabels(namespace.workloadIdentity), ...cluster.podLabels },
            },
        };
    });
}
