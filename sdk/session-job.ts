import * as pulumi from "@pulumi/pulumi";
import type { FlinkClusterReference, SessionJobArgs } from "./flink/args/cluster";
import { FlinkSessionJobResource } from "./crds";
import { checkInput, isPlain } from "./flink/inputs";
import { platformLabels } from "./flink/labels";
import { planSessionJob } from "./flink/session-job-plan";
import { checkArgs } from "./flink/args-check";
import type { FlinkSessionJobArgs } from "./flink/args/session-job";

/**
 * Validates a session job against its cluster and registers its FlinkSessionJob
 * (used by FlinkSessionJob and, without a component of its own per job, by FlinkCluster).
 * A cluster reference that is an Output (from another language's program) is
 * checked once known; the FlinkSessionJob then takes its protection from its parent.
 * `options`: its parent, and any aliases.
 */
export function sessionJobResource(
    name: string, cluster: pulumi.Input<FlinkClusterReference>, job: SessionJobArgs, options: pulumi.CustomResourceOptions,
): FlinkSessionJobResource {
    if (isPlain(cluster)) {
        const plan = planSessionJob(cluster, job);
        return new FlinkSessionJobResource(name, {
            metadata: { name: plan.name, namespace: plan.namespace, labels: platformLabels("flink-session-job", plan.name), annotations: plan.annotations },
            spec: checkInput(plan.deploymentName, (deploymentName) => ({ deploymentName, ...plan.spec })),
        }, { ...options, protect: plan.protect });
    }
    const plan = pulumi.output(checkInput(cluster, (known) => planSessionJob(known as FlinkClusterReference, job)));
    return new FlinkSessionJobResource(name, {
        metadata: {
            name: plan.name, namespace: plan.namespace, labels: plan.name.apply((jobName) => platformLabels("flink-session-job", jobName)),
            annotations: plan.annotations,
        },
        spec: plan.apply((known) => pulumi.output(known.deploymentName).apply((deploymentName) => ({ deploymentName, ...known.spec }))),
    }, options);
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
        args = checkArgs("FlinkSessionJob", name, args);
        const job = sessionJobResource(`${name}-session-job`, args.cluster, args.job, { parent: this });
        this.jobName = job.metadata.name;
        this.registerOutputs({ jobName: this.jobName });
    }
}
