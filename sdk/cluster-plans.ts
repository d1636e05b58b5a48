import type * as pulumi from "@pulumi/pulumi";
import type { ClusterPlan } from "./flink/cluster-plan";

/** A FlinkCluster of this program: its validated plan and its FlinkDeployment's name. */
export interface KnownCluster {
    plan: ClusterPlan;
    deploymentName: pulumi.Output<string>;
}

/** The FlinkClusters of this program by "<namespace>/<name>", for the session jobs aimed at them. */
const clusters = new Map<string, KnownCluster>();

export function rememberCluster(cluster: KnownCluster): void {
    clusters.set(`${cluster.plan.namespace}/${cluster.plan.name}`, cluster);
}

/** The FlinkCluster named `name` in `namespace`; `at` prefixes the error when there is none. */
export function knownCluster(at: string, namespace: string, name: string): KnownCluster {
    const cluster = clusters.get(`${namespace}/${name}`);
    if (cluster === undefined) {
        throw new Error(`${at}: no FlinkCluster ${JSON.stringify(name)} in namespace ${JSON.stringify(namespace)} in this program; ` +
            "create the session cluster first, or list the job in the cluster's sessionJobs");
    }
    return cluster;
}
