/**
 * Checks a component's args against the JSON Schema generated from its args
 * interface (args-schema.json, compiled into args-validators.js by
 * `npm run schema -w sdk`): every unknown field and every value of the wrong
 * type, all at once, each with its path, the value and what is accepted, and
 * "did you mean" for a misspelt field. Numbers and booleans written as strings
 * (`pulumi config set --path` stores 0.5 as "0.5") become the number or
 * boolean meant, and a number or boolean where a string goes (a YAML
 * `pipeline.max-parallelism: 128`) the string; any other mismatch is an error. Outputs and Promises are
 * not looked into here: each is checked where it is used, once known. Pure.
 */
import * as pulumi from "@pulumi/pulumi";
import * as validators from "./args-validators";
import type { ArgsValidationError } from "./args-validators";
import { suggest } from "./suggest";

/** The components whose args have a schema. */
export type CheckedComponent = "FlinkCluster" | "FlinkMonitoring" | "FlinkNamespace" | "FlinkOperator" | "FlinkPlatform" | "FlinkRbac" | "FlinkSessionJob" | "FlinkStorage";

/** What the generated schema puts where an Output or a Promise may be. */
const outputPlaceholderKey = "pulumiOutput";

type Path = (string | number)[];

/** A copy of the args' plain data, each Output or Promise replaced by a placeholder that remembers it. */
function copyWithPlaceholders(value: unknown, outputs: Map<object, unknown>): unknown {
    if (pulumi.Output.isInstance(value) || value instanceof Promise) {
        const placeholder = { [outputPlaceholderKey]: true };
        outputs.set(placeholder, value);
        return placeholder;
    }
    if (Array.isArray(value)) {
        return value.map((item) => copyWithPlaceholders(item, outputs));
    }
    if (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
        return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => [k, copyWithPlaceholders(v, outputs)]));
    }
    return value;
}

/** The copy with each placeholder replaced by the Output or Promise it stands for. */
function restoreOutputs(value: unknown, outputs: Map<object, unknown>): unknown {
    if (value !== null && typeof value === "object" && outputs.has(value)) {
        return outputs.get(value);
    }
    if (Array.isArray(value)) {
        return value.map((item) => restoreOutputs(item, outputs));
    }
    if (value !== null && typeof value === "object") {
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, restoreOutputs(v, outputs)]));
    }
    return value;
}

