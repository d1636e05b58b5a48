import * as assert from "node:assert/strict";
import { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { flinkConfiguration, flinkSetting } from "../../policies/lib/flink";
import { resourcePolicy, stackPolicy } from "../../policies/lib/policy";
import { policies } from "../../policies/policies";
import { types } from "./fixtures";
import { evaluatePack, reconcileConfig, registered } from "./runner";

/** A stack of three kinds: two Roles, a Pod and a Service. */
const stack = [
    registered({ type: types.role, name: "reader", inputs: { metadata: { name: "reader" } } }),
    registered({ type: types.pod, name: "app", inputs: { metadata: { name: "app" } } }),
    registered({ type: types.role, name: "writer", inputs: { metadata: { name: "writer" } } }),
    registered({ type: types.service, name: "web", inputs: { metadata: { name: "web" } } }),
];

/** What the engine passes a resource policy, for calling one directly. */
function validationArgs(type: string, props: Record<string, unknown>) {
    return {
        type, props, urn: `urn:${type}`, name: "n", opts: {}, stackTags: new Map(),
        isType: () => false, asType: () => undefined, getConfig: () => ({}), notApplicable: () => undefined,
    };
}

describe("policies: the policy wrapper", () => {
    it("a resource policy checks only the types it applies to, reads its config only for them, and asks about each type once", async () => {
        const asked: string[] = [];
        const checked: string[] = [];
        const policy = resourcePolicy({
            name: "roles-only",
            description: "test",
            enforcementLevel: "mandatory",
            appliesTo: (type) => {
                asked.push(type);
                return type === types.role;
            },
            check: ({ name }, _config, report) => {
                checked.push(name);
                report(`role ${name}`);
            },
        });
        const { violations } = await evaluatePack(stack, reconcileConfig({}, [policy]), { policies: [policy] });
        assert.deepEqual(checked, ["reader", "writer"]);
        assert.deepEqual(violations.map((v) => [v.message, v.urn]), [["role reader", stack[0].urn], ["role writer", stack[2].urn]]);
        assert.deepEqual(asked, [types.role, types.pod, types.service]);

        let configReads = 0;
        for (const resource of stack) {
            (policy.validateResource as Function)({ ...validationArgs(resource.type, {}), name: resource.name, getConfig: () => { configReads++; return {}; } }, () => undefined);
        }
        assert.equal(configReads, 2, "the config is read for the two Roles only");
    });

    it("a resource policy without appliesTo checks every resource", async () => {
        const checked: string[] = [];
        const policy = resourcePolicy({
            name: "everything", description: "test", enforcementLevel: "mandatory",
            check: ({ name }) => { checked.push(name); },
        });
        await evaluatePack(stack, reconcileConfig({}, [policy]), { policies: [policy] });
        assert.deepEqual(checked, ["reader", "app", "writer", "web"]);
    });

    it("a stack policy is given only the resources of the types it applies to, in the stack's order", async () => {
        const given: string[][] = [];
        const policy: StackValidationPolicy = stackPolicy({
            name: "roles-and-services", description: "test", enforcementLevel: "mandatory",
            appliesTo: (type) => type === types.role || type === types.service,
            check: (resources, _config, report) => {
                given.push(resources.map((r) => r.name));
                report(`${resources.length} resources`, resources[0].urn);
            },
        });
        const { violations } = await evaluatePack(stack, reconcileConfig({}, [policy]), { policies: [policy] });
        assert.deepEqual(given, [["reader", "writer", "web"]]);
        assert.deepEqual(violations.map((v) => [v.message, v.urn]), [["3 resources", stack[0].urn]]);
    });

    it("every policy of the pack that checks single resources is scoped to its kinds", async () => {
        const unscoped: string[] = [];
        for (const policy of policies.filter((p): p is ResourceValidationPolicy => "validateResource" in p)) {
            // A policy scoped to its kinds returns before reading its config or anything of a resource of another kind.
            const props = new Proxy({}, { get: () => { unscoped.push(policy.name); return undefined; } });
            const args = { ...validationArgs("kubernetes:core/v1:ConfigMap", props), getConfig: () => { unscoped.push(policy.name); return {}; } };
            await (policy.validateResource as Function)(args, () => undefined);
        }
        assert.deepEqual([...new Set(unscoped)], []);
    });
});

describe("policies: flinkSetting", () => {
    const spec = {
        flinkConfiguration: {
            "execution.checkpointing.interval": "1 min",
            "high-availability": { type: "kubernetes", storageDir: "s3p://b/ha" },
            state: { "checkpoints.dir": "s3p://b/cp" },
            kubernetes: { operator: { "pod-template": { "merge-arrays-by-name": true } } },
            "taskmanager.numberOfTaskSlots": 2,
        },
    };

    it("finds a key flat, nested or half nested, as flinkConfiguration flattens it", () => {
        const flat = flinkConfiguration(spec);
        for (const key of Object.keys(flat)) {
            assert.deepEqual(flinkSetting(spec, key), flat[key], key);
        }
        assert.equal(flinkSetting(spec, "high-availability.storageDir"), "s3p://b/ha");
        assert.equal(flinkSetting(spec, "state.checkpoints.dir"), "s3p://b/cp");
        assert.equal(flinkSetting(spec, "kubernetes.operator.pod-template.merge-arrays-by-name"), true);
    });

    it("finds nothing for an absent key, a map (not a value), an inherited property, or no flinkConfiguration", () => {
        assert.equal(flinkSetting(spec, "state.savepoints.dir"), undefined);
        assert.equal(flinkSetting(spec, "high-availability"), undefined);
        assert.equal(flinkSetting(spec, "constructor"), undefined);
        assert.equal(flinkSetting(spec, "state.constructor"), undefined);
        assert.equal(flinkSetting({}, "execution.checkpointing.interval"), undefined);
        assert.equal(flinkSetting({ flinkConfiguration: "not a map" }, "execution.checkpointing.interval"), undefined);
    });
});
