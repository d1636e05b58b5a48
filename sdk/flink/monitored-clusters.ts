/**
 * What the alerts may expect of a cluster the platform runs, from its args
 * (FlinkPlatform passes the result to FlinkMonitoring as `clusters`). Pure.
 *
 * - An application cluster whose job is suspended has no JobManager; one whose
 *   job is bounded finishes it, after which the operator removes the
 *   JobManager in time (1.15 keeps it for a day): neither is expected to run a
 *   job or to export metrics, so neither is listed.
 * - A session cluster's JobManager runs with or without jobs: it is listed
 *   (FlinkClusterMetricsMissing), and its running jobs expected are its session
 *   jobs that are neither suspended nor bounded (an idle one expects none: no
 *   FlinkJobsMissing).
 * - Where the TaskManager count is fixed (standalone, not reactive), it is
 *   expected (FlinkTaskManagersMissing).
 */
import type { FlinkClusterArgs } from "./args/cluster";
import { DeploymentMode, JobState } from "./args/cluster";
import type { MonitoredClusterArgs } from "./args/monitoring";

/** The cluster as FlinkMonitoring should watch it; undefined when nothing of it is expected to run. */
export function monitoredCluster(cluster: FlinkClusterArgs): MonitoredClusterArgs | undefined {
    if (cluster.job !== undefined && (cluster.job.state === JobState.Suspended || cluster.job.bounded === true)) {
        return undefined;
    }
    const running = cluster.job !== undefined
        ? 1
        : (cluster.sessionJobs ?? []).filter((job) => job.state !== JobState.Suspended && job.bounded !== true).length;
    const fixedTaskManagers = cluster.mode === DeploymentMode.Standalone && cluster.reactive?.enabled !== true ? cluster.taskManager?.replicas : undefined;
    return {
        namespace: cluster.namespace,
        name: cluster.name,
        ...(running === 0 ? {} : { expectedRunningJobs: running }),
        ...(fixedTaskManagers === undefined ? {} : { expectedTaskManagers: fixedTaskManagers }),
    };
}
