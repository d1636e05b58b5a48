import * as assert from "node:assert/strict";
import * as k8s from "@pulumi/kubernetes";
import { runProgram } from "./mocks";
import { validateObject, validateRegistered } from "./schemas";

const labels = { "app.kubernetes.io/name": "flink", team: "data" };

const deployment = () => ({
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "web", namespace: "flink", labels, annotations: { "example.com/note": "x" } },
    spec: {
        replicas: 2 as unknown,
        selector: { matchLabels: labels },
        template: {
            metadata: { labels },
            spec: {
                containers: [
                    {
                        name: "web",
                        image: "nginx:1.27",
                        ports: [{ containerPort: 8080, name: "http" }],
                        resources: { limits: { cpu: "1", memory: "1Gi" } },
                        securityContext: { runAsNonRoot: true } as Record<string, unknown>,
                    } as Record<string, unknown>,
                ],
            },
        },
    },
});

const flinkDeployment = () => ({
    apiVersion: "flink.apache.org/v1beta1",
    kind: "FlinkDeployment",
    metadata: { name: "job", namespace: "flink" },
    spec: {
        image: "flink:1.20",
        flinkVersion: "v1_20",
        serviceAccount: "flink",
        flinkConfiguration: { "a.b": "1", "taskmanager.numberOfTaskSlots": "2" } as Record<string, unknown>,
        jobManager: { resource: { memory: "2048m", cpu: 1 } as Record<string, unknown> },
        taskManager: { resource: { memory: "2048m", cpu: 1 } },
        podTemplate: {
            metadata: { labels },
            spec: { containers: [{ name: "flink-main-container", securityContext: { runAsNonRoot: true } } as Record<string, unknown>] },
        },
        job: { jarURI: "local:///opt/flink/examples/streaming/StateMachineExample.jar", parallelism: 2, upgradeMode: "stateless" },
    },
});

const ciliumNetworkPolicy = () => ({
    apiVersion: "cilium.io/v2",
    kind: "CiliumNetworkPolicy",
    metadata: { name: "allow-apiserver-entity", namespace: "flink" },
    spec: {
        endpointSelector: { matchLabels: labels, matchExpressions: [{ key: "type", operator: "In", values: ["flink-native-kubernetes"] }] },
        egress: [{ toEntities: ["kube-apiserver"], toPorts: [{ ports: [{ port: "6443", protocol: "TCP" }] as Record<string, unknown>[] }] }] as Record<string, any>[],
    },
});

