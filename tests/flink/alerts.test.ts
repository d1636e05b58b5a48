import * as assert from "node:assert/strict";
import { Environment } from "../../sdk/flink/environment";
import { planMonitoring } from "../../sdk/flink/monitoring-plan";
import { platformDashboards } from "../../sdk/flink/dashboards";
import type { FlinkMonitoringArgs } from "../../sdk/flink/args/monitoring";

const plan = (args: Partial<FlinkMonitoringArgs> = {}) => planMonitoring({ flinkNamespaces: ["team-a", "team-b"], ...args });
const rules = (args: Partial<FlinkMonitoringArgs> = {}) => plan(args).ruleGroups.flatMap((g) => g.rules);
const rule = (name: string, args: Partial<FlinkMonitoringArgs> = {}) => {
    const found = rules(args).find((r) => r.alert === name);
    assert.ok(found, `no alert ${name}`);
    return found;
};

const job = "namespace, flinkdeployment, job_name";
/** Restarts less rescales (Flink 2.x), or all restarts where numRescales is absent (Flink 1.20). */
const failureRestarts = (window: string) => "(\n" +
    `  sum by (${job}) (increase(flink_jobmanager_job_numRestarts[${window}]))\n` +
    `  - on (${job}) sum by (${job}) (increase(flink_jobmanager_job_numRescales[${window}]))\n` +
    `  or sum by (${job}) (increase(flink_jobmanager_job_numRestarts[${window}]))\n)`;
/** FlinkCheckpointsFailing's condition: failures in 15m after a checkpoint completed (within `maxAge` before them) since the job last started or restarted. */
const checkpointsFailing = (maxAge: string, restartRange: string, selector = "") => {
    const jm = `${job}, pod`;
    const lastTime = (condition: string, range: string, offset = "") =>
        `max by (${jm}) (max_over_time(timestamp(${condition} > 0)[${range}:1m]${offset}))`;
    const lastCompletion = `${lastTime(`increase(flink_jobmanager_job_numberOfCompletedCheckpoints${selector}[2m])`, maxAge, " offset 15m")} - 120`;
    return `sum by (${job}) (\n` +
        `  sum by (${jm}) (increase(flink_jobmanager_job_numberOfFailedCheckpoints${selector}[15m]))\n` +
        `  and on (${jm}) ${lastCompletion}\n` +
        `    > on (${jm}) max by (${jm}) (time() - flink_jobmanager_job_runningTime${selector} / 1000)\n` +
        `  unless on (${jm}) ${lastTime(`changes(flink_jobmanager_job_numRestarts${selector}[2m])`, restartRange)}\n` +
        `    >= on (${jm}) ${lastCompletion}\n` +
        ") > 0";
};

