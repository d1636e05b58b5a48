import * as pulumi from "@pulumi/pulumi";
import { clusterResources } from "./cluster";
import type { FlinkClusterReference } from "./flink/args/cluster";
import { applyCloudProfile } from "./flink/cloud-profiles";
import { planPlatform } from "./flink/platform-plan";
import { FlinkNamespace } from "./namespace";
import { FlinkOperator } from "./operator";
import { FlinkRbac } from "./rbac";
import { FlinkMonitoring } from "./monitoring";
import { FlinkStorage } from "./storage";
import type { StorageArgs } from "./flink/args/storage";
import { checkArgs, checked } from "./flink/args-check";
import { withPlan } from "./flink/planned";
import type { FlinkPlatformArgs, StateDirectories } from "./flink/args/platform";

/**
 * Everything a Flink platform needs in one environment: hardened Flink
 * namespaces with their RBAC, the Flink Kubernetes Operator watching them, and
 * the Flink clusters (with their session jobs) running in them.
 */
export class FlinkPlatform extends pulumi.ComponentResource {
    /** The Flink namespaces. */
    public readonly namespaces: pulumi.Output<string[]>;
    /** The operator's namespace. */
    public readonly operatorNamespace: pulumi.Output<string>;
    /** ServiceAccount per Flink namespace. */
    public readonly serviceAccounts: pulumi.Output<{ [namespace: string]: string }>;
    /** The Flink clusters as "<namespace>/<name>", each with its REST service name. */
    public readonly clusters: pulumi.Output<{ [cluster: string]: string }>;
    /** Each cluster's ("<namespace>/<name>") state directories. */
    public readonly stateDirectories: pulumi.Output<{ [cluster: string]: StateDirectories }>;
    /** Each cluster ("<namespace>/<name>") as its session jobs see it: pass one as FlinkSessionJob's `cluster`. */
    public readonly clusterReferences: { [cluster: string]: FlinkClusterReference };
    /** The uids of the Grafana dashboards (empty without monitoring). */
    public readonly dashboards: pulumi.Output<string[]>;

    constructor(name: string, args: FlinkPlatformArgs, opts?: pulumi.ComponentResourceOptions) {
        super("flink-platform:index:FlinkPlatform", name, {}, opts);
        args = checkArgs("FlinkPlatform", name, args);
        args = applyCloudProfile(args);
        // Every cluster planned and checked before any resource: one error lists every problem.
        const plan = planPlatform(name, args);
        const network = plan.operator.args.network;

        const flinkNamespaces = args.namespaces.map((ns, i) => {
            const namespace = new FlinkNamespace(`${name}-${ns.name}`, checked({
                name: ns.name,
                environment: plan.environment,
                quota: ns.quota,
                containerDefaults: ns.containerDefaults,
                network,
                objectStoragePorts: plan.objectStoragePorts,
                gkeWorkloadIdentity: ns.workloadIdentity?.gcpServiceAccount !== undefined,
                egress: ns.egress,
            }), { parent: this });
            const rbac = new FlinkRbac(`${name}-${ns.name}-rbac`, checked({
                namespace: namespace.namespaceName,
                serviceAccountName: ns.serviceAccountName,
                workloadIdentity: ns.workloadIdentity,
                developers: ns.developers,
                viewers: ns.viewers,
            }), { parent: this });
            // Object storage with workload identity needs no Kubernetes object: no FlinkStorage then.
            const storage = !plan.namespaceStorageObjects[i] ? undefined : new FlinkStorage(`${name}-${ns.name}-storage`, checked({
                namespace: ns.name,
                storage: plan.namespaceStorage[i] as StorageArgs,
                environment: plan.environment,
            }), { parent: this, dependsOn: [namespace.namespace] });
            return { namespace, rbac, storage };
        });

        const operatorDependencies: pulumi.Resource[] = flinkNamespaces.map((ns) => ns.namespace.namespace);
        const operator = new FlinkOperator(`${name}-operator`, checked(withPlan(plan.operator.args, plan.operator.plan)),
            { parent: this, dependsOn: operatorDependencies });

        // A FlinkDeployment needs its namespace, its ServiceAccount, its state claim or credentials, and the operator's CRDs;
        // with state directories that are Outputs, also the check, once they are known, that no two clusters share one.
        // Each cluster's objects are the platform's own children: a component per cluster would cost a registration each.
        const operatorReady = pulumi.Output.isInstance(plan.disjointDirectories) ? plan.disjointDirectories.apply(() => operator) : operator;
        // At the top of its stack, without aliases of its own, the platform's URN is known now: its clusters' aliases are whole URNs.
        const previousUrnPrefix = opts?.parent === undefined && opts?.aliases === undefined
            ? `urn:pulumi:${pulumi.getStack()}::${pulumi.getProject()}::flink-platform:index:FlinkPlatform$` : undefined;
        const clusters = plan.clusters.map(({ args: cluster, plan: clusterPlan, namespaceIndex, resourceNames }) => {
            const { namespace, rbac, storage } = flinkNamespaces[namespaceIndex];
            return clusterResources({ ...resourceNames, previousUrnPrefix }, clusterPlan, cluster.sessionJobs ?? [], this,
                [namespace.namespace, rbac, operatorReady, ...(storage === undefined ? [] : [storage])]);
        });

        this.namespaces = pulumi.all(flinkNamespaces.map((ns) => ns.namespace.namespaceName));
        this.operatorNamespace = operator.namespace;
        this.serviceAccounts = pulumi.all(flinkNamespaces.map((ns) => pulumi.all([ns.namespace.namespaceName, ns.rbac.serviceAccountName])))
            .apply((pairs) => Object.fromEntries(pairs));
        // Known once every FlinkDeployment is registered: one Output for all, rather than a few per cluster.
        this.clusters = pulumi.all(clusters.map((c) => c.deployment.urn))
            .apply(() => Object.fromEntries(clusters.map(({ plan: cluster }) => [`${cluster.namespace}/${cluster.name}`, cluster.restServiceName])));
        const monitoring = plan.monitoring === undefined ? undefined : new FlinkMonitoring(`${name}-monitoring`, checked(withPlan(plan.monitoring.args, plan.monitoring.plan)), { parent: this });
        this.dashboards = monitoring?.dashboardUids ?? pulumi.output([]);
        this.clusterReferences = Object.fromEntries(clusters.map(({ plan: cluster, reference }) => [`${cluster.namespace}/${cluster.name}`, reference]));
        this.stateDirectories = pulumi.output(Object.fromEntries(clusters.map(({ plan: cluster }) => [`${cluster.namespace}/${cluster.name}`, {
            highAvailability: cluster.highAvailabilityDir, checkpoints: cluster.checkpointDir, savepoints: cluster.savepointDir,
        }])));
        this.registerOutputs({
            namespaces: this.namespaces, operatorNamespace: this.operatorNamespace, serviceAccounts: this.serviceAccounts, clusters: this.clusters,
            stateDirectories: this.stateDirectories, dashboards: this.dashboards,
        });
    }
}
