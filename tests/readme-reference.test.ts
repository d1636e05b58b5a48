/**
 * The README's configuration reference against the component provider schema
 * (what `pulumi package add` users get, inferred from the args interfaces), so
 * that the two cannot drift apart: every args field documented, nothing
 * documented that does not exist, stated defaults and choices as the schema's
 * doc comments give them, and the cloud profiles as the code has them.
 *
 * How the README is read: under a heading that names an args type in
 * backticks ("### `NetworkArgs`"), the first table documents that type. Its
 * first column holds field paths in backticks: `a` a field, `a.b` a field of the
 * object in `a`, `a[].b` a field of the objects in the list `a`, and
 * `a.{b,c}` short for `a.b`, `a.c`. An object (or list of objects) whose type
 * has a table of its own may be documented by its name alone; otherwise its
 * fields are listed. The column named "default" is compared with the schema.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as yaml from "js-yaml";
import { ComponentProvider, getPulumiComponents } from "@pulumi/pulumi/provider/experimental";
import * as sdk from "../sdk/index";

const repoRoot = path.resolve(__dirname, "..");
const prefix = "flink-platform:index:";

/**
 * Differences between the README and the schema that are expected while an API
 * change is landing (the README documents the new API first). Each must go as
 * soon as the code has landed: the test fails on an entry that is no longer a
 * difference.
 */
const landingApiChanges: string[] = [];

// ---------------------------------------------------------------------------------------------------------------
// The schema

interface SchemaProperty {
    type?: string;
    $ref?: string;
    items?: SchemaProperty;
    additionalProperties?: SchemaProperty;
    description?: string;
}
interface SchemaType {
    type: string;
    properties?: Record<string, SchemaProperty>;
    required?: string[];
    enum?: { value: unknown }[];
}
interface Schema {
    resources: Record<string, { inputProperties: Record<string, SchemaProperty>; requiredInputs?: string[] }>;
    types: Record<string, SchemaType>;
}

/** An args type: a component's args (`<Component>Args`) or an object type, by its TypeScript name. */
interface ArgsType {
    properties: Record<string, SchemaProperty>;
    required: string[];
}

/** The args types reachable from the components' inputs, by name. */
function argsTypes(schema: Schema): Map<string, ArgsType> {
    const types = new Map<string, ArgsType>();
    const visit = (name: string, type: ArgsType) => {
        if (types.has(name)) {
            return;
        }
        types.set(name, type);
        for (const property of Object.values(type.properties)) {
            const target = objectTypeOf(schema, property);
            if (target !== undefined) {
                visit(target.name, target.type);
            }
        }
    };
    for (const [token, resource] of Object.entries(schema.resources)) {
        visit(`${token.slice(prefix.length)}Args`, { properties: resource.inputProperties, required: resource.requiredInputs ?? [] });
    }
    return types;
}

function referenced(schema: Schema, property: SchemaProperty): { name: string; type: SchemaType } | undefined {
    const ref = property.$ref ?? property.items?.$ref;
    if (ref === undefined || !ref.startsWith(`#/types/${prefix}`)) {
        return undefined;
    }
    const token = ref.slice("#/types/".length);
    return { name: token.slice(prefix.length), type: schema.types[token] };
}

/** The object type of a property (or of its list's items), if it has one. */
function objectTypeOf(schema: Schema, property: SchemaProperty): { name: string; type: ArgsType; list: boolean } | undefined {
    const target = referenced(schema, property);
    if (target === undefined || target.type.type !== "object") {
        return undefined;
    }
    return { name: target.name, type: { properties: target.type.properties ?? {}, required: target.type.required ?? [] }, list: property.$ref === undefined };
}

/** The values of a property's enum (or of its list's items' enum), if it is a choice. */
function enumValuesOf(schema: Schema, property: SchemaProperty): string[] | undefined {
    const target = referenced(schema, property);
    return target?.type.enum?.map((e) => String(e.value));
}

