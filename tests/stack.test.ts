import * as assert from "node:assert/strict";
import { byType, findResource, runStack } from "./harness/mocks";
import { validateRegistered } from "./harness/schemas";
import { isKnownFlinkKey } from "../sdk/flink/config-keys";

describe("the platform stack (index.ts)", () => {
    for (const stack of ["dev", "staging", "prod"]) {
        it(`${stack}: every Kubernetes object it registers is valid against the Kubernetes and operator schemas, unknown fields included`, async () => {
            const { resources } = await runStack(stack);
            assert.ok(resources.length > 20, `${stack} registers its resources (${resources.length})`);
            assert.deepEqual(await validateRegistered(resources), []);
        });
    }

    for (const stack of ["dev", "staging", "prod"]) {
        it(`${stack}: declares a session cluster with a session job and an application cluster, with only configuration keys valid for their Flink version`, async () => {
            const { resources } = await runStack(stack);
            const deployments = byType(resources, "kubernetes:flink.apache.org/v1beta1:FlinkDeployment");
            assert.ok(deployments.some((d) => d.inputs.spec.job === undefined), "a session cluster");
            assert.ok(deployments.some((d) => d.inputs.spec.job !== undefined), "an application cluster");
            const sessionJobs = byType(resources, "kubernetes:flink.apache.org/v1beta1:FlinkSessionJob");
            assert.ok(sessionJobs.length > 0, "a session job");
            for (const deployment of deployments) {
                const keys = Object.keys(deployment.inputs.spec.flinkConfiguration);
                assert.deepEqual(keys.filter((key) => !isKnownFlinkKey(deployment.inputs.spec.flinkVersion, key)), [], deployment.name);
            }
        });
    }

    it("dev: one Flink namespace, the operator without webhook, API server egress on the local profile's ports", async () => {
        const { resources, outputs } = await runStack("dev");
        assert.equal(resources.some((r) => r.type.startsWith("kubernetes:monitoring.coreos.com")), false, "dev needs no Prometheus Operator CRDs");
        assert.deepEqual(outputs, {
            dashboards: [],
            namespaces: ["flink-jobs"],
            operatorNamespace: "flink-operator",
            serviceAccounts: { "flink-jobs": "flink" },
            clusters: { "flink-jobs/sessions": "sessions-rest", "flink-jobs/state-machine": "state-machine-rest" },
            stateDirectories: {
                "flink-jobs/sessions": {
                    highAvailability: "file:///flink-state/flink-jobs/sessions/ha",
                    checkpoints: "file:///flink-state/flink-jobs/sessions/checkpoints",
                    savepoints: "file:///flink-state/flink-jobs/sessions/savepoints",
                },
                "flink-jobs/state-machine": {
                    highAvailability: "file:///flink-state/flink-jobs/state-machine/ha",
                    checkpoints: "file:///flink-state/flink-jobs/state-machine/checkpoints",
                    savepoints: "file:///flink-state/flink-jobs/state-machine/savepoints",
                },
            },
        });
        assert.equal(findResource(resources, "kubernetes:helm.sh/v4:Chart", "flink-operator-chart").inputs.values.webhook.create, false);
        assert.deepEqual(findResource(resources, "kubernetes:networking.k8s.io/v1:NetworkPolicy", "flink-flink-jobs-allow-apiserver").inputs.spec.egress,
            [{ to: [{ ipBlock: { cidr: "0.0.0.0/0" } }], ports: [{ protocol: "TCP", port: 443 }, { protocol: "TCP", port: 6443 }, { protocol: "TCP", port: 8443 }] }]);
        assert.equal(findResource(resources, "kubernetes:core/v1:Namespace", "flink-flink-jobs-namespace").options.protect, false);
    });

    it("prod: webhook with the cluster's cert-manager, workload identity, protected namespaces", async () => {
        const { resources, outputs } = await runStack("prod");
        assert.deepEqual(outputs.namespaces, ["flink-analytics", "flink-payments"]);
        assert.deepEqual(byType(resources, "kubernetes:helm.sh/v4:Chart").map((r) => r.inputs.chart).sort(), ["flink-kubernetes-operator"]);
        assert.equal(findResource(resources, "kubernetes:helm.sh/v4:Chart", "flink-operator-chart").inputs.values.webhook.create, true);
        assert.deepEqual(findResource(resources, "kubernetes:core/v1:ServiceAccount", "flink-flink-payments-rbac-service-account").inputs.metadata.annotations,
            { "eks.amazonaws.com/role-arn": "arn:aws:iam::123456789012:role/flink-payments" });
        for (const namespace of byType(resources, "kubernetes:core/v1:Namespace").filter((r) => r.inputs.metadata.name.startsWith("flink-") && r.inputs.metadata.name !== "flink-operator")) {
            assert.equal(namespace.options.protect, true, namespace.inputs.metadata.name);
            assert.equal(namespace.options.retainOnDelete, true, namespace.inputs.metadata.name);
        }
        assert.equal(findResource(resources, "kubernetes:core/v1:ResourceQuota", "flink-flink-payments-quota").inputs.spec.hard["requests.memory"], "128Gi");
    });

    for (const stack of ["staging", "prod"]) {
        it(`${stack}: scrapes JobManagers, TaskManagers and the operator, with alerts and a dashboard for each cluster`, async () => {
            const { resources, outputs } = await runStack(stack);
            const monitors = byType(resources, "kubernetes:monitoring.coreos.com/v1:PodMonitor");
            assert.deepEqual(monitors.map((m) => m.inputs.metadata.name).sort(), ["flink-jobmanagers", "flink-kubernetes-operator", "flink-taskmanagers"]);
            for (const monitor of monitors) {
                assert.equal(monitor.inputs.metadata.namespace, "monitoring");
                assert.equal(monitor.inputs.metadata.labels.release, "kube-prometheus-stack");
                assert.deepEqual(monitor.inputs.spec.podMetricsEndpoints.map((e: { port: string }) => e.port), ["metrics"]);
            }
            const rules = byType(resources, "kubernetes:monitoring.coreos.com/v1:PrometheusRule");
            assert.equal(rules.length, 1);
            const groups: string[] = rules[0].inputs.spec.groups.map((g: { name: string }) => g.name);
            const clusters = Object.keys(outputs.clusters as Record<string, string>);
            assert.ok(clusters.length >= 2);
            for (const cluster of clusters) {
                assert.ok(groups.includes(`flink-cluster/${cluster}`), `alerts for ${cluster}`);
            }
            const dashboards = byType(resources, "kubernetes:core/v1:ConfigMap").filter((c) => c.inputs.metadata.labels?.grafana_dashboard === "1");
            assert.equal(dashboards.length, 7 + clusters.length);
            assert.equal((outputs.dashboards as string[]).length, 7 + clusters.length);
        });
    }

    it("renderDirectory: every Kubernetes object goes through a provider that writes YAML instead of applying it", async () => {
        const { resources } = await runStack("dev", { renderDirectory: "rendered/dev" });
        const provider = findResource(resources, "pulumi:providers:kubernetes", "render");
        assert.equal(provider.inputs.renderYamlToDirectory, "rendered/dev");
        const kubernetes = resources.filter((r) => r.custom && r.type.startsWith("kubernetes:"));
        assert.ok(kubernetes.length > 20);
        assert.deepEqual(kubernetes.filter((r) => !r.options.provider?.startsWith(`${provider.urn}::`)).map((r) => r.name), []);
        const applied = await runStack("dev");
        assert.equal(applied.resources.some((r) => r.type === "pulumi:providers:kubernetes"), false);
    });

    it("a config override reaches the platform (prod without API server CIDRs is refused)", async () => {
        await assert.rejects(runStack("prod", { network: {} }), { message: /network.apiServerCidrs: is required in prod/ });
    });
});

describe("examples", () => {
    it("local: registers a valid platform for one namespace, with API server egress on 443, 6443 and 8443", async () => {
        const { resources, outputs } = await runStack("dev", {}, "examples/local");
        assert.deepEqual(outputs, { namespaces: ["flink-jobs"], operatorNamespace: "flink-operator" });
        assert.deepEqual(findResource(resources, "kubernetes:networking.k8s.io/v1:NetworkPolicy", "local-flink-jobs-allow-apiserver").inputs.spec.egress[0].ports,
            [{ protocol: "TCP", port: 443 }, { protocol: "TCP", port: 6443 }, { protocol: "TCP", port: 8443 }]);
        assert.deepEqual(await validateRegistered(resources), []);
    });
});
