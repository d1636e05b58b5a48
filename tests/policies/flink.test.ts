import * as assert from "node:assert/strict";
import { FlinkClusterArgs } from "../../sdk/flink/args/cluster";
import { ingressAuthAnnotations, internalRestServiceTypes, planCluster } from "../../sdk/flink/cluster-plan";
import { policies } from "../../policies/policies";
import { flinkDeployment, flinkSessionJob, flinkTemplate, ingress, types } from "./fixtures";
import { messages, TestResource } from "./runner";

const credential = (key: string) => `flinkConfiguration[${JSON.stringify(key)}] holds a credential in plain text (in the resource and the ConfigMap Flink mounts); `
    + "use workload identity, or a Kubernetes Secret passed to the pods as environment variables";

/** A FlinkDeployment with these flinkConfiguration entries added (a value undefined removes the default's). */
const withConfig = (entries: Record<string, unknown>, spec: Record<string, unknown> = {}) => flinkDeployment({ spec: { ...spec, flinkConfiguration: entries } });

describe("policies: Flink", () => {
    it("a FlinkDeployment and a FlinkSessionJob as the platform writes them pass every Flink policy (PodMonitors: below)", async () => {
        for (const policy of policies.filter((p) => p.name.startsWith("flink-") && p.name !== "flink-pod-monitor")) {
            assert.deepEqual(await messages(policy.name, [flinkDeployment(), flinkSessionJob()]), [], policy.name);
        }
    });

    it("flink-no-credentials: S3, Azure, OSS keys, passwords, JAAS configs and secret env vars, flat or nested, in deployments and session jobs", async () => {
        const resource = withConfig({
            s3: { "access-key": "AKIA…", "secret-key": "…" },
            "fs.azure.account.key.acme.blob.core.windows.net": "…",
            "security.ssl.rest.keystore-password": "…",
            "properties.sasl.jaas.config": "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\" password=\"p\";",
            "containerized.taskmanager.env.AWS_SECRET_ACCESS_KEY": "…",
            "containerized.taskmanager.env.AWS_REGION": "eu-west-1",
            "kubernetes.secrets": "flink-s3:/opt/flink/secrets",
        });
        assert.deepEqual(await messages("flink-no-credentials", resource), [
            credential("s3.access-key"),
            credential("s3.secret-key"),
            credential("fs.azure.account.key.acme.blob.core.windows.net"),
            credential("security.ssl.rest.keystore-password"),
            credential("properties.sasl.jaas.config"),
            credential("containerized.taskmanager.env.AWS_SECRET_ACCESS_KEY"),
        ]);
        assert.deepEqual(await messages("flink-no-credentials", flinkSessionJob({ spec: { flinkConfiguration: { "fs.oss.accessKeySecret": "…" } } })), [
            credential("fs.oss.accessKeySecret"),
        ]);
    });

    it("flink-operator-keys: keys the operator sets and operator-level keys", async () => {
        const resource = withConfig({ "kubernetes.cluster-id": "x", "kubernetes.operator.reconcile.interval": "10 s", "kubernetes.operator.job.savepoint-on-deletion": "true" });
        assert.deepEqual(await messages("flink-operator-keys", resource), [
            'flinkConfiguration["kubernetes.cluster-id"] is set by the operator from the resource\'s namespace and name; remove it',
            'flinkConfiguration["kubernetes.operator.reconcile.interval"] is an operator-level key that only the operator\'s own configuration reads; remove it',
        ]);
        assert.deepEqual(await messages("flink-operator-keys", flinkSessionJob({ spec: { flinkConfiguration: { "high-availability.cluster-id": "x" } } })), [
            'flinkConfiguration["high-availability.cluster-id"] is set by the operator from the resource\'s namespace and name; remove it',
        ]);
    });

    it("flink-known-keys: unknown keys per version, with the sdk's suggestion; versions without a key list and session jobs are not checked", async () => {
        const typo = withConfig({ "taskmanager.numberOfTaskSlot": "2", metrics: { reporter: { jmx: { "factory.class": "x" } } } });
        assert.deepEqual(await messages("flink-known-keys", typo), [
            'flinkConfiguration["taskmanager.numberOfTaskSlot"]: is not a Flink 2.2 configuration key; did you mean "taskmanager.numberOfTaskSlots"?',
        ]);
        const removedIn2 = withConfig({ "state.backend": "rocksdb" }, { flinkVersion: "v1_20", image: "flink:1.20.4-java17" });
        assert.deepEqual(await messages("flink-known-keys", removedIn2), []);
        assert.deepEqual(await messages("flink-known-keys", withConfig({ "no.such.key": "x" }, { flinkVersion: "v1_19", image: "flink:1.19.3-java17" })), []);
        assert.deepEqual(await messages("flink-known-keys", flinkSessionJob({ spec: { flinkConfiguration: { "no.such.key": "x" } } })), []);
    });

    it("flink-host-network: kubernetes.hostnetwork.enabled true, as a boolean, a string or nested", async () => {
        const message = 'flinkConfiguration["kubernetes.hostnetwork.enabled"] is true: the JobManager and TaskManagers would share the node\'s network';
        assert.deepEqual(await messages("flink-host-network", withConfig({ "kubernetes.hostnetwork.enabled": true })), [message]);
        assert.deepEqual(await messages("flink-host-network", withConfig({ kubernetes: { hostnetwork: { enabled: "TRUE" } } })), [message]);
        assert.deepEqual(await messages("flink-host-network", withConfig({ "kubernetes.hostnetwork.enabled": "false" })), []);
    });

    it("flink-rest-exposure and the sdk share one rule: what the sdk refuses at preview, the pack reports, and the reverse", async () => {
        const restPolicy = policies.find((p) => p.name === "flink-rest-exposure") as { configSchema?: { properties?: Record<string, { default?: unknown }> } };
        assert.deepEqual(restPolicy.configSchema?.properties?.allowedExposedTypes.default, internalRestServiceTypes);
        for (const type of ["ClusterIP", "Headless_ClusterIP", "headless_clusterip", "NodePort", "LoadBalancer"]) {
            const packReports = (await messages("flink-rest-exposure", withConfig({ "kubernetes.rest-service.exposed.type": type }))).length > 0;
            const args: FlinkClusterArgs = { name: "orders", namespace: "team-a", flinkConfiguration: { "kubernetes.rest-service.exposed.type": type } };
            const sdkRefuses = (() => {
                try {
                    planCluster(args);
                    return false;
                } catch (err) {
                    return (err as Error).message.includes("kubernetes.rest-service.exposed.type");
                }
            })();
            assert.equal(sdkRefuses, packReports, type);
            assert.equal(packReports, !["clusterip", "headless_clusterip"].includes(type.toLowerCase()), type);
        }
    });

    it("flink-rest-exposure: the REST service type, and TLS and authentication on spec.ingress and on Ingresses to a -rest service", async () => {
        assert.deepEqual(await messages("flink-rest-exposure", withConfig({ "kubernetes.rest-service.exposed.type": "headless_clusterip" })), []);
        assert.deepEqual(await messages("flink-rest-exposure", withConfig({ "kubernetes.rest-service.exposed.type": "LoadBalancer" })), [
            'flinkConfiguration["kubernetes.rest-service.exposed.type"] is "LoadBalancer": the REST API has no authentication and runs submitted code; '
                + "keep it ClusterIP or Headless_ClusterIP and reach it through an authenticating Ingress",
        ]);
        const auth = `one of ${ingressAuthAnnotations.join(", ")}`;
        const open = flinkDeployment({ spec: { ingress: { template: "orders.flink.example.com", className: "nginx" } } });
        assert.deepEqual(await messages("flink-rest-exposure", open), [
            "spec.ingress has no tls: the web UI and REST API must only be served over TLS",
            `spec.ingress has no authenticating annotation (${auth}) and its class is not in authenticatedIngressClasses: the REST API has no authentication and runs submitted code`,
        ]);
        assert.deepEqual(await messages("flink-rest-exposure", open, { authenticatedIngressClasses: ["nginx"] }), [
            "spec.ingress has no tls: the web UI and REST API must only be served over TLS",
        ]);
        const secured = flinkDeployment({
            spec: {
                ingress: {
                    template: "orders.flink.example.com",
                    annotations: { "nginx.ingress.kubernetes.io/auth-url": "https://auth.example.com/oauth2/auth" },
                    tls: [{ hosts: ["orders.flink.example.com"], secretName: "orders-tls" }],
                },
            },
        });
        assert.deepEqual(await messages("flink-rest-exposure", secured), []);
        const toRest = ingress({ rules: [{ host: "orders.example.com", http: { paths: [{ path: "/", pathType: "Prefix", backend: { service: { name: "orders-rest", port: { number: 8081 } } } }] } }] });
        assert.deepEqual(await messages("flink-rest-exposure", toRest), [
            `routes to the Flink REST service "orders-rest" without an authenticating annotation (${auth}): the REST API has no authentication and runs submitted code`,
        ]);
    });

    it("flink-durable-state: HA and every state directory on an object store or a persistent volume", async () => {
        const none = withConfig({
            "high-availability.type": undefined,
            "high-availability.storageDir": undefined,
            "execution.checkpointing.dir": undefined,
            "execution.checkpointing.savepoint-dir": undefined,
        });
        assert.deepEqual(await messages("flink-durable-state", none), [
            "high availability is off: set high-availability.type: kubernetes and high-availability.storageDir",
            "high-availability.storageDir is not set",
            "execution.checkpointing.dir is not set",
            "execution.checkpointing.savepoint-dir is not set",
        ]);
        assert.deepEqual(await messages("flink-durable-state", none, { requireHighAvailability: false, requireCheckpointDir: false, requireSavepointDir: false }), []);
        // A claim mounted into the JobManager only: the TaskManagers write checkpoints to their own filesystem.
        const claim = flinkTemplate({
            spec: {
                containers: [{ name: "flink-main-container", volumeMounts: [{ name: "state", mountPath: "/flink-state" }, { name: "tmp", mountPath: "/tmp" }] }],
                volumes: [{ name: "state", persistentVolumeClaim: { claimName: "flink-state" } }, { name: "tmp", emptyDir: {} }],
            },
        });
        const local = withConfig({
            "high-availability.storageDir": "file:///flink-state/orders/ha",
            "execution.checkpointing.dir": undefined,
            "state.checkpoints.dir": "/flink-state/orders/checkpoints",
            "execution.checkpointing.savepoint-dir": "file:/tmp/savepoints",
        }, { jobManager: { podTemplate: claim } });
        assert.deepEqual(await messages("flink-durable-state", local), [
            'state.checkpoints.dir "/flink-state/orders/checkpoints" is on the TaskManager pod\'s own filesystem (no volume is mounted there), which is lost with the pod',
            'execution.checkpointing.savepoint-dir "file:/tmp/savepoints" is on volume "tmp" (emptyDir) of the JobManager pod, which is lost with the pod',
            'execution.checkpointing.savepoint-dir "file:/tmp/savepoints" is on the TaskManager pod\'s own filesystem (no volume is mounted there), which is lost with the pod',
        ]);
        const shared = withConfig({ "execution.checkpointing.dir": "file:///flink-state/c", "execution.checkpointing.savepoint-dir": "file:///flink-state/s" },
            { jobManager: { podTemplate: claim }, taskManager: { podTemplate: claim } });
        assert.deepEqual(await messages("flink-durable-state", shared), []);
        assert.deepEqual(await messages("flink-durable-state", withConfig({ "execution.checkpointing.dir": "jobmanager://x" })), [
            'execution.checkpointing.dir "jobmanager://x" uses scheme "jobmanager", not durable storage '
                + "(s3, s3a, s3n, s3p, gs, abfs, abfss, wasb, wasbs, oss, hdfs, viewfs, cosn, obs, or a file path on a persistent volume)",
        ]);
    });

    it("flink-checkpointing: application clusters checkpoint periodically; session clusters are not checked", async () => {
        assert.deepEqual(await messages("flink-checkpointing", withConfig({ "execution.checkpointing.interval": undefined })), [
            "application cluster without periodic checkpoints: set execution.checkpointing.interval",
        ]);
        assert.deepEqual(await messages("flink-checkpointing", withConfig({ "execution.checkpointing.interval": "0 ms" })), [
            'execution.checkpointing.interval "0 ms" is not a positive duration, so the job never checkpoints',
        ]);
        assert.deepEqual(await messages("flink-checkpointing", withConfig({ execution: { checkpointing: { interval: "30s" } }, "execution.checkpointing.interval": undefined })), []);
        assert.deepEqual(await messages("flink-checkpointing", flinkDeployment({ spec: { job: undefined, flinkConfiguration: { "execution.checkpointing.interval": undefined } } })), []);
    });

    it("flink-upgrade-mode: stateless (also the default) is refused for deployments and session jobs unless exempt", async () => {
        assert.deepEqual(await messages("flink-upgrade-mode", flinkDeployment({ spec: { job: { upgradeMode: "stateless" } } })), [
            'spec.job.upgradeMode is "stateless": an upgrade discards the job\'s state; use savepoint or last-state',
        ]);
        const unset: TestResource = flinkSessionJob({ spec: { job: { upgradeMode: undefined } } });
        assert.deepEqual(await messages("flink-upgrade-mode", unset), [
            'spec.job.upgradeMode is not set, so it is "stateless": an upgrade discards the job\'s state; use savepoint or last-state',
        ]);
        assert.deepEqual(await messages("flink-upgrade-mode", unset, { exempt: ["flink-jobs/word*"] }), []);
        assert.deepEqual(await messages("flink-upgrade-mode", flinkDeployment({ spec: { job: { upgradeMode: "last-state" } } })), []);
    });

    it("flink-version: set, supported by the operator, and the official image's tag of the same version", async () => {
        assert.deepEqual(await messages("flink-version", [
            flinkDeployment({ spec: { image: "apache/flink:2.2.1-scala_2.12-java17" } }),
            flinkDeployment({ spec: { image: "registry.acme.example/flink/payments:3.1.0", flinkVersion: "v1_20" } }),
        ]), []);
        assert.deepEqual(await messages("flink-version", flinkDeployment({ spec: { flinkVersion: undefined } })), ["spec.flinkVersion is not set; the operator requires it"]);
        assert.deepEqual(await messages("flink-version", flinkDeployment({ spec: { flinkVersion: "v1_17", image: "flink:1.17.2" } })), [
            'spec.flinkVersion "v1_17" is not supported by the operator (supported: v1_19, v1_20, v2_0, v2_1, v2_2)',
        ]);
        assert.deepEqual(await messages("flink-version", flinkDeployment({ spec: { image: "docker.io/library/flink:1.20.4-java17" } })), [
            'spec.image "docker.io/library/flink:1.20.4-java17" is Flink 1.20 but spec.flinkVersion is "v2_2"',
        ]);
        assert.deepEqual(await messages("flink-version", flinkDeployment({ spec: { image: "flink:java17" } })), [
            'spec.image "flink:java17" is an official Flink image whose tag names no Flink version; use one such as 2.2.x-java17',
        ]);
    });

    it("flink-internal-tls: security.ssl.internal.enabled true", async () => {
        assert.deepEqual(await messages("flink-internal-tls", withConfig({ "security.ssl.internal.enabled": undefined })), [
            "security.ssl.internal.enabled is not true: traffic between the JobManager and TaskManagers is not encrypted",
        ]);
    });

    it("flink-pod-monitor: every FlinkDeployment's JobManager and TaskManager pods are selected by a PodMonitor", async () => {
        const monitor = (namespace: string, spec: Record<string, unknown>): TestResource => ({
            type: types.podMonitor,
            name: `monitor-${namespace}-${JSON.stringify(spec).length}`,
            inputs: { apiVersion: "monitoring.coreos.com/v1", kind: "PodMonitor", metadata: { name: "flink", namespace }, spec },
        });
        const flink = { matchExpressions: [{ key: "type", operator: "In", values: ["flink-native-kubernetes", "flink-standalone-kubernetes"] }] };
        const endpoints = [{ port: "metrics" }];
        assert.deepEqual(await messages("flink-pod-monitor", [flinkDeployment(), monitor("flink-jobs", { selector: flink, podMetricsEndpoints: endpoints })]), []);
        assert.deepEqual(await messages("flink-pod-monitor", [
            flinkDeployment(),
            monitor("monitoring", { selector: { matchLabels: { "app.kubernetes.io/part-of": "flink-platform" } }, namespaceSelector: { matchNames: ["flink-jobs"] } }),
        ]), []);
        assert.deepEqual(await messages("flink-pod-monitor", [
            flinkDeployment(),
            monitor("flink-jobs", { selector: { matchLabels: { app: "orders", component: "jobmanager" } } }),
            monitor("monitoring", { selector: flink }),
        ]), ['FlinkDeployment "flink-jobs/orders": no PodMonitor selects its TaskManager pods']);
        assert.deepEqual(await messages("flink-pod-monitor", [flinkDeployment()]), ['FlinkDeployment "flink-jobs/orders": no PodMonitor selects its JobManager and TaskManager pods']);
        assert.deepEqual(await messages("flink-pod-monitor", [flinkDeployment()], { exempt: ["flink-jobs/*"] }), []);
    });

    it("flink-unique-state-dirs: no shared or nested HA and checkpoint directories; local paths only within a namespace", async () => {
        const dirs = (ha: string, checkpoints: string) => ({ "high-availability.storageDir": ha, "execution.checkpointing.dir": checkpoints });
        const a = flinkDeployment({ spec: { flinkConfiguration: dirs("s3://acme/a/ha", "s3://acme/a/checkpoints") } }, "a");
        const b = flinkDeployment({ spec: { flinkConfiguration: dirs("s3a://acme/a/ha/", "s3p://acme/a/checkpoints/b") } }, "b");
        const c = flinkDeployment({ spec: { flinkConfiguration: dirs("s3://acme/c/ha", "s3://acme") } }, "c", "other");
        assert.deepEqual((await messages("flink-unique-state-dirs", [a, b, c])).sort(), [
            'FlinkDeployment "flink-jobs/b" high-availability.storageDir "s3a://acme/a/ha/" is the same directory as FlinkDeployment "flink-jobs/a" high-availability.storageDir "s3://acme/a/ha"',
            'FlinkDeployment "flink-jobs/b" execution.checkpointing.dir "s3p://acme/a/checkpoints/b" lies inside FlinkDeployment "flink-jobs/a" execution.checkpointing.dir "s3://acme/a/checkpoints"',
            'FlinkDeployment "other/c" execution.checkpointing.dir "s3://acme" contains FlinkDeployment "flink-jobs/a" high-availability.storageDir "s3://acme/a/ha"',
            'FlinkDeployment "other/c" execution.checkpointing.dir "s3://acme" contains FlinkDeployment "flink-jobs/a" execution.checkpointing.dir "s3://acme/a/checkpoints"',
            'FlinkDeployment "other/c" execution.checkpointing.dir "s3://acme" contains FlinkDeployment "flink-jobs/b" high-availability.storageDir "s3a://acme/a/ha/"',
            'FlinkDeployment "other/c" execution.checkpointing.dir "s3://acme" contains FlinkDeployment "flink-jobs/b" execution.checkpointing.dir "s3p://acme/a/checkpoints/b"',
        ].sort());
        const local = (name: string, namespace: string) => flinkDeployment({ spec: { flinkConfiguration: dirs(`file:///state/${name}/ha`, "file:///state/shared") } }, name, namespace);
        assert.deepEqual(await messages("flink-unique-state-dirs", [local("x", "team-a"), local("y", "team-b")]), []);
        assert.deepEqual(await messages("flink-unique-state-dirs", [local("x", "team-a"), local("y", "team-a")]), [
            'FlinkDeployment "team-a/y" execution.checkpointing.dir "file:///state/shared" is the same directory as FlinkDeployment "team-a/x" execution.checkpointing.dir "file:///state/shared"',
        ]);
    });
});
