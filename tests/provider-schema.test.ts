import * as assert from "node:assert/strict";
import * as path from "node:path";
import { ComponentProvider, getPulumiComponents } from "@pulumi/pulumi/provider/experimental";
import * as sdk from "../sdk/index";

interface SchemaProperty { description?: string }
interface Schema {
    resources: Record<string, { isComponent: boolean; inputProperties: Record<string, SchemaProperty> }>;
    types: Record<string, { type: string; properties?: Record<string, SchemaProperty>; enum?: unknown[] }>;
}

describe("the component provider schema (pulumi package add)", function () {
    this.timeout(120_000);
    let schema: Schema;

    before(async () => {
        const provider = new ComponentProvider({
            name: "flink-platform", version: "0.1.0", dirname: path.resolve(__dirname, "../sdk"), components: getPulumiComponents(sdk),
        });
        schema = JSON.parse(await provider.getSchema());
    });

    it("hosts every component under flink-platform:index:<ClassName>", () => {
        assert.deepEqual(Object.keys(schema.resources).sort(), [
            "flink-platform:index:FlinkCluster",
            "flink-platform:index:FlinkMonitoring",
            "flink-platform:index:FlinkNamespace",
            "flink-platform:index:FlinkOperator",
            "flink-platform:index:FlinkPlatform",
            "flink-platform:index:FlinkRbac",
            "flink-platform:index:FlinkSessionJob",
            "flink-platform:index:FlinkStorage",
        ]);
        for (const resource of Object.values(schema.resources)) {
            assert.equal(resource.isComponent, true);
        }
    });

    it("infers the choices as enums", () => {
        assert.deepEqual(schema.types["flink-platform:index:Environment"].enum?.map((e: any) => e.value), ["dev", "staging", "prod"]);
        assert.deepEqual(schema.types["flink-platform:index:CertManagerMode"].enum?.map((e: any) => e.value), ["install", "existing"]);
        assert.deepEqual(schema.types["flink-platform:index:FlinkVersion"].enum?.map((e: any) => e.value), ["v1_20", "v2_0", "v2_1", "v2_2"]);
        assert.deepEqual(schema.types["flink-platform:index:UpgradeMode"].enum?.map((e: any) => e.value), ["savepoint", "last-state", "stateless"]);
    });

    it("documents every args field with its default or as required", () => {
        const fields: [string, SchemaProperty][] = [
            ...Object.entries(schema.resources).flatMap(([token, r]) => Object.entries(r.inputProperties).map(([k, p]) => [`${token}.${k}`, p] as [string, SchemaProperty])),
            ...Object.entries(schema.types).flatMap(([token, t]) => Object.entries(t.properties ?? {}).map(([k, p]) => [`${token}.${k}`, p] as [string, SchemaProperty])),
        ];
        assert.ok(fields.length > 50, `${fields.length} fields`);
        const undocumented = fields.filter(([, p]) => !/Default|Required|required/.test(p.description ?? "")).map(([name]) => name);
        assert.deepEqual(undocumented, []);
    });
});
