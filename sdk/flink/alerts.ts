/**
 * The alerting rules of a FlinkMonitoring: one PrometheusRule per environment
 * whose groups cover jobs, checkpoints, processing, resources, the operator and
 * each listed cluster. Pure: returns rule groups as the PrometheusRule CRD takes
 * them. Every metric named here is in `exportedMetrics` (./metrics.ts); a test
 * parses each expression to check it.
 *
 * Labels Prometheus attaches and the expressions rely on: the scope variables
 * the Flink reporter exports (`job_name`, `task_name`, `tm_id`, `host`, …), the
 * target labels the PodMonitor adds (`namespace`, `pod`, `job`) and
 * `flinkdeployment` (the FlinkDeployment's name, relabeled from the pods' `app`
 * label). Operator metrics carry `resourcens`, `resourcename`, `resourcetype`.
 *
 * Every alert carries the labels `severity` (critical | warning, the
 * kube-prometheus convention Alertmanager routes on) and `environment`, and the
 * annotations `summary` (one line), `description` (what is wrong, with the
 * values), `runbook` (what to do, as text) and, with a runbook base URL,
 * `runbook_url` (`<base>/<alertname>`).
 */
import { blueGreenClusterLabel, clusterPodLabels } from "./labels";
import { clusterLabel } from "./metrics";
import { formatPrometheusDuration, prometheusDurationMs } from "./prometheus-duration";

export type Severity = "critical" | "warning";

/** Alert thresholds; durations are Prometheus durations such as "15m". */
export interface AlertThresholds {
    /** How long a job may stay out of RUNNING before FlinkJobNotRunning fires. */
    jobNotRunningFor: string;
    /** Window of FlinkJobRestarting. */
    restartWindow: string;
    /** FlinkJobRestarting fires when a job restarted more often than this within restartWindow. */
    maxRestarts: number;
    /** Window of FlinkJobFlapping. */
    flappingWindow: string;
    /** FlinkJobFlapping fires when a job restarted more often than this within flappingWindow. */
    flappingRestarts: number;
    /** Window of FlinkCheckpointsFailing. */
    checkpointFailureWindow: string;
    /**
     * FlinkCheckpointsFailing fires when more checkpoints failed than this within checkpointFailureWindow, in a job that completed
     * one since it last started or restarted, within its checkpoint age (checkpointMaxAge or the cluster's own) before the window.
     */
    maxFailedCheckpoints: number;
    /** FlinkCheckpointSlow fires when the last checkpoint took longer (seconds). */
    checkpointDurationSeconds: number;
    /** FlinkCheckpointTooOld fires when no checkpoint completed within this window, restarts included. */
    checkpointMaxAge: string;
    /** FlinkBackpressure fires when a task is back-pressured more than this many ms per second… */
    backpressureMsPerSecond: number;
    /** …for this long. */
    backpressureFor: string;
    /** FlinkJvmHeapPressure fires when heap used / heap max stays above this fraction for 15 minutes. */
    heapUsedRatio: number;
    /** How long FlinkOperatorReconcileErrors' condition must hold: reconciliations of one resource failing, every 5 minutes. */
    reconcileErrorWindow: string;
    /** FlinkOperatorReconcileErrors' condition: more reconciliations of one resource failed than this within 5 minutes. */
    maxReconcileErrors: number;
}

export const defaultThresholds: AlertThresholds = {
    jobNotRunningFor: "5m",
    restartWindow: "15m",
    maxRestarts: 0,
    flappingWindow: "1h",
    flappingRestarts: 5,
    checkpointFailureWindow: "15m",
    maxFailedCheckpoints: 0,
    checkpointDurationSeconds: 300,
    checkpointMaxAge: "30m",
    backpressureMsPerSecond: 500,
    backpressureFor: "15m",
    heapUsedRatio: 0.9,
    reconcileErrorWindow: "15m",
    maxReconcileErrors: 0,
};