function pathOf(instancePath: string): Path {
    return instancePath.split("/").slice(1).map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~")).map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/** `clusters[0].taskManager.cpu`, `flinkConfiguration["pipeline.max-parallelism"]`: as the user wrote it in the stack config. */
function fieldName(path: Path): string {
    return path.reduce<string>((name, part) => {
        if (typeof part === "number") return `${name}[${part}]`;
        if (!/^[A-Za-z_$][\w$]*$/.test(part)) return `${name}[${JSON.stringify(part)}]`;
        return name === "" ? part : `${name}.${part}`;
    }, "");
}

function valueAt(data: unknown, path: Path): unknown {
    return path.reduce<unknown>((node, part) => (node as Record<string | number, unknown>)?.[part], data);
}

function setAt(data: unknown, path: Path, value: unknown): void {
    const parent = valueAt(data, path.slice(0, -1)) as Record<string | number, unknown>;
    parent[path[path.length - 1]] = value;
}

/**
 * The value meant where YAML or Pulumi config gave another type: the number or boolean a string
 * spells, or the string a number or boolean is written as (`pipeline.max-parallelism: 128`).
 */
function meant(value: unknown, type: string): string | number | boolean | undefined {
    if (type === "string" && (typeof value === "number" || typeof value === "boolean")) return String(value);
    if (typeof value !== "string") return undefined;
    if ((type === "number" || type === "integer") && /^\s*-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(value)) {
        const number = Number(value);
        return type === "integer" && !Number.isInteger(number) ? undefined : number;
    }
    if (type === "boolean" && (value === "true" || value === "false")) return value === "true";
    return undefined;
}

const accepted: Record<string, string> = {
    string: "a string", number: "a number", integer: "a whole number", boolean: "true or false", array: "a list", object: "an object",
};

/** The errors a person needs: the Output placeholder's alternative and anyOf's summary say nothing about what they wrote. */
function relevant(error: ArgsValidationError): boolean {
    return error.keyword !== "anyOf" && error.parentSchema?.properties?.[outputPlaceholderKey] === undefined;
}

function describe(error: ArgsValidationError, data: unknown): string {
    const path = pathOf(error.instancePath);
    switch (error.keyword) {
        case "additionalProperties": {
            const field = error.params.additionalProperty as string;
            const known = Object.keys(error.parentSchema?.properties ?? {});
            const suggestion = suggest(field, known);
            return `${fieldName([...path, field])}: unknown field; ${suggestion !== undefined ? `did you mean "${suggestion}"?` : `expected one of ${known.map((k) => `"${k}"`).join(", ")}`}`;
        }
        case "required":
            return `${fieldName([...path, error.params.missingProperty as string])}: is required`;
        case "enum":
            return `${fieldName(path)}: ${JSON.stringify(valueAt(data, path))} is not valid; expected one of ${(error.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`;
        case "type": {
            const type = error.params.type as string;
            const value = valueAt(data, path);
            const hint = typeof value === "string" && (type === "number" || type === "boolean")
                ? ` (in YAML write it unquoted; \`pulumi config set --path\` stores every value as a string, which is read as the ${type} it spells)`
                : "";
            const title = type === "object" && typeof error.parentSchema?.title === "string" ? ` (${error.parentSchema.title})` : "";
            return `${fieldName(path)}: ${JSON.stringify(value) ?? String(value)} is not valid; expected ${accepted[type] ?? type}${title}${hint}`;
        }
        default:
            return `${fieldName(path)}: ${JSON.stringify(valueAt(data, path))} is not valid (${error.keyword})`;
    }
}

/** Set on args that a component builds from its own checked args for a component it creates. */
const checkedArgs = Symbol("flink-platform: args checked by the creating component");

/**
 * Marks args built from already checked args (a component passing its own to the components it creates),
 * so that checkArgs takes them as they are: each field is checked once, where the user wrote it.
 */
export function checked<T extends object>(args: T): T {
    return Object.defineProperty(args, checkedArgs, { value: true, enumerable: false });
}

/**
 * The args as checked: the same data, with numbers and booleans that were
 * written as strings converted. Throws one RunError listing every problem,
 * prefixed by the component and its resource name (`FlinkCluster "orders"`;
 * the platform, one per stack, as `FlinkPlatform`), so a preview shows them all.
 */
export function checkArgs<T>(component: CheckedComponent, name: string, args: T): T {
    if (typeof args === "object" && args !== null && (args as { [checkedArgs]?: boolean })[checkedArgs] === true) return args;
    const validate = validators[`${component}Args`];
    const outputs = new Map<object, unknown>();
    const data = copyWithPlaceholders(args ?? {}, outputs);
    let errors: ArgsValidationError[] = [];
    // Strings that spell the number or boolean a field takes become that value; then the data is checked again.
    for (let pass = 0; pass < 2; pass++) {
        errors = validate(data) ? [] : (validate.errors ?? []).filter(relevant);
        const conversions = errors.filter((e) => e.keyword === "type")
            .map((e) => ({ path: pathOf(e.instancePath), value: meant(valueAt(data, pathOf(e.instancePath)), e.params.type as string) }))
            .filter((c) => c.value !== undefined);
        if (conversions.length === 0) break;
        for (const { path, value } of conversions) setAt(data, path, value);
    }
    if (errors.length > 0) {
        const problems = [...new Set(errors.map((error) => describe(error, data)))];
        const label = component === "FlinkPlatform" ? component : `${component} ${JSON.stringify(name)}`;
        throw new pulumi.RunError(problems.length === 1
            ? `${label}: ${problems[0]}`
            : `${label}: ${problems.length} invalid fields:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    }
    return restoreOutputs(data, outputs) as T;
}