describe("alerts", () => {
    it("one PrometheusRule per environment with the default alerts, their expressions, durations and severities", () => {
        const p = plan({ environment: Environment.Prod });
        assert.equal(p.ruleName, "flink-platform-prod");
        assert.deepEqual(p.ruleGroups.map((g) => [g.name, g.rules.map((r) => [r.alert, r.labels.severity, r.for ?? null, r.expr])]), [
            ["flink-jobs", [
                ["FlinkJobNotRunning", "critical", "5m", `max by (${job}) (flink_jobmanager_job_runningTime) == 0`],
                ["FlinkJobRestarting", "warning", null, `${failureRestarts("15m")} > 0`],
                ["FlinkJobFlapping", "critical", null, `${failureRestarts("1h")} > 5`],
            ]],
            ["flink-checkpoints", [
                ["FlinkCheckpointsFailing", "warning", null, checkpointsFailing("30m", "45m")],
                ["FlinkCheckpointSlow", "warning", "10m", `max by (${job}) (flink_jobmanager_job_lastCheckpointDuration) / 1000 > 300`],
                ["FlinkCheckpointTooOld", "critical", null,
                    `sum by (${job}) (increase(flink_jobmanager_job_numberOfCompletedCheckpoints[30m])) == 0\n` +
                    `and on (${job}) max by (${job}) (flink_jobmanager_job_totalNumberOfCheckpoints) > 0\n` +
                    `and on (${job}) count by (${job}) (count_over_time(flink_jobmanager_job_runningTime[5m] offset 30m)) > 0`],
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
        assert.equal(exprOf("FlinkJobRestarting"), `${failureRestarts("30m")} > 2`);
        assert.equal(exprOf("FlinkJobFlapping"), `${failureRestarts("2h")} > 10`);
        assert.match(exprOf("FlinkCheckpointsFailing"), /\[1h\]\)\)\n.*\[1h30m:1m\] offset 1h\)\) - 120\n.*\n.*\[2h30m:1m\]\)\)\n.*\n\) > 3$/);
        assert.match(exprOf("FlinkCheckpointSlow"), / \/ 1000 > 120$/);
        assert.match(exprOf("FlinkCheckpointTooOld"), /\[1h30m\]\)\) == 0\n[\s\S]*\[5m\] offset 1h30m\)\) > 0$/);
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
        // The clusters need only checkpointMaxAge: another threshold's problem does not hide theirs.
        assert.throws(() => plan({
            clusters: [{ namespace: "team-a", name: "ledger", checkpointInterval: "30 min" }, { namespace: "team-a", name: "Bad_Name" }],
            thresholds: { flappingWindow: "30s1m", checkpointMaxAge: "45m" },
        }), {
            message: "3 problems:\n" +
                `  - FlinkMonitoring: thresholds.flappingWindow: "30s1m" is not valid; expected ${form}\n` +
                '  - FlinkMonitoring: thresholds.checkpointMaxAge: "45m" is not valid; expected at least twice the checkpoint interval of cluster ' +
                'team-a/ledger ("30 min"), "1h": its healthy jobs complete a checkpoint only every interval\n' +
                '  - FlinkMonitoring: clusters[1].name: "Bad_Name" is not valid; expected a FlinkDeployment name: lowercase letters, digits or \'-\', ' +
                "starting with a letter, at most 45 characters",
        });
        // Labels, the installed stack and the thresholds: every problem in one error.
        assert.throws(() => plan({
            monitorLabels: { "bad key!": "x" }, runbookUrlBase: "ftp://wiki", thresholds: { flappingWindow: "30s1m" },
            prometheusStack: { install: true, alertmanager: {} as never },
        }), {
            message: "4 problems:\n" +
                "  - FlinkMonitoring: monitorLabels key: \"bad key!\" is not valid; expected a Kubernetes label key: an optional DNS prefix and '/', " +
                "then at most 63 letters, digits, '-', '_' or '.'\n" +
                '  - FlinkMonitoring: runbookUrlBase: "ftp://wiki" is not valid; expected an http(s) URL such as https://wiki.example.com/runbooks/flink\n' +
                "  - FlinkMonitoring: prometheusStack.alertmanager.configSecret: is required: the Secret in the monitoring namespace that holds " +
                "Alertmanager's receivers (key alertmanager.yaml)\n" +
                `  - FlinkMonitoring: thresholds.flappingWindow: "30s1m" is not valid; expected ${form}`,
        });
        assert.throws(() => plan({ prometheusStack: { install: true, retention: "10d1d" } }),
            { message: `FlinkMonitoring: prometheusStack.retention: "10d1d" is not valid; expected ${form}` });
    });

    it("a blue/green cluster's runbooks name its FlinkBlueGreenDeployment and its children's pods", () => {
        const rules = plan({ clusters: [{ namespace: "team-a", name: "orders", expectedTaskManagers: 2, expectedRunningJobs: 1, blueGreen: true }] })
            .ruleGroups.find((g) => g.name === "flink-cluster/team-a/orders")!.rules;
        assert.deepEqual(rules.map((r) => [r.alert, r.annotations.runbook.split(/[;:] /)[0]]), [
            ["FlinkClusterMetricsMissing", "kubectl get flinkbluegreendeployment orders -n team-a shows the blue/green state and the job's status"],
            ["FlinkTaskManagersMissing", "kubectl get pods -n team-a -l flink-platform/blue-green-cluster=orders,component=taskmanager"],
            ["FlinkJobsMissing", "kubectl get flinkbluegreendeployment,flinkdeployment -n team-a shows each job's state"],
        ]);
        assert.match(rules[0].annotations.runbook, /kubectl get pods -n team-a -l flink-platform\/blue-green-cluster=orders,component=jobmanager the pod/);
        const plain = plan({ clusters: [{ namespace: "team-a", name: "orders", expectedTaskManagers: 2 }] })
            .ruleGroups.find((g) => g.name === "flink-cluster/team-a/orders")!.rules;
        assert.deepEqual(plain.map((r) => r.annotations.runbook.split(/[;:] /)[0]), [
            "kubectl get flinkdeployment orders -n team-a shows the JobManager deployment status",
            "kubectl get pods -n team-a -l app=orders,component=taskmanager",
        ]);
        assert.match(rule("FlinkJobNotRunning").annotations.runbook, /On a blue\/green cluster: svc\/<cluster>-bluegreen-rest, -l flink-platform\/blue-green-cluster=<cluster>/);
    });

    describe("FlinkCheckpointTooOld and FlinkCheckpointsFailing follow each cluster's checkpoint interval", () => {
        const tooOld = (maxAge: string, selector = "") =>
            `sum by (${job}) (increase(flink_jobmanager_job_numberOfCompletedCheckpoints${selector}[${maxAge}])) == 0\n` +
            `and on (${job}) max by (${job}) (flink_jobmanager_job_totalNumberOfCheckpoints${selector}) > 0\n` +
            `and on (${job}) count by (${job}) (count_over_time(flink_jobmanager_job_runningTime${selector}[5m] offset ${maxAge})) > 0`;
        const clusters = [
            { namespace: "team-a", name: "orders" },
            { namespace: "team-a", name: "ledger", checkpointInterval: "30 min" },
            { namespace: "team-a", name: "audit", checkpointing: false },
            { namespace: "team-b", name: "reports", checkpointInterval: "1 h" },
            { namespace: "team-b", name: "clicks", checkpointInterval: "15 min" },
        ];
        const tooOldRules = (args: Partial<FlinkMonitoringArgs>) => plan(args).ruleGroups
            .flatMap((g) => g.rules.filter((r) => r.alert === "FlinkCheckpointTooOld").map((r) => [g.name, r.expr, r.labels, r.annotations.description]));

        it("with the default checkpointMaxAge: twice a longer interval in the cluster's group, the general rule leaving those clusters out", () => {
            const text = (age: string) => `The job {{ $labels.job_name }} of {{ $labels.namespace }}/{{ $labels.flinkdeployment }} has gone ` +
                `${age} without completing a checkpoint, restarts included: a failure now loses or replays everything since the last one.`;
            assert.deepEqual(tooOldRules({ clusters }), [
                ["flink-checkpoints", tooOld("30m") + "\nunless on (namespace, flinkdeployment) (" +
                    'flink_jobmanager_job_runningTime{namespace="team-a", flinkdeployment=~"ledger|audit"} or ' +
                    'flink_jobmanager_job_runningTime{namespace="team-b", flinkdeployment="reports"})',
                { severity: "critical", environment: "dev" }, text("30m")],
                ["flink-cluster/team-a/ledger", tooOld("1h", '{namespace="team-a", flinkdeployment="ledger"}'),
                    { severity: "critical", environment: "dev", namespace: "team-a", flinkdeployment: "ledger" }, text("1h")],
                ["flink-cluster/team-b/reports", tooOld("2h", '{namespace="team-b", flinkdeployment="reports"}'),
                    { severity: "critical", environment: "dev", namespace: "team-b", flinkdeployment: "reports" }, text("2h")],
            ]);
        });

        it("FlinkCheckpointsFailing looks back the cluster's checkpoint age for a completed checkpoint, in the same groups", () => {
            const text = (age: string) => "Checkpoints or savepoints of the job {{ $labels.job_name }} of {{ $labels.namespace }}/" +
                `{{ $labels.flinkdeployment }} failed in the last 15m ({{ $value | humanize }}), after it had completed one since its last start or restart, in the ${age} before that.`;
            assert.deepEqual(plan({ clusters }).ruleGroups
                .flatMap((g) => g.rules.filter((r) => r.alert === "FlinkCheckpointsFailing").map((r) => [g.name, r.expr, r.labels, r.annotations.description])), [
                ["flink-checkpoints", checkpointsFailing("30m", "45m") + "\nunless on (namespace, flinkdeployment) (" +
                    'flink_jobmanager_job_runningTime{namespace="team-a", flinkdeployment=~"ledger|audit"} or ' +
                    'flink_jobmanager_job_runningTime{namespace="team-b", flinkdeployment="reports"})',
                { severity: "warning", environment: "dev" }, text("30m")],
                ["flink-cluster/team-a/ledger", checkpointsFailing("1h", "1h15m", '{namespace="team-a", flinkdeployment="ledger"}'),
                    { severity: "warning", environment: "dev", namespace: "team-a", flinkdeployment: "ledger" }, text("1h")],
                ["flink-cluster/team-b/reports", checkpointsFailing("2h", "2h15m", '{namespace="team-b", flinkdeployment="reports"}'),
                    { severity: "warning", environment: "dev", namespace: "team-b", flinkdeployment: "reports" }, text("2h")],
            ]);
        });

        it("with clusters on the default interval (or none listed): the general rule alone, unchanged", () => {
            assert.deepEqual(tooOldRules({ clusters: [clusters[0], clusters[4]] }).map(([group, expr]) => [group, expr]), [["flink-checkpoints", tooOld("30m")]]);
            assert.deepEqual(tooOldRules({ clusters: [clusters[1]], thresholds: { checkpointMaxAge: "1h" } }).map(([group, expr]) => [group, expr]),
                [["flink-checkpoints", tooOld("1h")]]);
        });

        it("a bounded job's cluster: no cluster alerts and no dashboard, only its own checkpoint age where it needs one", () => {
            const p = plan({ clusters: [
                { namespace: "team-a", name: "nightly", bounded: true },
                { namespace: "team-a", name: "backfill", bounded: true, checkpointInterval: "30 min" },
            ] });
            assert.deepEqual(p.ruleGroups.filter((g) => g.name.startsWith("flink-cluster/")).map((g) => [g.name, g.rules.map((r) => r.alert)]),
                [["flink-cluster/team-a/backfill", ["FlinkCheckpointsFailing", "FlinkCheckpointTooOld"]]]);
            assert.deepEqual(p.dashboards.filter((d) => d.title.startsWith("Flink / team-a/")), []);
            assert.throws(() => plan({ clusters: [{ namespace: "team-a", name: "nightly", bounded: true, expectedRunningJobs: 1 }] }), {
                message: "FlinkMonitoring: clusters[0].expectedRunningJobs: 1 is not valid; expected none with bounded: true " +
                    "(a bounded job's cluster goes away once the job finished)",
            });
        });

        it("refuses a checkpointMaxAge set shorter than twice a cluster's interval, naming the field and each cluster", () => {
            assert.throws(() => plan({ clusters, thresholds: { checkpointMaxAge: "45m" } }), {
                message: "2 problems:\n" +
                    '  - FlinkMonitoring: thresholds.checkpointMaxAge: "45m" is not valid; expected at least twice the checkpoint interval of cluster ' +
                    'team-a/ledger ("30 min"), "1h": its healthy jobs complete a checkpoint only every interval\n' +
                    '  - FlinkMonitoring: thresholds.checkpointMaxAge: "45m" is not valid; expected at least twice the checkpoint interval of cluster ' +
                    'team-b/reports ("1 h"), "2h": its healthy jobs complete a checkpoint only every interval',
            });
            assert.throws(() => plan({ clusters: [{ namespace: "team-a", name: "orders", checkpointInterval: "30 minutes please" }] }), {
                message: 'FlinkMonitoring: clusters[0].checkpointInterval: "30 minutes please" is not valid; expected a Flink duration: a whole number and a unit (ms, s, min, h, d), such as "30 s" or "1 min"',
            });
            assert.throws(() => plan({ clusters: [{ namespace: "team-a", name: "orders", checkpointing: "no" as never }] }),
                { message: 'FlinkMonitoring: clusters[0].checkpointing: "no" is not valid; expected true or false' });
        });
    });

    it("says what the heap and CPU metrics measure: heap in use now (not after GC), CPU load 1 as every CPU busy", () => {
        assert.deepEqual(rule("FlinkJvmHeapPressure").annotations, {
            summary: "A Flink JVM is running out of heap",
            description: "Pod {{ $labels.pod }} of {{ $labels.namespace }}/{{ $labels.flinkdeployment }} has {{ $value | humanizePercentage }} " +
                "of its heap in use, above 0.9 at every evaluation for 15 minutes.",
            runbook: "Heap in use (Status.JVM.Memory.Heap.Used: live objects and garbage not yet collected) above the threshold at every " +
                "evaluation for 15 minutes means garbage collections no longer bring it down, which precedes OutOfMemoryError and long GC " +
                "pauses. Raise the component's memory (jobManager.memory / taskManager.memory) or taskmanager.memory.task.heap.size, move " +
                "state to RocksDB/ForSt, or look for user code that buffers records (heap dump: kubectl exec … jcmd 1 GC.heap_dump).",
        });
        const panels = platformDashboards(true).flatMap((d) => (d.model.panels as { title: string; description: string }[]));
        const described = (title: string) => panels.find((p) => p.title === title)?.description;
        assert.equal(described("JVM CPU load"), "Recent CPU usage of each JVM, from 0 to 1: its share of all the CPUs it sees, so 1 means every CPU " +
            "busy with its threads, not one core (Status.JVM.CPU.Load, OperatingSystemMXBean.getProcessCpuLoad).");
        assert.equal(described("Operator CPU load"), "Recent CPU usage of the operator's JVM, from 0 to 1: 1 means every CPU it sees busy with its threads, not one core.");
        assert.equal(described("TaskManager heap"), "Heap in use per pod (live objects and garbage not yet collected), and the heap's maximum.");
    });
});
