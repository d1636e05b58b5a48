/**
 * How `pulumi up` waits for the Flink resources: the Kubernetes provider's
 * `pulumi.com/waitFor` annotation (a JSON array of JSONPath expressions, all of
 * which must hold; checked only once `status.observedGeneration` has caught up
 * with the spec, which operator 1.15 sets) and `pulumi.com/timeoutSeconds`.
 * Sources and pitfalls: docs/research/pulumi-await.md. Pure.
 */
import type { AwaitArgs } from "./args/cluster";
import { JobState } from "./args/cluster";
import { durationMillis, requireDurationAtLeast } from "./validation";

/**
 * What is awaited: an application cluster's or a session job's job, a session cluster's JobManager, or a
 * FlinkBlueGreenDeployment's active child.
 */
export type AwaitTarget =
    | { kind: "job"; state: JobState; bounded: boolean }
    | { kind: "session-cluster" }
    | { kind: "blue-green"; state: JobState };

/**
 * A FlinkBlueGreenDeployment is done when one child is active and its job runs: the operator sets
 * `status.blueGreenState` ACTIVE_BLUE or ACTIVE_GREEN with `status.jobStatus.state` RUNNING in one status patch
 * once the new child is RUNNING and STABLE (BlueGreenDeploymentService.finalizeBlueGreenDeployment); an aborted
 * switch goes back to ACTIVE_* with FAILING, a savepoint keeps RUNNING in SAVEPOINTING_*. The OR is an RFC 9535
 * filter over the members of `status` (pulumi-kubernetes 4.24+, its test "complex OR match"); only
 * `blueGreenState` can hold those values. Its status has no `observedGeneration`, so after an update the provider
 * can find the previous state still there: the wait does not cover a switch (docs/research/blue-green.md).
 */
export const blueGreenConditions = [
    "jsonpath={.status[?@=='ACTIVE_BLUE' || @=='ACTIVE_GREEN']}",
    "jsonpath={.status.jobStatus.state}=RUNNING",
];

export const defaultAwaitTimeout = "10 min";

/**
 * The annotations that make `pulumi up` wait for `target`, or undefined (no
 * annotations): awaiting off, or a suspended job (one created suspended never leaves CREATED).
 * A failed job or deployment is not detected early: the wait runs out its timeout.
 */
export function awaitAnnotations(field: string, args: AwaitArgs | undefined, target: AwaitTarget): Record<string, string> | undefined {
    const timeout = requireDurationAtLeast(`${field}.timeout`, args?.timeout ?? defaultAwaitTimeout, 1000, "1 s");
    if (args?.enabled === false || (target.kind !== "session-cluster" && target.state === JobState.Suspended)) {
        return undefined;
    }
    const conditions = target.kind === "session-cluster"
        ? ["jsonpath={.status.lifecycleState}=STABLE", "jsonpath={.status.jobManagerDeploymentStatus}=READY"]
        : target.kind === "blue-green" ? blueGreenConditions
            : ["jsonpath={.status.lifecycleState}=STABLE", `jsonpath={.status.jobStatus.state}=${target.bounded ? "FINISHED" : "RUNNING"}`];
    return { "pulumi.com/waitFor": JSON.stringify(conditions), "pulumi.com/timeoutSeconds": String(Math.ceil(durationMillis(timeout) / 1000)) };
}
