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

    it("a check sees its schema's defaults under what the engine gives, and the engine's object as it is when it has every default", () => {
        const seen: Record<string, unknown>[] = [];
        const policy = resourcePolicy<Record<string, unknown>>({
            name: "limits", description: "test", enforcementLevel: "mandatory",
            configSchema: { properties: { limit: { type: "number", default: 5 }, names: { type: "array", default: ["a"] }, note: { type: "string" } } },
            check: (_resource, config) => { seen.push(config); },
        });
        const complete = { limit: 7, names: [], note: "x" };
        for (const given of [{}, { limit: 7 }, complete, undefined]) {
            (policy.validateResource as Function)({ ...validationArgs(types.pod, {}), getConfig: () => given }, () => undefined);
        }
        assert.deepEqual(seen, [{ limit: 5, names: ["a"] }, { limit: 7, names: ["a"] }, complete, { limit: 5, names: ["a"] }]);
        assert.equal(seen[2], complete);
    });

    it("the runner reports what an asynchronous validation finds against its own resource", async () => {
        const policy: ResourceValidationPolicy = {
            name: "async", description: "test", enforcementLevel: "mandatory",
            validateResource: async (args, reportViolation) => {
                await new Promise((resolve) => setImmediate(resolve));
                reportViolation(`late ${args.name}`);
            },
        };
        for (const raw of [false, true]) {
            const { violations } = await evaluatePack(stack, reconcileConfig({}, [policy]), { policies: [policy], raw });
            assert.deepEqual(violations.map((v) => [v.message, v.urn]), stack.map((r) => [`late ${r.name}`, r.urn]));
        }
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
