/**
 * The Prometheus metric names that alerts and dashboards may use: every one is
 * exported by Flink's Prometheus reporter (JobManagers, TaskManagers) or by the
 * Flink Kubernetes Operator's, with the default scope formats. Pure data; a
 * test checks that every alert expression and dashboard query names only these.
 *
 * How a name is built (flink-metrics-prometheus, AbstractPrometheusReporter):
 * "flink_" + the metric group's *logical* scope + "_" + the metric name, every
 * character outside [a-zA-Z0-9:_] replaced by "_". The logical scope is the
 * chain of group names: `jobmanager`, `jobmanager.job`, `taskmanager`,
 * `taskmanager.job`, `taskmanager.job.task`, `taskmanager.job.task.operator`,
 * and for the operator `k8soperator`, `k8soperator.namespace`,
 * `k8soperator.namespace.resource`; sub-groups (`Status.JVM.Memory`,
 * `JOSDK.Reconciliation.failed`) are appended. Scope *variables* are not part
 * of the name: they become labels (host, tm_id, job_id, job_name, task_name,
 * subtask_index, …; operator: host, namespace, name, resourcens, resourcename,
 * resourcetype). Counters and meters are exported as Prometheus gauges (no
 * `_total` suffix; a meter exports its per-second rate), boolean gauges as 1/0,
 * histograms as summaries with quantiles.
 *
 * Sources (checked for this file):
 * - Flink "Metrics" page, docs/content/docs/ops/metrics.md, "System metrics"
 *   tables. Only metrics listed both in the 2.x page and in the 1.x page
 *   (docs/content.zh/docs/ops/metrics.md before 1.19) are used, so they exist in
 *   every Flink version the platform runs (1.20, 2.0, 2.1, 2.2). Not used for
 *   that reason: `lastCheckpointCompletedTimestamp`,
 *   `lastCompletedCheckpointId`, `Status.JVM.GarbageCollector.All.*` (2.x only).
 *   The one exception, in a family of its own: `numRescales` (2.0 and later),
 *   which the restart alerts subtract where it exists and do without on 1.20.
 * - Flink "Metric Reporters" page, docs/content/docs/deployment/metric_reporters.md,
 *   "Prometheus": type mapping and variables-as-labels.
 * - Flink Kubernetes Operator "Metrics and Logging" page,
 *   docs/content/docs/operations/metrics-logging.md (release-1.15), and the
 *   1.15.0 sources of its metric groups (KubernetesOperatorMetricGroup
 *   "k8soperator", KubernetesResourceNamespaceMetricGroup "namespace",
 *   KubernetesResourceMetricGroup "resource", FlinkDeploymentMetrics,
 *   LifecycleMetrics, OperatorJosdkMetrics, OperatorMetricUtils "Status").
 */

export interface MetricFamily {
    /** Where the names are documented. */
    source: string;
    names: readonly string[];
}

/** `Status.JVM.*` and `Status.Flink.Memory.*` under a process scope ("jobmanager", "taskmanager", "k8soperator"). */
function statusMetrics(prefix: string): string[] {
    return [
        "Status_JVM_CPU_Load",
        "Status_JVM_CPU_Time",
        "Status_JVM_Memory_Heap_Used",
        "Status_JVM_Memory_Heap_Committed",
        "Status_JVM_Memory_Heap_Max",
        "Status_JVM_Memory_NonHeap_Used",
        "Status_JVM_Memory_Metaspace_Used",
        "Status_JVM_Memory_Metaspace_Max",
        "Status_JVM_Memory_Direct_MemoryUsed",
        "Status_JVM_Threads_Count",
    ].map((name) => `${prefix}_${name}`);
}

/** JobManager deployment statuses (JobManagerDeploymentStatus, operator 1.15). */
export const jmDeploymentStatuses = ["READY", "DEPLOYED_NOT_READY", "DEPLOYING", "MISSING", "ERROR"] as const;

/** Resource lifecycle states (ResourceLifecycleState, operator 1.15). */
export const lifecycleStates = [
    "CREATED", "SUSPENDED", "UPGRADING", "DEPLOYED", "STABLE", "ROLLING_BACK", "ROLLED_BACK", "FAILED", "DELETING", "DELETED",
] as const;