/** A cluster with alerts of its own. */
export interface ClusterAlertValues {
    namespace: string;
    name: string;
    /** Fewer registered TaskManagers than this fires FlinkTaskManagersMissing; none: no such alert. */
    expectedTaskManagers?: number;
    /** Fewer running jobs than this fires FlinkJobsMissing; none: no such alert. */
    expectedRunningJobs?: number;
    /** Its job ends by itself: no FlinkClusterMetricsMissing (nor TaskManagers or jobs expected); only its checkpoint alerts. */
    bounded?: boolean;
    /**
     * How long its jobs may go without completing a checkpoint (FlinkCheckpointTooOld; FlinkCheckpointsFailing's look-back), a
     * Prometheus duration; none: its jobs do not checkpoint, no such alerts. Other than thresholds.checkpointMaxAge, the cluster gets
     * a FlinkCheckpointTooOld and a FlinkCheckpointsFailing of its own and the general ones leave it out.
     */
    checkpointMaxAge?: string;
    /** Its rescales count as restarts (Flink 1.20 rescaling in place): FlinkJobRestarting leaves it out. */
    rescalesCountAsRestarts?: boolean;
    /** A FlinkBlueGreenDeployment: its runbooks name it and its children's pods. */
    blueGreen?: boolean;
}

export interface AlertValues {
    environment: string;
    thresholds: AlertThresholds;
    /** `job` label values of the scrape targets (PodMonitor "<namespace>/<name>"). */
    scrapeJobs: { jobManagers: string; taskManagers: string; operator?: string };
    clusters: ClusterAlertValues[];
    runbookUrlBase?: string;
}

export interface AlertRule {
    alert: string;
    expr: string;
    for?: string;
    labels: Record<string, string>;
    annotations: Record<string, string>;
}

export interface RuleGroup {
    name: string;
    rules: AlertRule[];
}

/** The window FlinkOperatorReconcileErrors counts failures in; its `for:` is reconcileErrorWindow. */
export const reconcileErrorRateWindow = "5m";

const job = `namespace, ${clusterLabel}, job_name`;
const jobText = `job {{ $labels.job_name }} of {{ $labels.namespace }}/{{ $labels.${clusterLabel} }}`;

/** A FlinkDeployment of a blue/green cluster is one of its children, whose spec comes from the parent's template. */
const blueGreenChildren = " A FlinkDeployment <cluster>-blue or <cluster>-green is a child of the FlinkBlueGreenDeployment <cluster>: " +
    "its spec comes from that resource's template, which is where a fix goes (kubectl get flinkbluegreendeployments -n <ns>).";

/** The names in the general runbooks (`<cluster>-rest`, `app=<cluster>`, its FlinkDeployment) as a blue/green cluster has them. */
const blueGreenNames = ` On a blue/green cluster: svc/<cluster>-bluegreen-rest, -l ${blueGreenClusterLabel}=<cluster> instead of app=<cluster>, ` +
    "and flinkbluegreendeployment <cluster> (its children are the FlinkDeployments <cluster>-blue and <cluster>-green).";

interface RuleSpec {
    alert: string;
    severity: Severity;
    expr: string;
    for?: string;
    summary: string;
    description: string;
    runbook: string;
    labels?: Record<string, string>;
}

/**
 * FlinkCheckpointTooOld's condition for the jobs `selector` matches: no checkpoint (or savepoint) completed within `maxAge` although
 * the job has checkpointed before (checkpointing on) and already had metrics `maxAge` ago. A restart does not start the age again:
 * a job that restarts every 20 minutes without completing a checkpoint, or restores for longer than `maxAge`, is late too; one
 * deployed less than `maxAge` ago is not yet. A savepoint upgrade's savepoint counts as completed, on the old JobManager.
 */
function checkpointTooOldExpr(maxAge: string, selector = ""): string {
    return `sum by (${job}) (increase(flink_jobmanager_job_numberOfCompletedCheckpoints${selector}[${maxAge}])) == 0\n` +
        `and on (${job}) max by (${job}) (flink_jobmanager_job_totalNumberOfCheckpoints${selector}) > 0\n` +
        `and on (${job}) count by (${job}) (count_over_time(flink_jobmanager_job_runningTime${selector}[5m] offset ${maxAge})) > 0`;
}

