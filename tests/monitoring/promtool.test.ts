/**
 * The alerts under Prometheus's own rule engine (promtool from Debian's
 * `prometheus` package, see tests/harness/promtool.ts):
 *
 * - `promtool check rules` on the PrometheusRule of every stack and example, as
 *   Prometheus loads it (prometheus-operator drops a whole PrometheusRule that
 *   Prometheus refuses, silently);
 * - `promtool test rules`, one unit-test file per scenario, with synthetic series
 *   named and labeled as the PodMonitors scrape them: every alert fires on the
 *   failure it exists for, once its `for:` has passed and not before, with its
 *   exact labels and annotations; and stays silent for a healthy streaming job
 *   and for the states a platform cluster is healthy in (an idle session
 *   cluster, a finished bounded job, a suspended job, a blue/green switch, a job with a 30-minute
 *   checkpoint interval, a job the autoscaler rescales, checkpoints that fail
 *   before all tasks run after a start or a restart, however long the restore);
 * - `promtool test rules` on the PrometheusRule of every stack and example that
 *   monitors, over the series its own FlinkDeployments, FlinkSessionJobs and
 *   PodMonitors make a healthy platform expose (healthyPlatform): no alert fires.
 */
import * as assert from "node:assert/strict";
import type { AlertRule } from "../../sdk/flink/alerts";
import type { FlinkMonitoringArgs, MonitoredClusterArgs } from "../../sdk/flink/args/monitoring";
import type { FlinkClusterArgs } from "../../sdk/flink/args/cluster";
import { DeploymentMode, JobState } from "../../sdk/flink/args/cluster";
import { monitoredCluster } from "../../sdk/flink/monitored-clusters";
import { clusterLabel } from "../../sdk/flink/metrics";
import { planMonitoring, podMonitorNames } from "../../sdk/flink/monitoring-plan";
import { durationMillis } from "../../sdk/flink/validation";
import { byType, RegisteredResource, runStack } from "../harness/mocks";
import { findPromtool, howToGetPromtool, promtool, workDir, writeYaml } from "../harness/promtool";
import { StackCase, stacks } from "../stack-cases";

const ruleType = "kubernetes:monitoring.coreos.com/v1:PrometheusRule";
/**
 * Every stack and example, and dev with monitoring turned on as the README's quickstart shows (`monitoring: {}`): dev's
 * WordCount session job finishes, its state-machine job runs on.
 */
const monitoredStacks: StackCase[] = [
    ...stacks,
    { label: "dev with monitoring", env: "dev", file: "Pulumi.dev.yaml", run: () => runStack("dev", { monitoring: {} }) },
];
const binary = findPromtool();

/** Fails without promtool (CI always has it), or skips when SKIP_PROMTOOL=1 says so. */
function requirePromtool(this: Mocha.Context): void {
    if (binary !== undefined) return;
    if (process.env.SKIP_PROMTOOL === "1") this.skip();
    throw new Error(howToGetPromtool);
}

// ---- synthetic series, labeled as the PodMonitors and the Flink reporter label them ----

type Labels = Record<string, string>;
interface Series { series: string; values: string }

const series = (metric: string, labels: Labels, values: string): Series =>
    ({ series: `${metric}{${Object.entries(labels).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(", ")}}`, values });

/** A JobManager pod of the application cluster team-a/orders, as the jobmanager PodMonitor scrapes it. */
const jobManager = (cluster = "orders"): Labels => ({
    namespace: "team-a", flinkdeployment: cluster, pod: `${cluster}-6b7c9d5f4-x2x4z`, job: "monitoring/flink-jobmanagers",
    container: "flink-main-container", endpoint: "metrics", instance: "10.1.0.5:9249", host: "10_1_0_5",
});
/** The job's scope variables on JobManager job metrics. */
const jobScope = (cluster = "orders", jobName = "orders"): Labels => ({ ...jobManager(cluster), job_id: "4f2a9c0e1b7d4a6f8e3c2b1a0f9e8d7c", job_name: jobName });
const taskManager: Labels = {
    namespace: "team-a", flinkdeployment: "orders", pod: "orders-taskmanager-1-1", job: "monitoring/flink-taskmanagers",
    container: "flink-main-container", endpoint: "metrics", instance: "10.1.0.6:9249", host: "10_1_0_6", tm_id: "orders-taskmanager-1-1",
};
const task: Labels = {
    ...taskManager, job_id: "4f2a9c0e1b7d4a6f8e3c2b1a0f9e8d7c", job_name: "orders", task_name: "Window_Aggregate_",
    task_id: "cbc357ccb763df2852fee8c4fc7d55f2", subtask_index: "0", task_attempt_num: "0",
};
const operator: Labels = {
    namespace: "flink-operator", pod: "flink-kubernetes-operator-7f9c8b6d5-q8w2e", job: "monitoring/flink-kubernetes-operator",
    container: "flink-kubernetes-operator", endpoint: "metrics", instance: "10.1.0.9:9999",
};
const resource: Labels = { ...operator, resourcens: "team-a", resourcename: "orders", resourcetype: "FlinkDeployment" };

/** Minutes of synthetic data: every scenario runs three hours. */
const minutes = 180;
const constant = (value: number | string) => `${value}x${minutes}`;
/** `value` until minute `at`, `then` from there on. */
const changesAt = (at: number, value: number | string, then: number | string) => `${value}x${at - 1} ${then}x${minutes - at}`;