export const metricFamilies: readonly MetricFamily[] = [
    {
        source: "Flink ops/metrics.md, System metrics: CPU, Memory, Threads (scope Job-/TaskManager, infix Status.JVM, Status.Flink.Memory)",
        names: [
            ...statusMetrics("flink_jobmanager"),
            ...statusMetrics("flink_taskmanager"),
            "flink_taskmanager_Status_Flink_Memory_Managed_Used",
            "flink_taskmanager_Status_Flink_Memory_Managed_Total",
        ],
    },
    {
        source: "Flink ops/metrics.md, System metrics: Cluster (scope JobManager)",
        names: [
            "flink_jobmanager_numRegisteredTaskManagers",
            "flink_jobmanager_numPendingTaskManagers",
            "flink_jobmanager_numRunningJobs",
            "flink_jobmanager_taskSlotsAvailable",
            "flink_jobmanager_taskSlotsTotal",
        ],
    },
    {
        source: "Flink ops/metrics.md, System metrics: Availability (scope Job, only on JobManager); <jobStatus>Time is reported with " +
            "metrics.job.status.enable's default CURRENT_TIME, for INITIALIZING, CREATED, RUNNING, RESTARTING, CANCELLING, FAILING " +
            "(SchedulerBase.JobStatusMetrics: lower-case status + \"Time\")",
        names: [
            "flink_jobmanager_job_runningTime",
            "flink_jobmanager_job_restartingTime",
            "flink_jobmanager_job_failingTime",
            "flink_jobmanager_job_initializingTime",
            "flink_jobmanager_job_createdTime",
            "flink_jobmanager_job_cancellingTime",
            "flink_jobmanager_job_numRestarts",
        ],
    },
    {
        source: "Flink ops/metrics.md of 2.0 and later, System metrics: Availability (scope Job, only on JobManager): numRescales, \"the total " +
            "number of restarts triggered by rescaling, including scale up and scale down\", which numRestarts includes (added by FLINK-36871, " +
            "apache/flink#25770: AdaptiveScheduler.goToRestarting counts a restart without failures as a rescale). Not in Flink 1.20: " +
            "expressions that use it fall back to numRestarts alone where it is absent",
        names: [
            "flink_jobmanager_job_numRescales",
        ],
    },
    {
        source: "Flink ops/metrics.md, System metrics: Checkpointing (scope Job, only on JobManager)",
        names: [
            "flink_jobmanager_job_lastCheckpointDuration",
            "flink_jobmanager_job_lastCheckpointSize",
            "flink_jobmanager_job_lastCheckpointFullSize",
            "flink_jobmanager_job_lastCheckpointRestoreTimestamp",
            "flink_jobmanager_job_numberOfInProgressCheckpoints",
            "flink_jobmanager_job_numberOfCompletedCheckpoints",
            "flink_jobmanager_job_numberOfFailedCheckpoints",
            "flink_jobmanager_job_totalNumberOfCheckpoints",
        ],
    },
    {
        source: "Flink ops/metrics.md, System metrics: IO (scope Task; numRecords* also Operator)",
        names: [
            "flink_taskmanager_job_task_numRecordsIn",
            "flink_taskmanager_job_task_numRecordsInPerSecond",
            "flink_taskmanager_job_task_numRecordsOut",
            "flink_taskmanager_job_task_numRecordsOutPerSecond",
            "flink_taskmanager_job_task_numBytesOutPerSecond",
            "flink_taskmanager_job_task_isBackPressured",
            "flink_taskmanager_job_task_idleTimeMsPerSecond",
            "flink_taskmanager_job_task_busyTimeMsPerSecond",
            "flink_taskmanager_job_task_backPressuredTimeMsPerSecond",
            "flink_taskmanager_job_task_softBackPressuredTimeMsPerSecond",
            "flink_taskmanager_job_task_hardBackPressuredTimeMsPerSecond",
            "flink_taskmanager_job_task_operator_numRecordsInPerSecond",
            "flink_taskmanager_job_task_operator_numRecordsOutPerSecond",
        ],
    },
    {
        source: "Flink ops/metrics.md, System metrics: Default shuffle service (scope Task, infix Shuffle.Netty.Input.Buffers / Shuffle.Netty.Output.Buffers)",
        names: [
            "flink_taskmanager_job_task_Shuffle_Netty_Input_Buffers_inPoolUsage",
            "flink_taskmanager_job_task_Shuffle_Netty_Output_Buffers_outPoolUsage",
        ],
    },
    {
        source: "Operator metrics-logging.md, System Metrics (operator JVM, group Status like core Flink; OperatorMetricUtils.initOperatorMetrics)",
        names: statusMetrics("flink_k8soperator"),
    },
    {
        source: "Operator metrics-logging.md, Operator Custom Resource Metrics, scope Namespace (labels resourcens, resourcetype): " +
            "Count, FlinkDeployment JmDeploymentStatus.<Status>.Count, Lifecycle.State.<State>.Count",
        names: [
            "flink_k8soperator_namespace_Count",
            ...jmDeploymentStatuses.map((status) => `flink_k8soperator_namespace_JmDeploymentStatus_${status}_Count`),
            ...lifecycleStates.map((state) => `flink_k8soperator_namespace_Lifecycle_State_${state}_Count`),
        ],
    },
    {
        source: "Operator OperatorJosdkMetrics (1.15.0), scope Resource (labels resourcens, resourcename, resourcetype): " +
            "JOSDK.Reconciliation.Count, .failed.Count, .retries.Count, .finished.Count (counters, exported as gauges)",
        names: [
            "flink_k8soperator_namespace_resource_JOSDK_Reconciliation_Count",
            "flink_k8soperator_namespace_resource_JOSDK_Reconciliation_failed_Count",
            "flink_k8soperator_namespace_resource_JOSDK_Reconciliation_retries_Count",
            "flink_k8soperator_namespace_resource_JOSDK_Reconciliation_finished_Count",
        ],
    },
    {
        source: "Prometheus, Jobs and instances: the synthetic `up` series of every scrape target (labels job, namespace, pod from the PodMonitor)",
        names: ["up"],
    },
];

/** Every metric name alerts and dashboards may reference. */
export const exportedMetrics: ReadonlySet<string> = new Set(metricFamilies.flatMap((family) => family.names));

/**
 * The label the PodMonitors copy from the Flink pods' `app` label (the
 * FlinkDeployment's name). Not `cluster`, which multi-cluster Prometheus setups
 * use as an external label.
 */
export const clusterLabel = "flinkdeployment";
