/** Checks that span the whole platform args (the components check their own fields). Pure. */
import { RunError } from "@pulumi/pulumi";
import type * as pulumi from "@pulumi/pulumi";
import type { FlinkClusterArgs } from "./args/cluster";
import { UpgradeStrategy } from "./args/cluster";
import { blueGreenChildNames } from "./blue-green";
import { ClusterPlan, planCluster } from "./cluster-plan";
import { monitoredCluster } from "./monitored-clusters";
import type { FlinkMonitoringArgs, MonitoredClusterArgs } from "./args/monitoring";
import type { FlinkOperatorArgs } from "./args/operator";
import { MonitoringPlan, planMonitoring } from "./monitoring-plan";
import { OperatorPlan, planOperator } from "./operator-plan";
import type { FlinkPlatformArgs, PlatformNamespaceArgs } from "./args/platform";
import type { StorageArgs } from "./args/storage";
import { StorageBackend } from "./args/storage";
import { overlappingPaths } from "./paths";
import { ClusterResourceNames, platformClusterNames } from "./resource-names";
import { clusterDirectories, planStorage, StoragePlan } from "./storage-plan";
import { Environment } from "./environment";
import { combine } from "./inputs";
import { defaultOperatorNamespace } from "./namespace-plan";
import { blueGreenRestServiceName } from "./pod-template";
import { defaultServiceAccountName, workloadIdentityPodLabels } from "./rbac-plan";
import { invalid, Problems, requireDnsLabel, requireEnum, requireUnique } from "./validation";

export interface PlatformPlan {
    environment: Environment;
    namespaceNames: string[];
    operatorNamespace: string;
    /** The storage args of each namespace (the platform's, with the namespace's workload identity), when there is storage. */
    namespaceStorage: (StorageArgs | undefined)[];
    /** Whether each namespace needs a FlinkStorage (a state PVC or a credentials Secret to create). */
    namespaceStorageObjects: boolean[];
    /** Ports Flink pods reach object storage on (none: no object storage). */
    objectStoragePorts: number[];
    /** That no two clusters share a state directory: checked now, or once directories that are Outputs are known. */
    disjointDirectories: pulumi.Input<void>;
    /** Each cluster's args as the platform completes them, its plan, the index of its namespace, and its resources' Pulumi names. */
    clusters: { args: FlinkClusterArgs; plan: ClusterPlan; namespaceIndex: number; resourceNames: ClusterResourceNames }[];
    /** The operator's args as the platform completes them, and their plan. */
    operator: { args: FlinkOperatorArgs; plan: OperatorPlan };
    /** The monitoring args as the platform completes them, and their plan; undefined when monitoring is off. */
    monitoring?: { args: FlinkMonitoringArgs; plan: MonitoringPlan };
}