/** `unless` the jobs of `clusters` (one selector per namespace), appended to a general rule that leaves them out; "" for none. */
function exceptClusters(clusters: ClusterAlertValues[]): string {
    const byNamespace = new Map<string, string[]>();
    for (const c of clusters) {
        byNamespace.set(c.namespace, [...(byNamespace.get(c.namespace) ?? []), c.name]);
    }
    const selectors = [...byNamespace].map(([namespace, names]) => names.length === 1
        ? `{namespace="${namespace}", ${clusterLabel}="${names[0]}"}`
        : `{namespace="${namespace}", ${clusterLabel}=~"${names.join("|")}"}`);
    return selectors.length === 0 ? ""
        : `\nunless on (namespace, ${clusterLabel}) (${selectors.map((s) => `flink_jobmanager_job_runningTime${s}`).join(" or ")})`;
}

function checkpointTooOldRule(maxAge: string, expr: string, labels?: Record<string, string>): RuleSpec {
    return {
        alert: "FlinkCheckpointTooOld",
        severity: "critical",
        expr,
        ...(labels === undefined ? {} : { labels }),
        summary: "No Flink checkpoint completed recently",
        description: `The ${jobText} has gone ${maxAge} without completing a checkpoint, restarts included: ` +
            "a failure now loses or replays everything since the last one.",
        runbook: "Look at the Checkpoints tab of the Flink UI: checkpoints that never finish time out (backpressure, slow " +
            "storage), failing ones show their exception. Until a checkpoint completes, an upgrade in last-state mode goes back to " +
            "the last completed checkpoint, and one in savepoint mode must first take a savepoint, which likely fails the same way. " +
            "The threshold is at least twice the cluster's checkpoint interval.",
    };
}

/**
 * Restarts of each job within `window` that were not rescales: numRestarts counts every restart, including those the adaptive
 * scheduler makes to change the parallelism (the autoscaler's in-place scaling, reactive mode); Flink 2.0 and later count those
 * also in numRescales (ops/metrics.md, Availability), which is subtracted. Flink 1.20 has no numRescales: there a job's
 * restarts count whole (`or` takes the jobs the difference has no value for).
 */
function failureRestarts(window: string): string {
    const restarts = `sum by (${job}) (increase(flink_jobmanager_job_numRestarts[${window}]))`;
    return `(\n  ${restarts}\n  - on (${job}) sum by (${job}) (increase(flink_jobmanager_job_numRescales[${window}]))\n  or ${restarts}\n)`;
}

/**
 * FlinkCheckpointsFailing's condition for the jobs `selector` matches: more than maxFailedCheckpoints failed within
 * checkpointFailureWindow, on a JobManager whose job completed a checkpoint after it last started or restarted, before the window
 * (and within `maxAge` before it), and has not restarted since.
 *
 * Why the completed checkpoint: numberOfFailedCheckpoints counts every failure, also those of checkpoints triggered before all
 * tasks run (NOT_ALL_REQUIRED_TASKS_RUNNING: the periodic trigger starts when the job turns RUNNING, while its TaskManagers start
 * and its tasks restore state, however long that takes), which Flink itself does not count against
 * execution.checkpointing.tolerable-failed-checkpoints (CheckpointFailureManager.checkFailureCounter counts only IO_EXCEPTION,
 * CHECKPOINT_ASYNC_EXCEPTION, CHECKPOINT_DECLINED and CHECKPOINT_EXPIRED; updateStatsAfterCheckpointFailed reports every reason to
 * the statistics). A checkpoint completes only once every task runs, so failures after one, with no restart since, are of running
 * tasks. When the job last started: `time() - runningTime` (RUNNING since; a global restart or a new JobManager process starts it
 * again); when it last restarted: the last change of numRestarts (region failovers too); its last checkpoint: the last increase
 * of numberOfCompletedCheckpoints. Those times come from a subquery at one-minute steps. A job whose checkpoints never complete after a start is FlinkCheckpointTooOld's, after `maxAge`.
 * Failed savepoints count here as well (the metric does not tell them apart): Flink does not fail a job for them, but upgrades
 * and the periodic savepoints need them.
 */