/** A healthy streaming job on team-a/orders, two TaskManagers, a checkpoint a minute, the operator reconciling fine. */
function healthyJob(overrides: Record<string, string> = {}): Series[] {
    const values = (metric: string, fallback: string) => overrides[metric] ?? fallback;
    return [
        series("flink_jobmanager_job_runningTime", jobScope(), values("runningTime", `60000+60000x${minutes}`)),
        series("flink_jobmanager_job_numRestarts", jobScope(), values("numRestarts", constant(0))),
        series("flink_jobmanager_job_numberOfCompletedCheckpoints", jobScope(), values("completedCheckpoints", `0+1x${minutes}`)),
        series("flink_jobmanager_job_totalNumberOfCheckpoints", jobScope(), values("totalCheckpoints", `1+1x${minutes}`)),
        series("flink_jobmanager_job_numberOfFailedCheckpoints", jobScope(), values("failedCheckpoints", constant(0))),
        series("flink_jobmanager_job_lastCheckpointDuration", jobScope(), values("lastCheckpointDuration", constant(2000))),
        series("flink_taskmanager_job_task_backPressuredTimeMsPerSecond", task, values("backPressured", constant(0))),
        series("flink_jobmanager_numPendingTaskManagers", jobManager(), values("pendingTaskManagers", constant(0))),
        series("flink_jobmanager_numRegisteredTaskManagers", jobManager(), values("registeredTaskManagers", constant(2))),
        series("flink_jobmanager_numRunningJobs", jobManager(), values("runningJobs", constant(1))),
        series("flink_jobmanager_Status_JVM_Memory_Heap_Used", jobManager(), constant(400000000)),
        series("flink_jobmanager_Status_JVM_Memory_Heap_Max", jobManager(), constant(1000000000)),
        series("flink_taskmanager_Status_JVM_Memory_Heap_Used", taskManager, values("taskManagerHeapUsed", constant(500000000))),
        series("flink_taskmanager_Status_JVM_Memory_Heap_Max", taskManager, constant(1000000000)),
        series("up", jobManager(), constant(1)),
        series("up", taskManager, values("taskManagerUp", constant(1))),
        series("up", operator, values("operatorUp", constant(1))),
        series("flink_k8soperator_namespace_resource_JOSDK_Reconciliation_failed_Count", resource, values("reconcileFailed", constant(0))),
        series("flink_k8soperator_namespace_Lifecycle_State_FAILED_Count", { ...operator, resourcens: "team-a", resourcetype: "FlinkDeployment" },
            values("failedResources", constant(0))),
        series("flink_k8soperator_namespace_JmDeploymentStatus_ERROR_Count", { ...operator, resourcens: "team-a" }, values("jmDeploymentErrors", constant(0))),
    ];
}

// ---- the rules and the expected alerts ----

const ordersCluster: MonitoredClusterArgs = { namespace: "team-a", name: "orders", expectedTaskManagers: 2, expectedRunningJobs: 1 };
const monitoringArgs = (args: Partial<FlinkMonitoringArgs> = {}): FlinkMonitoringArgs =>
    ({ flinkNamespaces: ["team-a", "team-b"], clusters: [ordersCluster], ...args });
const allAlerts = [...new Set(planMonitoring(monitoringArgs()).ruleGroups.flatMap((g) => g.rules.map((r) => r.alert)))];