/** `name`: the FlinkPlatform's Pulumi name, which its clusters' resource names start with. */
export function planPlatform(name: string, args: FlinkPlatformArgs): PlatformPlan {
    const at = (field: string) => `FlinkPlatform: ${field}`;
    const environment = requireEnum(at("environment"), args.environment ?? Environment.Dev, Environment);
    // The shapes (lists, objects, names present) are checked against the args schema before this.
    const namespaceNames = args.namespaces.map((ns, i) => requireDnsLabel(at(`namespaces[${i}].name`), ns.name));
    requireUnique(at("namespaces"), namespaceNames);
    const install = args.operator?.install ?? true;
    if (install && namespaceNames.length === 0) {
        throw new RunError(`${at("namespaces")}: is empty, but the operator is installed; ` +
            "list at least one Flink namespace (an operator watching no namespace watches them all, with cluster-wide RBAC)");
    }
    if (args.operator?.watchNamespaces !== undefined) {
        throw new RunError(`${at("operator.watchNamespaces")}: is set by the platform from "namespaces"; remove it`);
    }
    for (const field of ["flinkNamespaces", "clusters", "operatorNamespace", "network"] as const) {
        if (args.monitoring?.[field] !== undefined) {
            throw new RunError(`${at(`monitoring.${field}`)}: is set by the platform from its namespaces, operator and clusters; remove it`);
        }
    }
    const monitoringNamespace = args.network?.monitoringNamespace ?? "monitoring";
    if (args.monitoring?.namespace !== undefined && args.monitoring.namespace !== monitoringNamespace) {
        throw new RunError(`${at("monitoring.namespace")}: ${JSON.stringify(args.monitoring.namespace)} differs from network.monitoringNamespace ` +
            `${JSON.stringify(monitoringNamespace)}; Prometheus runs in one namespace, which the NetworkPolicies let scrape: set network.monitoringNamespace instead`);
    }
    const operatorNamespace = args.operator?.namespace ?? defaultOperatorNamespace;
    const systemNamespaces = [operatorNamespace, args.operator?.webhook?.certManagerNamespace ?? "cert-manager", "kube-system", "default"];
    namespaceNames.forEach((name, i) => {
        if (systemNamespaces.includes(name)) {
            throw new RunError(`${at(`namespaces[${i}].name`)}: ${JSON.stringify(name)} is not valid; ` +
                `Flink jobs need a namespace of their own, not one of ${systemNamespaces.map((n) => JSON.stringify(n)).join(", ")}`);
        }
    });
    const storagePlans = args.namespaces.map((ns, i) => {
        const storage = namespaceStorageArgs(args.storage, ns);
        return storage && planStorage(
            (f) => at(`storage.${f}`) + (args.namespaces.length > 1 ? ` (namespace ${JSON.stringify(namespaceNames[i])})` : ""), environment, storage);
    });
    // The clusters and FlinkStorage get the checked values: an invalid Output fails once, with the platform's message.
    const namespaceStorage = storagePlans.map((plan) => plan?.checkedArgs);
    // Every cluster's problems, its own and those it has with others, come in one error: each check goes on past a failed one.
    const problems = new Problems();
    const resourceNames = platformClusterNames(name, args.clusters ?? []);
    const completed = planClusters(args, environment, namespaceNames, namespaceStorage, problems);
    const plans = completed.map((cluster, i) => cluster && problems.attempt(() => planCluster(cluster.args), undefined,
        `clusters[${i}] (${cluster.args.namespace}/${cluster.args.name})`));
    // The clusters placed in a namespace, with their index in `clusters` (messages name it).
    const placed = completed.flatMap((cluster, index) => (cluster === undefined ? [] : [{ index, cluster: cluster.args }]));
    const disjointDirectories = problems.attempt(() => requireDisjointDirectories(placed, storagePlans, namespaceNames), undefined);
    // The operator and monitoring, planned here with the fields as the user wrote them (operator.…, monitoring.…): their problems come with the clusters'.
    const network = { ...args.network, operatorNamespace };
    const operatorArgs: FlinkOperatorArgs = { ...args.operator, environment, watchNamespaces: namespaceNames, network };
    const operator = problems.attempt(() => planOperator(operatorArgs, (f) => at(`operator.${f}`)), undefined);
    const monitoringArgs: FlinkMonitoringArgs | undefined = args.monitoring === undefined || args.monitoring.enabled === false ? undefined : {
        ...args.monitoring,
        environment,
        namespace: monitoringNamespace,
        flinkNamespaces: namespaceNames,
        operatorNamespace,
        network,
        scrapeOperator: args.monitoring.scrapeOperator ?? (args.operator?.install ?? true),
        clusters: placed.map(({ cluster }) => monitoredCluster(cluster)).filter((c): c is MonitoredClusterArgs => c !== undefined),
    };
    const monitoring = monitoringArgs && problems.attempt(() => planMonitoring(monitoringArgs, (f) => at(`monitoring.${f}`)), undefined);
    problems.throwAny();
    // Every check passed: each cluster is placed and planned.
    const clusters = completed.map((cluster, i) => ({ ...cluster!, plan: plans[i]!, resourceNames: resourceNames[i] }));
    return {
        environment, namespaceNames, disjointDirectories, operatorNamespace, namespaceStorage, objectStoragePorts: objectStoragePorts(args.storage), clusters,
        namespaceStorageObjects: storagePlans.map((plan) => plan !== undefined && (plan.pvc !== undefined || plan.createSecret)),
        operator: { args: operatorArgs, plan: operator as OperatorPlan },
        monitoring: monitoringArgs && { args: monitoringArgs, plan: monitoring as MonitoringPlan },
    };
}

