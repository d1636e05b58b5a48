import * as assert from "node:assert/strict";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import { byType, findResource, runProgram, runStack } from "./mocks";

const fixture = path.join(__dirname, "fixtures", "stack-project");
const urn = (type: string, name: string) => `urn:pulumi:dev::flink-platform::${type}::${name}`;
const nsUrn = (name: string) => urn("kubernetes:core/v1:Namespace", name);

class Thing extends pulumi.ComponentResource {
    constructor(name: string, opts?: pulumi.ComponentResourceOptions) {
        super("test:index:Thing", name, {}, opts);
        new k8s.core.v1.Namespace(`${name}-ns`, {}, { parent: this });
        this.registerOutputs();
    }
}

describe("runProgram", () => {
    it("records resource options from the register request", async () => {
        const { resources } = await runProgram(() => {
            new k8s.core.v1.Namespace("kept", {}, { protect: true, retainOnDelete: true });
            new k8s.core.v1.Namespace("plain", {});
            new k8s.core.v1.ConfigMap("cm", { data: { a: "b" } }, { ignoreChanges: ["data"], deleteBeforeReplace: true });
        });
        assert.deepEqual(findResource(resources, "kubernetes:core/v1:Namespace", "kept").options, {
            dependsOn: [],
            protect: true,
            retainOnDelete: true,
            provider: undefined,
            ignoreChanges: [],
            deleteBeforeReplace: false,
        });
        const plain = findResource(resources, "kubernetes:core/v1:Namespace", "plain");
        assert.equal(plain.options.protect, false);
        assert.equal(plain.options.retainOnDelete, false);
        const cm = findResource(resources, "kubernetes:core/v1:ConfigMap", "cm");
        assert.deepEqual(cm.options.ignoreChanges, ["data"]);
        assert.equal(cm.options.deleteBeforeReplace, true);
        assert.deepEqual(cm.inputs, { apiVersion: "v1", kind: "ConfigMap", data: { a: "b" } });
        assert.equal(cm.urn, urn("kubernetes:core/v1:ConfigMap", "cm"));
        assert.equal(cm.custom, true);
        assert.equal(cm.parent, undefined);
    });

    it("records dependsOn and property dependencies as URNs", async () => {
        const { resources } = await runProgram(() => {
            const ns = new k8s.core.v1.Namespace("ns", { metadata: { name: "flink" } });
            const other = new k8s.core.v1.Namespace("other", {});
            new k8s.core.v1.ConfigMap("cm", { metadata: { namespace: ns.metadata.name } }, { dependsOn: [other] });
        });
        const cm = findResource(resources, "kubernetes:core/v1:ConfigMap", "cm");
        assert.deepEqual([...cm.options.dependsOn].sort(), [nsUrn("ns"), nsUrn("other")]);
        assert.deepEqual(cm.propertyDependencies.metadata, [nsUrn("ns")]);
        assert.deepEqual(cm.inputs.metadata, { namespace: "flink" });
    });

    it("records components and the parent URN of their children", async () => {
        const { resources } = await runProgram(() => new Thing("t"));
        const thing = findResource(resources, "test:index:Thing", "t");
        assert.equal(thing.custom, false);
        assert.equal(thing.urn, urn("test:index:Thing", "t"));
        const child = findResource(resources, "kubernetes:core/v1:Namespace", "t-ns");
        assert.equal(child.parent, thing.urn);
        assert.equal(child.urn, urn("test:index:Thing$kubernetes:core/v1:Namespace", "t-ns"));
    });

    it("records a dependsOn on a component as the URNs of its children", async () => {
        const { resources } = await runProgram(() => {
            const thing = new Thing("t");
            new k8s.core.v1.ConfigMap("cm", {}, { dependsOn: [thing] });
        });
        const cm = findResource(resources, "kubernetes:core/v1:ConfigMap", "cm");
        assert.deepEqual(cm.options.dependsOn, [urn("test:index:Thing$kubernetes:core/v1:Namespace", "t-ns")]);
    });

    it("records the provider reference", async () => {
        const { resources } = await runProgram(() => {
            const provider = new k8s.Provider("k8s", { namespace: "flink" });
            new k8s.core.v1.Namespace("ns", {}, { provider });
        });
        const providerUrn = urn("pulumi:providers:kubernetes", "k8s");
        assert.equal(findResource(resources, "pulumi:providers:kubernetes", "k8s").urn, providerUrn);
        assert.equal(findResource(resources, "kubernetes:core/v1:Namespace", "ns").options.provider, `${providerUrn}::k8s-id`);
    });

    it("records transforms without running them", async () => {
        let calls = 0;
        const transform: pulumi.ResourceTransform = () => {
            calls++;
            return undefined;
        };
        const { resources } = await runProgram(() => {
            new k8s.core.v1.Namespace("ns", {}, { transforms: [transform] });
        });
        assert.deepEqual(findResource(resources, "kubernetes:core/v1:Namespace", "ns").transforms, [transform]);
        assert.equal(calls, 0);
    });

    it("unwraps secret inputs and lists them in secretInputs", async () => {
        const { resources } = await runProgram(() => {
            new k8s.core.v1.Secret("s", { type: "Opaque", stringData: { password: pulumi.secret("hunter2") } });
        });
        const secret = findResource(resources, "kubernetes:core/v1:Secret", "s");
        assert.deepEqual(secret.inputs.stringData, { password: "hunter2" });
        assert.deepEqual(secret.secretInputs, ["stringData"]);
    });

    it("waits for resources created inside apply callbacks, nested two levels", async () => {
        // pulumi.runtime.waitForRPCs() alone returns before these start registering.
        const { resources } = await runProgram(() => {
            const a = new k8s.core.v1.Namespace("a", { metadata: { name: "a" } });
            a.metadata.name.apply((name) => {
                const b = new k8s.core.v1.Namespace(`${name}-b`, { metadata: { name: `${name}-b` } });
                b.metadata.name.apply((inner) => new k8s.core.v1.Namespace(`${inner}-c`, {}));
            });
        });
        assert.deepEqual(
            byType(resources, "kubernetes:core/v1:Namespace").map((r) => r.name),
            ["a", "a-b", "a-b-c"],
        );
    });

    it("resolves outputs returned by the program", async () => {
        const { outputs } = await runProgram(async () => {
            const ns = new k8s.core.v1.Namespace("ns", { metadata: { name: "flink" } });
            return { name: ns.metadata.name, nested: { count: Promise.resolve(2), list: [pulumi.output("x")] }, plain: true };
        });
        assert.deepEqual(outputs, { name: "flink", nested: { count: 2, list: ["x"] }, plain: true });
    });

    it("sets config, prefixing bare keys with the project", async () => {
        const { outputs } = await runProgram(
            () => {
                const config = new pulumi.Config();
                return {
                    name: config.require("name"),
                    replicas: config.requireNumber("replicas"),
                    labels: config.requireObject("labels"),
                    context: new pulumi.Config("kubernetes").require("context"),
                    project: pulumi.getProject(),
                    stack: pulumi.getStack(),
                };
            },
            { project: "p", stack: "s", config: { name: "n", replicas: 2, labels: { a: "b" }, "kubernetes:context": "kind" } },
        );
        assert.deepEqual(outputs, { name: "n", replicas: 2, labels: { a: "b" }, context: "kind", project: "p", stack: "s" });
    });

    it("does not leak config or resources into the next run", async () => {
        await runProgram(() => new k8s.core.v1.Namespace("first", {}), { config: { only: "once" } });
        const { resources, outputs } = await runProgram(() => ({ only: new pulumi.Config().get("only") ?? "unset" }));
        assert.deepEqual(resources, []);
        assert.deepEqual(outputs, { only: "unset" });
    });

    describe("failures", () => {
        const failures: [string, () => unknown, RegExp][] = [
            ["a synchronous throw", () => { throw new Error("sync boom"); }, /^Error: sync boom$/],
            ["a rejected promise", async () => { throw new Error("async boom"); }, /^Error: async boom$/],
            [
                "an apply callback that throws in a resource input",
                () => new k8s.core.v1.Namespace("ns", { metadata: { name: pulumi.output("x").apply(() => { throw new Error("apply boom"); }) } }),
                /apply boom/,
            ],
            [
                "a duplicate resource name",
                () => [new k8s.core.v1.Namespace("dup", {}), new k8s.core.v1.Namespace("dup", {})],
                /Duplicate resource URN 'urn:pulumi:dev::flink-platform::kubernetes:core\/v1:Namespace::dup'/,
            ],
            [
                "a deadlock (an input that never resolves), after 3 s without progress",
                () => new k8s.core.v1.Namespace("stuck", { metadata: { name: new Promise<string>(() => {}) } }),
                /^Error: deadlock: no registration progressed for 3000 ms\.\n.*\n.*\n {2}\* "stuck" \[kubernetes:core\/v1:Namespace\] was waiting for the value of its input property "metadata"\n/,
            ],
        ];
        for (const [what, program, message] of failures) {
            it(`rejects on ${what}, and the next run works`, async () => {
                await assert.rejects(runProgram(program), (err: Error) => {
                    assert.match(String(err), message);
                    return true;
                });
                const { resources } = await runProgram(() => new k8s.core.v1.Namespace("after", {}));
                assert.deepEqual(resources.map((r) => r.urn), [nsUrn("after")]);
            });
        }
    });
});

