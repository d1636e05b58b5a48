/**
 * Writes flink/args-schema.json, the JSON Schema of every component's args, and
 * flink/args-validators.js, those schemas compiled by ajv into standalone code
 * (so a program loads them in milliseconds instead of compiling them): the schema is
 * converted from the schema Pulumi's component analyzer infers from the args
 * interfaces (the schema `pulumi package add` users get). The interfaces are
 * the one source; this file is derived from them. Run after changing an args
 * interface: `npm run schema -w sdk`. A test fails while the file is stale.
 *
 * Conversion: every object type gets `additionalProperties: false` (unknown
 * fields are errors); a property the analyzer marks as an Input (not `plain`)
 * also accepts the placeholder `{ "pulumiOutput": true }` that the runtime
 * check puts where an Output or a Promise was; choices become `enum`s.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import Ajv from "ajv";
import standaloneCode from "ajv/dist/standalone";
import { ComponentProvider, getPulumiComponents } from "@pulumi/pulumi/provider/experimental";

type PulumiProperty = {
    type?: string; $ref?: string; items?: PulumiProperty; additionalProperties?: PulumiProperty; plain?: boolean; optional?: boolean;
};
type PulumiType = { type: string; properties?: Record<string, PulumiProperty>; enum?: { value: unknown }[] };
interface PulumiSchema {
    resources: Record<string, { inputProperties: Record<string, PulumiProperty>; requiredInputs?: string[] }>;
    types: Record<string, PulumiType>;
}
export type JsonSchema = Record<string, unknown>;

const sdkDir = path.resolve(__dirname, "..");
export const argsSchemaFile = path.join(sdkDir, "flink", "args-schema.json");
export const argsValidatorsFile = path.join(sdkDir, "flink", "args-validators.js");
export const argsValidatorsDeclarations = path.join(sdkDir, "flink", "args-validators.d.ts");
/** The components whose args are checked: `<Component>Args` each. */
export const components = [
    "FlinkCluster", "FlinkMonitoring", "FlinkNamespace", "FlinkOperator", "FlinkPlatform", "FlinkRbac", "FlinkSessionJob", "FlinkStorage",
] as const;
/** Where an Output or a Promise was, the runtime check validates this placeholder instead. */
export const outputPlaceholderKey = "pulumiOutput";

const typeName = (token: string) => token.split(":").pop() as string;

function property(p: PulumiProperty): JsonSchema {
    let schema: JsonSchema;
    if (p.$ref === "pulumi.json#/Any") {
        schema = {};
    } else if (p.$ref !== undefined) {
        schema = { $ref: `#/definitions/${typeName(p.$ref.replace("#/types/", ""))}` };
    } else if (p.type === "array") {
        schema = { type: "array", items: property(p.items as PulumiProperty) };
    } else if (p.type === "object") {
        schema = { type: "object", additionalProperties: p.additionalProperties === undefined ? {} : property(p.additionalProperties) };
    } else {
        schema = { type: p.type };
    }
    return p.plain === true ? schema : { anyOf: [schema, { $ref: "#/definitions/Output" }] };
}

function objectType(title: string, properties: Record<string, PulumiProperty>, required: string[]): JsonSchema {
    return {
        title,
        type: "object",
        properties: Object.fromEntries(Object.entries(properties).map(([name, p]) => [name, property(p)])),
        ...(required.length === 0 ? {} : { required }),
        additionalProperties: false,
    };
}

/** The JSON Schema (draft-07) of the args of every component, as `definitions` named `<Component>Args` and by type name. */
export function toJsonSchema(schema: PulumiSchema): JsonSchema {
    const definitions: Record<string, JsonSchema> = {
        Output: { type: "object", properties: { [outputPlaceholderKey]: { const: true } }, required: [outputPlaceholderKey], additionalProperties: false },
    };
    for (const [token, resource] of Object.entries(schema.resources)) {
        definitions[`${typeName(token)}Args`] = objectType(`${typeName(token)}Args`, resource.inputProperties, resource.requiredInputs ?? []);
    }
    for (const [token, type] of Object.entries(schema.types)) {
        definitions[typeName(token)] = type.enum !== undefined
            ? { enum: type.enum.map((member) => member.value) }
            : objectType(typeName(token), type.properties ?? {}, Object.entries(type.properties ?? {}).filter(([, p]) => p.optional !== true).map(([name]) => name));
    }
    const sorted = Object.fromEntries(Object.entries(definitions).sort(([a], [b]) => a.localeCompare(b)));
    return { $schema: "http://json-schema.org/draft-07/schema#", definitions: sorted };
}

/** The args schema of the sdk's components as they are now (reads the TypeScript sources, about 3 s). */
export async function generateArgsSchema(): Promise<JsonSchema> {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const components = getPulumiComponents(require(path.join(sdkDir, "index.ts")));
    const provider = new ComponentProvider({ name: "flink-platform", version: "0.0.0", dirname: sdkDir, components });
    return toJsonSchema(JSON.parse(await provider.getSchema()) as PulumiSchema);
}

/**
 * The validators of each component's args as standalone CommonJS (ajv): every error at once, with the
 * failing schema beside it (for "did you mean"); no coercion, which the check does itself where meant.
 */
export function validatorsCode(schema: JsonSchema): string {
    // Referenced definitions stay functions of their own (inlineRefs: false): a third less code, compiled on first use in half the time.
    const ajv = new Ajv({ allErrors: true, verbose: true, strict: false, inlineRefs: false, code: { source: true, optimize: true } });
    ajv.addSchema(schema, "args");
    const code = standaloneCode(ajv, Object.fromEntries(components.map((name) => [`${name}Args`, `args#/definitions/${name}Args`])));
    return `// Generated by sdk/scripts/args-schema.ts from args-schema.json: do not edit.\n${code}\n`;
}

/** The validators' declarations: one function per component's args. */
export function validatorsDeclarations(): string {
    return [
        "// Generated by sdk/scripts/args-schema.ts: do not edit.",
        "/** One ajv error (ajv's ErrorObject, verbose): where, which keyword failed, its parameters, the failing schema. */",
        "export interface ArgsValidationError { instancePath: string; keyword: string; params: Record<string, any>; parentSchema?: Record<string, any> }",
        "/** Validates a component's args; false with every error in `errors`. */",
        "export interface ArgsValidator { (data: unknown): boolean; errors?: ArgsValidationError[] | null }",
        ...components.map((name) => `export declare const ${name}Args: ArgsValidator;`),
        "",
    ].join("\n");
}

if (require.main === module) {
    generateArgsSchema().then((schema) => {
        fs.writeFileSync(argsSchemaFile, `${JSON.stringify(schema, null, 1)}\n`);
        fs.writeFileSync(argsValidatorsFile, validatorsCode(schema));
        fs.writeFileSync(argsValidatorsDeclarations, validatorsDeclarations());
        console.log(`wrote ${path.relative(process.cwd(), argsSchemaFile)} and ${path.relative(process.cwd(), argsValidatorsFile)}`);
        process.exit(0);
    }, (err) => {
        console.error(err);
        process.exit(1);
    });
}
