import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as yaml from "js-yaml";
import { PolicyConfigJSONSchema } from "@pulumi/policy/schema";
import { policies } from "../../policies/policies";
import { configDir, readConfigFile, reconcileConfig } from "./runner";

const repoRoot = path.resolve(__dirname, "..", "..");
/** Every config file under policies/config/: the environments', and general.json for a team's own stack (tests/policies/general-config.test.ts). */
const configs = ["dev", "staging", "prod", "general"];
const levels = ["advisory", "mandatory", "remediate", "disabled"];

/** The JSON Schema subset the pack's config schemas use: type (or a list of types), items, additionalProperties, enum. */
function schemaErrors(value: unknown, schema: PolicyConfigJSONSchema, at: string): string[] {
    const typeOf = (v: unknown) => (Array.isArray(v) ? "array" : v === null ? "null" : typeof v);
    const allowed = schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type];
    const actual = typeOf(value);
    if (allowed.length > 0 && !allowed.some((t) => t === actual || (t === "integer" && Number.isInteger(value)))) {
        return [`${at}: ${JSON.stringify(value)} is not of type ${allowed.join(" or ")}`];
    }
    if (schema.enum !== undefined && !schema.enum.some((e) => JSON.stringify(e) === JSON.stringify(value))) {
        return [`${at}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`];
    }
    if (Array.isArray(value) && typeof schema.items === "object" && !Array.isArray(schema.items)) {
        return value.flatMap((item, i) => schemaErrors(item, schema.items as PolicyConfigJSONSchema, `${at}[${i}]`));
    }
    if (actual === "object" && typeof schema.additionalProperties === "object") {
        return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => schemaErrors(v, schema.additionalProperties as PolicyConfigJSONSchema, `${at}.${k}`));
    }
    return [];
}

/** Rows of the README's policy table: `| \`name\` | what it checks | dev | staging | prod | general |`. */
function readmeLevels(): Map<string, string[]> {
    const readme = fs.readFileSync(path.join(repoRoot, "README.md"), "utf8");
    const section = readme.slice(readme.indexOf("## Policy pack"));
    const rows = new Map<string, string[]>();
    for (const match of section.matchAll(/^\| `([a-z0-9-]+)` \|.*\| (\w+) \| (\w+) \| (\w+) \| (\w+) \|$/gm)) {
        rows.set(match[1], [match[2], match[3], match[4], match[5]]);
    }
    return rows;
}

describe("policies: the pack and its configs", () => {
    it("every policy has a unique name, a description, a default level, and a config schema whose defaults fit it", () => {
        const names = policies.map((p) => p.name);
        assert.equal(new Set(names).size, names.length);
        for (const policy of policies) {
            assert.match(policy.name, /^[a-z0-9-]+$/);
            assert.notEqual(policy.name, "all");
            assert.ok(policy.description.length > 20, policy.name);
            assert.ok(levels.includes(policy.enforcementLevel ?? ""), policy.name);
            for (const [key, schema] of Object.entries(policy.configSchema?.properties ?? {})) {
                assert.notEqual(key, "enforcementLevel");
                assert.ok(schema.description, `${policy.name}.${key} has a description`);
                assert.deepEqual(schemaErrors(schema.default, schema, `${policy.name}.${key}`), []);
            }
        }
    });

    for (const env of configs) {
        it(`config/${env}.json sets a level for every policy, names no other, and its values fit each policy's schema`, () => {
            const file = readConfigFile(env);
            assert.deepEqual(Object.keys(file).sort(), policies.map((p) => p.name).sort());
            for (const policy of policies) {
                const entry = file[policy.name] as Record<string, unknown>;
                assert.ok(levels.includes(entry.enforcementLevel as string), `${env}: ${policy.name}`);
                const schema = policy.configSchema?.properties ?? {};
                for (const [key, value] of Object.entries(entry)) {
                    if (key === "enforcementLevel" || key === "comment") continue;
                    assert.ok(key in schema, `${env}: ${policy.name} has no setting ${key}`);
                    assert.deepEqual(schemaErrors(value, schema[key], `${env}: ${policy.name}.${key}`), []);
                }
            }
            // Reconciling applies every default, as the engine does.
            const reconciled = reconcileConfig(file);
            assert.equal(reconciled["image-registry"].properties.allowedRegistries !== undefined, true);
        });
    }

    it("reconciles a config file like the Pulumi CLI: schema defaults, then \"all\", then each policy's entry", () => {
        const config = reconcileConfig({ all: "advisory", "resource-maxima": { enforcementLevel: "mandatory", maxClusterCpu: "4" }, "image-tag": "disabled" });
        assert.deepEqual(config["resource-maxima"], {
            enforcementLevel: "mandatory",
            properties: { maxContainerCpu: "8", maxContainerMemory: "32Gi", maxClusterCpu: "4", maxClusterMemory: "256Gi" },
        });
        assert.equal(config["image-tag"].enforcementLevel, "disabled");
        assert.equal(config["pss-baseline"].enforcementLevel, "advisory");
        assert.equal(reconcileConfig({})["flink-internal-tls"].enforcementLevel, "advisory", "without config, the policy's own level");
        assert.throws(() => reconcileConfig({ "image-tag": "strict" }), /not a valid enforcement level/);
        assert.throws(() => reconcileConfig({ "image-tag": 3 }), /must be a string or object/);
    });

    it("is a policy pack: PulumiPolicy.yaml, a versioned package.json, an index.ts that only constructs the PolicyPack", () => {
        const dir = path.join(repoRoot, "policies");
        assert.equal((yaml.load(fs.readFileSync(path.join(dir, "PulumiPolicy.yaml"), "utf8")) as Record<string, unknown>).runtime, "nodejs");
        const pkg = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8"));
        assert.match(pkg.version, /^\d+\.\d+\.\d+$/);
        assert.ok(pkg.dependencies["@pulumi/policy"]);
        const index = fs.readFileSync(path.join(dir, "index.ts"), "utf8");
        assert.equal(index.match(/new PolicyPack\(/g)?.length, 1);
        assert.match(index, /import \{ policies \} from "\.\/policies"/);
        assert.deepEqual(fs.readdirSync(path.join(dir, "rules")).sort(), ["flink.ts", "images.ts", "network.ts", "pod-security.ts", "rbac.ts", "resources.ts"]);
        assert.deepEqual(fs.readdirSync(configDir).sort(), configs.map((e) => `${e}.json`).sort());
    });

    it("without a config file, only the environment-dependent and informational policies are advisory (as the README says)", () => {
        assert.deepEqual(policies.filter((p) => p.enforcementLevel !== "mandatory").map((p) => `${p.name}: ${p.enforcementLevel}`).sort(), [
            "flink-durable-state: advisory",
            "flink-internal-tls: advisory",
            "flink-pod-monitor: advisory",
            "flink-upgrade-mode: advisory",
            "image-digest: advisory",
        ]);
    });

    it("the README's policy table lists every policy with the levels of config/dev.json, staging.json, prod.json and general.json", () => {
        const rows = readmeLevels();
        assert.deepEqual([...rows.keys()].sort(), policies.map((p) => p.name).sort());
        for (const policy of policies) {
            const expected = configs.map((env) => (readConfigFile(env)[policy.name] as { enforcementLevel: string }).enforcementLevel);
            assert.deepEqual(rows.get(policy.name), expected, policy.name);
        }
    });
});
