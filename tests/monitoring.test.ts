import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { Environment } from "../sdk/index";
import { FlinkMonitoring } from "../sdk/monitoring";
import type { FlinkMonitoringArgs } from "../sdk/flink/args/monitoring";
import { assertRefuses, byType, findResource, RegisteredResource, runProgram } from "./harness/mocks";
import { validateRegistered } from "./harness/schemas";
import { planPlatform } from "../sdk/flink/platform-plan";
import { DeploymentMode, JobState, UpgradeMode } from "../sdk/flink/args/cluster";
import { FlinkVersion } from "../sdk/flink/versions";

const run = (args: Partial<FlinkMonitoringArgs> = {}) =>
    runProgram(() => new FlinkMonitoring("monitoring", { flinkNamespaces: ["team-a", "team-b"], ...args }));

const podMonitorType = "kubernetes:monitoring.coreos.com/v1:PodMonitor";
const ruleType = "kubernetes:monitoring.coreos.com/v1:PrometheusRule";
const configMapType = "kubernetes:core/v1:ConfigMap";
const chartType = "kubernetes:helm.sh/v4:Chart";

const platformLabels = (environment: string) => ({
    "app.kubernetes.io/name": "flink-monitoring",
    "app.kubernetes.io/instance": environment,
    "app.kubernetes.io/part-of": "flink-platform",
    "app.kubernetes.io/managed-by": "pulumi",
    "flink-platform/environment": environment,
});

const flinkSelector = (component: string) => ({
    matchLabels: { component },
    matchExpressions: [{ key: "type", operator: "In", values: ["flink-native-kubernetes", "flink-standalone-kubernetes"] }],
});
const clusterRelabeling = [
    { action: "replace", sourceLabels: ["__meta_kubernetes_pod_label_app"], targetLabel: "flinkdeployment" },
    { action: "replace", sourceLabels: ["__meta_kubernetes_pod_label_flink_platform_blue_green_cluster"], regex: "(.+)", targetLabel: "flinkdeployment" },
];

const restrictedPod = (uid: number, gid: number) => ({ runAsNonRoot: true, runAsUser: uid, runAsGroup: gid, fsGroup: gid, seccompProfile: { type: "RuntimeDefault" } });

/** The warnings pulumi.log.warn got while `program` ran. */
async function warningsOf<T>(program: () => Promise<T>): Promise<{ result: T; warnings: string[] }> {
    const warnings: string[] = [];
    const original = pulumi.log.warn;
    (pulumi.log as { warn: typeof pulumi.log.warn }).warn = async (message: string) => { warnings.push(message); };
    try {
        return { result: await program(), warnings };
    } finally {
        (pulumi.log as { warn: typeof pulumi.log.warn }).warn = original;
    }
}

