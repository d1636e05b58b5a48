import * as pulumi from "@pulumi/pulumi";
import type { SessionJobArgs } from "./cluster-args";
import { KnownCluster, knownCluster } from "./cluster-plans";
import { FlinkSessionJobResource } from "./crds";
import { platformLabels } from "./flink/labels";
import { planSessionJob } from "./flink/session-job-plan";

export interface FlinkSessionJobArgs {
    /** Namespace of the session cluster. Required. */
    namespace: string;
    /** Name of the session cluster: a FlinkCluster without a job, created earlier in the same program. Required. */
    cluster: string;
    /** The job. Required. */
    job: SessionJobArgs;
}

/**
 * Validates a session job against its cluster and registers its FlinkSessionJob
 * (used by FlinkSessionJob and, without a component of its own per job, by FlinkCluster).
 */
export function sessionJobResource(name: string, cluster: KnownCluster, job: SessionJobArgs, parent: pulumi.Resource): FlinkSessionJobResource {
    const plan = planSessionJob(cluster.plan, job);
    return new FlinkSessionJobResource(name, {
        metadata: { name: plan.name, namespace: plan.namespace, labels: platformLabels("flink-session-job", plan.name) },
        spec: cluster.deploymentName.apply((deploymentName) => ({ deploymentName, ...plan.spec })),
    }, { parent, protect: cluster.plan.protect });
}

/**
 * A job on a session cluster (a FlinkSessionJob). Its jar is an https URL the
 * operator downloads; its upgrade mode follows the cluster's durable storage.
 */
export class FlinkSessionJob extends pulumi.ComponentResource {
    /** The FlinkSessionJob's name. */
    public readonly jobName: pulumi.Output<string>;

    constructor(name: string, args: FlinkSessionJobArgs, opts?: pulumi.ComponentResourceOptions) {
        super("flink-platform:index:FlinkSessionJob", name, {}, opts);
        const cluster = knownCluster(`FlinkSessionJob ${JSON.stringify(args.job?.name)}: cluster`, args.namespace, args.cluster);
        const job = sessionJobResource(`${name}-session-job`, cluster, args.job, this);
        this.jobName = job.metadata.name;
        this.registerOutputs({ jobName: this.jobName });
    }
}