/** The platform's storage as one namespace uses it: object stores authenticate with the namespace's workload identity. */
function namespaceStorageArgs(storage: StorageArgs | undefined, namespace: PlatformNamespaceArgs): StorageArgs | undefined {
    if (storage === undefined || storage.backend === StorageBackend.Pvc || namespace.workloadIdentity === undefined) {
        return storage;
    }
    return { ...storage, credentials: { ...storage.credentials, workloadIdentity: namespace.workloadIdentity } };
}

function objectStoragePorts(storage: StorageArgs | undefined): number[] {
    if (storage === undefined || storage.backend === StorageBackend.Pvc) {
        return [];
    }
    const endpoint = storage.backend === StorageBackend.S3 ? storage.s3?.endpoint : undefined;
    const port = endpoint === undefined ? undefined : /:(\d+)\/?$/.exec(endpoint)?.[1];
    return [port === undefined ? (endpoint?.startsWith("http://") ? 80 : 443) : Number(port)];
}

/** No directory of one cluster may equal or contain another's: two jobs would overwrite each other's state. */
function requireDisjointDirectories(
    clusters: { index: number; cluster: FlinkClusterArgs }[], storage: (StoragePlan | undefined)[], namespaceNames: string[],
): pulumi.Input<void> {
    const owned = clusters.flatMap(({ index: i, cluster }) => {
        const plan = storage[namespaceNames.indexOf(cluster.namespace)];
        const dirs = { ...(plan === undefined ? {} : clusterDirectories(plan, cluster.namespace, cluster.name)), ...cluster.storage };
        return (["highAvailabilityDir", "checkpointDir", "savepointDir"] as const)
            .filter((key) => dirs[key] !== undefined)
            .map((key) => ({ index: i, owner: `clusters[${i}].storage.${key}`, dir: dirs[key] as pulumi.Input<string> }));
    });
    return combine(owned.map(({ dir }) => dir), (...dirs: string[]) => {
        const entries = owned.map(({ index, owner }, j) => ({ path: dirs[j], entry: { index, owner, dir: dirs[j].replace(/\/+$/, "") } }));
        // Each cluster's own directories are disjoint by construction; every clash between two clusters is reported.
        const problems = new Problems();
        for (const clash of overlappingPaths(entries).filter(({ outer, inner }) => outer.index !== inner.index)) {
            const [first, second] = clash.outer.index < clash.inner.index ? [clash.outer, clash.inner] : [clash.inner, clash.outer];
            problems.add(`FlinkPlatform: ${second.owner}: ${JSON.stringify(second.dir)} overlaps ${first.owner} ${JSON.stringify(first.dir)}; ` +
                "every cluster needs HA, checkpoint and savepoint directories of its own");
        }
        problems.throwAny();
    });
}

/**
 * Puts each cluster in its namespace with that namespace's ServiceAccount, workload identity labels and storage.
 * A problem is kept in `problems`; a cluster whose namespace is not one of the platform's is undefined.
 */
