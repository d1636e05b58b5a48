// The policies on FlinkDeployments check a FlinkBlueGreenDeployment as the FlinkDeployment its children are made
// of (spec.template.spec), with the same messages under "spec.template: "; flink-rest-exposure also checks its own
// spec.ingress; the stack policies name it by its kind. A prod stack with a blue/green cluster passes every
// mandatory policy.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as yaml from "js-yaml";
import { internalErrorPrefix } from "../../policies/lib/policy";
import { policies } from "../../policies/policies";
import { runStack } from "../harness/mocks";
import { flinkConfiguration, flinkDeployment, flinkTemplate, namespaceGuards, types } from "./fixtures";
import { envConfig, evaluatePack, lines, messages, TestResource } from "./runner";

const blueGreenType = "kubernetes:flink.apache.org/v1beta1:FlinkBlueGreenDeployment";

/** A FlinkDeployment as the FlinkBlueGreenDeployment whose template it is, with `spec` beside the template (configuration, ingress). */
function asBlueGreen(deployment: TestResource, spec: Record<string, unknown> = {}): TestResource {
    const { apiVersion, metadata, spec: template } = deployment.inputs;
    return { type: blueGreenType, name: deployment.name, inputs: { apiVersion, kind: "FlinkBlueGreenDeployment", metadata, spec: { ...spec, template: { spec: template } } } };
}

/** Each policy on FlinkDeployments, a change of the platform's FlinkDeployment that breaks it, and the policy's properties. */
const breaking: [string, Record<string, unknown>, Record<string, unknown>?][] = [
    ["pss-baseline", { spec: { jobManager: { podTemplate: flinkTemplate({ spec: { hostNetwork: true } }) } } }],
    ["pss-restricted", { spec: { taskManager: { podTemplate: flinkTemplate({ spec: { containers: [{ name: "flink-main-container", securityContext: { allowPrivilegeEscalation: true } }] } }) } } }],
    ["container-resources", { spec: { jobManager: { resource: { memory: undefined } } } }],
    ["resource-maxima", { spec: { taskManager: { resource: { cpu: 16, memory: "4Gi" } } } }],
    ["pod-service-account", { spec: { serviceAccount: "default" } }],
    ["image-tag", { spec: { image: "flink:latest" } }],
    ["image-registry", { spec: { image: "quay.io/someone/flink:2.2.1-java17" } }, { allowedRegistries: ["docker.io/library/flink"] }],
    ["image-digest", { spec: { image: "flink:2.2.1-java17" } }],
    ["flink-no-credentials", { spec: { flinkConfiguration: { ...flinkConfiguration, "s3.secret-key": "…" } } }],
    ["flink-operator-keys", { spec: { flinkConfiguration: { ...flinkConfiguration, "kubernetes.cluster-id": "x" } } }],
    ["flink-known-keys", { spec: { flinkConfiguration: { ...flinkConfiguration, "taskmanager.numberOfTaskSlot": "2" } } }],
    ["flink-host-network", { spec: { flinkConfiguration: { ...flinkConfiguration, "kubernetes.hostnetwork.enabled": "true" } } }],
    ["flink-rest-exposure", { spec: { flinkConfiguration: { ...flinkConfiguration, "kubernetes.rest-service.exposed.type": "LoadBalancer" } } }],
    ["flink-durable-state", { spec: { flinkConfiguration: { ...flinkConfiguration, "execution.checkpointing.savepoint-dir": undefined } } }],
    ["flink-checkpointing", { spec: { flinkConfiguration: { ...flinkConfiguration, "execution.checkpointing.interval": undefined } } }],
    ["flink-upgrade-mode", { spec: { job: { upgradeMode: "stateless" } } }],
    ["flink-version", { spec: { flinkVersion: "v1_17", image: `flink:1.17.2-java11@sha256:${"a".repeat(64)}` } }],
    ["flink-internal-tls", { spec: { flinkConfiguration: { ...flinkConfiguration, "security.ssl.internal.enabled": "false" } } }],
];

