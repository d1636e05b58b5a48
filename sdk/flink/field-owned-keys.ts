/**
 * Flink keys a FlinkCluster's typed fields set. Given again in the cluster's
 * `flinkConfiguration` they would silently undo the field while the platform
 * goes on following the field (session-job defaults, PodMonitors and
 * NetworkPolicies, the state directory overlap check, the upgrade mode), so
 * they are refused with the field to set instead. Deprecated aliases count
 * as their key (the lists in shared/reference/flink-*-deprecated-keys.txt). Pure.
 */
import { stateLifecycleKeys } from "./state-lifecycle";
import { invalid, Problems } from "./validation";

const reporter = "nothing: the platform's Prometheus reporter listens on 9249, which its PodMonitors and NetworkPolicies use";

/** Key (or deprecated alias) → the field that sets it. */
export const fieldOwnedKeys: Readonly<Record<string, string>> = {
    "taskmanager.numberOfTaskSlots": "taskManager.taskSlots",
    "state.backend.type": "stateBackend",
    "state.backend": "stateBackend",
    "execution.checkpointing.interval": "checkpointing.interval",
    "execution.checkpointing.mode": "checkpointing.mode",
    "execution.checkpointing.timeout": "checkpointing.timeout",
    "execution.checkpointing.min-pause": "checkpointing.minPause",
    "execution.checkpointing.tolerable-failed-checkpoints": "checkpointing.tolerableFailures",
    "execution.checkpointing.num-retained": "checkpointing.retained",
    "state.checkpoints.num-retained": "checkpointing.retained",
    "execution.checkpointing.dir": "storage.checkpointDir",
    "state.checkpoints.dir": "storage.checkpointDir",
    "execution.checkpointing.savepoint-dir": "storage.savepointDir",
    "state.savepoints.dir": "storage.savepointDir",
    "high-availability.type": "highAvailability",
    "high-availability": "highAvailability",
    "high-availability.storageDir": "storage.highAvailabilityDir",
    "restart-strategy.type": "restartStrategy.type",
    "restart-strategy.fixed-delay.attempts": "restartStrategy.attempts",
    "restart-strategy.fixed-delay.delay": "restartStrategy.delay",
    "restart-strategy.failure-rate.max-failures-per-interval": "restartStrategy.attempts",
    "restart-strategy.failure-rate.delay": "restartStrategy.delay",
    "restart-strategy.failure-rate.failure-rate-interval": "restartStrategy.maxDelay",
    "restart-strategy.exponential-delay.attempts-before-reset-backoff": "restartStrategy.attempts",
    "restart-strategy.exponential-delay.initial-backoff": "restartStrategy.delay",
    "restart-strategy.exponential-delay.max-backoff": "restartStrategy.maxDelay",
    "job.autoscaler.enabled": "autoscaler.enabled",
    "job.autoscaler.vertex.min-parallelism": "autoscaler.minParallelism",
    "job.autoscaler.vertex.max-parallelism": "autoscaler.maxParallelism",
    "job.autoscaler.utilization.target": "autoscaler.targetUtilization",
    "job.autoscaler.metrics.window": "autoscaler.metricsWindow",
    "job.autoscaler.stabilization.interval": "autoscaler.stabilizationInterval",
    "scheduler-mode": "reactive.enabled",
    ...stateLifecycleKeys,
    "metrics.reporter.prom.port": reporter,
    "metrics.reporter.prom.factory.class": reporter,
};

/** Refuses the first key of a cluster's `flinkConfiguration` that a typed field sets. */
export function requireNoFieldOwnedKeys(field: string, config: Readonly<Record<string, unknown>>): void {
    const problems = new Problems();
    for (const key of Object.keys(config)) {
        const owner = fieldOwnedKeys[key];
        if (owner !== undefined) problems.attempt(() => invalid(`${field}[${JSON.stringify(key)}]`, config[key],
            owner.startsWith("nothing") ? `${owner}; remove it` : `no value here: it is set by ${owner}; set that field instead`), undefined);
    }
    problems.throwAny();
}
