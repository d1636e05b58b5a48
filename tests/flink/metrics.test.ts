import * as assert from "node:assert/strict";
import { alertGroups, defaultThresholds } from "../../sdk/flink/alerts";
import { clusterDashboard, platformDashboards } from "../../sdk/flink/dashboards";
import { exportedMetrics, metricFamilies } from "../../sdk/flink/metrics";

/** PromQL words that are not metric names: aggregations, functions, operators, modifiers. */
const promqlWords = new Set([
    "sum", "max", "min", "avg", "count", "by", "without", "on", "ignoring", "group_left", "group_right",
    "and", "or", "unless", "bool", "offset", "increase", "rate", "absent", "vector", "time", "timestamp", "changes", "max_over_time", "count_over_time",
]);

/**
 * The metric names a PromQL expression (or a Grafana `label_values(metric, label)` query) refers to:
 * string literals, label matchers, ranges, label lists of by/on/…, the label of label_values and
 * Grafana variables are removed; every remaining identifier that is not a PromQL word is a metric.
 */
export function metricNames(expr: string): string[] {
    let s = expr.replace(/"(?:[^"\\]|\\.)*"/g, '""');
    s = s.replace(/\{[^{}]*\}/g, "");
    s = s.replace(/\[[^\]]*\]/g, "");
    s = s.replace(/\boffset\s+-?[0-9a-z]+/g, "");
    s = s.replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, "$1");
    s = s.replace(/label_values\(\s*([A-Za-z_:][A-Za-z0-9_:]*)\s*,\s*[A-Za-z_][A-Za-z0-9_]*\s*\)/g, "$1");
    s = s.replace(/\$[A-Za-z_]\w*/g, "");
    return (s.match(/[A-Za-z_:][A-Za-z0-9_:]*/g) ?? []).filter((id) => !promqlWords.has(id));
}

function balanced(expr: string): boolean {
    const stack: string[] = [];
    const pairs: Record<string, string> = { ")": "(", "]": "[", "}": "{" };
    for (const ch of expr.replace(/"(?:[^"\\]|\\.)*"/g, '""')) {
        if ("([{".includes(ch)) stack.push(ch);
        else if (ch in pairs && stack.pop() !== pairs[ch]) return false;
    }
    return stack.length === 0;
}

const everyAlert = alertGroups({
    environment: "prod",
    thresholds: defaultThresholds,
    scrapeJobs: { jobManagers: "monitoring/flink-jobmanagers", taskManagers: "monitoring/flink-taskmanagers", operator: "monitoring/flink-kubernetes-operator" },
    clusters: [{ namespace: "team-a", name: "orders", expectedTaskManagers: 2, expectedRunningJobs: 1 }],
}).flatMap((g) => g.rules);

const everyDashboard = [...platformDashboards(), clusterDashboard("team-a", "orders")];

interface Query { where: string; expr: string }

function dashboardQueries(): Query[] {
    const queries: Query[] = [];
    for (const d of everyDashboard) {
        const panels = d.model.panels as { title: string; targets: { expr: string }[] }[];
        for (const panel of panels) {
            for (const t of panel.targets) queries.push({ where: `${d.uid} / ${panel.title}`, expr: t.expr });
        }
        const variables = (d.model.templating as { list: { name: string; type: string; definition?: string }[] }).list;
        for (const v of variables.filter((v) => v.type === "query")) {
            queries.push({ where: `${d.uid} / $${v.name}`, expr: v.definition as string });
        }
    }
    return queries;
}

describe("exported metric names", () => {
    it("the parser finds the metrics of an expression and nothing else", () => {
        assert.deepEqual(metricNames(
            'sum by (namespace, job_name) (increase(flink_jobmanager_job_numRestarts{namespace=~"$namespace", job="a/b"}[$__rate_interval])) > 0 ' +
            "and on (namespace) max(up{job=\"x\"} == 1) or vector(0) unless increase(flink_jobmanager_job_numRescales[30m] offset 15m) > 0 " +
            "> max_over_time(timestamp(changes(flink_jobmanager_job_numberOfCompletedCheckpoints[1m]) > 0)[30m:1m] offset 15m)",
        ), ["flink_jobmanager_job_numRestarts", "up", "flink_jobmanager_job_numRescales", "flink_jobmanager_job_numberOfCompletedCheckpoints"]);
        assert.deepEqual(metricNames('label_values(flink_jobmanager_numRegisteredTaskManagers{namespace=~"$namespace"}, flinkdeployment)'),
            ["flink_jobmanager_numRegisteredTaskManagers"]);
    });

    it("lists each name once, in the reporter's naming scheme, with its source", () => {
        const names = metricFamilies.flatMap((f) => f.names);
        assert.equal(new Set(names).size, names.length);
        for (const name of names) {
            assert.match(name, /^(flink_(jobmanager|taskmanager|k8soperator)_[A-Za-z0-9_]+|up)$/);
            assert.doesNotMatch(name, /_total$/, "the Flink reporter exports counters as gauges without _total");
        }
        for (const family of metricFamilies) assert.ok(family.source.length > 20 && family.names.length > 0);
    });

    it("every alert expression names only exported metrics", () => {
        assert.ok(everyAlert.length >= 15);
        for (const rule of everyAlert) {
            const names = metricNames(rule.expr);
            assert.ok(names.length > 0, `${rule.alert}: no metric found in ${rule.expr}`);
            assert.ok(balanced(rule.expr), `${rule.alert}: unbalanced brackets in ${rule.expr}`);
            assert.deepEqual(names.filter((n) => !exportedMetrics.has(n)), [], `${rule.alert}: ${rule.expr}`);
        }
    });

    it("every dashboard panel query and templating query names only exported metrics", () => {
        const queries = dashboardQueries();
        assert.ok(queries.length > 50, `${queries.length} queries`);
        for (const q of queries) {
            const names = metricNames(q.expr);
            assert.ok(names.length > 0, `${q.where}: no metric found in ${q.expr}`);
            assert.ok(balanced(q.expr), `${q.where}: unbalanced brackets in ${q.expr}`);
            assert.deepEqual(names.filter((n) => !exportedMetrics.has(n)), [], `${q.where}: ${q.expr}`);
        }
    });

    it("alerts and dashboards use the operator's metrics and the JobManager, TaskManager and job scopes", () => {
        const used = new Set([...everyAlert.map((r) => r.expr), ...dashboardQueries().map((q) => q.expr)].flatMap(metricNames));
        for (const prefix of ["flink_jobmanager_job_", "flink_jobmanager_Status_", "flink_taskmanager_job_task_", "flink_taskmanager_Status_", "flink_k8soperator_namespace_resource_", "flink_k8soperator_Status_"]) {
            assert.ok([...used].some((n) => n.startsWith(prefix)), prefix);
        }
    });
});