function checkpointsFailingExpr(t: AlertThresholds, maxAge: string, selector = ""): string {
    const window = t.checkpointFailureWindow;
    // Per JobManager pod, then summed: a new JobManager (a failover, or the new child of a blue/green switch while the old one
    // still runs) has its own counters and runningTime, and its start-up failures are not settled by the other pod's checkpoints.
    const jm = `${job}, pod`;
    // The last time (in seconds) within `range` that `condition` held over a 2-minute range, at one-minute steps, per JobManager:
    // what it saw happened within the two minutes before. Two minutes hold two samples at scrape intervals up to a minute, also
    // where a range excludes its start (Prometheus 3).
    const lastTime = (condition: (range: string) => string, range: string, offset = "") =>
        `max by (${jm}) (max_over_time(timestamp(${condition("[2m]")} > 0)[${range}:1m]${offset}))`;
    // A completion is an increase (a new JobManager process restarting the counter at 0 is none), taken at the earliest it can
    // have happened; a restart is any change, taken at the latest: a completion counts only when surely after both.
    const lastCompletion = `${lastTime((r) => `increase(flink_jobmanager_job_numberOfCompletedCheckpoints${selector}${r})`, maxAge, ` offset ${window}`)} - 120`;
    const lastRestart = lastTime((r) => `changes(flink_jobmanager_job_numRestarts${selector}${r})`,
        formatPrometheusDuration((prometheusDurationMs(window) as number) + (prometheusDurationMs(maxAge) as number)));
    return `sum by (${job}) (\n` +
        `  sum by (${jm}) (increase(flink_jobmanager_job_numberOfFailedCheckpoints${selector}[${window}]))\n` +
        `  and on (${jm}) ${lastCompletion}\n` +
        `    > on (${jm}) max by (${jm}) (time() - flink_jobmanager_job_runningTime${selector} / 1000)\n` +
        `  unless on (${jm}) ${lastRestart}\n` +
        `    >= on (${jm}) ${lastCompletion}\n` +
        `) > ${t.maxFailedCheckpoints}`;
}

function checkpointsFailingRule(t: AlertThresholds, maxAge: string, expr: string, labels?: Record<string, string>): RuleSpec {
    return {
        alert: "FlinkCheckpointsFailing",
        severity: "warning",
        expr,
        ...(labels === undefined ? {} : { labels }),
        summary: "Flink checkpoints are failing",
        description: `Checkpoints or savepoints of the ${jobText} failed in the last ${t.checkpointFailureWindow} ({{ $value | humanize }}), ` +
            `after it had completed one since its last start or restart, in the ${maxAge} before that.`,
        runbook: "Check the Checkpoints tab of the Flink UI for the failure reason. Timeouts point at backpressure or slow " +
            "storage (see FlinkBackpressure, raise execution.checkpointing.timeout); 'access denied' or 'not found' errors " +
            "at the checkpoint directory's credentials (workload identity, bucket policy, NetworkPolicy egress to storage). " +
            "Failures before a job's first completed checkpoint after a start or restart are not counted here (checkpoints " +
            "triggered while tasks still start or restore, which Flink does not count either), and a failure shows once the window " +
            "starts after that checkpoint; FlinkCheckpointTooOld covers a job that never completes one.",
    };
}

