/**
 * How the rules become CrossGuard policies: config with the schema's
 * defaults, a plain view of the resource (a FlinkBlueGreenDeployment, for
 * the policies on FlinkDeployments, as the FlinkDeployment of its template),
 * duplicate messages dropped, and a guard that turns an unexpected exception into a violation instead of a
 * failed preview (values unknown during preview still propagate to the
 * engine, which reports them as advisory "can't run during preview").
 */
import {
    EnforcementLevel,
    PolicyConfigSchema,
    PolicyProviderResource,
    ResourceValidationPolicy,
    StackValidationPolicy,
    UnknownValueError,
} from "@pulumi/policy";
import { blueGreenAsFlinkDeployment, flinkDeploymentType, isFlinkBlueGreenDeployment } from "./k8s";
import { Rec, rec } from "./values";

/** The resource a resource check sees. */
export interface ResourceInput {
    type: string;
    props: Rec;
    name: string;
    urn: string;
    provider?: PolicyProviderResource;
}

/** A resource of the stack as a stack check sees it (props are its outputs there). */
export type StackResource = ResourceInput;

/** Prefix of the violation reported when a check itself failed: a bug in the pack, never expected. */
export const internalErrorPrefix = "the policy could not check this resource (a bug in the policy pack): ";

/** The defaults of a config schema's top-level properties, as the engine applies them. */
export function schemaDefaults(schema: PolicyConfigSchema | undefined): Rec {
    const defaults: Rec = {};
    for (const [key, property] of Object.entries(schema?.properties ?? {})) {
        if (property.default !== undefined) {
            defaults[key] = property.default;
        }
    }
    return defaults;
}

function isPassThrough(err: unknown): boolean {
    // Unknown values (preview) and notApplicable() are for the engine to handle.
    return err instanceof UnknownValueError || (err instanceof Error && err.constructor.name === "NotApplicableError");
}

function guarded(run: () => void, report: (message: string) => void): void {
    try {
        run();
    } catch (err) {
        if (isPassThrough(err)) {
            throw err;
        }
        report(`${internalErrorPrefix}${err instanceof Error ? err.message : String(err)}`);
    }
}

interface PolicyDefinition {
    name: string;
    description: string;
    enforcementLevel: EnforcementLevel;
    configSchema?: PolicyConfigSchema;
    /**
     * The resource types the check is about (a resource policy is not run on
     * others; a stack policy is given only these). Asked once per distinct
     * type: a stack has few types and many resources. Default: every type.
     */
    appliesTo?: (type: string) => boolean;
}

export interface ResourcePolicyDefinition<C> extends PolicyDefinition {
    check(resource: ResourceInput, config: C, report: (message: string) => void): void;
}

export interface StackPolicyDefinition<C> extends PolicyDefinition {
    check(resources: StackResource[], config: C, report: (message: string, urn?: string) => void): void;
}

/** appliesTo, asked once per type. */
function typeFilter(appliesTo: ((type: string) => boolean) | undefined): (type: string) => boolean {
    if (appliesTo === undefined) {
        return () => true;
    }
    const answers = new Map<string, boolean>();
    return (type) => {
        let answer = answers.get(type);
        if (answer === undefined) {
            answer = appliesTo(type);
            answers.set(type, answer);
        }
        return answer;
    };
}

/**
 * The config a check sees: the schema's defaults (computed once per policy),
 * then what the engine gives. The engine gives every default already (unless
 * run without the CLI's reconciliation); then its object is used as it is.
 */
function configReader<C>(schema: PolicyConfigSchema | undefined): (given: unknown) => C {
    const defaults = schemaDefaults(schema);
    const keys = Object.keys(defaults);
    return (given) => {
        const config = rec(given);
        return (keys.every((key) => config[key] !== undefined) ? config : { ...defaults, ...config }) as C;
    };
}

/** The plain view of a resource a check sees. */
function inputOf(resource: ResourceInput): ResourceInput {
    return { type: resource.type, props: rec(resource.props), name: resource.name, urn: resource.urn, provider: resource.provider };
}