describe("policies: a FlinkBlueGreenDeployment, checked as the FlinkDeployment of its template", () => {
    it("covers every resource policy that checks FlinkDeployments", () => {
        // Each resource policy that reports anything on an empty FlinkDeployment is one that checks them; all are listed above.
        const flinkPolicies = policies.filter((p) => "validateResource" in p).filter((p) => {
            let applies = false;
            (p as { validateResource: Function }).validateResource(
                { type: types.flinkDeployment, props: {}, urn: "u", name: "n", opts: {}, stackTags: new Map(), isType: () => false, asType: () => undefined,
                    getConfig: () => ({}), notApplicable: () => undefined },
                () => { applies = true; });
            return applies;
        }).map((p) => p.name);
        assert.deepEqual(flinkPolicies.filter((name) => !breaking.some(([policy]) => policy === name)), []);
    });

    for (const [policy, changes, properties] of breaking) {
        // A resource policy's messages go under spec.template; a stack policy's name their resource (by URN) as they are.
        const stack = "validateStack" in policies.find((p) => p.name === policy)!;
        it(`${policy}: the platform's template passes; a broken template fails with the FlinkDeployment's messages${stack ? "" : " under spec.template"}`, async () => {
            assert.deepEqual(await messages(policy, asBlueGreen(flinkDeployment()), properties), []);
            const broken = flinkDeployment(changes);
            const expected = (await messages(policy, broken, properties)).map((message) => stack ? message : `spec.template: ${message}`);
            assert.ok(expected.length > 0, `the change breaks ${policy}`);
            assert.deepEqual(await messages(policy, asBlueGreen(broken), properties), expected);
        });
    }

    it("exact messages: where in the FlinkBlueGreenDeployment the problem is", async () => {
        assert.deepEqual(await messages("image-digest", asBlueGreen(flinkDeployment({ spec: { image: "flink:2.2.1-java17" } }))), [
            'spec.template: spec.image: image "flink:2.2.1-java17" is not pinned by a sha256 digest',
        ]);
        assert.deepEqual(await messages("flink-checkpointing", asBlueGreen(flinkDeployment({ spec: { flinkConfiguration: { ...flinkConfiguration, "execution.checkpointing.interval": undefined } } }))), [
            "spec.template: application cluster without periodic checkpoints: set execution.checkpointing.interval",
        ]);
    });

    it("flink-rest-exposure: its own spec.ingress (the operator's Ingress to the active child) needs TLS and an authenticating annotation", async () => {
        const ingress = { template: "orders.flink.example.com", className: "nginx" };
        assert.deepEqual(await messages("flink-rest-exposure", asBlueGreen(flinkDeployment(), { ingress })), [
            "spec.ingress has no tls: the web UI and REST API must only be served over TLS",
            "spec.ingress has no authenticating annotation (one of nginx.ingress.kubernetes.io/auth-url, nginx.ingress.kubernetes.io/auth-type, "
                + "alb.ingress.kubernetes.io/auth-type, traefik.ingress.kubernetes.io/router.middlewares, haproxy-ingress.github.io/auth-url, konghq.com/plugins) "
                + "and its class is not in authenticatedIngressClasses: the REST API has no authentication and runs submitted code",
        ]);
        const secured = { ...ingress, annotations: { "nginx.ingress.kubernetes.io/auth-url": "https://auth.example.com" }, tls: [{ hosts: [ingress.template], secretName: "orders-tls" }] };
        assert.deepEqual(await messages("flink-rest-exposure", asBlueGreen(flinkDeployment(), { ingress: secured })), []);
    });

    it("flink-pod-monitor: its children's pods need a PodMonitor; one selecting JobManagers and TaskManagers by component covers them", async () => {
        const bg = asBlueGreen(flinkDeployment());
        assert.deepEqual(await messages("flink-pod-monitor", bg), ['FlinkBlueGreenDeployment "flink-jobs/orders": no PodMonitor selects its JobManager and TaskManager pods']);
        const monitor = (component: string): TestResource => ({
            type: types.podMonitor, name: `${component}-monitor`,
            inputs: { metadata: { name: component, namespace: "monitoring" }, spec: { selector: { matchLabels: { component } }, namespaceSelector: { matchNames: ["flink-jobs"] } } },
        });
        assert.deepEqual(await messages("flink-pod-monitor", [bg, monitor("jobmanager"), monitor("taskmanager")]), []);
        // Flink labels the children's pods app: <name>-blue / <name>-green, not app: <name>.
        const byApp: TestResource = { ...monitor("x"), name: "by-app", inputs: { ...monitor("x").inputs, spec: { selector: { matchLabels: { app: "orders" } }, namespaceSelector: { matchNames: ["flink-jobs"] } } } };
        assert.deepEqual(await messages("flink-pod-monitor", [bg, byApp]), ['FlinkBlueGreenDeployment "flink-jobs/orders": no PodMonitor selects its JobManager and TaskManager pods']);
    });

    it("flink-unique-state-dirs: a FlinkBlueGreenDeployment sharing a FlinkDeployment's directories fails, with directories of its own passes", async () => {
        const other = flinkDeployment({}, "billing");
        assert.deepEqual(await messages("flink-unique-state-dirs", [other, asBlueGreen(flinkDeployment())]), [
            'FlinkBlueGreenDeployment "flink-jobs/orders" execution.checkpointing.dir "s3://acme-flink/orders/checkpoints" is the same directory as FlinkDeployment "flink-jobs/billing" execution.checkpointing.dir "s3://acme-flink/orders/checkpoints"',
            'FlinkBlueGreenDeployment "flink-jobs/orders" high-availability.storageDir "s3://acme-flink/orders/ha" is the same directory as FlinkDeployment "flink-jobs/billing" high-availability.storageDir "s3://acme-flink/orders/ha"',
        ]);
        const own = flinkDeployment({ spec: { flinkConfiguration: {
            ...flinkConfiguration, "high-availability.storageDir": "s3://acme-flink/billing/ha", "execution.checkpointing.dir": "s3://acme-flink/billing/checkpoints",
        } } }, "billing");
        assert.deepEqual(await messages("flink-unique-state-dirs", [own, asBlueGreen(flinkDeployment())]), []);
    });

    it("namespace-quota-and-limits and namespace-default-deny: its namespace has workloads", async () => {
        const bg = asBlueGreen(flinkDeployment());
        assert.deepEqual(await messages("namespace-quota-and-limits", bg), [
            'namespace "flink-jobs" has workloads but no ResourceQuota',
            'namespace "flink-jobs" has workloads but no LimitRange',
        ]);
        assert.deepEqual(await messages("namespace-default-deny", bg), [
            'namespace "flink-jobs" has workloads but no default-deny NetworkPolicy for ingress and egress (podSelector: {}, policyTypes without rules)',
        ]);
        assert.deepEqual(await messages("namespace-quota-and-limits", [bg, ...namespaceGuards("flink-jobs")]), []);
        assert.deepEqual(await messages("namespace-default-deny", [bg, ...namespaceGuards("flink-jobs")]), []);
    });

    it("the prod stack with a blue/green cluster passes every mandatory policy at the prod config", async () => {
        const config = (yaml.load(fs.readFileSync(path.join(__dirname, "..", "..", "Pulumi.prod.yaml"), "utf8")) as { config: Record<string, any> }).config;
        const clusters = (config["flink-platform:clusters"] as Record<string, unknown>[])
            .map((cluster) => cluster.name === "payments" ? { ...cluster, upgrade: { strategy: "blue-green", abortGracePeriod: "15 min" } } : cluster);
        const { resources } = await runStack("prod", { clusters });
        assert.equal(resources.filter((r) => r.type === blueGreenType).length, 1);
        const { violations } = await evaluatePack(resources, envConfig("prod"));
        assert.deepEqual(violations.filter((v) => v.message.startsWith(internalErrorPrefix)), []);
        assert.deepEqual(lines(violations.filter((v) => v.level === "mandatory")), []);
    });
});
