import * as assert from "node:assert/strict";
import { planMonitoring } from "../../sdk/flink/monitoring-plan";

interface GridPos { x: number; y: number; w: number; h: number }
interface Panel {
    id: number;
    type: string;
    title: string;
    gridPos: GridPos;
    datasource: { type: string; uid: string };
    targets: { refId: string; expr: string; legendFormat: string; datasource: { type: string; uid: string } }[];
    fieldConfig: { defaults: { unit: string } };
}
interface Variable { name: string; type: string; query?: unknown; definition?: string; hide?: number }
interface DashboardModel {
    uid: string;
    title: string;
    tags: string[];
    schemaVersion: number;
    time: { from: string; to: string };
    templating: { list: Variable[] };
    panels: Panel[];
}

const plan = planMonitoring({
    flinkNamespaces: ["team-a", "team-b"],
    clusters: [{ namespace: "team-a", name: "orders" }, { namespace: "team-b", name: "a-cluster-name-that-is-quite-long-for-a-uid" }],
});
const parsed = plan.dashboards.map((d) => ({ plan: d, model: JSON.parse(d.json) as DashboardModel }));

describe("dashboards", () => {
    it("covers job health, records in/out, checkpoints, backpressure, JVM, TaskManager slots and the operator, plus one per listed cluster", () => {
        assert.deepEqual(parsed.map(({ plan: d }) => [d.configMapName, d.key, d.title]), [
            ["flink-job-health-dashboard", "flink-job-health.json", "Flink / Job health"],
            ["flink-throughput-dashboard", "flink-throughput.json", "Flink / Records in and out"],
            ["flink-checkpoints-dashboard", "flink-checkpoints.json", "Flink / Checkpoints"],
            ["flink-backpressure-dashboard", "flink-backpressure.json", "Flink / Backpressure"],
            ["flink-jvm-dashboard", "flink-jvm.json", "Flink / JVM"],
            ["flink-taskmanager-slots-dashboard", "flink-taskmanager-slots.json", "Flink / TaskManagers and slots"],
            ["flink-operator-dashboard", "flink-operator.json", "Flink / Kubernetes Operator"],
            ["flink-cluster.team-a.orders-dashboard", "flink-cluster.team-a.orders.json", "Flink / team-a/orders"],
            ["flink-cluster.team-b.a-cluster-name-that-is-quite-long-for-a-uid-dashboard", "flink-cluster.team-b.a-cluster-name-that-is-quite-long-for-a-uid.json",
                "Flink / team-b/a-cluster-name-that-is-quite-long-for-a-uid"],
        ]);
    });

    it("each is a Grafana dashboard model: title, unique uid of at most 40 characters, schema version, time range", () => {
        const uids = parsed.map(({ model }) => model.uid);
        assert.equal(new Set(uids).size, uids.length);
        for (const { plan: d, model } of parsed) {
            assert.equal(model.uid, d.uid);
            assert.equal(model.title, d.title);
            assert.ok(model.uid.length <= 40 && /^[a-zA-Z0-9_-]+$/.test(model.uid), model.uid);
            assert.equal(model.schemaVersion, 39);
            assert.deepEqual(model.time, { from: "now-6h", to: "now" });
            assert.ok(model.tags.includes("flink"));
        }
        assert.match(parsed[7].model.uid, /^flink-cluster-[0-9a-f]{16}$/);
    });

    it("panels have ids, a grid position inside 24 columns without overlaps, and Prometheus targets with an expression", () => {
        for (const { model } of parsed) {
            assert.ok(model.panels.length >= 4, model.uid);
            const ids = model.panels.map((p) => p.id);
            assert.equal(new Set(ids).size, ids.length);
            model.panels.forEach((panel, i) => {
                const { x, y, w, h } = panel.gridPos;
                assert.ok(x >= 0 && w > 0 && x + w <= 24 && y >= 0 && h > 0, `${model.uid} ${panel.title}`);
                for (const other of model.panels.slice(i + 1)) {
                    const o = other.gridPos;
                    const overlaps = x < o.x + o.w && o.x < x + w && y < o.y + o.h && o.y < y + h;
                    assert.equal(overlaps, false, `${model.uid}: ${panel.title} overlaps ${other.title}`);
                }
                assert.ok(["timeseries", "stat"].includes(panel.type));
                assert.deepEqual(panel.datasource, { type: "prometheus", uid: "${datasource}" });
                assert.ok(panel.fieldConfig.defaults.unit.length > 0);
                assert.ok(panel.targets.length > 0);
                panel.targets.forEach((t, j) => {
                    assert.equal(t.refId, String.fromCharCode(65 + j));
                    assert.ok(t.expr.length > 0 && t.legendFormat.length > 0);
                    assert.deepEqual(t.datasource, panel.datasource);
                });
            });
        }
    });

    it("has the variables datasource, namespace and cluster, and every Flink query is scoped by them", () => {
        for (const { model } of parsed) {
            assert.deepEqual(model.templating.list.map((v) => v.name), ["datasource", "namespace", "cluster"]);
            assert.deepEqual(model.templating.list[0], {
                name: "datasource", label: "Data source", type: "datasource", query: "prometheus", current: {}, options: [], regex: "", hide: 0, refresh: 1,
            });
            for (const panel of model.panels) {
                for (const t of panel.targets) {
                    const scoped = t.expr.includes('namespace=~"$namespace"') || t.expr.includes('resourcens=~"$namespace"') || t.expr.includes("flink_k8soperator_Status_");
                    assert.ok(scoped, `${model.uid} ${panel.title}: ${t.expr}`);
                }
            }
        }
        const jobHealth = parsed[0].model.templating.list;
        assert.deepEqual(jobHealth.slice(1).map((v) => [v.name, v.type, v.definition]), [
            ["namespace", "query", "label_values(flink_jobmanager_numRegisteredTaskManagers, namespace)"],
            ["cluster", "query", 'label_values(flink_jobmanager_numRegisteredTaskManagers{namespace=~"$namespace"}, flinkdeployment)'],
        ]);
        const operator = parsed[6].model.templating.list;
        assert.deepEqual(operator.slice(1).map((v) => [v.name, v.type, v.definition]), [
            ["namespace", "query", "label_values(flink_k8soperator_namespace_Count, resourcens)"],
            ["cluster", "query", 'label_values(flink_k8soperator_namespace_resource_JOSDK_Reconciliation_Count{resourcens=~"$namespace"}, resourcename)'],
        ]);
    });

    it("a cluster's dashboard fixes namespace and cluster as hidden constants", () => {
        assert.deepEqual(parsed[7].model.templating.list.slice(1), [
            { name: "namespace", label: "Namespace", type: "constant", query: "team-a", hide: 2, current: { text: "team-a", value: "team-a" }, options: [] },
            { name: "cluster", label: "Flink cluster", type: "constant", query: "orders", hide: 2, current: { text: "orders", value: "orders" }, options: [] },
        ]);
    });

    it("exact queries for records in/out, backpressure and slots", () => {
        const targetsOf = (uid: string, title: string) =>
            parsed.find(({ model }) => model.uid === uid)?.model.panels.find((p) => p.title === title)?.targets.map((t) => t.expr);
        const scope = '{namespace=~"$namespace", flinkdeployment=~"$cluster"}';
        assert.deepEqual(targetsOf("flink-throughput", "Records in per second, by task"),
            [`sum by (namespace, flinkdeployment, job_name, task_name) (flink_taskmanager_job_task_numRecordsInPerSecond${scope})`]);
        assert.deepEqual(targetsOf("flink-throughput", "Records out per second, by task"),
            [`sum by (namespace, flinkdeployment, job_name, task_name) (flink_taskmanager_job_task_numRecordsOutPerSecond${scope})`]);
        assert.deepEqual(targetsOf("flink-backpressure", "Back-pressured time, by task"),
            [`max by (namespace, flinkdeployment, job_name, task_name) (flink_taskmanager_job_task_backPressuredTimeMsPerSecond${scope})`]);
        assert.deepEqual(targetsOf("flink-taskmanager-slots", "Task slots"), [
            `max by (namespace, flinkdeployment) (flink_jobmanager_taskSlotsTotal${scope})`,
            `max by (namespace, flinkdeployment) (flink_jobmanager_taskSlotsAvailable${scope})`,
        ]);
    });

    it("clusters whose namespace and name join to the same text still get distinct dashboards and rule groups", () => {
        const p = planMonitoring({ flinkNamespaces: ["a", "a-b"], clusters: [{ namespace: "a-b", name: "c" }, { namespace: "a", name: "b-c" }] });
        const names = p.dashboards.map((d) => d.configMapName);
        assert.equal(new Set(names).size, names.length);
        const groups = p.ruleGroups.map((g) => g.name);
        assert.equal(new Set(groups).size, groups.length);
    });

    it("without clusterDashboards only the seven shared dashboards", () => {
        const p = planMonitoring({ flinkNamespaces: ["team-a"], clusters: [{ namespace: "team-a", name: "orders" }], clusterDashboards: false });
        assert.equal(p.dashboards.length, 7);
    });
});