describe("FlinkMonitoring", () => {
    it("PodMonitors for JobManagers, TaskManagers and the operator: exact selectors, namespaces, the named port metrics", async () => {
        const { resources } = await run();
        const monitors = byType(resources, podMonitorType);
        assert.deepEqual(monitors.map((m) => m.name).sort(),
            ["monitoring-flink-jobmanagers", "monitoring-flink-kubernetes-operator", "monitoring-flink-taskmanagers"]);
        const labels = { ...platformLabels("dev"), release: "kube-prometheus-stack" };
        const jm = findResource(resources, podMonitorType, "monitoring-flink-jobmanagers").inputs;
        assert.deepEqual(jm, {
            apiVersion: "monitoring.coreos.com/v1",
            kind: "PodMonitor",
            metadata: { name: "flink-jobmanagers", namespace: "monitoring", labels },
            spec: {
                selector: flinkSelector("jobmanager"),
                namespaceSelector: { matchNames: ["team-a", "team-b"] },
                podMetricsEndpoints: [{ port: "metrics", relabelings: clusterRelabeling }],
            },
        });
        const tm = findResource(resources, podMonitorType, "monitoring-flink-taskmanagers").inputs;
        assert.deepEqual(tm.metadata, { name: "flink-taskmanagers", namespace: "monitoring", labels });
        assert.deepEqual(tm.spec, {
            selector: flinkSelector("taskmanager"),
            namespaceSelector: { matchNames: ["team-a", "team-b"] },
            podMetricsEndpoints: [{ port: "metrics", relabelings: clusterRelabeling }],
        });
        const operator = findResource(resources, podMonitorType, "monitoring-flink-kubernetes-operator").inputs;
        assert.deepEqual(operator.metadata, { name: "flink-kubernetes-operator", namespace: "monitoring", labels });
        assert.deepEqual(operator.spec, {
            selector: { matchLabels: { "app.kubernetes.io/name": "flink-kubernetes-operator" } },
            namespaceSelector: { matchNames: ["flink-operator"] },
            podMetricsEndpoints: [{ port: "metrics" }],
        });
    });

    it("one PrometheusRule for the environment, labeled for the Prometheus rule selector", async () => {
        const { resources } = await run({ environment: Environment.Prod, monitorLabels: { prometheus: "platform" } });
        const rules = byType(resources, ruleType);
        assert.equal(rules.length, 1);
        const rule = rules[0].inputs;
        assert.deepEqual(rule.metadata, { name: "flink-platform-prod", namespace: "monitoring", labels: { ...platformLabels("prod"), prometheus: "platform" } });
        assert.deepEqual(rule.spec.groups.map((g: { name: string }) => g.name),
            ["flink-jobs", "flink-checkpoints", "flink-processing", "flink-resources", "flink-operator"]);
        assert.ok(rule.spec.groups.flatMap((g: { rules: { labels: Record<string, string> }[] }) => g.rules).every((r: { labels: Record<string, string> }) => r.labels.environment === "prod"));
    });

    it("dashboards as ConfigMaps labeled for the Grafana sidecar, one JSON file each", async () => {
        const { resources } = await run({ clusters: [{ namespace: "team-a", name: "orders" }] });
        const maps = byType(resources, configMapType);
        assert.equal(maps.length, 8);
        const health = findResource(resources, configMapType, "monitoring-flink-job-health-dashboard").inputs;
        assert.deepEqual(health.metadata, { name: "flink-job-health-dashboard", namespace: "monitoring", labels: { ...platformLabels("dev"), grafana_dashboard: "1" } });
        assert.deepEqual(Object.keys(health.data), ["flink-job-health.json"]);
        assert.equal(JSON.parse(health.data["flink-job-health.json"]).uid, "flink-job-health");
        const orders = findResource(resources, configMapType, "monitoring-flink-cluster.team-a.orders-dashboard").inputs;
        assert.equal(orders.metadata.name, "flink-cluster.team-a.orders-dashboard");
        assert.equal(JSON.parse(orders.data["flink-cluster.team-a.orders.json"]).title, "Flink / team-a/orders");
    });

    it("takes the dashboard label, the namespace and the operator namespace from args", async () => {
        const { resources } = await run({ namespace: "observability", operatorNamespace: "operators", dashboardLabel: { key: "dashboards", value: "flink" } });
        for (const map of byType(resources, configMapType)) {
            assert.equal(map.inputs.metadata.namespace, "observability");
            assert.equal(map.inputs.metadata.labels.dashboards, "flink");
            assert.equal(map.inputs.metadata.labels.grafana_dashboard, undefined);
        }
        assert.deepEqual(findResource(resources, podMonitorType, "monitoring-flink-kubernetes-operator").inputs.spec.namespaceSelector, { matchNames: ["operators"] });
    });

    it("every object is schema-valid, unknown fields rejected", async () => {
        const { resources } = await run({
            environment: Environment.Prod,
            network: { apiServerCidrs: ["10.0.0.0/16"] },
            clusters: [{ namespace: "team-a", name: "orders", expectedTaskManagers: 2, expectedRunningJobs: 1 }],
            runbookUrlBase: "https://wiki.example.com/flink",
            prometheusStack: { install: true, storageSize: "50Gi" },
        });
        assert.ok(byType(resources, podMonitorType).length === 3 && byType(resources, ruleType).length === 1);
        assert.deepEqual(await validateRegistered(resources), []);
    });

    it("with enabled false creates nothing: no PodMonitor or PrometheusRule CRDs needed", async () => {
        const { resources } = await run({ enabled: false, flinkNamespaces: [] });
        assert.deepEqual(resources.map((r) => r.type), ["flink-platform:index:FlinkMonitoring"]);
    });

    it("without scrapeOperator has no operator PodMonitor, no operator alerts and no operator dashboard", async () => {
        const { resources } = await run({ scrapeOperator: false });
        assert.deepEqual(byType(resources, podMonitorType).map((m) => m.name).sort(), ["monitoring-flink-jobmanagers", "monitoring-flink-taskmanagers"]);
        const rule = findResource(resources, ruleType, "monitoring-rules").inputs;
        assert.deepEqual(rule.spec.groups.map((g: { name: string }) => g.name), ["flink-jobs", "flink-checkpoints", "flink-processing", "flink-resources"]);
        assert.deepEqual(byType(resources, configMapType).map((m) => m.name), [
            "monitoring-flink-job-health-dashboard", "monitoring-flink-throughput-dashboard", "monitoring-flink-checkpoints-dashboard",
            "monitoring-flink-backpressure-dashboard", "monitoring-flink-jvm-dashboard", "monitoring-flink-taskmanager-slots-dashboard",
        ]);
    });

    it("FlinkOperatorReconcileErrors pages only on failures that last: failures in every 5 minutes for reconcileErrorWindow", async () => {
        const { resources } = await run({ thresholds: { reconcileErrorWindow: "30m", maxReconcileErrors: 2 } });
        const rule = findResource(resources, ruleType, "monitoring-rules").inputs;
        const reconcile = rule.spec.groups.find((g: { name: string }) => g.name === "flink-operator").rules[0];
        assert.deepEqual([reconcile.alert, reconcile.expr, reconcile.for, reconcile.labels], [
            "FlinkOperatorReconcileErrors",
            "sum by (resourcens, resourcename, resourcetype) (increase(flink_k8soperator_namespace_resource_JOSDK_Reconciliation_failed_Count[5m])) > 2",
            "30m",
            { severity: "warning", environment: "dev" },
        ]);
        assert.equal(reconcile.annotations.description,
            "Reconciliations of {{ $labels.resourcetype }} {{ $labels.resourcens }}/{{ $labels.resourcename }} have kept failing for 30m: {{ $value }} failed in the last 5m.");
    });

    it("does not install kube-prometheus-stack by default", async () => {
        const { resources } = await run();
        assert.equal(byType(resources, chartType).length, 0);
        assert.equal(byType(resources, "kubernetes:core/v1:Namespace").length, 0);
    });

    describe("with kube-prometheus-stack", () => {
        const install = (args: Partial<FlinkMonitoringArgs> = {}) => run({ prometheusStack: { install: true }, ...args });
        const chartOf = (resources: RegisteredResource[]) => findResource(resources, chartType, "monitoring-kube-prometheus-stack");

        it("installs the pinned chart into a restricted monitoring namespace", async () => {
            const { resources } = await install();
            const chart = chartOf(resources).inputs;
            assert.equal(chart.chart, "kube-prometheus-stack");
            assert.equal(chart.version, "88.5.3");
            assert.deepEqual(chart.repositoryOpts, { repo: "https://prometheus-community.github.io/helm-charts" });
            assert.equal(chart.name, "kube-prometheus-stack");
            assert.equal(chart.namespace, "monitoring");
            const namespace = findResource(resources, "kubernetes:core/v1:Namespace", "monitoring-namespace-namespace").inputs;
            assert.equal(namespace.metadata.name, "monitoring");
            assert.equal(namespace.metadata.labels["pod-security.kubernetes.io/enforce"], "restricted");
            assert.equal(namespace.metadata.labels["pod-security.kubernetes.io/enforce-version"], "v1.33");
        });

        it("from a mirror, an OCI registry or a local chart", async () => {
            const sourceOf = async (prometheusStack: FlinkMonitoringArgs["prometheusStack"]) => {
                const inputs = chartOf((await run({ prometheusStack: { install: true, ...prometheusStack } })).resources).inputs;
                return Object.fromEntries(["chart", "version", "repositoryOpts"].filter((key) => key in inputs).map((key) => [key, inputs[key]]));
            };
            assert.deepEqual(await sourceOf({ chartRepository: "https://nexus.example.com/repository/prometheus-community/" }),
                { chart: "kube-prometheus-stack", version: "88.5.3", repositoryOpts: { repo: "https://nexus.example.com/repository/prometheus-community/" } });
            assert.deepEqual(await sourceOf({ chart: "oci://registry.example.com/charts/kube-prometheus-stack" }),
                { chart: "oci://registry.example.com/charts/kube-prometheus-stack", version: "88.5.3" });
            assert.deepEqual(await sourceOf({ chart: "./charts/kube-prometheus-stack-88.5.3.tgz" }), { chart: "./charts/kube-prometheus-stack-88.5.3.tgz" });
        });

        it("guards its namespace like every other: a quota, container defaults, default deny, and egress only to what it scrapes", async () => {
            const { resources } = await install();
            const quota = findResource(resources, "kubernetes:core/v1:ResourceQuota", "monitoring-namespace-quota").inputs;
            assert.deepEqual(quota.spec.hard, {
                "requests.cpu": "4", "requests.memory": "8Gi", "limits.cpu": "8", "limits.memory": "16Gi",
                pods: "20", persistentvolumeclaims: "4", "requests.storage": "200Gi",
            });
            assert.equal(findResource(resources, "kubernetes:core/v1:LimitRange", "monitoring-namespace-limits").inputs.metadata.namespace, "monitoring");
            const policies = byType(resources, "kubernetes:networking.k8s.io/v1:NetworkPolicy");
            assert.deepEqual(policies.map((p) => p.inputs.metadata.name).sort(),
                ["allow-apiserver", "allow-dns", "allow-monitoring-internal", "allow-scrape", "default-deny"]);
            const scrape = policies.find((p) => p.inputs.metadata.name === "allow-scrape")!.inputs.spec;
            assert.deepEqual(scrape.egress, [
                {
                    to: [{
                        namespaceSelector: { matchExpressions: [{ key: "kubernetes.io/metadata.name", operator: "In", values: ["team-a", "team-b"] }] },
                        podSelector: { matchExpressions: [{ key: "type", operator: "In", values: ["flink-native-kubernetes", "flink-standalone-kubernetes"] }] },
                    }],
                    ports: [{ protocol: "TCP", port: 9249 }],
                },
                {
                    to: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "flink-operator" } }, podSelector: { matchLabels: { "app.kubernetes.io/name": "flink-kubernetes-operator" } } }],
                    ports: [{ protocol: "TCP", port: 9999 }],
                },
            ]);
        });

        it("hardens every component: non-root, seccomp, no capabilities, requests and limits; no node-exporter, no hook Jobs", async () => {
            const values = chartOf((await install()).resources).inputs.values;
            const limited = (r: { requests: object; limits: object }) => assert.deepEqual(Object.keys(r).sort(), ["limits", "requests"]);
            assert.deepEqual(values.nodeExporter, { enabled: false });
            assert.deepEqual(values.prometheusOperator.admissionWebhooks, { enabled: false, patch: { enabled: false } });
            assert.deepEqual(values.prometheusOperator.tls, { enabled: false });
            assert.deepEqual(values.prometheusOperator.securityContext, restrictedPod(65534, 65534));
            assert.deepEqual(values.prometheusOperator.containerSecurityContext,
                { allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] }, seccompProfile: { type: "RuntimeDefault" }, readOnlyRootFilesystem: true });
            limited(values.prometheusOperator.resources);
            limited(values.prometheusOperator.prometheusConfigReloader.resources);
            const prometheus = values.prometheus.prometheusSpec;
            assert.deepEqual(prometheus.securityContext, restrictedPod(1000, 2000));
            assert.deepEqual(prometheus.resources, { requests: { cpu: "500m", memory: "2Gi" }, limits: { cpu: "2", memory: "4Gi" } });
            assert.equal(prometheus.retention, "10d");
            assert.equal(prometheus.storageSpec, undefined);
            assert.deepEqual(values.alertmanager.alertmanagerSpec.securityContext, restrictedPod(1000, 2000));
            limited(values.alertmanager.alertmanagerSpec.resources);
            const grafana = values.grafana;
            assert.deepEqual(grafana.securityContext, restrictedPod(472, 472));
            assert.deepEqual(grafana.containerSecurityContext, { allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] }, seccompProfile: { type: "RuntimeDefault" } });
            assert.deepEqual(grafana.sidecar.securityContext, grafana.containerSecurityContext);
            limited(grafana.resources);
            limited(grafana.sidecar.resources);
            assert.deepEqual([grafana.testFramework, grafana.initChownData], [{ enabled: false }, { enabled: false }]);
            const ksm = values["kube-state-metrics"];
            assert.deepEqual(ksm.securityContext, { enabled: true, ...restrictedPod(65534, 65534) });
            limited(ksm.resources);
        });

        it("selects every PodMonitor and PrometheusRule, and the sidecar loads the dashboard label", async () => {
            const values = chartOf((await install({ dashboardLabel: { key: "dashboards", value: "flink" } })).resources).inputs.values;
            const spec = values.prometheus.prometheusSpec;
            assert.deepEqual(
                [spec.podMonitorSelectorNilUsesHelmValues, spec.podMonitorSelector, spec.podMonitorNamespaceSelector, spec.ruleSelectorNilUsesHelmValues, spec.ruleSelector, spec.ruleNamespaceSelector],
                [false, {}, {}, false, {}, {}],
            );
            assert.deepEqual(values.grafana.sidecar.dashboards, { enabled: true, label: "dashboards", labelValue: "flink", searchNamespace: "ALL" });
        });

        it("gives Grafana a random admin password from a Secret, never the chart's", async () => {
            const { resources } = await install();
            const password = findResource(resources, "random:index/randomPassword:RandomPassword", "monitoring-grafana-admin-password");
            assert.deepEqual({ length: password.inputs.length, special: password.inputs.special }, { length: 32, special: false });
            const secret = findResource(resources, "kubernetes:core/v1:Secret", "monitoring-grafana-admin");
            assert.equal(secret.inputs.metadata.name, "grafana-admin-credentials");
            assert.equal(secret.inputs.metadata.namespace, "monitoring");
            assert.deepEqual(secret.propertyDependencies.stringData, [password.urn]);
            assert.deepEqual(secret.secretInputs, ["stringData"]);
            const chart = chartOf(resources);
            assert.deepEqual(chart.inputs.values.grafana.admin, { existingSecret: "grafana-admin-credentials", userKey: "admin-user", passwordKey: "admin-password" });
            assert.ok(chart.options.dependsOn.includes(secret.urn));
        });

        it("creates PodMonitors and the PrometheusRule after the chart (its CRDs)", async () => {
            const { resources } = await install();
            const chart = chartOf(resources);
            for (const r of [...byType(resources, podMonitorType), ...byType(resources, ruleType)]) {
                assert.ok(r.options.dependsOn.includes(chart.urn), `${r.name} waits for the chart`);
            }
        });

        it("keeps the chart's CRDs on delete, protected in prod", async () => {
            const transformOf = async (environment: Environment) => {
                const transforms = chartOf((await install({ environment, network: { apiServerCidrs: ["10.0.0.0/16"] } })).resources).transforms;
                assert.equal(transforms.length, 1);
                return transforms[0] as pulumi.ResourceTransform;
            };
            const crd = { type: "kubernetes:apiextensions.k8s.io/v1:CustomResourceDefinition", name: "x", custom: true, props: {}, opts: {} };
            assert.deepEqual((await (await transformOf(Environment.Dev))(crd))?.opts, { retainOnDelete: true, protect: false });
            assert.deepEqual((await (await transformOf(Environment.Prod))(crd))?.opts, { retainOnDelete: true, protect: true });
            assert.equal(await (await transformOf(Environment.Dev))({ ...crd, type: "kubernetes:apps/v1:Deployment" }), undefined);
            const namespace = findResource((await install({ environment: Environment.Prod, network: { apiServerCidrs: ["10.0.0.0/16"] } })).resources,
                "kubernetes:core/v1:Namespace", "monitoring-namespace-namespace");
            assert.deepEqual([namespace.options.protect, namespace.options.retainOnDelete], [true, true]);
        });

        it("takes retention, storage, Prometheus resources and the chart version from args; Grafana can be left out", async () => {
            const { resources } = await install({
                prometheusStack: {
                    install: true, version: "88.4.0", retention: "30d", storageSize: "100Gi", grafana: false,
                    prometheusResources: { cpuRequest: "1", memoryRequest: "4Gi", cpuLimit: "4", memoryLimit: "8Gi" },
                },
            });
            const chart = chartOf(resources).inputs;
            assert.equal(chart.version, "88.4.0");
            const spec = chart.values.prometheus.prometheusSpec;
            assert.equal(spec.retention, "30d");
            assert.deepEqual(spec.storageSpec, { volumeClaimTemplate: { spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "100Gi" } } } } });
            assert.deepEqual(spec.resources, { requests: { cpu: "1", memory: "4Gi" }, limits: { cpu: "4", memory: "8Gi" } });
            assert.deepEqual(chart.values.grafana, { enabled: false });
            assert.equal(byType(resources, "kubernetes:core/v1:Secret").length, 0);
        });
    });

    it("rejects bad input with the field, the value and what is accepted", async () => {
        await assert.rejects(run({ flinkNamespaces: [] }), /FlinkMonitoring: flinkNamespaces: \[\] is not valid; expected the namespaces Flink clusters run in/);
        await assert.rejects(run({ flinkNamespaces: ["Team A"] }), /FlinkMonitoring: flinkNamespaces\[0\]: "Team A" is not valid; expected a DNS-1123 label/);
        await assert.rejects(run({ namespace: "mon_itoring" }), /FlinkMonitoring: namespace: "mon_itoring" is not valid/);
        await assert.rejects(run({ environment: "production" as Environment }), /FlinkMonitoring "monitoring": environment: "production" is not valid; expected one of "dev", "staging", "prod"/);
        await assert.rejects(run({ monitorLabels: { release: "kube prometheus" } }), /FlinkMonitoring: monitorLabels\["release"\]: "kube prometheus" is not valid; expected a Kubernetes label value/);
        await assert.rejects(run({ dashboardLabel: { key: "grafana dashboard" } }), /FlinkMonitoring: dashboardLabel key: "grafana dashboard" is not valid; expected a Kubernetes label key/);
        await assert.rejects(run({ prometheusStack: { install: true, version: "latest" } }), /FlinkMonitoring: prometheusStack\.version: "latest" is not valid; expected a release number/);
        await assert.rejects(run({ prometheusStack: { install: true, retention: "10 days" } }), /FlinkMonitoring: prometheusStack\.retention: "10 days" is not valid; expected a Prometheus duration/);
        await assertRefuses(run({ thresholds: { restartWindow: "30s1m", checkpointMaxAge: "1h1h" } }), "2 problems:\n" +
            '  - FlinkMonitoring: thresholds.restartWindow: "30s1m" is not valid; expected a Prometheus duration: whole numbers each followed by a unit, ' +
            'the units in the order y, w, d, h, m, s, ms and each at most once, such as "5m", "90s" or "1h30m", longer than 0\n' +
            '  - FlinkMonitoring: thresholds.checkpointMaxAge: "1h1h" is not valid; expected a Prometheus duration: whole numbers each followed by a unit, ' +
            'the units in the order y, w, d, h, m, s, ms and each at most once, such as "5m", "90s" or "1h30m", longer than 0');
        await assert.rejects(run({ prometheusStack: { install: true, storageSize: "lots" } }), /FlinkMonitoring: prometheusStack\.storageSize: "lots" is not valid/);
        await assertRefuses(run({ prometheusStack: { install: true, chart: "./charts/kube-prometheus-stack-88.5.3.tgz", chartRepository: "https://nexus.example.com/" } }),
            "FlinkMonitoring: prometheusStack.chart: and prometheusStack.chartRepository are both set; install from a local chart or an OCI registry " +
            "(prometheusStack.chart) or from a mirror of the Helm repository (prometheusStack.chartRepository), not both");
    });

    describe("in FlinkPlatform: each cluster's checkpointing reaches its FlinkCheckpointTooOld", () => {
        const job = { jarURI: "local:///opt/flink/usrlib/app.jar", upgradeMode: UpgradeMode.Stateless };
        const platform = (monitoring = {}) => planPlatform("flink", {
            namespaces: [{ name: "team-a" }],
            monitoring,
            clusters: [
                { name: "orders", namespace: "team-a", job },
                { name: "ledger", namespace: "team-a", job, checkpointing: { interval: "30 min" } },
                { name: "audit", namespace: "team-a", job, checkpointing: { enabled: false } },
                { name: "nightly", namespace: "team-a", job: { ...job, bounded: true }, checkpointing: { interval: "30 min" } },
                { name: "paused", namespace: "team-a", job: { ...job, state: JobState.Suspended } },
            ],
        });

        it("hands each cluster's interval, or that it does not checkpoint, to FlinkMonitoring", () => {
            assert.deepEqual(platform().monitoring!.args.clusters, [
                { namespace: "team-a", name: "orders", expectedRunningJobs: 1 },
                { namespace: "team-a", name: "ledger", expectedRunningJobs: 1, checkpointInterval: "30 min" },
                { namespace: "team-a", name: "audit", expectedRunningJobs: 1, checkpointing: false },
                { namespace: "team-a", name: "nightly", bounded: true, checkpointInterval: "30 min" },
            ]);
            const groups = platform().monitoring!.plan.ruleGroups;
            assert.deepEqual(groups.flatMap((g) => g.rules.filter((r) => r.alert === "FlinkCheckpointTooOld").map((r) => [g.name, r.expr.split("\n").pop()])), [
                ["flink-checkpoints", 'unless on (namespace, flinkdeployment) (flink_jobmanager_job_runningTime{namespace="team-a", flinkdeployment=~"ledger|audit|nightly"})'],
                ["flink-cluster/team-a/ledger", 'and on (namespace, flinkdeployment, job_name) count by (namespace, flinkdeployment, job_name) ' +
                    '(count_over_time(flink_jobmanager_job_runningTime{namespace="team-a", flinkdeployment="ledger"}[5m] offset 1h)) > 0'],
                ["flink-cluster/team-a/nightly", 'and on (namespace, flinkdeployment, job_name) count by (namespace, flinkdeployment, job_name) ' +
                    '(count_over_time(flink_jobmanager_job_runningTime{namespace="team-a", flinkdeployment="nightly"}[5m] offset 1h)) > 0'],
            ]);
            // The bounded job's cluster has its checkpoint alerts alone: no metrics-missing alert, no dashboard.
            assert.deepEqual(groups.find((g) => g.name === "flink-cluster/team-a/nightly")!.rules.map((r) => r.alert), ["FlinkCheckpointsFailing", "FlinkCheckpointTooOld"]);
            assert.deepEqual(platform().monitoring!.plan.dashboards.filter((d) => d.title.startsWith("Flink / team-a/")).map((d) => d.title),
                ["Flink / team-a/orders", "Flink / team-a/ledger", "Flink / team-a/audit"]);
        });

        it("refuses monitoring.thresholds.checkpointMaxAge shorter than twice a cluster's interval, naming the cluster", () => {
            const tooShort = (cluster: string) => '  - FlinkPlatform: monitoring.thresholds.checkpointMaxAge: "45m" is not valid; expected at least twice the ' +
                `checkpoint interval of cluster team-a/${cluster} ("30 min"), "1h": its healthy jobs complete a checkpoint only every interval`;
            assert.throws(() => platform({ thresholds: { checkpointMaxAge: "45m" } }), { message: `2 problems:\n${tooShort("ledger")}\n${tooShort("nightly")}` });
        });
    });

    describe("in FlinkPlatform: a Flink 1.20 cluster that rescales in place is left out of FlinkJobRestarting, with a warning", () => {
        const job = { jarURI: "local:///opt/flink/usrlib/app.jar", upgradeMode: UpgradeMode.Savepoint };
        const platform = () => planPlatform("flink", {
            namespaces: [{ name: "team-a" }],
            storage: { backend: "s3", s3: { bucket: "state" } } as never,
            monitoring: {},
            clusters: [
                { name: "orders", namespace: "team-a", job, flinkVersion: FlinkVersion.V1_20, autoscaler: { enabled: true } },
                { name: "elastic", namespace: "team-a", job, flinkVersion: FlinkVersion.V1_20, mode: DeploymentMode.Standalone, reactive: { enabled: true, maxReplicas: 4 } },
                { name: "clicks", namespace: "team-a", job, autoscaler: { enabled: true } },
                { name: "ledger", namespace: "team-a", job, flinkVersion: FlinkVersion.V1_20 },
            ],
        });
        const warning = (cluster: string) => `Flink cluster team-a/${cluster} rescales in place on Flink 1.20, which counts each rescale as a restart ` +
            "and has no numRescales to tell them apart, so FlinkJobRestarting leaves it out; FlinkJobFlapping still counts its restarts with the " +
            "rescales: more than 5 in 1h, failures and rescales together, page as flapping. Flink 2.0 and later count rescales apart.";

        it("marks the 1.20 clusters with the autoscaler or reactive mode, leaves them out of FlinkJobRestarting only, and says so", () => {
            const monitoring = platform().monitoring!;
            assert.deepEqual(monitoring.args.clusters, [
                { namespace: "team-a", name: "orders", expectedRunningJobs: 1, rescalesCountAsRestarts: true },
                { namespace: "team-a", name: "elastic", expectedRunningJobs: 1, rescalesCountAsRestarts: true },
                { namespace: "team-a", name: "clicks", expectedRunningJobs: 1 },
                { namespace: "team-a", name: "ledger", expectedRunningJobs: 1 },
            ]);
            const rules = monitoring.plan.ruleGroups.flatMap((g) => g.rules);
            assert.equal(rules.find((r) => r.alert === "FlinkJobRestarting")!.expr.split("\n").pop(),
                'unless on (namespace, flinkdeployment) (flink_jobmanager_job_runningTime{namespace="team-a", flinkdeployment=~"orders|elastic"})');
            assert.doesNotMatch(rules.find((r) => r.alert === "FlinkJobFlapping")!.expr, /unless/);
            assert.deepEqual(monitoring.plan.warnings, [warning("orders"), warning("elastic")]);
        });

        it("FlinkMonitoring says it at preview, and refuses a value that is not a boolean", async () => {
            const { warnings } = await warningsOf(() => run({ clusters: [{ namespace: "team-a", name: "orders", rescalesCountAsRestarts: true }] }));
            assert.deepEqual(warnings, [warning("orders")]);
            await assertRefuses(run({ clusters: [{ namespace: "team-a", name: "orders", rescalesCountAsRestarts: "yes" as never }] }),
                'FlinkMonitoring "monitoring": clusters[0].rescalesCountAsRestarts: "yes" is not valid; expected true or false (in YAML write it unquoted; ' +
                "`pulumi config set --path` stores every value as a string, which is read as the boolean it spells)");
        });
    });

    describe("Alertmanager's receivers with the installed kube-prometheus-stack", () => {
        const install = (stack: FlinkMonitoringArgs["prometheusStack"] = {}) => run({ prometheusStack: { install: true, ...stack } });
        const policyType = "kubernetes:networking.k8s.io/v1:NetworkPolicy";

        it("without receivers keeps the chart's configuration and says at preview that no alert reaches anyone", async () => {
            const { result: { resources }, warnings } = await warningsOf(() => install());
            const values = findResource(resources, chartType, "monitoring-kube-prometheus-stack").inputs.values;
            assert.deepEqual(Object.keys(values.alertmanager.alertmanagerSpec), ["resources", "securityContext"]);
            assert.equal(byType(resources, policyType).some((p) => p.inputs.metadata.name === "allow-alertmanager-receivers"), false);
            assert.deepEqual(warnings, [
                'FlinkMonitoring: prometheusStack.alertmanager: is not set, so Alertmanager sends every alert to the kube-prometheus-stack chart\'s "null" ' +
                "receiver and no alert reaches anyone; set its configSecret to a Secret whose alertmanager.yaml routes them to your receivers",
            ]);
        });

        it("takes Alertmanager's configuration from the Secret named, mounts the receivers' Secrets and lets it reach them", async () => {
            const { result: { resources }, warnings } = await warningsOf(() => install({
                alertmanager: { configSecret: "alertmanager-receivers", secrets: ["pagerduty"], receiverEgress: { cidrs: ["10.20.0.0/16"], ports: [8443] } },
            }));
            assert.deepEqual(warnings, []);
            const spec = findResource(resources, chartType, "monitoring-kube-prometheus-stack").inputs.values.alertmanager.alertmanagerSpec;
            assert.deepEqual([spec.useExistingSecret, spec.configSecret, spec.secrets], [true, "alertmanager-receivers", ["pagerduty"]]);
            const policy = findResource(resources, policyType, "monitoring-allow-alertmanager-receivers").inputs;
            assert.deepEqual([policy.metadata.name, policy.metadata.namespace, policy.spec], ["allow-alertmanager-receivers", "monitoring", {
                podSelector: { matchLabels: { "app.kubernetes.io/name": "alertmanager", "app.kubernetes.io/managed-by": "prometheus-operator" } },
                policyTypes: ["Egress"],
                egress: [{ to: [{ ipBlock: { cidr: "10.20.0.0/16" } }], ports: [{ protocol: "TCP", port: 8443 }] }],
            }]);
            const defaults = await install({ alertmanager: { configSecret: "alertmanager-receivers" } });
            assert.deepEqual(findResource(defaults.resources, policyType, "monitoring-allow-alertmanager-receivers").inputs.spec.egress,
                [{ to: [{ ipBlock: { cidr: "0.0.0.0/0" } }], ports: [{ protocol: "TCP", port: 443 }] }]);
            assert.equal("secrets" in findResource(defaults.resources, chartType, "monitoring-kube-prometheus-stack").inputs.values.alertmanager.alertmanagerSpec, false);
        });

        it("refuses a receiver without its Secret, and bad Secret names and egress, all at once", async () => {
            // The args schema requires the field; an empty name gets the plan's message.
            await assertRefuses(install({ alertmanager: {} as never }), 'FlinkMonitoring "monitoring": prometheusStack.alertmanager.configSecret: is required');
            await assertRefuses(install({ alertmanager: { configSecret: "" } }),
                "FlinkMonitoring: prometheusStack.alertmanager.configSecret: is required: the Secret in the monitoring namespace that holds Alertmanager's receivers (key alertmanager.yaml)");
            await assertRefuses(install({ alertmanager: { configSecret: "Receivers", secrets: ["ok", "ok"], receiverEgress: { cidrs: ["internet"], ports: [0] } } }), "4 problems:\n" +
                '  - FlinkMonitoring: prometheusStack.alertmanager.configSecret: "Receivers" is not valid; expected a Secret name: lowercase letters, digits, \'-\' or \'.\', such as "alertmanager-receivers"\n' +
                '  - FlinkMonitoring: prometheusStack.alertmanager.secrets: "ok" is listed more than once; each entry must be unique\n' +
                '  - FlinkMonitoring: prometheusStack.alertmanager.receiverEgress.cidrs[0]: "internet" is not valid; expected a CIDR block such as 10.0.0.0/16 or 172.20.0.1/32\n' +
                "  - FlinkMonitoring: prometheusStack.alertmanager.receiverEgress.ports[0]: 0 is not valid; expected a whole number from 1 to 65535");
        });
    });
});
