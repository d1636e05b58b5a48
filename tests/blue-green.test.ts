// Blue/green upgrades (upgrade.strategy "blue-green"): the exact FlinkBlueGreenDeployment registered in the
// FlinkDeployment's place (its configuration, its template = the spec the FlinkDeployment would get, the ingress
// at the top where the operator points it at the active child), valid against the operator's CRD schema; the
// platform's REST service over both children; the wait for an active child with a running job; every selector
// (NetworkPolicies, PodMonitors, PodDisruptionBudgets, the auth proxy's) picking the children's pods, which Flink
// labels app: <name>-blue / <name>-green; and every setting the operator's blue/green controller could not follow
// refused with the field, the value and what is accepted.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as yaml from "js-yaml";
import * as k8s from "@pulumi/kubernetes";
import { FlinkCluster } from "../sdk/cluster";
import { FlinkClusterArgs, UpgradeMode, UpgradeStrategy } from "../sdk/flink/args/cluster";
import { blueGreenConditions } from "../sdk/flink/await";
import { blueGreenKeys } from "../sdk/flink/blue-green";
import { Environment } from "../sdk/flink/environment";
import { assertRefuses, byType, findResource, RegisteredResource, runProgram, runStack } from "./harness/mocks";
import { evaluatorOfRegistered, Pod } from "./harness/network-policy";
import { validateObject, validateRegistered } from "./harness/schemas";

const types = {
    deployment: "kubernetes:flink.apache.org/v1beta1:FlinkDeployment",
    blueGreen: "kubernetes:flink.apache.org/v1beta1:FlinkBlueGreenDeployment",
    service: "kubernetes:core/v1:Service",
    budget: "kubernetes:policy/v1:PodDisruptionBudget",
    podMonitor: "kubernetes:monitoring.coreos.com/v1:PodMonitor",
    hpa: "kubernetes:autoscaling/v2:HorizontalPodAutoscaler",
    networkPolicy: "kubernetes:networking.k8s.io/v1:NetworkPolicy",
};
const storage = {
    checkpointDir: "s3://bucket/team-a/orders/checkpoints",
    savepointDir: "s3://bucket/team-a/orders/savepoints",
    highAvailabilityDir: "s3://bucket/team-a/orders/ha",
};
const job = { jarURI: "local:///opt/flink/usrlib/orders.jar", entryClass: "com.acme.Orders", parallelism: 4 };
const blueGreen = { strategy: UpgradeStrategy.BlueGreen };
const run = (args: Partial<FlinkClusterArgs>, environment: Environment = Environment.Dev) =>
    runProgram(() => new FlinkCluster("c", { name: "orders", namespace: "team-a", environment, storage, job, ...args } as FlinkClusterArgs));
const at = 'FlinkCluster "orders": ';
const labels = {
    "app.kubernetes.io/name": "flink-cluster",
    "app.kubernetes.io/instance": "orders",
    "app.kubernetes.io/part-of": "flink-platform",
    "app.kubernetes.io/managed-by": "pulumi",
};
const waitFor = { "pulumi.com/waitFor": JSON.stringify(blueGreenConditions), "pulumi.com/timeoutSeconds": "600" };

/** The prod stack's clusters, `payments` upgraded blue/green (HA, S3, the operator's autoscaler, prod defaults). */
function prodClusters(changes: Record<string, unknown> = {}): Record<string, unknown>[] {
    const config = (yaml.load(fs.readFileSync(path.join(__dirname, "..", "Pulumi.prod.yaml"), "utf8")) as { config: Record<string, any> }).config;
    return (config["flink-platform:clusters"] as Record<string, unknown>[])
        .map((cluster) => cluster.name === "payments" ? { ...cluster, upgrade: { strategy: "blue-green" }, ...changes } : cluster);
}

/** A JobManager or TaskManager pod of a child as Flink labels it: the template's labels, app: <child>, component, type. */
function childPod(resources: RegisteredResource[], child: string, component: "jobmanager" | "taskmanager", namespace: string): Pod {
    const bg = byType(resources, types.blueGreen).find((r) => child.startsWith(`${r.inputs.metadata.name}-`)) as RegisteredResource;
    const template = bg.inputs.spec.template.spec[component === "jobmanager" ? "jobManager" : "taskManager"].podTemplate;
    return {
        namespace, name: `${child}-${component}`, ip: component === "jobmanager" ? "10.1.0.10" : "10.1.0.11",
        labels: { ...template.metadata.labels, app: child, component, type: "flink-native-kubernetes" }, namedPorts: { metrics: 9249 },
    };
}