describe("runStack", () => {
    it("takes config from Pulumi.yaml defaults and Pulumi.<stack>.yaml", async () => {
        const { outputs } = await runStack("test", {}, fixture);
        assert.deepEqual(outputs, {
            project: "harness-fixture",
            stack: "test",
            namespace: "from-project-default",
            replicas: 3,
            labels: { tier: "data" },
            kubernetesContext: "kind-test",
            kubernetesNamespace: "default-ns",
            evaluations: 1,
        });
    });

    it("applies overrides, and re-evaluates the program module", async () => {
        const { outputs, resources } = await runStack("test", { namespace: "over", "harness-fixture:replicas": 5 }, fixture);
        assert.equal(outputs.namespace, "over");
        assert.equal(outputs.replicas, 5);
        assert.equal(outputs.evaluations, 1);
        const ns = findResource(resources, "kubernetes:core/v1:Namespace", "ns");
        assert.equal(ns.urn, "urn:pulumi:test::harness-fixture::kubernetes:core/v1:Namespace::ns");
        assert.deepEqual(ns.inputs.metadata, { name: "over", labels: { tier: "data", team: "platform" } });
    });

    it("passes secure values as secret placeholders", async () => {
        const { resources } = await runStack("test", {}, fixture);
        const secret = findResource(resources, "kubernetes:core/v1:Secret", "db");
        assert.deepEqual(secret.inputs.stringData, { password: "secure-placeholder:harness-fixture:dbPassword" });
        assert.deepEqual(secret.secretInputs, ["stringData"]);
    });

    it("uses only Pulumi.yaml defaults for a stack without a stack file", async () => {
        const { outputs, resources } = await runStack("nofile", {}, fixture);
        assert.equal(outputs.replicas, 1);
        assert.equal(outputs.kubernetesContext, undefined);
        assert.deepEqual(byType(resources, "kubernetes:core/v1:Secret"), []);
    });
});

describe("findResource", () => {
    it("names the registered resources of the type when not found", () => {
        const resources = [{ type: "kubernetes:core/v1:Namespace", name: "a" }, { type: "kubernetes:core/v1:Namespace", name: "b" }];
        assert.throws(
            () => findResource(resources as never, "kubernetes:core/v1:Namespace", "c"),
            { message: 'no kubernetes:core/v1:Namespace named "c"; registered kubernetes:core/v1:Namespace names: [a, b]' },
        );
    });
});
