import * as assert from "node:assert/strict";
import { Environment } from "../../sdk/flink/environment";
import { planMonitoring } from "../../sdk/flink/monitoring-plan";
import type { FlinkMonitoringArgs } from "../../sdk/flink/args/monitoring";

const plan = (args: Partial<FlinkMonitoringArgs> = {}) => planMonitoring({ flinkNamespaces: ["team-a", "team-b"], ...args });
const rules = (args: Partial<FlinkMonitoringArgs> = {}) => plan(args).ruleGroups.flatMap((g) => g.rules);
const rule = (name: string, args: Partial<FlinkMonitoringArgs> = {}) => {
    const found = rules(args).find((r) => r.alert === name);
    assert.ok(found, `no alert ${name}`);
    return found;
};

const job = "namespace, flinkdeployment, job_name";

describe("alerts", () => {
    it("one PrometheusRule per environment with the default alerts, their expressions, durations and severities", () => {
        const p = plan({ environment: Environment.Prod });
        assert.equal(p.ruleName, "flink-platform-prod");
        assert.deepEqual(p.ruleGroups.map((g) => [g.name, g.rules.map((r) => [r.alert, r.labels.severity, r.for ?? null, r.expr])]), [
            ["flink-jobs", [
                ["FlinkJobNotRunning", "critical", "5m", `max by (${job}) (flink_jobmanager_job_runningTime) == 0`],
                ["FlinkJobRestarting", "warning", null, `sum by (${job}) (increase(flink_jobmanager_job_numRestarts[15m])) > 0`],
                ["FlinkJobFlapping", "critical", null, `sum by (${job}) (increase(flink_jobmanager_job_numRestarts[1h])) > 5`],
            ]],
            ["flink-checkpoints", [
                ["FlinkCheckpointsFailing", "warning", null, `sum by (${job}) (increase(flink_jobmanager_job_numberOfFailedCheckpoints[15m])) > 0`],
                ["FlinkCheckpointSlow", "warning", "10m", `max by (${job}) (flink_jobmanager_job_lastCheckpointDuration) / 1000 > 300`],
                ["FlinkCheckpointTooOld", "critical", null,
                    `sum by (${job}) (increase(flink_jobmanager_job_numberOfCompletedCheckpoints[30m])) == 0\n` +
                    `and on (${job}) max by (${job}) (flink_jobmanager_job_totalNumberOfCheckpoints) > 0\n` +
                    `and on (${job}) max by (${job}) (flink_jobmanager_job_runningTime) > 1800000`],
            ]],
            ["flink-processing", [
                ["FlinkBackpressure", "warning", "15m", `max by (${job}, task_name) (flink_taskmanager_job_task_backPressuredTimeMsPerSecond) > 500`],
            ]],
            ["flink-resources", [
                ["FlinkTaskManagersPending", "warning", "10m", "max by (namespace, flinkdeployment) (flink_jobmanager_numPendingTaskManagers) > 0"],
                ["FlinkJvmHeapPressure", "warning", "15m",
                    "max by (namespace, flinkdeployment, pod) (flink_jobmanager_Status_JVM_Memory_Heap_Used / flink_jobmanager_Status_JVM_Memory_Heap_Max) > 0.9\n" +
                    "or max by (namespace, flinkdeployment, pod) (flink_taskmanager_Status_JVM_Memory_Heap_Used / flink_taskmanager_Status_JVM_Memory_Heap_Max) > 0.9"],
                ["FlinkMetricsScrapeFailing", "warning", "10m", 'max by (namespace, pod, job) (up{job=~"monitoring/flink-jobmanagers|monitoring/flink-taskmanagers"} == 0)'],
            ]],
            ["flink-operator", [
                ["FlinkOperatorReconcileErrors", "warning", "15m",
                    "sum by (resourcens, resourcename, resourcetype) (increase(flink_k8soperator_namespace_resource_JOSDK_Reconciliation_failed_Count[5m])) > 0"],
                ["FlinkResourceFailed", "critical", "5m", "max by (resourcens, resourcetype) (flink_k8soperator_namespace_Lifecycle_State_FAILED_Count) > 0"],
                ["FlinkJobManagerDeploymentError", "critical", "5m", "max by (resourcens) (flink_k8soperator_namespace_JmDeploymentStatus_ERROR_Count) > 0"],
                ["FlinkOperatorDown", "critical", "5m", 'absent(up{job="monitoring/flink-kubernetes-operator"} == 1)'],
            ]],
        ]);
    });

    it("labels every alert with severity and environment and gives it a summary, a description and a runbook", () => {
        for (const r of rules({ environment: Environment.Staging })) {
            assert.equal(r.labels.environment, "staging");
            assert.ok(["critical", "warning"].includes(r.labels.severity));
            assert.deepEqual(Object.keys(r.annotations), ["summary", "description", "runbook"]);
            for (const text of Object.values(r.annotations)) assert.ok(text.length > 20, `${r.alert}: ${text}`);
        }
    });

    it("takes thresholds from args", () => {
        const thresholds = {
            jobNotRunningFor: "10m", restartWindow: "30m", maxRestarts: 2, flappingWindow: "2h", flappingRestarts: 10,
            checkpointFailureWindow: "1h", maxFailedCheckpoints: 3, checkpointDurationSeconds: 120, checkpointMaxAge: "1h30m",
            backpressureMsPerSecond: 800, backpressureFor: "30m", heapUsedRatio: 0.95, reconcileErrorWindow: "1h", maxReconcileErrors: 4,
        };
        const exprOf = (name: string) => rule(name, { thresholds }).expr;
        assert.equal(rule("FlinkJobNotRunning", { thresholds }).for, "10m");
        assert.match(exprOf("FlinkJobRestarting"), /\[30m\]\)\) > 2$/);
        assert.match(exprOf("FlinkJobFlapping"), /\[2h\]\)\) > 10$/);
        assert.match(exprOf("FlinkCheckpointsFailing"), /\[1h\]\)\) > 3$/);
        assert.match(exprOf("FlinkCheckpointSlow"), / \/ 1000 > 120$/);
        assert.match(exprOf("FlinkCheckpointTooOld"), /\[1h30m\]\)\) == 0\n[\s\S]* > 5400000$/);
        assert.match(exprOf("FlinkBackpressure"), / > 800$/);
        assert.equal(rule("FlinkBackpressure", { thresholds }).for, "30m");
        assert.equal((exprOf("FlinkJvmHeapPressure").match(/> 0\.95/g) ?? []).length, 2);
        assert.match(exprOf("FlinkOperatorReconcileErrors"), /\[5m\]\)\) > 4$/);
        assert.equal(rule("FlinkOperatorReconcileErrors", { thresholds }).for, "1h");
    });

    it("gives each listed cluster its own group: metrics missing always, TaskManagers and jobs when expected", () => {
        const groups = plan({
            clusters: [
                { namespace: "team-a", name: "orders", expectedTaskManagers: 3, expectedRunningJobs: 1 },
                { namespace: "team-b", name: "sessions" },
            ],
        }).ruleGroups.filter((g) => g.name.startsWith("flink-cluster/"));
        const selector = '{namespace="team-a", flinkdeployment="orders"}';
        assert.deepEqual(groups.map((g) => [g.name, g.rules.map((r) => [r.alert, r.expr, r.for, r.labels])]), [
            ["flink-cluster/team-a/orders", [
                ["FlinkClusterMetricsMissing", `absent(flink_jobmanager_numRegisteredTaskManagers${selector})`, "10m",
                    { severity: "critical", environment: "dev", namespace: "team-a", flinkdeployment: "orders" }],
                ["FlinkTaskManagersMissing", `max(flink_jobmanager_numRegisteredTaskManagers${selector}) < 3`, "10m",
                    { severity: "critical", environment: "dev", namespace: "team-a", flinkdeployment: "orders" }],
                ["FlinkJobsMissing", `max(flink_jobmanager_numRunningJobs${selector}) < 1`, "10m",
                    { severity: "critical", environment: "dev", namespace: "team-a", flinkdeployment: "orders" }],
            ]],
            ["flink-cluster/team-b/sessions", [
                ["FlinkClusterMetricsMissing", 'absent(flink_jobmanager_numRegisteredTaskManagers{namespace="team-b", flinkdeployment="sessions"})', "10m",
                    { severity: "critical", environment: "dev", namespace: "team-b", flinkdeployment: "sessions" }],
            ]],
        ]);
    });

    it("without operator scraping has no operator alerts and no operator dashboard; with a runbook base URL links each runbook", () => {
        const unscraped = plan({ scrapeOperator: false });
        assert.deepEqual(unscraped.ruleGroups.map((g) => g.name), ["flink-jobs", "flink-checkpoints", "flink-processing", "flink-resources"]);
        assert.deepEqual(unscraped.dashboards.map((d) => d.uid),
            ["flink-job-health", "flink-throughput", "flink-checkpoints", "flink-backpressure", "flink-jvm", "flink-taskmanager-slots"]);
        assert.equal(plan().dashboards.some((d) => d.uid === "flink-operator"), true);
        assert.equal(rule("FlinkBackpressure", { runbookUrlBase: "https://wiki.example.com/runbooks/" }).annotations.runbook_url,
            "https://wiki.example.com/runbooks/flinkbackpressure");
    });

    it("uses the monitoring namespace in the scrape job names", () => {
        assert.equal(rule("FlinkOperatorDown", { namespace: "observability" }).expr, 'absent(up{job="observability/flink-kubernetes-operator"} == 1)');
    });

    it("rejects bad thresholds and clusters with the field, the value and what is accepted", () => {
        assert.throws(() => plan({ thresholds: { restartWindow: "15 minutes" } }),
            /^Error: FlinkMonitoring: thresholds\.restartWindow: "15 minutes" is not valid; expected a Prometheus duration: whole numbers each followed by a unit/);
        assert.throws(() => plan({ thresholds: { heapUsedRatio: 90 } }), /thresholds\.heapUsedRatio: 90 is not valid; expected a fraction greater than 0 and at most 1/);
        assert.throws(() => plan({ thresholds: { backpressureMsPerSecond: 1500 } }), /thresholds\.backpressureMsPerSecond: 1500 is not valid; expected a whole number from 1 to 1000/);
        assert.throws(() => plan({ thresholds: { maxRestarts: -1 } }), /thresholds\.maxRestarts: -1 is not valid; expected a whole number ≥ 0/);
        assert.throws(() => plan({ clusters: [{ namespace: "team-c", name: "orders" }] }),
            /clusters\[0\]\.namespace: "team-c" is not valid; expected one of flinkNamespaces \("team-a", "team-b"\)/);
        assert.throws(() => plan({ clusters: [{ namespace: "team-a", name: "Orders" }] }), /clusters\[0\]\.name: "Orders" is not valid/);
        assert.throws(() => plan({ clusters: [{ namespace: "team-a", name: "orders", expectedTaskManagers: 0 }] }),
            /clusters\[0\]\.expectedTaskManagers: 0 is not valid; expected a whole number ≥ 1/);
        assert.throws(() => plan({ clusters: [{ namespace: "team-a", name: "orders" }, { namespace: "team-a", name: "orders" }] }),
            /clusters: "team-a\/orders" is listed more than once/);
        assert.throws(() => plan({ runbookUrlBase: "wiki/runbooks" }), /runbookUrlBase: "wiki\/runbooks" is not valid; expected an http\(s\) URL/);
    });

    it("takes durations in Prometheus's own grammar and refuses what Prometheus refuses, naming the field, the value and the form", () => {
        assert.equal(rule("FlinkJobNotRunning", { thresholds: { jobNotRunningFor: "1h30m" } }).for, "1h30m");
        assert.equal(rule("FlinkBackpressure", { thresholds: { backpressureFor: "1d12h" } }).for, "1d12h");
        const form = 'a Prometheus duration: whole numbers each followed by a unit, the units in the order y, w, d, h, m, s, ms and each at most once, ' +
            'such as "5m", "90s" or "1h30m", longer than 0';
        assert.throws(() => plan({ thresholds: { restartWindow: "30s1m" } }), { message: `FlinkMonitoring: thresholds.restartWindow: "30s1m" is not valid; expected ${form}` });
        assert.throws(() => plan({ thresholds: { checkpointMaxAge: "0" } }), { message: `FlinkMonitoring: thresholds.checkpointMaxAge: "0" is not valid; expected ${form}` });
        assert.throws(() => plan({ thresholds: { jobNotRunningFor: "1h1h", checkpointMaxAge: "10d1d", backpressureFor: "1.5h" } }), {
            message: "3 problems:\n" +
                `  - FlinkMonitoring: thresholds.jobNotRunningFor: "1h1h" is not valid; expected ${form}\n` +
                `  - FlinkMonitoring: thresholds.checkpointMaxAge: "10d1d" is not valid; expected ${form}\n` +
                `  - FlinkMonitoring: thresholds.backpressureFor: "1.5h" is not valid; expected ${form}`,
        });
        assert.throws(() => plan({ prometheusStack: { install: true, retention: "10d1d" } }),
            { message: `FlinkMonitoring: prometheusStack.retention: "10d1d" is not valid; expected ${form}` });
    });
});
