import * as assert from "node:assert/strict";
import { Environment, UpgradeMode } from "../sdk/index";
import { FlinkPlatform } from "../sdk/platform";
import type { FlinkPlatformArgs } from "../sdk/flink/args/platform";
import { byType, findResource, runProgram } from "./harness/mocks";

const run = (args: Partial<FlinkPlatformArgs>) => runProgram(() => {
    const platform = new FlinkPlatform("flink", { namespaces: [{ name: "team-a" }], ...args });
    return { namespaces: platform.namespaces, operatorNamespace: platform.operatorNamespace, serviceAccounts: platform.serviceAccounts, clusters: platform.clusters };
});

describe("FlinkPlatform", () => {
    it("gives every Flink namespace its namespace, RBAC, and the operator watching them all", async () => {
        const { resources, outputs } = await run({
            namespaces: [{ name: "team-a", developers: { groups: ["a-devs"] } }, { name: "team-b", serviceAccountName: "jobs" }],
        });
        assert.deepEqual(byType(resources, "kubernetes:core/v1:Namespace").map((r) => r.inputs.metadata.name).sort(), ["flink-operator", "team-a", "team-b"]);
        assert.deepEqual(findResource(resources, "kubernetes:core/v1:ServiceAccount", "flink-team-b-rbac-service-account").inputs.metadata,
            { name: "jobs", namespace: "team-b", labels: findResource(resources, "kubernetes:core/v1:ServiceAccount", "flink-team-b-rbac-service-account").inputs.metadata.labels, annotations: {} });
        assert.equal(findResource(resources, "kubernetes:rbac.authorization.k8s.io/v1:Role", "flink-team-a-rbac-developer-role").inputs.metadata.namespace, "team-a");
        assert.deepEqual(findResource(resources, "kubernetes:helm.sh/v4:Chart", "flink-operator-chart").inputs.values.watchNamespaces, ["team-a", "team-b"]);
        assert.deepEqual(outputs, {
            namespaces: ["team-a", "team-b"],
            operatorNamespace: "flink-operator",
            serviceAccounts: { "team-a": "flink", "team-b": "jobs" },
            clusters: {},
        });
    });

    it("installs the operator after the Flink namespaces exist (its chart creates Roles in them)", async () => {
        const { resources } = await run({ namespaces: [{ name: "team-a" }, { name: "team-b" }] });
        const chart = findResource(resources, "kubernetes:helm.sh/v4:Chart", "flink-operator-chart");
        for (const name of ["flink-team-a-namespace", "flink-team-b-namespace"]) {
            assert.ok(chart.options.dependsOn.includes(findResource(resources, "kubernetes:core/v1:Namespace", name).urn), name);
        }
    });

    it("passes the environment and network to every namespace and the operator", async () => {
        const { resources } = await run({ environment: Environment.Prod, network: { apiServerCidrs: ["10.1.0.0/16"], monitoringNamespace: "prometheus" } });
        for (const name of ["flink-team-a-allow-apiserver", "flink-operator-namespace-allow-apiserver"]) {
            assert.deepEqual(findResource(resources, "kubernetes:networking.k8s.io/v1:NetworkPolicy", name).inputs.spec.egress[0].to, [{ ipBlock: { cidr: "10.1.0.0/16" } }]);
        }
        assert.equal(findResource(resources, "kubernetes:core/v1:ResourceQuota", "flink-team-a-quota").inputs.spec.hard["requests.cpu"], "64");
        assert.deepEqual(findResource(resources, "kubernetes:networking.k8s.io/v1:NetworkPolicy", "flink-team-a-allow-monitoring").inputs.spec.ingress[0].from,
            [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "prometheus" } } }]);
        assert.equal(findResource(resources, "kubernetes:core/v1:Namespace", "flink-team-a-namespace").options.protect, true);
    });

    it("lets Flink namespaces admit an operator in a namespace of another name", async () => {
        const { resources } = await run({ operator: { namespace: "operators" } });
        assert.deepEqual(findResource(resources, "kubernetes:networking.k8s.io/v1:NetworkPolicy", "flink-team-a-allow-operator").inputs.spec.ingress[0].from[0].namespaceSelector,
            { matchLabels: { "kubernetes.io/metadata.name": "operators" } });
    });

    it("still creates job RBAC in every namespace when the operator already runs", async () => {
        const { resources } = await run({ operator: { install: false } });
        assert.equal(resources.some((r) => r.type === "kubernetes:helm.sh/v4:Chart"), false);
        assert.equal(findResource(resources, "kubernetes:rbac.authorization.k8s.io/v1:Role", "flink-team-a-rbac-job-role").inputs.metadata.namespace, "team-a");
    });

    it("runs each cluster in its namespace with that namespace's ServiceAccount and workload identity labels, after the operator", async () => {
        const { resources, outputs } = await run({
            namespaces: [{ name: "team-a", serviceAccountName: "jobs", workloadIdentity: { azureClientId: "00000000-1111-2222-3333-444444444444" } }],
            clusters: [{ name: "orders", namespace: "team-a", sessionJobs: [{ name: "wordcount", jarURI: "https://example.com/wc.jar", upgradeMode: UpgradeMode.Stateless }] }],
        });
        const deployment = findResource(resources, "kubernetes:flink.apache.org/v1beta1:FlinkDeployment", "flink-team-a/orders-deployment");
        assert.equal(deployment.inputs.metadata.namespace, "team-a");
        assert.equal(deployment.inputs.spec.serviceAccount, "jobs");
        assert.equal(deployment.inputs.spec.jobManager.podTemplate.metadata.labels["azure.workload.identity/use"], "true");
        for (const [type, name] of [
            ["kubernetes:helm.sh/v4:Chart", "flink-operator-chart"],
            ["kubernetes:core/v1:Namespace", "flink-team-a-namespace"],
            ["kubernetes:core/v1:ServiceAccount", "flink-team-a-rbac-service-account"],
            ["kubernetes:rbac.authorization.k8s.io/v1:RoleBinding", "flink-team-a-rbac-job-binding"],
        ]) {
            assert.ok(deployment.options.dependsOn.includes(findResource(resources, type, name).urn), `FlinkDeployment waits for ${name}`);
        }
        assert.equal(findResource(resources, "kubernetes:flink.apache.org/v1beta1:FlinkSessionJob", "flink-team-a/wordcount-session-job").inputs.spec.deploymentName, "orders");
        assert.deepEqual(outputs.clusters, { "team-a/orders": "orders-rest" });
    });

    it("monitors its namespaces, the operator and every cluster that runs: no job expected of a bounded or suspended one", async () => {
        const { resources } = await run({
            namespaces: [{ name: "team-a" }],
            network: { monitoringNamespace: "observability" },
            monitoring: { monitorLabels: { prometheus: "main" } },
            clusters: [
                { name: "orders", namespace: "team-a", job: { jarURI: "local:///opt/flink/usrlib/app.jar", upgradeMode: UpgradeMode.Stateless } },
                { name: "idle", namespace: "team-a" },
                { name: "pool", namespace: "team-a", sessionJobs: [{ name: "a", jarURI: "https://example.com/a.jar", upgradeMode: UpgradeMode.Stateless }, { name: "b", jarURI: "https://example.com/b.jar", upgradeMode: UpgradeMode.Stateless },
                    { name: "wordcount", jarURI: "https://example.com/wordcount.jar", upgradeMode: UpgradeMode.Stateless, bounded: true }] },
                { name: "nightly", namespace: "team-a", job: { jarURI: "local:///opt/flink/usrlib/nightly.jar", upgradeMode: UpgradeMode.Stateless, bounded: true } },
            ],
        });
        const jobManagers = findResource(resources, "kubernetes:monitoring.coreos.com/v1:PodMonitor", "flink-monitoring-flink-jobmanagers").inputs;
        assert.equal(jobManagers.metadata.namespace, "observability");
        assert.deepEqual(jobManagers.spec.namespaceSelector, { matchNames: ["team-a"] });
        assert.equal(jobManagers.metadata.labels.prometheus, "main");
        const operatorMonitor = findResource(resources, "kubernetes:monitoring.coreos.com/v1:PodMonitor", "flink-monitoring-flink-kubernetes-operator").inputs;
        assert.deepEqual(operatorMonitor.spec.namespaceSelector, { matchNames: ["flink-operator"] });
        const rule = findResource(resources, "kubernetes:monitoring.coreos.com/v1:PrometheusRule", "flink-monitoring-rules").inputs;
        const clusterGroups = rule.spec.groups.filter((g: { name: string }) => g.name.startsWith("flink-cluster/")).map((g: { name: string }) => g.name);
        // The idle session cluster: its JobManager must export metrics, no job must run; the finished bounded job's cluster: nothing.
        assert.deepEqual(clusterGroups, ["flink-cluster/team-a/orders", "flink-cluster/team-a/idle", "flink-cluster/team-a/pool"]);
        const idle = rule.spec.groups.find((g: { name: string }) => g.name === "flink-cluster/team-a/idle");
        assert.deepEqual(idle.rules.map((r: { alert: string }) => r.alert), ["FlinkClusterMetricsMissing"]);
        const pool = rule.spec.groups.find((g: { name: string }) => g.name === "flink-cluster/team-a/pool");
        assert.ok(pool.rules.some((r: { expr: string }) => /numRunningJobs\{namespace="team-a", ?flinkdeployment="pool"\}\) < 2/.test(r.expr.replace(/\s+/g, " "))), JSON.stringify(pool.rules.map((r: { expr: string }) => r.expr)));
    });

    describe("rejects bad input", () => {
        const cases: [string, Partial<FlinkPlatformArgs>, string][] = [
            ["duplicate namespaces", { namespaces: [{ name: "team-a" }, { name: "team-b" }, { name: "team-a" }] },
                'FlinkPlatform: namespaces: "team-a" is listed more than once; each entry must be unique'],
            ["no namespace while the operator is installed", { namespaces: [] },
                "FlinkPlatform: namespaces: is empty, but the operator is installed; list at least one Flink namespace (an operator watching no namespace watches them all, with cluster-wide RBAC)"],
            ["namespaces that are not a list", { namespaces: "team-a" as never },
                'FlinkPlatform: namespaces: "team-a" is not valid; expected a list'],
            ["a namespace without a name", { namespaces: [{}] as never },
                'FlinkPlatform: namespaces[0].name: is required'],
            ["a Flink namespace that is the operator's", { namespaces: [{ name: "flink-operator" }] },
                'FlinkPlatform: namespaces[0].name: "flink-operator" is not valid; Flink jobs need a namespace of their own, not one of "flink-operator", "cert-manager", "kube-system", "default"'],
            ["watchNamespaces set by hand", { operator: { watchNamespaces: ["x"] } },
                'FlinkPlatform: operator.watchNamespaces: is set by the platform from "namespaces"; remove it'],
            ["an unknown environment", { environment: "qa" as Environment },
                'FlinkPlatform: environment: "qa" is not valid; expected one of "dev", "staging", "prod"'],
            ["two clusters with the same name in a namespace", { clusters: [{ name: "orders", namespace: "team-a" }, { name: "orders", namespace: "team-a" }] },
                'FlinkPlatform: clusters[1].name: "orders" is used twice in namespace "team-a"; FlinkDeployment names are unique per namespace'],
            ["a cluster outside the platform's namespaces", { clusters: [{ name: "orders", namespace: "team-x" }] },
                'FlinkPlatform: clusters[0].namespace: "team-x" is not valid; expected one of the platform\'s namespaces ("team-a")'],
            ["a cluster with an ingress but no ingress controller namespace", {
                clusters: [{ name: "orders", namespace: "team-a", ingress: { host: "orders.example.com", tlsSecretName: "tls", behindAuthenticatingProxy: true } }],
            }, "FlinkPlatform: clusters[0].ingress: needs network.ingressControllerNamespace, so that the NetworkPolicies let the Ingress controller reach the JobManager"],
            ["monitoring namespaces set by hand", { monitoring: { flinkNamespaces: ["team-a"] } },
                'FlinkPlatform: monitoring.flinkNamespaces: is set by the platform from its namespaces, operator and clusters; remove it'],
            ["a monitoring namespace other than the network's", { monitoring: { namespace: "observability" } },
                'FlinkPlatform: monitoring.namespace: "observability" differs from network.monitoringNamespace "monitoring"; Prometheus runs in one namespace, which the NetworkPolicies let scrape: set network.monitoringNamespace instead'],
            ["a cluster of another environment", { clusters: [{ name: "orders", namespace: "team-a", environment: Environment.Prod }] },
                'FlinkPlatform: clusters[0].environment: "prod" differs from the platform\'s "dev"; remove it'],
            ["a namespace name that is not a DNS-1123 label", { namespaces: [{ name: "Team_A" }] },
                `FlinkPlatform: namespaces[0].name: "Team_A" is not valid; expected a DNS-1123 label: at most 63 lowercase letters, digits or '-', starting and ending with a letter or digit`],
        ];
        for (const [what, args, message] of cases) {
            it(what, async () => {
                await assert.rejects(run(args), { message });
            });
        }
    });
});
