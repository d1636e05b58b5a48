/** The args of FlinkSessionJob. */
import type * as pulumi from "@pulumi/pulumi";
import type { FlinkClusterReference, SessionJobArgs } from "./cluster";

export interface FlinkSessionJobArgs {
    /**
     * The session cluster the job runs on: a FlinkCluster's `reference`, or
     * `FlinkPlatform.clusterReferences["<namespace>/<name>"]` for a cluster the platform declares.
     * The job lands in the cluster's namespace and waits for its FlinkDeployment. Required.
     */
    cluster: pulumi.Input<FlinkClusterReference>;
    /** The job. Required. */
    job: SessionJobArgs;
}