function planClusters(
    args: FlinkPlatformArgs, environment: Environment, namespaceNames: string[], namespaceStorage: (StorageArgs | undefined)[], problems: Problems,
) {
    const clusters = args.clusters ?? [];
    const seen = new Set<string>();
    /** "<namespace>/<session job>" → where it was declared first. */
    const sessionJobs = new Map<string, string>();
    /** "<namespace>/<cluster>" → its index: the operator names a cluster's JobManager Deployment and Services after it. */
    const clusterIndex = new Map(clusters.map((cluster, i) => [`${cluster.namespace}/${cluster.name}`, i]));
    /** A route's host → the cluster that has it first. */
    const routeHosts = new Map<string, number>();
    return clusters.map((cluster, i) => {
        const at = (field: string) => `FlinkPlatform: clusters[${i}].${field}`;
        const namespaceIndex = namespaceNames.indexOf(cluster.namespace);
        if (namespaceIndex < 0) {
            problems.attempt(() => invalid(at("namespace"), cluster.namespace, `one of the platform's namespaces (${namespaceNames.map((n) => JSON.stringify(n)).join(", ")})`), undefined);
            return undefined;
        }
        const key = `${cluster.namespace}/${cluster.name}`;
        if (seen.has(key)) {
            problems.add(`${at("name")}: ${JSON.stringify(cluster.name)} is used twice in namespace ${JSON.stringify(cluster.namespace)}; FlinkDeployment names are unique per namespace`);
        }
        seen.add(key);
        (cluster.sessionJobs ?? []).forEach((job, j) => {
            const jobKey = `${cluster.namespace}/${job.name}`;
            const first = sessionJobs.get(jobKey);
            if (first !== undefined) {
                problems.add(`${at(`sessionJobs[${j}].name`)}: ${JSON.stringify(job.name)} is also the name of ${first} in namespace ` +
                    `${JSON.stringify(cluster.namespace)}; FlinkSessionJob names are unique per namespace`);
            } else {
                sessionJobs.set(jobKey, `clusters[${i}].sessionJobs[${j}]`);
            }
        });
        if (cluster.route !== undefined) {
            const proxy = clusterIndex.get(`${cluster.namespace}/${cluster.name}-auth-proxy`);
            if (proxy !== undefined) {
                problems.add(`${at("route")}: its proxy's Deployment and Service "${cluster.name}-auth-proxy" have the name of clusters[${proxy}]'s ` +
                    `JobManager Deployment in namespace ${JSON.stringify(cluster.namespace)}; rename one of the two clusters`);
            }
            const host = cluster.route.host;
            const first = typeof host === "string" ? routeHosts.get(host) : undefined;
            if (typeof host === "string" && first !== undefined) {
                problems.add(`${at("route.host")}: ${JSON.stringify(host)} is also the host of clusters[${first}]'s route; a Gateway serves one of them: give each its own host`);
            } else if (typeof host === "string") {
                routeHosts.set(host, i);
            }
        }
        if (cluster.upgrade?.strategy === UpgradeStrategy.BlueGreen) {
            // The operator names the children <name>-blue and <name>-green; Flink names a FlinkDeployment's REST service <name>-rest.
            for (const child of blueGreenChildNames(cluster.name)) {
                const other = clusterIndex.get(`${cluster.namespace}/${child}`);
                if (other !== undefined) {
                    problems.add(`${at("name")}: the operator names the FlinkDeployments of blue/green cluster ${JSON.stringify(cluster.name)} ` +
                        `"${cluster.name}-blue" and "${cluster.name}-green"; clusters[${other}] is ${JSON.stringify(child)} in namespace ${JSON.stringify(cluster.namespace)}: rename one of the two clusters`);
                }
            }
            const service = blueGreenRestServiceName(cluster.name);
            const other = clusterIndex.get(`${cluster.namespace}/${service.replace(/-rest$/, "")}`);
            if (other !== undefined) {
                problems.add(`${at("name")}: the REST service "${service}" of blue/green cluster ${JSON.stringify(cluster.name)} has the name of ` +
                    `clusters[${other}]'s in namespace ${JSON.stringify(cluster.namespace)}; rename one of the two clusters`);
            }
        }
        if (cluster.ingress !== undefined && args.network?.ingressControllerNamespace === undefined) {
            problems.add(`${at("ingress")}: needs network.ingressControllerNamespace, so that the NetworkPolicies let the Ingress controller reach the JobManager`);
        }
        if (cluster.environment !== undefined && cluster.environment !== environment) {
            problems.add(`${at("environment")}: ${JSON.stringify(cluster.environment)} differs from the platform's ${JSON.stringify(environment)}; remove it`);
        }
        const namespace = args.namespaces[namespaceIndex];
        // The platform creates one ServiceAccount per namespace with the Role the JobManager needs; another has no such Role.
        const namespaceAccount = namespace.serviceAccountName ?? defaultServiceAccountName;
        if (typeof cluster.serviceAccountName === "string" && cluster.serviceAccountName !== namespaceAccount) {
            problems.add(`${at("serviceAccountName")}: ${JSON.stringify(cluster.serviceAccountName)} has no RBAC in namespace ` +
                `${JSON.stringify(cluster.namespace)} (the JobManager could not create TaskManager pods); the platform's ServiceAccount there is ` +
                `${JSON.stringify(namespaceAccount)}: remove the field, or set namespaces[${namespaceIndex}].serviceAccountName`);
        }
        return {
            namespaceIndex,
            args: {
                ...cluster,
                environment,
                serviceAccountName: cluster.serviceAccountName ?? namespace.serviceAccountName,
                stateStorage: cluster.stateStorage ?? namespaceStorage[namespaceIndex],
                artifactCidrs: cluster.artifactCidrs ?? args.network?.artifactCidrs,
                podLabels: { ...workloadIdentityPodLabels(namespace.workloadIdentity), ...cluster.podLabels },
            },
        };
    });
}