describe("validateObject", () => {
    const valid: Record<string, object> = {
        Namespace: { apiVersion: "v1", kind: "Namespace", metadata: { name: "flink", labels } },
        Deployment: deployment(),
        NetworkPolicy: {
            apiVersion: "networking.k8s.io/v1",
            kind: "NetworkPolicy",
            metadata: { name: "deny", namespace: "flink" },
            spec: {
                podSelector: {},
                policyTypes: ["Ingress"],
                ingress: [{ from: [{ namespaceSelector: { matchLabels: labels } }], ports: [{ port: 8081, protocol: "TCP" }, { port: "http" }] }],
            },
        },
        Role: {
            apiVersion: "rbac.authorization.k8s.io/v1",
            kind: "Role",
            metadata: { name: "flink", namespace: "flink" },
            rules: [{ apiGroups: [""], resources: ["pods", "configmaps"], verbs: ["get", "list", "watch"] }],
        },
        CustomResourceDefinition: {
            apiVersion: "apiextensions.k8s.io/v1",
            kind: "CustomResourceDefinition",
            metadata: { name: "widgets.example.com" },
            spec: {
                group: "example.com",
                names: { kind: "Widget", plural: "widgets" },
                scope: "Namespaced",
                versions: [
                    {
                        name: "v1",
                        served: true,
                        storage: true,
                        schema: { openAPIV3Schema: { type: "object", properties: { spec: { type: "object", "x-kubernetes-preserve-unknown-fields": true } } } },
                    },
                ],
            },
        },
        FlinkDeployment: flinkDeployment(),
        FlinkSessionJob: {
            apiVersion: "flink.apache.org/v1beta1",
            kind: "FlinkSessionJob",
            metadata: { name: "session-job", namespace: "flink" },
            spec: { deploymentName: "session", job: { jarURI: "https://example.com/job.jar", parallelism: 2, upgradeMode: "stateless" } },
        },
        CiliumNetworkPolicy: ciliumNetworkPolicy(),
        FlinkBlueGreenDeployment: {
            apiVersion: "flink.apache.org/v1beta1",
            kind: "FlinkBlueGreenDeployment",
            metadata: { name: "job", namespace: "flink" },
            spec: { configuration: { "kubernetes.operator.bluegreen.abort.grace-period": "10 min" }, template: { spec: flinkDeployment().spec } },
        },
    };
    for (const [kind, obj] of Object.entries(valid)) {
        it(`accepts a valid ${kind}`, async () => {
            assert.deepEqual(await validateObject(obj as { apiVersion: string; kind: string }), []);
        });
    }

    it("reports a type error at its path", async () => {
        const obj = deployment();
        obj.spec.replicas = "two";
        assert.deepEqual(await validateObject(obj), [{ path: "/spec/replicas", message: "must be integer" }]);
    });

    it("reports missing required properties", async () => {
        const obj = { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web" }, spec: { replicas: 1 } };
        assert.deepEqual(await validateObject(obj), [
            { path: "/spec", message: 'missing required property "selector"' },
            { path: "/spec", message: 'missing required property "template"' },
        ]);
    });

    it("reports an unknown field at its exact path, but not map keys", async () => {
        const obj = deployment();
        const container = obj.spec.template.spec.containers[0];
        container.securityContxt = container.securityContext;
        delete container.securityContext;
        assert.deepEqual(await validateObject(obj), [
            { path: "/spec/template/spec/containers/0/securityContxt", message: "unknown field" },
        ]);
    });

    it("reports unknown fields nested in a known field and at the top level", async () => {
        const obj: Record<string, any> = deployment();
        obj.spec.template.spec.containers[0].securityContext.runAsNonRot = true;
        obj.extra = { a: 1 };
        assert.deepEqual(await validateObject(obj as { apiVersion: string; kind: string }), [
            { path: "/spec/template/spec/containers/0/securityContext/runAsNonRot", message: "unknown field" },
            { path: "/extra", message: "unknown field" },
        ]);
    });

    it("reports an invalid flinkVersion as an enum problem", async () => {
        const obj = flinkDeployment();
        obj.spec.flinkVersion = "v9_9";
        const problems = await validateObject(obj);
        assert.equal(problems.length, 1);
        assert.equal(problems[0].path, "/spec/flinkVersion");
        assert.match(problems[0].message, /^must be one of "v1_13", .*"v1_20"/);
    });

    it("reports an unknown field in a FlinkDeployment, but not in flinkConfiguration", async () => {
        const obj = flinkDeployment();
        obj.spec.jobManager.resource = { memroy: "2048m", cpu: 1 };
        obj.spec.flinkConfiguration["kubernetes.operator.whatever"] = "x";
        assert.deepEqual(await validateObject(obj), [{ path: "/spec/jobManager/resource/memroy", message: "unknown field" }]);
    });

    it("reports an unknown field in a FlinkBlueGreenDeployment's template (a FlinkDeployment spec), but not in its configuration", async () => {
        const spec = flinkDeployment().spec;
        spec.jobManager.resource = { memroy: "2048m", cpu: 1 };
        const obj = {
            apiVersion: "flink.apache.org/v1beta1", kind: "FlinkBlueGreenDeployment", metadata: { name: "job", namespace: "flink" },
            spec: { configuration: { "kubernetes.operator.bluegreen.whatever": "x" }, template: { spec } },
        };
        assert.deepEqual(await validateObject(obj), [{ path: "/spec/template/spec/jobManager/resource/memroy", message: "unknown field" }]);
    });

    it("reports an unknown field in a FlinkDeployment podTemplate (typed as a full Pod)", async () => {
        const obj = flinkDeployment();
        obj.spec.podTemplate.spec.containers[0].imagePullPolcy = "Always";
        assert.deepEqual(await validateObject(obj), [
            { path: "/spec/podTemplate/spec/containers/0/imagePullPolcy", message: "unknown field" },
        ]);
    });

    it("checks a CiliumNetworkPolicy against Cilium's CRD schema: types, entities, unknown fields", async () => {
        const obj = ciliumNetworkPolicy();
        obj.spec.egress[0].toPorts[0].ports[0].port = 6443;
        obj.spec.egress[0].toEntities.push("apiserver");
        obj.spec.egress[0].toEntity = ["kube-apiserver"];
        assert.deepEqual(await validateObject(obj), [
            { path: "/spec/egress/0/toEntities/1", message: 'must be one of "all", "world", "cluster", "host", "init", "ingress", "unmanaged", "remote-node", "health", "none", "kube-apiserver"' },
            { path: "/spec/egress/0/toPorts/0/ports/0/port", message: "must be string" },
            { path: "/spec/egress/0/toEntity", message: "unknown field" },
        ]);
    });

    it("reports kinds without a schema", async () => {
        assert.deepEqual(await validateObject({ apiVersion: "example.com/v1", kind: "Widget" }), [
            { path: "", message: "no schema for example.com/v1 Widget" },
        ]);
        assert.deepEqual(await validateObject({ apiVersion: "v1", kind: "Container" }), [
            { path: "", message: "no schema for v1 Container" },
        ]);
    });
});

describe("validateRegistered", () => {
    it("validates the inputs of registered Kubernetes resources", async () => {
        const { resources } = await runProgram(() => {
            const ns = new k8s.core.v1.Namespace("flink", { metadata: { name: "flink", labels } });
            new k8s.apps.v1.Deployment("web", { metadata: { namespace: ns.metadata.name }, spec: deployment().spec as never });
            new k8s.apiextensions.CustomResource("job", { ...flinkDeployment(), metadata: { namespace: ns.metadata.name } });
            new k8s.apiextensions.CustomResource("bad", {
                apiVersion: "flink.apache.org/v1beta1",
                kind: "FlinkDeployment",
                spec: { flinkVersion: "v1_20", jobManager: { resource: { memroy: "1g" } } },
            });
            new k8s.apiextensions.CustomResource("widget", { apiVersion: "example.com/v1", kind: "Widget" });
            // Partial object: the missing required selector and template are not problems.
            new k8s.apps.v1.DeploymentPatch("patch", { metadata: { name: "other" }, spec: { replicas: 3 } });
            new k8s.Provider("k8s", {});
        });
        assert.deepEqual((await validateRegistered(resources)).sort(), [
            "kubernetes:example.com/v1:Widget widget: /: no schema for example.com/v1 Widget",
            "kubernetes:flink.apache.org/v1beta1:FlinkDeployment bad: /spec/jobManager/resource/memroy: unknown field",
        ]);
    });
});