function generalRules(t: AlertThresholds, jobs: AlertValues["scrapeJobs"], clusters: ClusterAlertValues[]): { name: string; rules: RuleSpec[] }[] {
    // Clusters with a checkpoint age of their own (or none) get their checkpoint alerts in their own group; the general ones leave them out.
    const exceptOwn = exceptClusters(clusters.filter((c) => c.checkpointMaxAge !== t.checkpointMaxAge));
    const exceptRescaling = exceptClusters(clusters.filter((c) => c.rescalesCountAsRestarts === true));
    const groups: { name: string; rules: RuleSpec[] }[] = [
        {
            name: "flink-jobs",
            rules: [
                {
                    alert: "FlinkJobNotRunning",
                    severity: "critical",
                    expr: `max by (${job}) (flink_jobmanager_job_runningTime) == 0`,
                    for: t.jobNotRunningFor,
                    summary: "A Flink job is not running",
                    description: `The ${jobText} has not been in state RUNNING for ${t.jobNotRunningFor} (it is created, initializing, restarting, failing or cancelling).`,
                    runbook: "Open the Flink UI (kubectl port-forward svc/<cluster>-rest 8081) and check the job's exceptions; check the " +
                        "JobManager log (kubectl logs -l app=<cluster>,component=jobmanager) and the FlinkDeployment's status and events " +
                        "(kubectl describe flinkdeployment <cluster>). Typical causes: missing TaskManagers (quota, scheduling), a failing " +
                        "source or sink, state that cannot be restored." + blueGreenNames,
                },
                {
                    alert: "FlinkJobRestarting",
                    severity: "warning",
                    expr: `${failureRestarts(t.restartWindow)} > ${t.maxRestarts}${exceptRescaling}`,
                    summary: "A Flink job restarted",
                    description: `The ${jobText} restarted {{ $value }} times in ${t.restartWindow} (more than ${t.maxRestarts}), ` +
                        "not counting rescales (Flink 2.x counts them apart; on Flink 1.20 a rescale by the adaptive scheduler counts too).",
                    runbook: "Check the job's exception history in the Flink UI and the TaskManager logs around the restart " +
                        "(kubectl logs -l app=<cluster>,component=taskmanager --previous for a TaskManager that was killed). " +
                        "OOMKilled TaskManagers need more memory. On Flink 1.20 a rescale by the autoscaler or reactive mode also counts " +
                        "and needs no action (FlinkPlatform leaves such clusters out of this alert)." + blueGreenNames,
                },
                {
                    alert: "FlinkJobFlapping",
                    severity: "critical",
                    expr: `${failureRestarts(t.flappingWindow)} > ${t.flappingRestarts}`,
                    summary: "A Flink job keeps restarting",
                    description: `The ${jobText} restarted {{ $value }} times in ${t.flappingWindow} (more than ${t.flappingRestarts}; rescales not counted ` +
                        "where Flink counts them apart, 2.0 and later): " +
                        "it fails again after every restart and makes no progress.",
                    runbook: "The restart strategy keeps the job alive but it fails repeatedly. Find the root exception in the Flink UI " +
                        "(Exceptions tab); fix the cause (bad record, unreachable external system, insufficient memory) and redeploy; " +
                        "consider suspending the job (job.state: suspended) to stop it from hammering external systems.",
                },
            ],
        },
        {
            name: "flink-checkpoints",
            rules: [
                checkpointsFailingRule(t, t.checkpointMaxAge, checkpointsFailingExpr(t, t.checkpointMaxAge) + exceptOwn),
                {
                    alert: "FlinkCheckpointSlow",
                    severity: "warning",
                    expr: `max by (${job}) (flink_jobmanager_job_lastCheckpointDuration) / 1000 > ${t.checkpointDurationSeconds}`,
                    for: "10m",
                    summary: "Flink checkpoints are slow",
                    description: `The last checkpoint of the ${jobText} took {{ $value | humanizeDuration }} ` +
                        `(more than ${t.checkpointDurationSeconds} s) for 10 minutes.`,
                    runbook: "Slow checkpoints usually come from backpressure (barriers wait behind data: check FlinkBackpressure and the " +
                        "Backpressure dashboard), large state (enable incremental checkpoints, which RocksDB clusters have by default) " +
                        "or slow checkpoint storage. Unaligned checkpoints help under backpressure.",
                },
                checkpointTooOldRule(t.checkpointMaxAge, checkpointTooOldExpr(t.checkpointMaxAge) + exceptOwn),
            ],
        },
        {
            name: "flink-processing",
            rules: [
                {
                    alert: "FlinkBackpressure",
                    severity: "warning",
                    expr: `max by (${job}, task_name) (flink_taskmanager_job_task_backPressuredTimeMsPerSecond) > ${t.backpressureMsPerSecond}`,
                    for: t.backpressureFor,
                    summary: "A Flink task is back-pressured",
                    description: `Task {{ $labels.task_name }} of the ${jobText} is back-pressured {{ $value }} ms per second ` +
                        `(more than ${t.backpressureMsPerSecond}) for ${t.backpressureFor}.`,
                    runbook: "The task's downstream cannot keep up. In the Flink UI's job graph find the first task that is busy (not " +
                        "back-pressured) downstream of this one: scale it (parallelism, autoscaler), fix its hot keys or slow external " +
                        "calls (async I/O). Sustained backpressure also slows checkpoints.",
                },
            ],
        },
        {
            name: "flink-resources",
            rules: [
                {
                    alert: "FlinkTaskManagersPending",
                    severity: "warning",
                    expr: `max by (namespace, ${clusterLabel}) (flink_jobmanager_numPendingTaskManagers) > 0`,
                    for: "10m",
                    summary: "Flink is waiting for TaskManagers",
                    description: `The cluster {{ $labels.namespace }}/{{ $labels.${clusterLabel} }} has requested {{ $value }} TaskManagers ` +
                        "from Kubernetes that have not started for 10 minutes.",
                    runbook: "List the cluster's pods (kubectl get pods -l app=<cluster>,component=taskmanager) and describe the Pending " +
                        "ones: exceeded ResourceQuota (kubectl describe resourcequota), insufficient node capacity or unsatisfiable " +
                        "scheduling constraints, image pull errors." + blueGreenNames,
                },
                {
                    alert: "FlinkJvmHeapPressure",
                    severity: "warning",
                    expr: `max by (namespace, ${clusterLabel}, pod) (flink_jobmanager_Status_JVM_Memory_Heap_Used / flink_jobmanager_Status_JVM_Memory_Heap_Max) > ${t.heapUsedRatio}\n` +
                        `or max by (namespace, ${clusterLabel}, pod) (flink_taskmanager_Status_JVM_Memory_Heap_Used / flink_taskmanager_Status_JVM_Memory_Heap_Max) > ${t.heapUsedRatio}`,
                    for: "15m",
                    summary: "A Flink JVM is running out of heap",
                    description: `Pod {{ $labels.pod }} of {{ $labels.namespace }}/{{ $labels.${clusterLabel} }} has {{ $value | humanizePercentage }} ` +
                        `of its heap in use, above ${t.heapUsedRatio} at every evaluation for 15 minutes.`,
                    runbook: "Heap in use (Status.JVM.Memory.Heap.Used: live objects and garbage not yet collected) above the threshold at " +
                        "every evaluation for 15 minutes means garbage collections no longer bring it down, which precedes OutOfMemoryError " +
                        "and long GC pauses. Raise the " +
                        "component's memory (jobManager.memory / taskManager.memory) or taskmanager.memory.task.heap.size, move state " +
                        "to RocksDB/ForSt, or look for user code that buffers records (heap dump: kubectl exec … jcmd 1 GC.heap_dump).",
                },
                {
                    alert: "FlinkMetricsScrapeFailing",
                    severity: "warning",
                    expr: `max by (namespace, pod, job) (up{job=~"${jobs.jobManagers}|${jobs.taskManagers}"} == 0)`,
                    for: "10m",
                    summary: "Prometheus cannot scrape a Flink pod",
                    description: "Prometheus has failed to scrape {{ $labels.namespace }}/{{ $labels.pod }} (port metrics, 9249) for 10 minutes; " +
                        "its alerts cannot fire.",
                    runbook: "Check that the pod declares the container port 'metrics' and the Prometheus reporter " +
                        "(metrics.reporter.prom.*) is configured, and that the NetworkPolicy allow-monitoring admits the namespace " +
                        "Prometheus runs in (network.monitoringNamespace) on 9249. The Prometheus UI's Targets page shows the error.",
                },
            ],
        },
    ];
    const operator: RuleSpec[] = [
        {
            alert: "FlinkOperatorReconcileErrors",
            severity: "warning",
            // Failures in every 5 minutes for the whole window: the operator retries a failed reconciliation, so one that
            // failed once (a conflict, an API server hiccup) and then succeeded does not alert; one that keeps failing does.
            expr: `sum by (resourcens, resourcename, resourcetype) (increase(flink_k8soperator_namespace_resource_JOSDK_Reconciliation_failed_Count[${reconcileErrorRateWindow}])) > ${t.maxReconcileErrors}`,
            for: t.reconcileErrorWindow,
            summary: "The Flink operator keeps failing to reconcile a resource",
            description: `Reconciliations of {{ $labels.resourcetype }} {{ $labels.resourcens }}/{{ $labels.resourcename }} have kept failing for ` +
                `${t.reconcileErrorWindow}: {{ $value }} failed in the last ${reconcileErrorRateWindow}.`,
            runbook: "Read the resource's status.error and events (kubectl describe flinkdeployment|flinksessionjob <name> -n <ns>) and " +
                "the operator log (kubectl logs -n <operator namespace> deploy/flink-kubernetes-operator). Common causes: an invalid " +
                "spec change, missing RBAC in the namespace, the JobManager's REST API unreachable (NetworkPolicy allow-operator), " +
                "a savepoint that cannot be taken or restored." + blueGreenChildren,
        },
        {
            alert: "FlinkResourceFailed",
            severity: "critical",
            expr: "max by (resourcens, resourcetype) (flink_k8soperator_namespace_Lifecycle_State_FAILED_Count) > 0",
            for: "5m",
            summary: "A Flink resource has terminally failed",
            description: "{{ $value }} {{ $labels.resourcetype }} resources in namespace {{ $labels.resourcens }} are in lifecycle state FAILED: " +
                "their job failed terminally and the operator does not restart it.",
            runbook: "Find the failed resource (kubectl get flinkdeployments,flinksessionjobs -n <ns> -o wide, LIFECYCLE STATE column), " +
                "read status.error and the JobManager log. Fix the cause, then redeploy (change the spec, or bump spec.restartNonce); " +
                "with last-state or savepoint upgrade mode the job restores from its last checkpoint or savepoint." + blueGreenChildren,
        },
        {
            alert: "FlinkJobManagerDeploymentError",
            severity: "critical",
            expr: "max by (resourcens) (flink_k8soperator_namespace_JmDeploymentStatus_ERROR_Count) > 0",
            for: "5m",
            summary: "A FlinkDeployment's JobManager failed to deploy",
            description: "{{ $value }} FlinkDeployments in namespace {{ $labels.resourcens }} have JobManager deployment status ERROR; " +
                "the operator waits for a spec change.",
            runbook: "kubectl describe flinkdeployment -n <ns> shows status.error; kubectl get events -n <ns> shows pod failures " +
                "(Pod Security rejections, quota, image pulls, crash loops). Fix the spec and apply it again." + blueGreenChildren,
        },
        {
            alert: "FlinkOperatorDown",
            severity: "critical",
            expr: `absent(up{job="${jobs.operator}"} == 1)`,
            for: "5m",
            summary: "The Flink Kubernetes Operator is down or not scraped",
            description: "No operator pod has been scraped successfully for 5 minutes: FlinkDeployments are neither reconciled nor upgraded, " +
                "and the operator's alerts cannot fire.",
            runbook: "kubectl get pods -n <operator namespace> -l app.kubernetes.io/name=flink-kubernetes-operator; describe a pod that " +
                "is not Running and read its log (kubectl logs … --previous). If it runs, check the NetworkPolicy allow-monitoring " +
                "(port 9999) and the operator's metrics.port.",
        },
    ];
    // The operator's metrics exist only where it is scraped: without, its alerts could never fire.
    if (jobs.operator !== undefined) {
        groups.push({ name: "flink-operator", rules: operator });
    }
    return groups;
}