/**
 * How a policy checks a resource of a type, asked once per type: of a type it applies to, as it is; a
 * FlinkBlueGreenDeployment, for a policy on FlinkDeployments that does not take it as it is, as the FlinkDeployment
 * of its template; else not at all.
 */
function checkedAs(applies: (type: string) => boolean): (type: string) => "itself" | "template" | undefined {
    const answers = new Map<string, "itself" | "template" | undefined>();
    return (type) => {
        if (answers.has(type)) return answers.get(type);
        const answer = applies(type) ? "itself" : isFlinkBlueGreenDeployment(type) && applies(flinkDeploymentType) ? "template" : undefined;
        answers.set(type, answer);
        return answer;
    };
}

/** A FlinkBlueGreenDeployment as the FlinkDeployment of its template: the type and spec a FlinkDeployment has (blueGreenAsFlinkDeployment). */
function templateInputOf(resource: ResourceInput): ResourceInput {
    const input = inputOf(resource);
    return { ...input, type: flinkDeploymentType, props: blueGreenAsFlinkDeployment(input.props) };
}

/**
 * What a resource check of a FlinkBlueGreenDeployment's template reports goes under `spec.template`, where it was
 * found. A stack check's messages stay as they are: they name their resource (or a namespace) themselves.
 */
const templatePrefix = "spec.template: ";

/** reportViolation, each message (per URN) once; the set is only made once something is reported. */
function onceEach(reportViolation: (message: string, urn?: string) => void): (message: string, urn?: string) => void {
    let seen: Set<string> | undefined;
    return (message, urn) => {
        const key = urn === undefined ? message : `${urn} ${message}`;
        seen ??= new Set<string>();
        if (!seen.has(key)) {
            seen.add(key);
            reportViolation(message, urn);
        }
    };
}

export function resourcePolicy<C = Rec>(definition: ResourcePolicyDefinition<C>): ResourceValidationPolicy {
    const { check, appliesTo, ...policy } = definition;
    const configOf = configReader<C>(definition.configSchema);
    const checkedAsOf = checkedAs(typeFilter(appliesTo));
    return {
        ...policy,
        validateResource: (args, reportViolation) => {
            const as = checkedAsOf(args.type);
            if (as === undefined) {
                return;
            }
            const report = onceEach(reportViolation);
            guarded(() => as === "itself"
                ? check(inputOf(args), configOf(args.getConfig()), report)
                : check(templateInputOf(args), configOf(args.getConfig()), (message) => report(`${templatePrefix}${message}`)), report);
        },
    };
}

export function stackPolicy<C = Rec>(definition: StackPolicyDefinition<C>): StackValidationPolicy {
    const { check, appliesTo, ...policy } = definition;
    const configOf = configReader<C>(definition.configSchema);
    const checkedAsOf = checkedAs(typeFilter(appliesTo));
    return {
        ...policy,
        validateStack: (args, reportViolation) => {
            const report = onceEach(reportViolation);
            guarded(() => {
                // A FlinkBlueGreenDeployment as the FlinkDeployment of its template, unless the policy takes it as it is; messages name their resource.
                const resources: ResourceInput[] = [];
                for (const resource of args.resources) {
                    const as = checkedAsOf(resource.type);
                    if (as !== undefined) resources.push(as === "itself" ? inputOf(resource) : templateInputOf(resource));
                }
                check(resources, configOf(args.getConfig()), report);
            }, report);
        },
    };
}

/** JSON schema of a list of strings. */
export function stringList(description: string, defaults: string[] = []) {
    return { type: "array" as const, items: { type: "string" as const }, default: defaults, description };
}

/** JSON schema of a Kubernetes quantity written as a string ("8", "32Gi") or a number. */
export function quantity(description: string, defaults: string) {
    return { type: ["string", "number"] as ("string" | "number")[], default: defaults, description };
}