/** Whether a LabelSelector (matchLabels, matchExpressions In/NotIn/Exists/DoesNotExist) selects these labels. */
function selects(selector: { matchLabels?: Record<string, string>; matchExpressions?: { key: string; operator: string; values?: string[] }[] }, podLabels: Record<string, string>) {
    return Object.entries(selector.matchLabels ?? {}).every(([key, value]) => podLabels[key] === value)
        && (selector.matchExpressions ?? []).every(({ key, operator, values }) => operator === "In" ? values?.includes(podLabels[key])
            : operator === "NotIn" ? !values?.includes(podLabels[key]) : operator === "Exists" ? key in podLabels : !(key in podLabels));
}

/** Prometheus' `replace` relabelings (anchored regex, default "(.*)" and "$1") applied to a pod's meta labels. */
function relabel(relabelings: { action: string; sourceLabels: string[]; regex?: string; targetLabel: string; replacement?: string }[], podLabels: Record<string, string>) {
    const labels: Record<string, string> = {};
    for (const [key, value] of Object.entries(podLabels)) labels[`__meta_kubernetes_pod_label_${key.replace(/[^a-zA-Z0-9_]/g, "_")}`] = value;
    for (const rule of relabelings) {
        assert.equal(rule.action, "replace");
        const match = new RegExp(`^(?:${rule.regex ?? "(.*)"})$`).exec(rule.sourceLabels.map((l) => labels[l] ?? "").join(";"));
        if (match !== null) labels[rule.targetLabel] = (rule.replacement ?? "$1").replace(/\$(\d)/g, (_, i) => match[Number(i)] ?? "");
    }
    return labels;
}