function clusterRules(cluster: ClusterAlertValues, thresholds: AlertThresholds): RuleSpec[] {
    const selector = `{namespace="${cluster.namespace}", ${clusterLabel}="${cluster.name}"}`;
    const labels = { namespace: cluster.namespace, [clusterLabel]: cluster.name };
    const where = `${cluster.namespace}/${cluster.name}`;
    // The resource and the pods' label to look at: a blue/green cluster's children are FlinkDeployments <name>-blue/-green.
    const blueGreen = cluster.blueGreen === true;
    const resource = blueGreen ? `flinkbluegreendeployment ${cluster.name}` : `flinkdeployment ${cluster.name}`;
    const pods = (component: string) => `-l ${Object.entries(clusterPodLabels(cluster.name, blueGreen)).map(([k, v]) => `${k}=${v}`).join(",")},component=${component}`;
    const rules: RuleSpec[] = cluster.bounded === true ? [] : [
        {
            alert: "FlinkClusterMetricsMissing",
            severity: "critical",
            expr: `absent(flink_jobmanager_numRegisteredTaskManagers${selector})`,
            for: "10m",
            labels,
            summary: `Flink cluster ${where} exports no metrics`,
            description: `No JobManager of the Flink cluster ${where} has reported metrics for 10 minutes: it is down, suspended or not scraped.`,
            runbook: `kubectl get ${resource} -n ${cluster.namespace} shows the ` +
                (blueGreen ? `blue/green state and the job's status; kubectl get flinkdeployments -n ${cluster.namespace} the children's JobManager deployment status; ` : "JobManager deployment status; ") +
                `kubectl get pods -n ${cluster.namespace} ${pods("jobmanager")} the pod. If the JobManager runs, ` +
                "check FlinkMetricsScrapeFailing and the Prometheus Targets page.",
        },
    ];
    if (cluster.expectedTaskManagers !== undefined) {
        rules.push({
            alert: "FlinkTaskManagersMissing",
            severity: "critical",
            expr: `max(flink_jobmanager_numRegisteredTaskManagers${selector}) < ${cluster.expectedTaskManagers}`,
            for: "10m",
            labels,
            summary: `Flink cluster ${where} has too few TaskManagers`,
            description: `{{ $value }} TaskManagers are registered with the JobManager of ${where}; expected: ${cluster.expectedTaskManagers}.`,
            runbook: `kubectl get pods -n ${cluster.namespace} ${pods("taskmanager")}: Pending pods point at quota or ` +
                "node capacity, CrashLoopBackOff at memory or configuration; TaskManagers that run but do not register at the " +
                `NetworkPolicy flink-cluster-${cluster.name}-network or the JobManager's RPC port.`,
        });
    }
    if (cluster.expectedRunningJobs !== undefined) {
        rules.push({
            alert: "FlinkJobsMissing",
            severity: "critical",
            expr: `max(flink_jobmanager_numRunningJobs${selector}) < ${cluster.expectedRunningJobs}`,
            for: "10m",
            labels,
            summary: `Flink cluster ${where} runs too few jobs`,
            description: `{{ $value }} jobs are running on ${where}; expected: ${cluster.expectedRunningJobs}.`,
            runbook: `kubectl get ${blueGreen ? "flinkbluegreendeployment,flinkdeployment" : "flinkdeployment,flinksessionjob"} -n ${cluster.namespace} shows each job's state; a job that finished, ` +
                "failed or was cancelled leaves the count. Read the JobManager log and the resource's status.error.",
        });
    }
    if (cluster.checkpointMaxAge !== undefined && cluster.checkpointMaxAge !== thresholds.checkpointMaxAge) {
        const maxAge = cluster.checkpointMaxAge;
        rules.push(
            checkpointsFailingRule(thresholds, maxAge, checkpointsFailingExpr(thresholds, maxAge, selector), labels),
            checkpointTooOldRule(maxAge, checkpointTooOldExpr(maxAge, selector), labels),
        );
    }
    return rules;
}

function toRule(spec: RuleSpec, values: AlertValues): AlertRule {
    const annotations: Record<string, string> = { summary: spec.summary, description: spec.description, runbook: spec.runbook };
    if (values.runbookUrlBase !== undefined) {
        annotations.runbook_url = `${values.runbookUrlBase.replace(/\/+$/, "")}/${spec.alert.toLowerCase()}`;
    }
    return {
        alert: spec.alert,
        expr: spec.expr,
        ...(spec.for === undefined ? {} : { for: spec.for }),
        labels: { severity: spec.severity, environment: values.environment, ...spec.labels },
        annotations,
    };
}

/** The rule groups of the environment's PrometheusRule. */
export function alertGroups(values: AlertValues): RuleGroup[] {
    const groups = generalRules(values.thresholds, values.scrapeJobs, values.clusters).map(({ name, rules }) => ({ name, rules: rules.map((r) => toRule(r, values)) }));
    for (const cluster of values.clusters) {
        const rules = clusterRules(cluster, values.thresholds).map((r) => toRule(r, values));
        // A bounded cluster on the default checkpoint age has no rule of its own.
        if (rules.length > 0) groups.push({ name: `flink-cluster/${cluster.namespace}/${cluster.name}`, rules });
    }
    return groups;
}