// ---------------------------------------------------------------------------------------------------------------
// The README

interface Row {
    /** The row's field paths, expanded. */
    fields: string[];
    /** Cells by lower-cased header. */
    cells: Record<string, string>;
    /** The row as written. */
    text: string;
}
interface Table {
    heading: string;
    rows: Row[];
}

/** Splits a table line into cells; `\|` is a pipe inside a cell. */
function cells(line: string): string[] {
    return line.trim().replace(/^\|/, "").replace(/\|$/, "").replace(/\\\|/g, "\u0000").split("|").map((c) => c.replace(/\u0000/g, "|").trim());
}

/** `a.{b,c}.d` → `a.b.d`, `a.c.d`. */
function expandFieldPath(field: string): string[] {
    const group = /\{([^{}]*)\}/.exec(field);
    if (group === null) {
        return [field];
    }
    return group[1].split(",").flatMap((alternative) =>
        expandFieldPath(field.slice(0, group.index) + alternative.trim() + field.slice(group.index + group[0].length)));
}

const fieldPathPattern = /^[A-Za-z_]\w*(\[\])?(\.[A-Za-z_]\w*(\[\])?)*$/;

/** The first table under each heading, with its rows' field paths. */
function readmeTables(markdown: string): Table[] {
    const tables: Table[] = [];
    const lines = markdown.split("\n");
    let heading = "";
    let headingHasTable = false;
    let fenced = false;
    for (let i = 0; i < lines.length; i++) {
        const line = lines[i];
        if (line.startsWith("```")) {
            fenced = !fenced;
            continue;
        }
        if (fenced) {
            continue;
        }
        if (/^#{1,6} /.test(line)) {
            heading = line.replace(/^#+ /, "").trim();
            headingHasTable = false;
            continue;
        }
        if (line.startsWith("|") && /^\|[\s:|-]+\|$/.test(lines[i + 1]?.trim() ?? "")) {
            const header = cells(line).map((c) => c.toLowerCase());
            const rows: Row[] = [];
            for (i += 2; i < lines.length && lines[i].startsWith("|"); i++) {
                const values = cells(lines[i]);
                const written = [...values[0].matchAll(/`([^`]+)`/g)].map((m) => m[1]);
                rows.push({
                    fields: written.flatMap(expandFieldPath),
                    cells: Object.fromEntries(header.map((h, j) => [h, values[j] ?? ""])),
                    text: lines[i],
                });
            }
            i--;
            if (!headingHasTable) {
                tables.push({ heading, rows });
                headingHasTable = true;
            }
        }
    }
    return tables;
}

/** The args type a heading names ("`NetworkArgs`", "`FlinkClusterArgs`: …"), if any. */
function headingType(heading: string): string | undefined {
    return /^`([A-Z]\w*)`/.exec(heading)?.[1];
}

// ---------------------------------------------------------------------------------------------------------------
// Defaults in doc comments

/** What a doc comment states after "Default:", without parenthesized remarks. */
function statedDefault(description: string | undefined): string | undefined {
    const match = /Default:\s*([\s\S]*)$/.exec(description ?? "");
    return match === null ? undefined : match[1].replace(/\([^()]*\)/g, " ").replace(/\s+/g, " ").trim();
}

/** The literal values a stated default names: quoted strings, numbers, true, false, none. */
function defaultLiterals(stated: string): string[] {
    const quoted = [...stated.matchAll(/"([^"]*)"/g)].map((m) => m[1]).filter((s) => s !== "");
    const rest = stated.replace(/"[^"]*"/g, " ");
    const numbers = [...rest.matchAll(/(?<![\w.:/-])\d+(\.\d+)?(?![\w.:/-]*\w)/g)].map((m) => m[0]);
    const words = [...rest.matchAll(/\b(true|false|none)\b/g)].map((m) => m[1]);
    return [...quoted, ...numbers, ...words];
}

/** A README cell as plain text: no backticks or double quotes. */
function plain(cell: string): string {
    return cell.replace(/[`"]/g, "");
}

function mentions(text: string, literal: string): boolean {
    const escaped = literal.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    return new RegExp(`(?<![\\w.])${escaped}(?![\\w])`).test(text);
}

// ---------------------------------------------------------------------------------------------------------------

describe("README: the configuration reference matches the component schema", function () {
    this.timeout(120_000);
    let schema: Schema;
    let types: Map<string, ArgsType>;
    let tables: Table[];
    let typeTables: Map<string, Table>;

    before(async () => {
        const provider = new ComponentProvider({
            name: "flink-platform", version: "0.1.0", dirname: path.join(repoRoot, "sdk"), components: getPulumiComponents(sdk),
        });
        schema = JSON.parse(await provider.getSchema());
        types = argsTypes(schema);
        tables = readmeTables(fs.readFileSync(path.join(repoRoot, "README.md"), "utf8"));
        typeTables = new Map(tables.flatMap((t) => {
            const name = headingType(t.heading);
            return name === undefined ? [] : [[name, t] as [string, Table]];
        }));
    });

    /** The schema's field paths of a type, as its table must document them. */
    function expectedPaths(typeName: string, documented: string[], at = ""): string[] {
        return Object.entries(types.get(typeName)!.properties).flatMap(([name, property]) => {
            const field = `${at}${name}`;
            const target = objectTypeOf(schema, property);
            if (target === undefined) {
                return [field];
            }
            const nested = `${field}${target.list ? "[]" : ""}.`;
            const documentsFields = documented.some((d) => d.startsWith(nested));
            if (!documentsFields && typeTables.has(target.name)) {
                return [field];
            }
            return expectedPaths(target.name, documented, nested);
        });
    }

    /** The schema property at a documented path of a type, with whether it is required. */
    function propertyAt(typeName: string, field: string): { property: SchemaProperty; required: boolean } | undefined {
        const [first, ...rest] = field.split(".");
        const name = first.replace(/\[\]$/, "");
        const type = types.get(typeName);
        const property = type?.properties[name];
        if (type === undefined || property === undefined) {
            return undefined;
        }
        if (rest.length === 0) {
            return { property, required: type.required.includes(name) };
        }
        const target = objectTypeOf(schema, property);
        return target === undefined ? undefined : propertyAt(target.name, rest.join("."));
    }

    it("reads the field paths of a row: nested, lists, groups", () => {
        assert.deepEqual(expandFieldPath("a.{b,c}.d"), ["a.b.d", "a.c.d"]);
        assert.deepEqual(expandFieldPath("scheduling.tolerations[].{key, effect}"), ["scheduling.tolerations[].key", "scheduling.tolerations[].effect"]);
        assert.deepEqual(defaultLiterals('["0.0.0.0/0"] outside prod; required in prod.'), ["0.0.0.0/0"]);
        assert.deepEqual(defaultLiterals('dev "8", staging "32", prod "64".'), ["8", "32", "64"]);
        assert.deepEqual(defaultLiterals("2 with high availability , 1 without."), ["2", "1"]);
        assert.deepEqual(defaultLiterals("true in prod, false elsewhere."), ["true", "false"]);
    });

    it("has a table for every component's args, and no table for a type the schema does not have", () => {
        const components = Object.keys(schema.resources).map((token) => `${token.slice(prefix.length)}Args`);
        assert.deepEqual(components.filter((name) => !typeTables.has(name)), [], "components without a table");
        const unknown = [...typeTables.keys()].filter((name) => !types.has(name)).map((name) => `a table for a type the schema does not have: ${name}`);
        assert.deepEqual(unknown.filter((d) => !landingApiChanges.includes(d)), []);
    });

    it("documents every args field, and no field that does not exist", () => {
        const differences: string[] = [];
        for (const [typeName, table] of typeTables) {
            if (!types.has(typeName)) {
                continue;
            }
            const written = table.rows.flatMap((row) => row.fields);
            for (const field of written.filter((f) => !fieldPathPattern.test(f))) {
                differences.push(`unreadable: ${typeName}: \`${field}\``);
            }
            const documented = written.filter((f) => fieldPathPattern.test(f));
            const expected = expectedPaths(typeName, documented);
            for (const field of documented.filter((f) => !expected.includes(f))) {
                const nestedType = propertyAt(typeName, field);
                const target = nestedType === undefined ? undefined : objectTypeOf(schema, nestedType.property);
                differences.push(target === undefined
                    ? `documented but absent: ${typeName}.${field}`
                    : `documented without its fields: ${typeName}.${field} (${target.name} has no table of its own: list its fields)`);
            }
            for (const field of expected.filter((f) => !documented.includes(f))) {
                differences.push(`undocumented: ${typeName}.${field}`);
            }
            const seen = new Set<string>();
            for (const field of documented) {
                if (seen.has(field)) {
                    differences.push(`documented twice: ${typeName}.${field}`);
                }
                seen.add(field);
            }
        }
        // Every object type reached through a field documented by name alone needs its own table (checked above through
        // expectedPaths); a type with a table that nothing reaches any more is caught by the previous test.
        assert.deepEqual(differences.filter((d) => !landingApiChanges.includes(d)), []);
        const unknown = [...typeTables.keys()].filter((name) => !types.has(name)).map((name) => `a table for a type the schema does not have: ${name}`);
        assert.deepEqual(landingApiChanges.filter((d) => !differences.includes(d) && !unknown.includes(d)), [],
            "the code has landed: remove these entries from landingApiChanges in tests/readme-reference.test.ts");
    });

    it("states each field's default as its doc comment does: required or not, the literal values, every choice", () => {
        const problems: string[] = [];
        for (const [typeName, table] of typeTables) {
            for (const row of table.rows) {
                const defaultCell = plain(row.cells["default"] ?? "");
                for (const field of row.fields) {
                    const found = propertyAt(typeName, field);
                    if (found === undefined) {
                        continue; // Reported by the previous test.
                    }
                    const choices = enumValuesOf(schema, found.property);
                    const missingChoices = (choices ?? []).filter((value) => !mentions(plain(row.text), value));
                    if (missingChoices.length > 0) {
                        problems.push(`${typeName}.${field}: the choices ${missingChoices.join(", ")} are not named`);
                    }
                    if (row.fields.length > 1) {
                        continue; // A row of several fields states their defaults together: only its choices are checked.
                    }
                    const description = found.property.description ?? "";
                    if (found.required && !/required/i.test(defaultCell)) {
                        problems.push(`${typeName}.${field}: required, but the default column says ${JSON.stringify(defaultCell)}`);
                    }
                    if (/^required/i.test(defaultCell) && !found.required && !/required/i.test(description)) {
                        problems.push(`${typeName}.${field}: documented as required, but it is optional: ${JSON.stringify(description)}`);
                    }
                    const stated = statedDefault(description);
                    if (stated === undefined) {
                        continue;
                    }
                    const literals = [...defaultLiterals(stated), ...(choices ?? []).filter((value) => mentions(stated, value))];
                    const missing = literals.filter((literal) => !mentions(defaultCell, literal));
                    if (missing.length > 0) {
                        problems.push(`${typeName}.${field}: the doc comment's default (${JSON.stringify(stated)}) names ${missing.join(", ")}, ` +
                            `the README's default column (${JSON.stringify(defaultCell)}) does not`);
                    }
                }
            }
        }
        assert.deepEqual(problems, []);
    });

    it("documents every key the stack reads, with Pulumi.yaml's defaults", () => {
        const program = fs.readFileSync(path.join(repoRoot, "index.ts"), "utf8");
        const read = [...program.matchAll(/config\.(?:get|require)\w*(?:<[^>]*>)?\(\s*"([^"]+)"/g)].map((m) => m[1]);
        const platformTable = typeTables.get("FlinkPlatformArgs")!;
        const stackTable = tables.find((t) => /^Stack configuration/.test(t.heading));
        assert.ok(stackTable, 'a table under the heading "Stack configuration"');
        const documented = [...platformTable.rows, ...stackTable.rows].flatMap((row) => row.fields);
        assert.deepEqual([...new Set(read)].filter((key) => !documented.includes(key)), [], "keys index.ts reads that are not documented");
        assert.deepEqual(stackTable.rows.flatMap((row) => row.fields).filter((key) => !read.includes(key)), [], "stack keys index.ts does not read");

        const project = yaml.load(fs.readFileSync(path.join(repoRoot, "Pulumi.yaml"), "utf8")) as { config: Record<string, { default?: unknown }> };
        for (const [key, declared] of Object.entries(project.config)) {
            const row = [...platformTable.rows, ...stackTable.rows].find((r) => r.fields.includes(key));
            assert.ok(row, `Pulumi.yaml declares ${key}; the README documents it`);
            const value = declared.default === "" ? '""' : String(declared.default);
            assert.ok(row.cells["default"].includes(`\`${value}\``), `${key}: Pulumi.yaml's default ${value} in ${JSON.stringify(row.cells["default"])}`);
        }
    });

    it("gives the cloud profiles as the code has them, and the defaults they fill in (API server ports, storage backend)", () => {
        const profilesTable = tables.find((t) => t.heading === "Cloud profiles");
        assert.ok(profilesTable, 'a table under the heading "Cloud profiles"');
        const profiles = sdk.cloudProfiles as Record<string, (typeof sdk.cloudProfiles)[keyof typeof sdk.cloudProfiles]>;
        assert.deepEqual(profilesTable.rows.map((row) => row.fields[0]).sort(), Object.keys(profiles).sort());
        for (const row of profilesTable.rows) {
            const profile = profiles[row.fields[0]];
            const column = (name: string) => plain(Object.entries(row.cells).find(([header]) => header.startsWith(name))?.[1] ?? "");
            assert.ok(mentions(column("storage backend"), profile.storageBackend), `${row.fields[0]}: backend ${profile.storageBackend}`);
            assert.ok(column("storage backend").includes(`${profile.storageScheme}://`), `${row.fields[0]}: scheme ${profile.storageScheme}`);
            assert.ok(profile.sharedStorageClass === undefined ? /default/.test(column("shared storageclass")) : mentions(column("shared storageclass"), profile.sharedStorageClass),
                `${row.fields[0]}: StorageClass ${profile.sharedStorageClass}`);
            assert.ok(profile.workloadIdentity === undefined ? /none/.test(column("workload identity"))
                : column("workload identity").includes(profile.workloadIdentity.field) && column("workload identity").includes(profile.workloadIdentity.annotation),
            `${row.fields[0]}: workload identity`);
            for (const [key, value] of Object.entries(profile.internalLoadBalancerAnnotations)) {
                assert.ok(column("internal loadbalancer").includes(key) && column("internal loadbalancer").includes(value), `${row.fields[0]}: ${key}`);
            }
            assert.deepEqual(column("api server ports").match(/(?<!\w)\d+(?!\w)/g)?.map(Number), profile.apiServerPorts, `${row.fields[0]}: API server ports`);
        }

        const ports = plain(typeTables.get("NetworkArgs")!.rows.find((row) => row.fields.includes("apiServerPorts"))!.cells["default"]);
        for (const [name, profile] of Object.entries(profiles)) {
            assert.ok(new RegExp(`${name}[^;]*${profile.apiServerPorts.join(", ")}`).test(ports), `apiServerPorts' default names ${name}'s ${profile.apiServerPorts.join(", ")}: ${ports}`);
        }
        const backend = plain(typeTables.get("StorageArgs")!.rows.find((row) => row.fields.includes("backend"))!.cells["default"]);
        assert.match(backend, /^the cloud profile's/, "StorageArgs.backend: the platform fills it from the cloud profile");
    });
});