/** The alert's annotations as Prometheus renders them: its labels filled in, `{{ $value … }}` as `value` (already formatted). */
function rendered(rule: AlertRule, labels: Labels, value: string): Labels {
    const expand = (text: string) => text
        .replace(/\{\{ \$labels\.(\w+) \}\}/g, (_, name: string) => {
            assert.ok(name in labels, `${rule.alert}: the annotation reads label ${name}, which the alert does not carry`);
            return labels[name];
        })
        .replace(/\{\{ \$value( \| \w+)? \}\}/g, value);
    const annotations = Object.fromEntries(Object.entries(rule.annotations).map(([key, text]) => [key, expand(text)]));
    for (const text of Object.values(annotations)) assert.doesNotMatch(text, /\{\{/, `${rule.alert}: a template left unrendered`);
    return annotations;
}

interface Firing {
    alert: string;
    /** Minute the failure starts at (in the series). */
    from: number;
    /** The alert's labels besides alertname, severity and environment. */
    labels: Labels;
    /** `{{ $value }}` as the annotations render it. */
    value: string;
    series: Series[];
    args?: Partial<FlinkMonitoringArgs>;
}

interface AlertTest { eval_time: string; alertname: string; exp_alerts: { exp_labels: Labels; exp_annotations: Labels }[] }

/** Runs one unit-test file of `tests` over `input` against the rules of `args`; asserts promtool's exact success report. */
function assertUnitTest(name: string, args: FlinkMonitoringArgs, input: Series[], tests: AlertTest[]): void {
    assertRulesUnitTest(name, planMonitoring(args).ruleGroups, input, tests);
}

/** Runs one unit-test file of `tests` over `input` against the rule `groups` (a PrometheusRule's spec.groups). */
function assertRulesUnitTest(name: string, groups: unknown[], input: Series[], tests: AlertTest[]): void {
    const dir = workDir("promtool-test");
    writeYaml(dir, "rules.yaml", { groups });
    writeYaml(dir, `${name}.yaml`, { rule_files: ["rules.yaml"], evaluation_interval: "1m", tests: [{ interval: "1m", input_series: input, alert_rule_test: tests }] });
    const result = promtool(binary!, dir, ["test", "rules", `${name}.yaml`]);
    assert.equal(result.output, `Unit Testing:  ${name}.yaml\n  SUCCESS\n\n`);
    assert.equal(result.status, 0);
}

/** Every alert silent at each of `times` (minutes). */
const silent = (alerts: string[], times: number[]): AlertTest[] =>
    times.flatMap((t) => alerts.map((alertname) => ({ eval_time: `${t}m`, alertname, exp_alerts: [] })));

function ruleOf(args: FlinkMonitoringArgs, alert: string): AlertRule {
    const found = planMonitoring(args).ruleGroups.flatMap((g) => g.rules).find((r) => r.alert === alert);
    assert.ok(found, `no alert ${alert}`);
    return found;
}

const minutesOf = (duration: string | undefined) => (duration === undefined ? 0 : Number(/^(\d+)m$/.exec(duration)![1]));

const jobAlertLabels = { namespace: "team-a", flinkdeployment: "orders", job_name: "orders" };
const clusterAlertLabels = { namespace: "team-a", flinkdeployment: "orders" };

/** `rule` firing at `minute` with its own labels, `labels` from the series (the job's by default) and `{{ $value }}` as `value`. */
function firesAt(rule: AlertRule, minute: number, value: string, labels: Labels = jobAlertLabels): AlertTest {
    const all = { alertname: rule.alert, severity: rule.labels.severity, environment: "dev", ...labels };
    const { alertname: _, ...expLabels } = all;
    return { eval_time: `${minute}m`, alertname: rule.alert, exp_alerts: [{ exp_labels: expLabels, exp_annotations: rendered(rule, all, value) }] };
}

/** One scenario per alert: the failure it exists for. */
const firing: Firing[] = [
    { alert: "FlinkJobNotRunning", from: 60, labels: jobAlertLabels, value: "0",
        series: healthyJob({ runningTime: `60000+60000x59 0x${minutes - 60}` }) },
    { alert: "FlinkJobRestarting", from: 60, labels: jobAlertLabels, value: "1", series: healthyJob({ numRestarts: changesAt(60, 0, 1) }) },
    // Restarts at minutes 60 to 69: the sixth, at 65, is more than 5 in an hour.
    { alert: "FlinkJobFlapping", from: 65, labels: jobAlertLabels, value: "7",
        series: healthyJob({ numRestarts: `0x59 1+1x9 10x${minutes - 69}` }) },
    { alert: "FlinkCheckpointsFailing", from: 60, labels: jobAlertLabels, value: "1", series: healthyJob({ failedCheckpoints: changesAt(60, 0, 1) }) },
    { alert: "FlinkCheckpointSlow", from: 60, labels: jobAlertLabels, value: "6m 40s", series: healthyJob({ lastCheckpointDuration: changesAt(60, 2000, 400000) }) },
    // The last checkpoint completes at minute 60; 30 minutes later (checkpointMaxAge) none has.
    { alert: "FlinkCheckpointTooOld", from: 90, labels: jobAlertLabels, value: "0",
        series: healthyJob({ completedCheckpoints: `0+1x59 60x${minutes - 60}` }) },
    { alert: "FlinkBackpressure", from: 60, labels: { ...jobAlertLabels, task_name: "Window_Aggregate_" }, value: "800",
        series: healthyJob({ backPressured: changesAt(60, 0, 800) }) },
    { alert: "FlinkTaskManagersPending", from: 60, labels: clusterAlertLabels, value: "2", series: healthyJob({ pendingTaskManagers: changesAt(60, 0, 2) }) },
    { alert: "FlinkJvmHeapPressure", from: 60, labels: { ...clusterAlertLabels, pod: "orders-taskmanager-1-1" }, value: "95%",
        series: healthyJob({ taskManagerHeapUsed: changesAt(60, 500000000, 950000000) }) },
    { alert: "FlinkMetricsScrapeFailing", from: 60, labels: { namespace: "team-a", pod: "orders-taskmanager-1-1", job: "monitoring/flink-taskmanagers" },
        value: "0", series: healthyJob({ taskManagerUp: changesAt(60, 1, 0) }) },
    // Failing on every reconciliation (the operator retries, then reconciles again each minute).
    { alert: "FlinkOperatorReconcileErrors", from: 60, labels: { resourcens: "team-a", resourcename: "orders", resourcetype: "FlinkDeployment" },
        value: "5", series: healthyJob({ reconcileFailed: `0x59 1+1x${minutes - 60}` }) },
    { alert: "FlinkResourceFailed", from: 60, labels: { resourcens: "team-a", resourcetype: "FlinkDeployment" }, value: "1",
        series: healthyJob({ failedResources: changesAt(60, 0, 1) }) },
    { alert: "FlinkJobManagerDeploymentError", from: 60, labels: { resourcens: "team-a" }, value: "1",
        series: healthyJob({ jmDeploymentErrors: changesAt(60, 0, 1) }) },
    // absent() of a comparison carries no labels of its own.
    { alert: "FlinkOperatorDown", from: 60, labels: {}, value: "1",
        series: healthyJob({ operatorUp: changesAt(60, 1, 0) }) },
    { alert: "FlinkClusterMetricsMissing", from: 60, labels: clusterAlertLabels, value: "1",
        series: healthyJob({ registeredTaskManagers: "2x59 stale" }) },
    { alert: "FlinkTaskManagersMissing", from: 60, labels: clusterAlertLabels, value: "1", series: healthyJob({ registeredTaskManagers: changesAt(60, 2, 1) }) },
    { alert: "FlinkJobsMissing", from: 60, labels: clusterAlertLabels, value: "0", series: healthyJob({ runningJobs: changesAt(60, 1, 0) }) },
];

// ---- a stack's healthy state, derived from the resources it registers ----

const ofKind = (resources: RegisteredResource[], kind: string) => resources.filter((r) => r.type.endsWith(`:${kind}`));

/** Per minute of the scenario, `value(m)` while `alive(m)`; the series ends (stale) at the first minute it is not. */
const perMinute = (value: (m: number) => number, until = minutes) =>
    Array.from({ length: Math.min(until, minutes) }, (_, m) => String(value(m))).join(" ") + (until < minutes ? " stale" : "");

/** A healthy job on a cluster: its name, and the minute it finishes (a bounded job), or never. */
interface HealthyJob { name: string; until: number }
/** A bounded job finishes after twenty minutes (then Flink closes its metric group). */
const boundedRunsFor = 20;

/**
 * The series a healthy platform exposes, from a stack's FlinkDeployments, FlinkSessionJobs and PodMonitors: per
 * cluster with a JobManager (an application cluster whose job is suspended has none), its JobManager and TaskManagers
 * up, labeled as the PodMonitors' relabelings label them; each job that is not suspended running (a bounded one, awaited
 * to FINISHED, until it finishes), with no restart, completing a checkpoint every checkpoint interval of its cluster;
 * and the operator's metrics, reconciling fine, where the operator is scraped.
 */
function healthyPlatform(resources: RegisteredResource[]): Series[] {
    const monitors = new Map(ofKind(resources, "PodMonitor").map((m) => [m.inputs.metadata.name as string, m]));
    const scrapeJob = (name: string) => {
        const monitor = monitors.get(name);
        assert.ok(monitor, `no PodMonitor ${name}`);
        return { job: `${monitor.inputs.metadata.namespace}/${name}`, monitor };
    };
    const jobManagers = scrapeJob(podMonitorNames.jobManagers);
    const taskManagers = scrapeJob(podMonitorNames.taskManagers);
    for (const { monitor } of [jobManagers, taskManagers]) {
        // The pod's `app` (the FlinkDeployment's name) becomes the label the helpers above carry, flinkdeployment.
        assert.ok(monitor.inputs.spec.podMetricsEndpoints.some((e: any) => e.port === taskManager.endpoint &&
            e.relabelings.some((r: any) => r.sourceLabels[0] === "__meta_kubernetes_pod_label_app" && r.targetLabel === clusterLabel)));
    }
    assert.equal(clusterLabel, "flinkdeployment");
    const bounded = (r: RegisteredResource) => (r.inputs.metadata.annotations?.["pulumi.com/waitFor"] ?? "").includes("FINISHED");
    const running = (r: RegisteredResource) => r.inputs.spec.job !== undefined && r.inputs.spec.job.state !== JobState.Suspended;
    const sessionJobs = ofKind(resources, "FlinkSessionJob");
    const out: Series[] = [];
    let ip = 10;
    for (const deployment of ofKind(resources, "FlinkDeployment")) {
        const { name, namespace } = deployment.inputs.metadata as { name: string; namespace: string };
        const spec = deployment.inputs.spec;
        if (spec.job !== undefined && !running(deployment)) continue; // suspended: the operator removed its JobManager
        const jobs: HealthyJob[] = spec.job !== undefined
            ? [{ name, until: bounded(deployment) ? boundedRunsFor : minutes }]
            : sessionJobs.filter((j) => j.inputs.metadata.namespace === namespace && j.inputs.spec.deploymentName === name && running(j))
                .map((j) => ({ name: j.inputs.metadata.name, until: bounded(j) ? boundedRunsFor : minutes }));
        const lastJobEnds = Math.max(0, ...jobs.map((j) => j.until));
        // Standalone: its fixed TaskManagers; native: two while a job runs (released once none does).
        const standalone = spec.mode === DeploymentMode.Standalone;
        const tmCount = standalone ? spec.taskManager?.replicas ?? 1 : jobs.length > 0 ? 2 : 0;
        const tmUntil = standalone ? minutes : lastJobEnds;
        const jm: Labels = { ...jobManager(name), namespace, job: jobManagers.job, instance: `10.1.0.${ip}:9249`, host: `10_1_0_${ip++}` };
        const runningJobs = (m: number) => jobs.filter((j) => m < j.until).length;
        out.push(
            series("up", jm, constant(1)),
            series("flink_jobmanager_numRegisteredTaskManagers", jm, perMinute((m) => (m < tmUntil ? tmCount : 0))),
            series("flink_jobmanager_numPendingTaskManagers", jm, constant(0)),
            series("flink_jobmanager_numRunningJobs", jm, perMinute(runningJobs)),
            series("flink_jobmanager_Status_JVM_Memory_Heap_Used", jm, constant(400000000)),
            series("flink_jobmanager_Status_JVM_Memory_Heap_Max", jm, constant(1000000000)),
        );
        const tms = Array.from({ length: tmCount }, (_, i): Labels => {
            const pod = `${name}-taskmanager-1-${i + 1}`;
            return { ...taskManager, namespace, flinkdeployment: name, pod, tm_id: pod, job: taskManagers.job, instance: `10.1.0.${ip}:9249`, host: `10_1_0_${ip++}` };
        });
        for (const tm of tms) {
            out.push(
                series("up", tm, perMinute(() => 1, tmUntil)),
                series("flink_taskmanager_Status_JVM_Memory_Heap_Used", tm, perMinute(() => 500000000, tmUntil)),
                series("flink_taskmanager_Status_JVM_Memory_Heap_Max", tm, perMinute(() => 1000000000, tmUntil)),
            );
        }
        const interval = spec.flinkConfiguration?.["execution.checkpointing.interval"] as string | undefined;
        const everyMs = interval === undefined ? undefined : durationMillis(interval);
        for (const job of jobs) {
            const scope: Labels = { ...jobScope(name, job.name), ...jm };
            out.push(
                series("flink_jobmanager_job_runningTime", scope, perMinute((m) => 60000 * (m + 1), job.until)),
                series("flink_jobmanager_job_numRestarts", scope, perMinute(() => 0, job.until)),
                series("flink_jobmanager_job_numRescales", scope, perMinute(() => 0, job.until)),
            );
            if (everyMs !== undefined) {
                out.push(
                    series("flink_jobmanager_job_numberOfCompletedCheckpoints", scope, perMinute((m) => Math.floor((m * 60000) / everyMs), job.until)),
                    series("flink_jobmanager_job_totalNumberOfCheckpoints", scope, perMinute((m) => Math.floor((m * 60000) / everyMs) + 1, job.until)),
                    series("flink_jobmanager_job_numberOfFailedCheckpoints", scope, perMinute(() => 0, job.until)),
                    series("flink_jobmanager_job_lastCheckpointDuration", scope, perMinute(() => 2000, job.until)),
                );
            }
            if (tms.length > 0) {
                out.push(series("flink_taskmanager_job_task_backPressuredTimeMsPerSecond", { ...task, ...tms[0], job_name: job.name }, perMinute(() => 0, job.until)));
            }
        }
    }
    if (monitors.has(podMonitorNames.operator)) {
        const { job, monitor } = scrapeJob(podMonitorNames.operator);
        const op: Labels = { ...operator, namespace: monitor.inputs.spec.namespaceSelector.matchNames[0], job };
        out.push(series("up", op, constant(1)));
        const flinkResources = [...ofKind(resources, "FlinkDeployment"), ...sessionJobs];
        for (const r of flinkResources) {
            out.push(series("flink_k8soperator_namespace_resource_JOSDK_Reconciliation_failed_Count",
                { ...op, resourcens: r.inputs.metadata.namespace, resourcename: r.inputs.metadata.name, resourcetype: r.type.split(":").pop()! }, constant(0)));
        }
        for (const namespace of new Set(flinkResources.map((r) => r.inputs.metadata.namespace as string))) {
            for (const resourcetype of ["FlinkDeployment", "FlinkSessionJob"]) {
                out.push(series("flink_k8soperator_namespace_Lifecycle_State_FAILED_Count", { ...op, resourcens: namespace, resourcetype }, constant(0)));
            }
            out.push(series("flink_k8soperator_namespace_JmDeploymentStatus_ERROR_Count", { ...op, resourcens: namespace }, constant(0)));
        }
    }
    return out;
}

describe("promtool: Prometheus's rule engine on the emitted rules", function () {
    before(requirePromtool);

    describe("check rules: every PrometheusRule of every stack and example loads in Prometheus", () => {
        const withRules: string[] = [];
        for (const stack of monitoredStacks) {
            it(stack.label, async () => {
                const { resources } = await stack.run();
                const rules = byType(resources, ruleType);
                if (rules.length > 0) withRules.push(stack.label);
                for (const rule of rules) {
                    const dir = workDir("promtool-check");
                    writeYaml(dir, "rules.yaml", rule.inputs.spec);
                    const count = (rule.inputs.spec.groups as { rules: unknown[] }[]).reduce((n, g) => n + g.rules.length, 0);
                    const result = promtool(binary!, dir, ["check", "rules", "rules.yaml"]);
                    assert.equal(result.output, `Checking rules.yaml\n  SUCCESS: ${count} rules found\n\n`, `${rule.name}`);
                    assert.equal(result.status, 0);
                }
            });
        }
        it("checked the stacks and examples that monitor (the others turn monitoring off)", () => {
            assert.deepEqual(withRules, [
                "staging", "prod", "prod with kube-prometheus-stack installed", "examples/aws", "examples/gcp", "examples/azure", "dev with monitoring",
            ]);
        });
    });

    describe("test rules: every stack and example with monitoring fires nothing in its healthy state", () => {
        const times = [5, 15, 30, 60, 90, 120, 150, 179];
        const tested: string[] = [];
        for (const stack of monitoredStacks) {
            it(stack.label, async () => {
                const { resources } = await stack.run();
                const rules = byType(resources, ruleType);
                if (rules.length === 0) return; // monitoring off: nothing to fire
                tested.push(stack.label);
                const input = healthyPlatform(resources);
                for (const rule of rules) {
                    const groups = rule.inputs.spec.groups as { rules: { alert: string }[] }[];
                    const alerts = [...new Set(groups.flatMap((g) => g.rules.map((r) => r.alert)))];
                    assertRulesUnitTest(`healthy-${stack.label.replace(/[^a-z0-9]+/gi, "-")}`, groups, input, silent(alerts, times));
                }
            });
        }
        it("tested the stacks and examples that monitor", () => {
            assert.deepEqual(tested, [
                "staging", "prod", "prod with kube-prometheus-stack installed", "examples/aws", "examples/gcp", "examples/azure", "dev with monitoring",
            ]);
        });
    });

    describe("test rules: each alert fires on its failure, after its for: and not before", () => {
        it("covers every alert", () => {
            assert.deepEqual(firing.map((f) => f.alert).sort(), [...allAlerts].sort());
        });
        for (const scenario of firing) {
            it(scenario.alert, () => {
                const args = monitoringArgs(scenario.args);
                const rule = ruleOf(args, scenario.alert);
                const fires = scenario.from + minutesOf(rule.for);
                assertUnitTest(scenario.alert, args, scenario.series, [
                    { eval_time: `${fires - 2}m`, alertname: scenario.alert, exp_alerts: [] },
                    firesAt(rule, fires + 1, scenario.value, scenario.labels),
                ]);
            });
        }
    });

    describe("test rules: silent while all is well", () => {
        const times = [5, 30, 60, 90, 120, 150, 179];

        it("a healthy streaming job: no alert in three hours", () => {
            assertUnitTest("healthy", monitoringArgs(), healthyJob(), silent(allAlerts, times));
        });

        it("one failed reconciliation the operator's retry fixes: no FlinkOperatorReconcileErrors", () => {
            assertUnitTest("transient-reconcile-failure", monitoringArgs(), healthyJob({ reconcileFailed: changesAt(60, 0, 1) }), silent(allAlerts, times));
        });

        // The clusters as FlinkPlatform hands them to FlinkMonitoring (monitoredCluster), the series as such a cluster exports them.
        const platformArgs = (...clusters: FlinkClusterArgs[]) =>
            monitoringArgs({ clusters: clusters.map(monitoredCluster).filter((c): c is MonitoredClusterArgs => c !== undefined) });
        const cluster = (name: string, rest: Partial<FlinkClusterArgs>) => ({ namespace: "team-a", name, ...rest }) as FlinkClusterArgs;
        const operatorOk = [
            series("up", operator, constant(1)),
            series("flink_k8soperator_namespace_resource_JOSDK_Reconciliation_failed_Count", resource, constant(0)),
        ];
        /** A JobManager with no job: up, heap fine, `registered` TaskManagers, until minute `until` (then its pod is gone). */
        const idleJobManager = (name: string, registered: string, runningJobs: string, until = minutes) => {
            const end = (value: string) => (until === minutes ? value : `${value} stale`);
            return [
                series("up", jobManager(name), end(`1x${until - 1}`)),
                series("flink_jobmanager_numRegisteredTaskManagers", jobManager(name), end(registered)),
                series("flink_jobmanager_numPendingTaskManagers", jobManager(name), end(`0x${until - 1}`)),
                series("flink_jobmanager_numRunningJobs", jobManager(name), end(runningJobs)),
                series("flink_jobmanager_Status_JVM_Memory_Heap_Used", jobManager(name), end(`300000000x${until - 1}`)),
                series("flink_jobmanager_Status_JVM_Memory_Heap_Max", jobManager(name), end(`1000000000x${until - 1}`)),
            ];
        };
        /** A job's metrics from the start until minute `until`, when it ends (finished, suspended): Flink closes its metric group. */
        const jobUntil = (name: string, jobName: string, until: number) => [
            series("flink_jobmanager_job_runningTime", jobScope(name, jobName), `60000+60000x${until - 1} stale`),
            series("flink_jobmanager_job_numRestarts", jobScope(name, jobName), `0x${until - 1} stale`),
            series("flink_jobmanager_job_numberOfCompletedCheckpoints", jobScope(name, jobName), `0+1x${until - 1} stale`),
            series("flink_jobmanager_job_totalNumberOfCheckpoints", jobScope(name, jobName), `1+1x${until - 1} stale`),
            series("flink_jobmanager_job_numberOfFailedCheckpoints", jobScope(name, jobName), `0x${until - 1} stale`),
        ];

        it("an idle session cluster (native: no TaskManagers without jobs)", () => {
            const sessions = cluster("sessions", { sessionJobs: [] });
            assert.deepEqual(monitoredCluster(sessions), { namespace: "team-a", name: "sessions" });
            assertUnitTest("idle-session-cluster", platformArgs(sessions), [...idleJobManager("sessions", constant(0), constant(0)), ...operatorOk],
                silent(allAlerts, times));
        });

        it("a session cluster whose bounded session job finished (dev's WordCount)", () => {
            const sessions = cluster("sessions", { sessionJobs: [{ name: "wordcount", jarURI: "https://example.com/wordcount.jar", bounded: true }] });
            assert.deepEqual(monitoredCluster(sessions), { namespace: "team-a", name: "sessions" });
            assertUnitTest("finished-bounded-session-job", platformArgs(sessions), [
                ...idleJobManager("sessions", changesAt(20, 1, 0), changesAt(20, 1, 0)), ...jobUntil("sessions", "wordcount", 20), ...operatorOk,
            ], silent(allAlerts, times));
        });

        it("a finished bounded application job, its JobManager kept for a while, then removed", () => {
            const batch = cluster("nightly", { job: { jarURI: "local:///opt/flink/usrlib/nightly.jar", bounded: true } });
            assert.deepEqual(monitoredCluster(batch), { namespace: "team-a", name: "nightly", bounded: true });
            assertUnitTest("finished-bounded-application-job", platformArgs(batch), [
                ...idleJobManager("nightly", changesAt(20, 1, 0), changesAt(20, 1, 0), 120), ...jobUntil("nightly", "nightly", 20), ...operatorOk,
            ], silent(allAlerts, times));
        });

        it("a suspended application job: its JobManager and TaskManagers removed", () => {
            const suspended = cluster("orders", { job: { jarURI: "local:///opt/flink/usrlib/orders.jar", state: JobState.Suspended } });
            assert.equal(monitoredCluster(suspended), undefined);
            assertUnitTest("suspended-job", platformArgs(suspended), [
                ...idleJobManager("orders", changesAt(30, 2, 2), changesAt(30, 1, 1), 30), ...jobUntil("orders", "orders", 30), ...operatorOk,
            ], silent(allAlerts, times));
        });

        it("a blue/green switch: the new child starts (its first checkpoints failing) beside the old, which is then deleted", () => {
            const orders = cluster("orders", {
                job: { jarURI: "local:///opt/flink/usrlib/orders.jar", upgradeMode: "savepoint" },
                upgrade: { strategy: "blue-green" }, savepoints: { directory: "s3://bucket/savepoints" },
            } as Partial<FlinkClusterArgs>);
            assert.deepEqual(monitoredCluster(orders), { namespace: "team-a", name: "orders", expectedRunningJobs: 1, blueGreen: true });
            /** Per minute: missing before `from`, `value(m)` until `until`, then stale (the child deleted). */
            const between = (from: number, until: number, value: (m: number) => number) => Array.from({ length: minutes },
                (_, m) => (m < from ? "_" : m < until ? String(value(m)) : m === until ? "stale" : "_")).join(" ");
            // The blue child runs from the start; green is created at minute 80, its job restores from blue's savepoint and
            // fails three checkpoints before all its tasks run; green is stable at 90, blue is deleted at 100.
            const child = (color: string, ip: number, from: number, until: number, failedUntilRunning: number): Series[] => {
                const jm: Labels = { ...jobManager("orders"), pod: `orders-${color}-6b7c9d5f4-x2x4z`, instance: `10.1.0.${ip}:9249`, host: `10_1_0_${ip}` };
                const tm: Labels = { ...taskManager, pod: `orders-${color}-taskmanager-1-1`, tm_id: `orders-${color}-taskmanager-1-1`, instance: `10.1.0.${ip + 1}:9249` };
                const scope: Labels = { ...jm, job_id: `${color === "blue" ? "1" : "2"}f2a9c0e1b7d4a6f8e3c2b1a0f9e8d7c`, job_name: "orders" };
                const during = (value: (m: number) => number) => between(from, until, value);
                return [
                    series("up", jm, during(() => 1)),
                    series("up", tm, during(() => 1)),
                    series("flink_jobmanager_numRegisteredTaskManagers", jm, during(() => 1)),
                    series("flink_jobmanager_numPendingTaskManagers", jm, during(() => 0)),
                    series("flink_jobmanager_numRunningJobs", jm, during(() => 1)),
                    series("flink_jobmanager_job_runningTime", scope, during((m) => 60000 * (m - from + 1))),
                    series("flink_jobmanager_job_numRestarts", scope, during(() => 0)),
                    series("flink_jobmanager_job_numberOfFailedCheckpoints", scope, during((m) => Math.min(m - from, failedUntilRunning))),
                    series("flink_jobmanager_job_numberOfCompletedCheckpoints", scope, during((m) => Math.max(0, m - from - failedUntilRunning))),
                    series("flink_jobmanager_job_totalNumberOfCheckpoints", scope, during((m) => m - from + 1)),
                    series("flink_jobmanager_job_lastCheckpointDuration", scope, during(() => 2000)),
                ];
            };
            assertUnitTest("blue-green-switch", platformArgs(orders), [...child("blue", 20, 0, 100, 0), ...child("green", 30, 80, minutes, 3), ...operatorOk],
                silent(allAlerts, [5, 30, 60, 79, 80, 81, 85, 90, 95, 99, 100, 101, 105, 110, 120, 150, 179]));
        });

        it("a standalone session cluster with a fixed TaskManager count and a suspended session job", () => {
            const sessions = cluster("sessions", {
                mode: DeploymentMode.Standalone, taskManager: { replicas: 2 },
                sessionJobs: [
                    { name: "orders", jarURI: "https://example.com/orders.jar" },
                    { name: "audit", jarURI: "https://example.com/audit.jar", state: JobState.Suspended },
                ],
            });
            assert.deepEqual(monitoredCluster(sessions), { namespace: "team-a", name: "sessions", expectedRunningJobs: 1, expectedTaskManagers: 2 });
            assertUnitTest("suspended-session-job", platformArgs(sessions), [
                ...idleJobManager("sessions", constant(2), constant(1)), ...jobUntil("sessions", "orders", minutes), ...operatorOk,
            ], silent(allAlerts, times));
        });
    });

    describe("test rules: FlinkCheckpointTooOld and FlinkCheckpointsFailing follow the cluster's own checkpoint interval", () => {
        // The platform's cluster "ledger" checkpoints every 30 minutes: FlinkCheckpointTooOld waits 1h for it, not checkpointMaxAge's 30m.
        const ledger = { namespace: "team-a", name: "ledger", checkpointing: { interval: "30 min" } } as FlinkClusterArgs;
        const args = () => monitoringArgs({ clusters: [monitoredCluster(ledger)!] });
        /** A counter that steps by one every `every` minutes, until minute `until` (then flat). */
        const steps = (every: number, until = minutes) =>
            Array.from({ length: minutes }, (_, m) => Math.floor(Math.min(m, until) / every)).join(" ");
        const ledgerJob = (completed: string, failed = constant(0)) => [
            series("flink_jobmanager_job_runningTime", jobScope("ledger", "ledger"), `60000+60000x${minutes}`),
            series("flink_jobmanager_job_numberOfFailedCheckpoints", jobScope("ledger", "ledger"), failed),
            series("flink_jobmanager_job_numberOfCompletedCheckpoints", jobScope("ledger", "ledger"), completed),
            series("flink_jobmanager_job_totalNumberOfCheckpoints", jobScope("ledger", "ledger"), steps(30).split(" ").map((n) => String(Number(n) + 1)).join(" ")),
        ];

        it("a job that checkpoints every 30 minutes stays silent", () => {
            assert.deepEqual(monitoredCluster(ledger), { namespace: "team-a", name: "ledger", checkpointInterval: "30 min" });
            assertUnitTest("long-checkpoint-interval", args(), ledgerJob(steps(30)), silent(["FlinkCheckpointTooOld", "FlinkCheckpointsFailing"], [35, 50, 59, 89, 119, 149, 179]));
        });

        it("one whose checkpoints stop after minute 60 fires after twice its interval, 1h", () => {
            const rule = planMonitoring(args()).ruleGroups.find((g) => g.name === "flink-cluster/team-a/ledger")!.rules.find((r) => r.alert === "FlinkCheckpointTooOld")!;
            assertUnitTest("long-checkpoint-interval-stopped", args(), ledgerJob(steps(30, 60)), [
                { eval_time: "110m", alertname: "FlinkCheckpointTooOld", exp_alerts: [] },
                firesAt(rule, 125, "0", { ...jobAlertLabels, flinkdeployment: "ledger", job_name: "ledger" }),
            ]);
        });

        it("a failure fires its own FlinkCheckpointsFailing, which looks back its hour for a completed checkpoint, once", () => {
            const rule = planMonitoring(args()).ruleGroups.find((g) => g.name === "flink-cluster/team-a/ledger")!.rules.find((r) => r.alert === "FlinkCheckpointsFailing")!;
            assert.match(rule.expr, /\[1h:1m\] offset 15m/);
            // Checkpoints complete at 30, 60, 90: at 100 the one at 60 lies within the hour before the window.
            assertUnitTest("long-checkpoint-interval-failing", args(), ledgerJob(steps(30), changesAt(100, 0, 1)), [
                { eval_time: "98m", alertname: "FlinkCheckpointsFailing", exp_alerts: [] },
                firesAt(rule, 101, "1", { ...jobAlertLabels, flinkdeployment: "ledger", job_name: "ledger" }),
            ]);
        });
    });

    describe("test rules: restarts that rescale a job do not alert (numRescales, Flink 2.x; on 1.20 no FlinkJobRestarting where rescales happen)", () => {
        const restartAlerts = ["FlinkJobRestarting", "FlinkJobFlapping"];
        const rescales = (values: string) => series("flink_jobmanager_job_numRescales", jobScope(), values);

        it("a job the autoscaler rescales six times in an hour stays silent", () => {
            // Rescales at minutes 60 to 65: each a restart (numRestarts) and a rescale (numRescales).
            const steps = `0x59 1+1x5 6x${minutes - 65}`;
            assertUnitTest("rescaling-job", monitoringArgs(), [...healthyJob({ numRestarts: steps }), rescales(steps)],
                silent(restartAlerts, [60, 61, 62, 65, 66, 70, 75, 90, 120, 179]));
        });

        it("on Flink 1.20 (no numRescales) a cluster that rescales in place: its rescales do not warn, restarting six times in an hour is flapping", () => {
            const orders = { namespace: "team-a", name: "orders", flinkVersion: "v1_20", autoscaler: { enabled: true },
                job: { jarURI: "local:///opt/flink/usrlib/orders.jar" } } as FlinkClusterArgs;
            assert.deepEqual(monitoredCluster(orders), { namespace: "team-a", name: "orders", expectedRunningJobs: 1, rescalesCountAsRestarts: true });
            const args = monitoringArgs({ clusters: [monitoredCluster(orders)!] });
            // Three rescales at minutes 60, 80, 100, counted by numRestarts alone (Flink 1.20 exports no numRescales).
            assertUnitTest("rescaling-job-flink-1-20", args, healthyJob({ numRestarts: `0x59 1x20 2x20 3x${minutes - 100}` }),
                silent(restartAlerts, [60, 61, 70, 80, 81, 100, 101, 120, 179]));
            const rule = ruleOf(args, "FlinkJobFlapping");
            assertUnitTest("flapping-job-flink-1-20", args, healthyJob({ numRestarts: `0x59 1+1x9 10x${minutes - 69}` }), [
                ...silent(["FlinkJobRestarting"], [60, 65, 70]),
                { eval_time: "64m", alertname: "FlinkJobFlapping", exp_alerts: [] },
                firesAt(rule, 66, "7"),
            ]);
        });

        it("a job that rescales once and then fails fires FlinkJobRestarting with the failure alone", () => {
            const rule = ruleOf(monitoringArgs(), "FlinkJobRestarting");
            assertUnitTest("rescaled-then-failing-job", monitoringArgs(), [
                ...healthyJob({ numRestarts: `0x54 1x4 2x${minutes - 59}` }), rescales(changesAt(55, 0, 1)),
            ], [
                { eval_time: "58m", alertname: "FlinkJobRestarting", exp_alerts: [] },
                firesAt(rule, 61, "1"),
            ]);
        });

        it("a job that keeps failing (and was rescaled too) fires FlinkJobFlapping", () => {
            const rule = ruleOf(monitoringArgs(), "FlinkJobFlapping");
            // One rescale at minute 30, then a failure every minute from 60 to 69: the sixth failure, at 65, is more than 5 in an hour.
            assertUnitTest("failing-rescaled-job", monitoringArgs(), [
                ...healthyJob({ numRestarts: `0x29 1x29 2+1x9 11x${minutes - 69}` }), rescales(changesAt(30, 0, 1)),
            ], [
                { eval_time: "64m", alertname: "FlinkJobFlapping", exp_alerts: [] },
                firesAt(rule, 66, "7"),
            ]);
        });
    });

    describe("test rules: checkpoint failures Flink itself does not count do not alert", () => {
        // Restarted at minute 60: runningTime starts again from 0, numRestarts steps.
        const restartedAt60 = { runningTime: `60000+60000x59 0+60000x${minutes - 60}`, numRestarts: changesAt(60, 0, 1) };
        const failingRule = ruleOf(monitoringArgs(), "FlinkCheckpointsFailing");

        /** A counter per minute: `step(m)` is 1 where it goes up at minute m. */
        const counter = (step: (m: number) => number) => {
            let value = 0;
            return Array.from({ length: minutes }, (_, m) => String((value += step(m)))).join(" ");
        };
        /** Checkpoints complete every minute, but not while the tasks start: minutes 0 to 3 and, after the restart, 60 to 62. */
        const completedOnceRunning = counter((m) => (m <= 3 || (m >= 60 && m <= 62) ? 0 : 1));
        const everyMinute = Array.from({ length: minutes }, (_, m) => m);

        it("checkpoints triggered before all tasks run, at the start and after a restart, stay silent", () => {
            // Three failures in the first minutes after the submission and three after the restart (NOT_ALL_REQUIRED_TASKS_RUNNING).
            const startup = healthyJob({
                ...restartedAt60,
                failedCheckpoints: counter((m) => ((m >= 1 && m <= 3) || (m >= 60 && m <= 62) ? 1 : 0)),
                completedCheckpoints: completedOnceRunning,
            });
            assertUnitTest("startup-checkpoint-failures", monitoringArgs(), startup, silent(["FlinkCheckpointsFailing"], everyMinute));
        });

        it("a new JobManager process in the same pod (HA recovery at 60): its counters start again, its first checkpoints fail, silent", () => {
            // Its first scrape finds the job RUNNING for 20 s already, and the completed count back at 0 (a reset, not a completion).
            const recovered = healthyJob({
                runningTime: `60000+60000x59 20000+60000x${minutes - 60}`,
                numRestarts: constant(0),
                failedCheckpoints: counter((m) => (m >= 60 && m <= 62 ? 1 : 0)),
                // Up by one a minute until 59; from 0 again at 60, up from 63 once the tasks run.
                completedCheckpoints: Array.from({ length: minutes }, (_, m) => String(m < 60 ? m : Math.max(0, m - 62))).join(" "),
            });
            assertUnitTest("jobmanager-process-restart", monitoringArgs(), recovered, silent(["FlinkCheckpointsFailing"], everyMinute));
        });

        it("a restore that takes 30 minutes, every checkpoint triggered meanwhile failing: no FlinkCheckpointsFailing; FlinkCheckpointTooOld once 30m passed since the last checkpoint", () => {
            // Restarted at 60; tasks restore state until 90: each minute's checkpoint fails, none completes; from 91 all complete.
            const restore = healthyJob({
                ...restartedAt60,
                failedCheckpoints: `0x60 1+1x29 30x${minutes - 90}`,
                completedCheckpoints: `0+1x59 59x30 60+1x${minutes - 90}`,
            });
            const tooOld = ruleOf(monitoringArgs(), "FlinkCheckpointTooOld");
            // The last checkpoint before the restart completed at 59: 30 minutes later, at 89, none has since (the restart does not reset the age).
            assertUnitTest("long-restore-checkpoint-failures", monitoringArgs(), restore, [
                ...silent(["FlinkCheckpointsFailing"], everyMinute),
                ...silent(["FlinkCheckpointTooOld"], [61, 70, 80, 88, 91, 95, 120, 179]),
                firesAt(tooOld, 89, "0"),
            ]);
        });

        it("a failure after a restart fires once the window starts after the first checkpoint completed since (63 + 15 minutes)", () => {
            const failing = healthyJob({ ...restartedAt60, failedCheckpoints: changesAt(70, 0, 1), completedCheckpoints: completedOnceRunning });
            assertUnitTest("checkpoint-failure-after-restart", monitoringArgs(), failing, [
                ...silent(["FlinkCheckpointsFailing"], [60, 65, 70, 75, 77]),
                firesAt(failingRule, 79, "1"),
            ]);
        });

        it("a region failover (numRestarts steps, runningTime runs on) settles again only after a checkpoint completes", () => {
            // A region restarts at 60 (its checkpoint then fails, its tasks not running), checkpoints complete from 63 on.
            const region = healthyJob({
                numRestarts: changesAt(60, 0, 1),
                failedCheckpoints: counter((m) => (m === 60 ? 1 : 0)),
                completedCheckpoints: completedOnceRunning,
            });
            assertUnitTest("region-failover-checkpoint-failure", monitoringArgs(), region, silent(["FlinkCheckpointsFailing"], everyMinute));
        });

        it("a job that restarts every 20 minutes and never completes a checkpoint again: FlinkCheckpointTooOld fires, the restarts do not reset its age", () => {
            const tooOld = ruleOf(monitoringArgs(), "FlinkCheckpointTooOld");
            const restarts = [60, 80, 100, 120, 140, 160];
            const lastStart = (m: number) => Math.max(0, ...restarts.filter((r) => r <= m));
            const restarting = healthyJob({
                runningTime: everyMinute.map((m) => String(60000 * (m - lastStart(m) + (m < 60 ? 1 : 0)))).join(" "),
                numRestarts: counter((m) => (restarts.includes(m) ? 1 : 0)),
                failedCheckpoints: counter((m) => (m >= 60 ? 1 : 0)),
                completedCheckpoints: counter((m) => (m < 60 ? 1 : 0)),
            });
            assertUnitTest("restarting-without-checkpoints", monitoringArgs(), restarting, [
                ...silent(["FlinkCheckpointsFailing"], everyMinute),
                { eval_time: "87m", alertname: "FlinkCheckpointTooOld", exp_alerts: [] },
                ...[90, 110, 130, 179].map((t) => firesAt(tooOld, t, "0")),
            ]);
        });

        it("checkpoints that never complete after a restart: FlinkCheckpointTooOld fires checkpointMaxAge after the last one, FlinkCheckpointsFailing stays silent", () => {
            const tooOld = ruleOf(monitoringArgs(), "FlinkCheckpointTooOld");
            // From the restart at 60 on, every checkpoint fails (storage denied): TooOld 30m after the last one (at 59), at 89.
            const failing = healthyJob({
                ...restartedAt60,
                failedCheckpoints: `0x60 1+1x${minutes - 61}`,
                completedCheckpoints: `0+1x59 59x${minutes - 60}`,
                totalCheckpoints: `1+1x${minutes}`,
            });
            assertUnitTest("checkpoints-never-complete", monitoringArgs(), failing, [
                ...silent(["FlinkCheckpointsFailing"], [61, 75, 90, 105, 120, 179]),
                { eval_time: "87m", alertname: "FlinkCheckpointTooOld", exp_alerts: [] },
                firesAt(tooOld, 90, "0"),
            ]);
        });
    });
});