describe("blue/green upgrades (upgrade.strategy: blue-green)", function () {
    this.timeout(120_000);

    describe("a FlinkBlueGreenDeployment in the FlinkDeployment's place", () => {
        it("its metadata, configuration and template: the spec the FlinkDeployment would get, the ingress at the top; no FlinkDeployment", async () => {
            const ingress = { host: "orders.flink.example.com", tlsSecretName: "orders-tls", className: "nginx", annotations: { "nginx.ingress.kubernetes.io/auth-url": "https://auth.example.com/check" } };
            const { resources } = await run({ upgrade: { ...blueGreen, abortGracePeriod: "20 min", deletionDelay: "2 min" }, ingress });
            assert.deepEqual(byType(resources, types.deployment), [], "no FlinkDeployment of the cluster");
            const bg = findResource(resources, types.blueGreen, "c-deployment");
            assert.deepEqual(bg.inputs.metadata, { name: "orders", namespace: "team-a", labels, annotations: waitFor });
            assert.deepEqual(bg.inputs.spec.configuration, {
                "kubernetes.operator.bluegreen.abort.grace-period": "20 min",
                "kubernetes.operator.bluegreen.deployment-deletion.delay": "2 min",
            });
            assert.deepEqual(Object.keys(bg.inputs.spec).sort(), ["configuration", "ingress", "template"]);
            assert.deepEqual(Object.keys(bg.inputs.spec.template), ["spec"]);
            const template = bg.inputs.spec.template.spec;
            assert.deepEqual(template.job, {
                jarURI: "local:///opt/flink/usrlib/orders.jar", entryClass: "com.acme.Orders", parallelism: 4, state: "running", upgradeMode: "savepoint",
            });
            // The savepoint the operator takes for every switch goes to the cluster's savepoint directory.
            assert.equal(template.flinkConfiguration["execution.checkpointing.savepoint-dir"], storage.savepointDir);
            assert.equal(template.flinkConfiguration["kubernetes.operator.job.savepoint-on-deletion"], "true");
            assert.equal(template.ingress, undefined, "the operator would give each child a host of its own (blue-…, green-…)");
            assert.deepEqual(bg.inputs.spec.ingress, {
                template: "orders.flink.example.com", className: "nginx", annotations: ingress.annotations,
                tls: [{ hosts: ["orders.flink.example.com"], secretName: "orders-tls" }],
            });

            // The template is the in-place cluster's spec, but for the ingress and the pods' cluster label and spread selectors.
            const inPlace = findResource((await run({ ingress })).resources, types.deployment, "c-deployment").inputs.spec;
            const { ingress: _ingress, ...withoutIngress } = inPlace;
            const withoutPods = (spec: Record<string, any>) => ({ ...spec, jobManager: { ...spec.jobManager, podTemplate: undefined }, taskManager: { ...spec.taskManager, podTemplate: undefined } });
            assert.deepEqual(withoutPods(template), withoutPods(withoutIngress));
            for (const [field, component] of [["jobManager", "jobmanager"], ["taskManager", "taskmanager"]] as const) {
                const pods = template[field].podTemplate;
                assert.deepEqual(pods.metadata.labels, { ...labels, "flink-platform/blue-green-cluster": "orders" });
                for (const spread of pods.spec.topologySpreadConstraints) {
                    assert.deepEqual(spread.labelSelector, { matchLabels: { "flink-platform/blue-green-cluster": "orders", component } });
                }
                assert.deepEqual({ ...pods, metadata: undefined, spec: { ...pods.spec, topologySpreadConstraints: undefined } },
                    { ...inPlace[field].podTemplate, metadata: undefined, spec: { ...inPlace[field].podTemplate.spec, topologySpreadConstraints: undefined } });
            }
        });

        it("is valid against the operator's CRD schema (the harness's validation of every registered object), and an unknown template field is not", async () => {
            const { resources } = await run({ upgrade: { ...blueGreen, abortGracePeriod: "20 min" } });
            assert.deepEqual(await validateRegistered(resources), []);
            const bg = findResource(resources, types.blueGreen, "c-deployment").inputs;
            const broken = structuredClone(bg);
            broken.spec.template.spec.jobManager.resource.memroy = "2Gi";
            assert.deepEqual(await validateObject(broken as { apiVersion: string; kind: string }), [{ path: "/spec/template/spec/jobManager/resource/memroy", message: "unknown field" }]);
        });

        it("configuration only with what is set: the operator's defaults (10 min grace, no deletion delay) otherwise", async () => {
            const bg = findResource((await run({ upgrade: blueGreen })).resources, types.blueGreen, "c-deployment");
            assert.deepEqual(Object.keys(bg.inputs.spec), ["template"]);
            assert.deepEqual(Object.keys(blueGreenKeys).sort(), ["kubernetes.operator.bluegreen.abort.grace-period", "kubernetes.operator.bluegreen.deployment-deletion.delay"]);
        });

        it("the same protection, dependencies and URN name as the FlinkDeployment, but another type (switching replaces the cluster; no alias across kinds)", async () => {
            const prod = await runProgram(() => {
                const namespace = new k8s.core.v1.Namespace("ns", { metadata: { name: "team-a" } });
                return new FlinkCluster("c", { name: "orders", namespace: "team-a", environment: Environment.Prod, storage, job, upgrade: blueGreen }, { dependsOn: [namespace] });
            });
            const bg = findResource(prod.resources, types.blueGreen, "c-deployment");
            assert.equal(bg.options.protect, true);
            assert.deepEqual(bg.options.dependsOn, [findResource(prod.resources, "kubernetes:core/v1:Namespace", "ns").urn]);
            assert.deepEqual(bg.aliases, []);
            const inPlace = findResource((await run({})).resources, types.deployment, "c-deployment");
            assert.equal(bg.engineUrn, inPlace.engineUrn?.replace(types.deployment, types.blueGreen));
            assert.notEqual(bg.engineUrn, inPlace.engineUrn);
        });

        it("no rollback by default in prod: the operator does not roll blue/green upgrades back", async () => {
            const bg = findResource((await run({ upgrade: blueGreen }, Environment.Prod)).resources, types.blueGreen, "c-deployment");
            assert.equal(bg.inputs.spec.template.spec.flinkConfiguration["kubernetes.operator.deployment.rollback.enabled"], undefined);
            assert.equal(bg.inputs.spec.template.spec.flinkConfiguration["kubernetes.operator.periodic.savepoint.interval"], "6 h");
        });

        it("a suspended job is not awaited (the operator does not start a FlinkBlueGreenDeployment created suspended); awaiting off, none", async () => {
            const suspended = findResource((await run({ upgrade: blueGreen, job: { ...job, state: "suspended" } as FlinkClusterArgs["job"] })).resources, types.blueGreen, "c-deployment");
            assert.equal(suspended.inputs.metadata.annotations, undefined);
            const off = findResource((await run({ upgrade: blueGreen, await: { enabled: false } })).resources, types.blueGreen, "c-deployment");
            assert.equal(off.inputs.metadata.annotations, undefined);
            const longer = findResource((await run({ upgrade: blueGreen, await: { timeout: "30 min" } })).resources, types.blueGreen, "c-deployment");
            assert.deepEqual(longer.inputs.metadata.annotations, { ...waitFor, "pulumi.com/timeoutSeconds": "1800" });
        });

        it("waits for ACTIVE_BLUE or ACTIVE_GREEN and the job RUNNING, in expressions the provider parses (one '=' outside '==', braces, no quotes around them)", () => {
            assert.deepEqual(blueGreenConditions, [
                "jsonpath={.status[?@=='ACTIVE_BLUE' || @=='ACTIVE_GREEN']}",
                "jsonpath={.status.jobStatus.state}=RUNNING",
            ]);
            for (const condition of blueGreenConditions) {
                const [path, ...value] = condition.slice("jsonpath=".length).replace(/==/g, "\u0000").split("=");
                assert.ok(value.length <= 1, condition);
                assert.match(path, /^\{\.status[^{}]*\}$/, condition);
            }
        });
    });

    describe("the platform's REST service and selectors over both children", () => {
        it("a REST service <name>-bluegreen-rest on both children's JobManagers, which FlinkCluster names", async () => {
            const { resources, outputs } = await runProgram(() => {
                const cluster = new FlinkCluster("c", { name: "orders", namespace: "team-a", storage, job, upgrade: blueGreen });
                return { restServiceName: cluster.restServiceName, deploymentName: cluster.deploymentName };
            });
            const service = findResource(resources, types.service, "c-rest").inputs;
            assert.deepEqual(service, {
                apiVersion: "v1", kind: "Service",
                metadata: { name: "orders-bluegreen-rest", namespace: "team-a", labels },
                spec: {
                    type: "ClusterIP",
                    selector: { "flink-platform/blue-green-cluster": "orders", component: "jobmanager" },
                    ports: [{ name: "rest", port: 8081, targetPort: 8081, protocol: "TCP" }],
                },
            });
            assert.deepEqual(outputs, { restServiceName: "orders-bluegreen-rest", deploymentName: "orders" });
        });

        it("HA JobManagers' PodDisruptionBudget selects both children's JobManagers", async () => {
            const { resources } = await run({ upgrade: blueGreen, jobManager: { replicas: 2 } });
            assert.deepEqual(findResource(resources, types.budget, "c-jobmanager-budget").inputs.spec, {
                maxUnavailable: 1, selector: { matchLabels: { "flink-platform/blue-green-cluster": "orders", component: "jobmanager" } },
            });
        });

        it("the auth proxy goes to the platform's REST service, and only it reaches the children's JobManagers' REST port", async () => {
            const route = {
                gateway: { name: "public", namespace: "gateways", listener: "https" }, host: "orders.flink.example.com",
                oidc: { issuerUrl: "https://login.example.com/realms/acme", clientId: "flink", secretName: "orders-oidc", allowedGroups: ["flink-users"] },
            };
            const { resources } = await run({ upgrade: blueGreen, route });
            const proxy = findResource(resources, "kubernetes:apps/v1:Deployment", "c-auth-proxy").inputs.spec.template.spec.containers[0];
            assert.ok(proxy.args.includes("--upstream=http://orders-bluegreen-rest.team-a.svc:8081/"), proxy.args.join(" "));
            const restFromProxy = byType(resources, types.networkPolicy).find((r) => r.inputs.metadata.name === "flink-cluster-orders-rest-from-proxy")!.inputs.spec;
            const jobManagerSelector = {
                matchLabels: { "flink-platform/blue-green-cluster": "orders", component: "jobmanager" },
                matchExpressions: [{ key: "type", operator: "In", values: ["flink-native-kubernetes", "flink-standalone-kubernetes"] }],
            };
            assert.deepEqual(restFromProxy.podSelector, jobManagerSelector);
            assert.deepEqual(await validateRegistered(resources), []);
        });

        it("in FlinkPlatform (prod): the clusters output names the REST service; NetworkPolicies and PodMonitors pick the children's pods, which report as the cluster", async () => {
            const { resources, outputs } = await runStack("prod", { clusters: prodClusters() });
            assert.deepEqual(byType(resources, types.deployment).map((r) => r.inputs.metadata.name), ["sessions"]);
            const bg = findResource(resources, types.blueGreen, "flink-flink-payments/payments-deployment");
            assert.deepEqual(bg.inputs.metadata.annotations, waitFor);
            assert.equal(bg.options.protect, true);
            assert.deepEqual((outputs.clusters as Record<string, string>)["flink-payments/payments"], "payments-bluegreen-rest");
            assert.deepEqual(await validateRegistered(resources), []);

            const namespace = "flink-payments";
            const [blueJm, blueTm, greenJm, greenTm] = [["payments-blue", "jobmanager"], ["payments-blue", "taskmanager"], ["payments-green", "jobmanager"], ["payments-green", "taskmanager"]]
                .map(([child, component]) => childPod(resources, child, component as "jobmanager", namespace));
            const evaluator = evaluatorOfRegistered(resources);
            const operator: Pod = { namespace: "flink-operator", name: "operator", labels: { "app.kubernetes.io/name": "flink-kubernetes-operator" } };
            const prometheus: Pod = { namespace: "monitoring", name: "prometheus", labels: { "app.kubernetes.io/name": "prometheus" } };
            const stranger: Pod = { namespace, name: "other-jobmanager", labels: { type: "flink-native-kubernetes", app: "other", component: "jobmanager" } };
            const flows: [string, Parameters<typeof evaluator.allows>[0], boolean][] = [
                ["blue TaskManager to blue JobManager RPC", { from: { pod: blueTm }, to: { pod: blueJm }, port: 6123 }, true],
                ["blue JobManager to blue TaskManager data port", { from: { pod: blueJm }, to: { pod: blueTm }, port: 40123 }, true],
                ["green TaskManager to green JobManager RPC", { from: { pod: greenTm }, to: { pod: greenJm }, port: 6123 }, true],
                ["the operator to the green JobManager's REST API", { from: { pod: operator }, to: { pod: greenJm }, port: 8081 }, true],
                ["Prometheus to the blue TaskManager's metrics", { from: { pod: prometheus }, to: { pod: blueTm }, port: 9249 }, true],
                ["the children's JobManagers to the declared Kafka", { from: { pod: greenJm }, to: { ip: "10.20.1.5" }, port: 9092 }, true],
                ["a pod of another cluster to the blue JobManager", { from: { pod: stranger }, to: { pod: blueJm }, port: 6123 }, false],
            ];
            for (const [what, connection, allowed] of flows) {
                assert.equal(evaluator.allows(connection), allowed, `${what}: ${evaluator.explain(connection)}`);
            }

            const monitors = byType(resources, types.podMonitor).filter((r) => r.inputs.spec.namespaceSelector?.matchNames?.includes(namespace));
            for (const pod of [blueJm, blueTm, greenJm, greenTm]) {
                const monitor = monitors.find((m) => selects(m.inputs.spec.selector, pod.labels));
                assert.ok(monitor !== undefined, `a PodMonitor selects ${pod.name}`);
                assert.equal(relabel(monitor.inputs.spec.podMetricsEndpoints[0].relabelings, pod.labels).flinkdeployment, "payments", pod.name);
            }
            // Another cluster's pods keep their FlinkDeployment's name.
            const sessions = { type: "flink-native-kubernetes", app: "sessions", component: "jobmanager", "app.kubernetes.io/instance": "sessions" };
            assert.equal(relabel(monitors.find((m) => selects(m.inputs.spec.selector, sessions))!.inputs.spec.podMetricsEndpoints[0].relabelings, sessions).flinkdeployment, "sessions");
        });
    });

    describe("refuses what the operator's blue/green controller could not follow, every problem at once", () => {
        const withoutSavepoints = { checkpointDir: storage.checkpointDir, highAvailabilityDir: storage.highAvailabilityDir };
        const cases: [string, Partial<FlinkClusterArgs>, string][] = [
            ["a session cluster", { job: undefined, upgrade: blueGreen },
                `${at}upgrade.strategy: "blue-green" upgrades the job of an application cluster (the operator starts the new deployment's job from a ` +
                "savepoint of the old one's); this is a session cluster (no job): upgrade it in place"],
            ["no savepoint directory", { storage: withoutSavepoints, job: { ...job, upgradeMode: UpgradeMode.LastState }, upgrade: blueGreen }, "2 problems:\n" +
                `  - ${at}upgrade.strategy: "blue-green" needs a savepoint directory (execution.checkpointing.savepoint-dir): the operator takes a savepoint ` +
                "of the running job and starts the new deployment from it; set storage.savepointDir or stateStorage\n" +
                `  - ${at}job.upgradeMode: "last-state" is not valid; expected "savepoint" with upgrade.strategy "blue-green": the operator takes a savepoint ` +
                'for every switch whatever the mode ("last-state" would not start from the latest checkpoint), and "stateless" starts the new job without state'],
            ["a last-state upgrade mode", { job: { ...job, upgradeMode: UpgradeMode.LastState }, upgrade: blueGreen },
                `${at}job.upgradeMode: "last-state" is not valid; expected "savepoint" with upgrade.strategy "blue-green": the operator takes a savepoint ` +
                'for every switch whatever the mode ("last-state" would not start from the latest checkpoint), and "stateless" starts the new job without state'],
            ["a stateless upgrade mode", { job: { ...job, upgradeMode: UpgradeMode.Stateless, stateful: false }, upgrade: blueGreen },
                `${at}job.upgradeMode: "stateless" is not valid; expected "savepoint" with upgrade.strategy "blue-green": the operator takes a savepoint ` +
                'for every switch whatever the mode ("last-state" would not start from the latest checkpoint), and "stateless" starts the new job without state'],
            ["rollback", { upgrade: { ...blueGreen, rollback: true } },
                `${at}upgrade.rollback: true is not valid with upgrade.strategy "blue-green"; the operator does not roll a blue/green upgrade back: it aborts ` +
                "a switch whose new deployment does not run stable within upgrade.abortGracePeriod and keeps the old one running; remove it"],
            ["a readiness timeout", { upgrade: { ...blueGreen, readinessTimeout: "5 min" } },
                `${at}upgrade.readinessTimeout: applies only to in-place upgrades with rollback; with upgrade.strategy "blue-green" set upgrade.abortGracePeriod instead`],
            ["an abort grace period without blue/green", { upgrade: { abortGracePeriod: "10 min" } },
                `${at}upgrade.abortGracePeriod: applies only to blue/green upgrades; remove it or set upgrade.strategy: "blue-green"`],
            ["a deletion delay with in-place upgrades", { upgrade: { strategy: UpgradeStrategy.InPlace, deletionDelay: "1 min" } },
                `${at}upgrade.deletionDelay: applies only to blue/green upgrades; remove it or set upgrade.strategy: "blue-green"`],
            ["an abort grace period under a second", { upgrade: { ...blueGreen, abortGracePeriod: "500 ms" } },
                `${at}upgrade.abortGracePeriod: "500 ms" is not valid; expected a Flink duration of at least 1 s`],
            ["a deletion delay that is not a duration", { upgrade: { ...blueGreen, deletionDelay: "soon" } },
                `${at}upgrade.deletionDelay: "soon" is not valid; expected a Flink duration: a whole number and a unit (ms, s, min, h, d), such as "30 s" or "1 min"`],
            // The args check's (the schema of the args interfaces), before the plan's.
            ["a strategy that is not one", { upgrade: { strategy: "canary" as UpgradeStrategy } },
                'FlinkCluster "c": upgrade.strategy: "canary" is not valid; expected one of "in-place", "blue-green"'],
            ["a bounded job", { job: { ...job, bounded: true }, upgrade: blueGreen },
                `${at}job.bounded: true is not valid with upgrade.strategy "blue-green"; the operator switches to the new deployment once its job is RUNNING ` +
                "and stable, which a job that finishes may never be: upgrade a bounded job in place"],
            ["reactive mode (a HorizontalPodAutoscaler on the FlinkDeployment's scale subresource)", { reactive: { enabled: true, maxReplicas: 4 }, upgrade: blueGreen },
                `${at}reactive: is not valid with upgrade.strategy "blue-green"; its HorizontalPodAutoscaler scales a FlinkDeployment through the scale ` +
                "subresource, which a FlinkBlueGreenDeployment does not have, and the children change name with every upgrade: " +
                "use the operator's autoscaler (autoscaler.enabled) or upgrade in place"],
        ];
        for (const [what, args, message] of cases) {
            it(what, () => assertRefuses(run(args), message));
        }

        it("a name the children's names would not fit (45 characters with -green)", () => assertRefuses(
            runProgram(() => new FlinkCluster("c", { name: `o${"r".repeat(39)}`, namespace: "team-a", storage, job, upgrade: blueGreen })),
            `FlinkCluster "o${"r".repeat(39)}": name: "o${"r".repeat(39)}" is not valid; expected at most 39 characters with upgrade.strategy "blue-green": ` +
            "the operator names its FlinkDeployments <name>-blue and <name>-green, and a FlinkDeployment name has at most 45"));

        it("in FlinkPlatform: a cluster with the name of a child or of the REST service's cluster", async () => {
            const app = (name: string, extra: Record<string, unknown> = {}) => ({
                name, namespace: "flink-jobs", jobManager: { memory: "1Gi" }, taskManager: { cpu: 1, memory: "2Gi" },
                job: { jarURI: "local:///opt/flink/examples/streaming/StateMachineExample.jar" }, ...extra,
            });
            await assertRefuses(runStack("dev", { clusters: [app("orders", { upgrade: blueGreen }), app("orders-green"), app("orders-bluegreen")] }), "2 problems:\n" +
                '  - FlinkPlatform: clusters[0].name: the operator names the FlinkDeployments of blue/green cluster "orders" "orders-blue" and "orders-green"; ' +
                'clusters[1] is "orders-green" in namespace "flink-jobs": rename one of the two clusters\n' +
                '  - FlinkPlatform: clusters[0].name: the REST service "orders-bluegreen-rest" of blue/green cluster "orders" has the name of ' +
                'clusters[2]\'s in namespace "flink-jobs"; rename one of the two clusters');
        });

        it("all of a cluster's blue/green problems in one error", () => assertRefuses(
            run({ storage: withoutSavepoints, job: { ...job, upgradeMode: UpgradeMode.LastState, bounded: true }, upgrade: { ...blueGreen, rollback: true, abortGracePeriod: "0 s" } }),
            "5 problems:\n" +
            `  - ${at}upgrade.strategy: "blue-green" needs a savepoint directory (execution.checkpointing.savepoint-dir): the operator takes a savepoint ` +
            "of the running job and starts the new deployment from it; set storage.savepointDir or stateStorage\n" +
            `  - ${at}job.upgradeMode: "last-state" is not valid; expected "savepoint" with upgrade.strategy "blue-green": the operator takes a savepoint ` +
            'for every switch whatever the mode ("last-state" would not start from the latest checkpoint), and "stateless" starts the new job without state\n' +
            `  - ${at}job.bounded: true is not valid with upgrade.strategy "blue-green"; the operator switches to the new deployment once its job is RUNNING ` +
            "and stable, which a job that finishes may never be: upgrade a bounded job in place\n" +
            `  - ${at}upgrade.rollback: true is not valid with upgrade.strategy "blue-green"; the operator does not roll a blue/green upgrade back: it aborts ` +
            "a switch whose new deployment does not run stable within upgrade.abortGracePeriod and keeps the old one running; remove it\n" +
            `  - ${at}upgrade.abortGracePeriod: "0 s" is not valid; expected a Flink duration of at least 1 s`));
    });
});
