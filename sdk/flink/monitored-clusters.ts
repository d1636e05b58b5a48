/**
 * What the alerts may expect of a cluster the platform runs, from its args
 * (FlinkPlatform passes the result to FlinkMonitoring as `clusters`). Pure.
 *
 * - An application cluster whose job is suspended has no JobManager: it is not
 *   listed. One whose job is bounded finishes it, after which the operator
 *   removes the JobManager in time (1.15 keeps it for a day): it is listed as
 *   `bounded`, expected neither to run a job nor to export metrics, for its
 *   checkpoint age alone (a long bounded job checkpoints like any other).
 * - A session cluster's JobManager runs with or without jobs: it is listed
 *   (FlinkClusterMetricsMissing), and its running jobs expected are its session
 *   jobs that are neither suspended nor bounded (an idle one expects none: no
 *   FlinkJobsMissing).
 * - Where the TaskManager count is fixed (standalone, not reactive), it is
 *   expected (FlinkTaskManagersMissing).
 * - Flink 1.20 with the autoscaler or reactive mode: its rescales restart the
 *   job and count in numRestarts, which has no numRescales to subtract on 1.20
 *   (`rescalesCountAsRestarts`: no FlinkJobRestarting for it).
 * - A blue/green cluster is `blueGreen`: its runbooks name the
 *   FlinkBlueGreenDeployment and its children's pods.
 * - Its checkpointing: off (no FlinkCheckpointTooOld), or its interval when
 *   set (FlinkCheckpointTooOld waits at least twice as long). An interval that
 *   is not valid is left out: FlinkCluster reports it, as
 *   clusters[i].checkpointing.interval.
 */
import type { FlinkClusterArgs } from "./args/cluster";
import { DeploymentMode, JobState, UpgradeStrategy } from "./args/cluster";
import type { MonitoredClusterArgs } from "./args/monitoring";
import { Problems, requireDurationAtLeast } from "./validation";
import { defaultFlinkVersion, FlinkVersion } from "./versions";

/** The cluster as FlinkMonitoring should watch it; undefined for a suspended application cluster, which runs nothing. */
export function monitoredCluster(cluster: FlinkClusterArgs): MonitoredClusterArgs | undefined {
    if (cluster.job !== undefined && cluster.job.state === JobState.Suspended) {
        return undefined;
    }
    const bounded = cluster.job !== undefined && cluster.job.bounded === true;
    const running = bounded ? 0 : cluster.job !== undefined
        ? 1
        : (cluster.sessionJobs ?? []).filter((job) => job.state !== JobState.Suspended && job.bounded !== true).length;
    const fixedTaskManagers = !bounded && cluster.mode === DeploymentMode.Standalone && cluster.reactive?.enabled !== true ? cluster.taskManager?.replicas : undefined;
    const checkpointing = cluster.checkpointing?.enabled !== false;
    const interval = cluster.checkpointing?.interval;
    const validInterval = interval !== undefined && new Problems().attempt(() => requireDurationAtLeast("", interval, 10, "10 ms"), undefined) !== undefined;
    const rescalesInPlace = cluster.autoscaler?.enabled === true || cluster.reactive?.enabled === true;
    const rescalesCountAsRestarts = rescalesInPlace && (cluster.flinkVersion ?? defaultFlinkVersion) === FlinkVersion.V1_20;
    return {
        namespace: cluster.namespace,
        name: cluster.name,
        ...(bounded ? { bounded: true } : {}),
        ...(running === 0 ? {} : { expectedRunningJobs: running }),
        ...(fixedTaskManagers === undefined ? {} : { expectedTaskManagers: fixedTaskManagers }),
        ...(checkpointing ? {} : { checkpointing: false }),
        ...(checkpointing && validInterval ? { checkpointInterval: interval } : {}),
        ...(rescalesCountAsRestarts ? { rescalesCountAsRestarts: true } : {}),
        ...(cluster.upgrade?.strategy === UpgradeStrategy.BlueGreen ? { blueGreen: true } : {}),
    };
}
