// Evaluates the policy pack the way the Pulumi engine and @pulumi/policy's analyzer do, without the CLI:
// the config file is reconciled like `--policy-pack-config` (schema defaults, then "all", then each policy's
// entry), every resource goes through every enabled resource policy with the arguments the analyzer builds
// (type, props behind the unknown-checking proxy, urn, name, opts, provider, stackTags, isType/asType,
// getConfig, notApplicable), and the whole stack through every stack policy (with parents, dependencies and
// property dependencies resolved to resource objects). A policy that reads a value unknown during preview
// gets the analyzer's advisory "can't run … during preview" violation, as from the real pack.
import * as fs from "node:fs";
import * as path from "node:path";
import {
    EnforcementLevel,
    Policies,
    PolicyProviderResource,
    PolicyResource,
    PolicyResourceOptions,
    ResourceValidation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    StackValidationPolicy,
    UnknownValueError,
    unknownCheckingProxy,
} from "@pulumi/policy";
import { policies as pack } from "../../policies/policies";
import type { RegisteredResource } from "../harness/mocks";

export const configDir = path.resolve(__dirname, "..", "..", "policies", "config");

/** The pack's name (policies/index.ts) and version (policies/package.json), as the analyzer names them. */
export const packName = "flink-platform";
export const packVersion: string = JSON.parse(fs.readFileSync(path.resolve(__dirname, "..", "..", "policies", "package.json"), "utf8")).version;

/**
 * What @pulumi/policy's analyzer (server.js) reports instead of a policy's verdict when the policy read a
 * value unknown during preview (the unknown-checking proxy threw UnknownValueError): an advisory violation.
 */
export function unknownValueMessage(policy: string, err: UnknownValueError): string {
    return `can't run policy '${policy}' from policy pack '${packName}@v${packVersion}' during preview: ${err.message}`;
}

export interface Violation {
    policy: string;
    level: EnforcementLevel;
    message: string;
    /** The resource reported against: the validated resource, or the URN a stack policy passed (none for the whole stack). */
    urn?: string;
}

export interface PolicyConfig {
    enforcementLevel: EnforcementLevel;
    properties: Record<string, unknown>;
}

export type PackConfig = Record<string, PolicyConfig>;

const levels: EnforcementLevel[] = ["advisory", "mandatory", "remediate", "disabled"];

function isLevel(value: unknown): value is EnforcementLevel {
    return typeof value === "string" && (levels as string[]).includes(value);
}

/** The JSON of a `--policy-pack-config` file: policy name (or "all") -> level or { enforcementLevel?, ...properties }. */
export function readConfigFile(env: string): Record<string, unknown> {
    return JSON.parse(fs.readFileSync(path.join(configDir, `${env}.json`), "utf8"));
}

/**
 * What the engine hands each policy (pulumi's ReconcilePolicyPackConfig): every policy starts at its own
 * enforcement level with its schema's top-level defaults; "all" sets every level; a policy's entry then sets
 * its level and overrides properties one by one. A malformed entry is an error, as for the CLI.
 */
export function reconcileConfig(file: Record<string, unknown>, policies: Policies = pack): PackConfig {
    const given = new Map<string, { level?: EnforcementLevel; properties: Record<string, unknown> }>();
    for (const [name, value] of Object.entries(file)) {
        if (typeof value === "string") {
            if (!isLevel(value)) throw new Error(`parsing enforcement level for "${name}": "${value}" is not a valid enforcement level`);
            given.set(name, { level: value, properties: {} });
        } else if (value !== null && typeof value === "object" && !Array.isArray(value)) {
            const { enforcementLevel, ...properties } = value as Record<string, unknown>;
            if (enforcementLevel !== undefined && !isLevel(enforcementLevel)) {
                throw new Error(`parsing enforcement level for "${name}": ${JSON.stringify(enforcementLevel)} is not a valid enforcement level`);
            }
            given.set(name, { level: enforcementLevel, properties });
        } else {
            throw new Error(`parsing "${name}": ${JSON.stringify(value)} is not a valid value; must be a string or object`);
        }
    }
    const result: PackConfig = {};
    const all = given.get("all")?.level;
    for (const policy of policies) {
        const properties: Record<string, unknown> = {};
        for (const [key, schema] of Object.entries(policy.configSchema?.properties ?? {})) {
            if (schema.default !== undefined) properties[key] = structuredClone(schema.default);
        }
        const entry = given.get(policy.name);
        result[policy.name] = {
            enforcementLevel: entry?.level ?? all ?? policy.enforcementLevel ?? "advisory",
            properties: { ...properties, ...entry?.properties },
        };
    }
    return result;
}

/** The config of an environment as the engine would apply it. */
export function envConfig(env: string): PackConfig {
    return reconcileConfig(readConfigFile(env));
}

/** Thrown by `notApplicable()`, like the analyzer's NotApplicableError. */
export class NotApplicableError extends Error {
    constructor(public readonly reason?: string) {
        super(reason ?? "not applicable");
        this.name = "NotApplicableError";
    }
}

function isTypeOf(type: string, resourceClass: unknown): boolean {
    const pulumiType = (resourceClass as { __pulumiType?: unknown })?.__pulumiType;
    if (typeof pulumiType === "string" && pulumiType !== "") {
        return type === pulumiType;
    }
    const isInstance = (resourceClass as { isInstance?: unknown })?.isInstance;
    return typeof isInstance === "function" && isInstance({ __pulumiType: type }) === true;
}

// Objects here are built property by property, not spread: spreading objects of many shapes is slow, and benchmarks build thousands.
function policyOptions(resource: RegisteredResource): PolicyResourceOptions {
    const options: PolicyResourceOptions = {
        protect: resource.options.protect,
        ignoreChanges: [...resource.options.ignoreChanges],
        deleteBeforeReplace: resource.options.deleteBeforeReplace,
        aliases: [],
        customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
        additionalSecretOutputs: [],
    };
    if (resource.parent !== undefined) options.parent = resource.parent;
    return options;
}

/** A provider reference is "<provider urn>::<provider id>". */
function providerOf(resource: RegisteredResource, byUrn: Map<string, RegisteredResource>): PolicyProviderResource | undefined {
    const reference = resource.options.provider;
    if (reference === undefined) return undefined;
    const cut = reference.lastIndexOf("::");
    const provider = byUrn.get(cut < 0 ? reference : reference.slice(0, cut));
    return provider === undefined
        ? undefined
        : { type: provider.type, props: unknownCheckingProxy(structuredClone(provider.inputs)), urn: provider.urn, name: provider.name };
}

type ResourceView = Pick<PolicyResource, "type" | "props" | "urn" | "name" | "opts" | "provider" | "isType" | "asType">;

/** What the engine shows of a resource to resource and stack policies alike. */
function resourceView(resource: RegisteredResource, byUrn: Map<string, RegisteredResource>, propsOf: (inputs: Record<string, any>) => Record<string, any>): ResourceView {
    const props = propsOf(resource.inputs);
    const view: ResourceView = {
        type: resource.type,
        props,
        urn: resource.urn,
        name: resource.name,
        opts: policyOptions(resource),
        isType: (cls: unknown) => isTypeOf(resource.type, cls),
        asType: ((cls: unknown) => (isTypeOf(resource.type, cls) ? props : undefined)) as PolicyResource["asType"],
    };
    const provider = providerOf(resource, byUrn);
    if (provider !== undefined) view.provider = provider;
    return view;
}

export interface Evaluation {
    violations: Violation[];
    notApplicable: { policy: string; urn?: string; reason?: string }[];
}

export interface EvaluateOptions {
    /** Default: the whole pack. */
    policies?: Policies;
    stackTags?: ReadonlyMap<string, string>;
    /** Hand policies the registered inputs as they are, as the engine does, without the tests' defensive copy and unknown-field proxy (benchmarks). Default: false. */
    raw?: boolean;
}

function effectiveLevel(config: PackConfig, policy: { name: string; enforcementLevel?: EnforcementLevel }): EnforcementLevel {
    const level = config[policy.name]?.enforcementLevel ?? policy.enforcementLevel ?? "advisory";
    return level === "remediate" ? "mandatory" : level;
}

function configOf(config: PackConfig, name: string): () => any {
    return () => structuredClone(config[name]?.properties ?? {});
}

/** Runs every enabled resource and stack policy over the resources a program registered. */
export async function evaluatePack(resources: RegisteredResource[], config: PackConfig, options: EvaluateOptions = {}): Promise<Evaluation> {
    const policies = options.policies ?? pack;
    const stackTags = options.stackTags ?? new Map<string, string>();
    const propsOf = options.raw ? (inputs: Record<string, any>) => inputs : (inputs: Record<string, any>) => unknownCheckingProxy(structuredClone(inputs));
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    const result: Evaluation = { violations: [], notApplicable: [] };
    // The config of the policy being run.
    let getConfig: () => any = () => ({});
    // What the engine passes about a resource, built once per resource (raw) or afresh per evaluation (tests).
    const built: ResourceValidationArgs[] = [];
    const resourceArgs = (resource: RegisteredResource, index: number): ResourceValidationArgs => {
        const cached = options.raw ? built[index] : undefined;
        if (cached !== undefined) return cached;
        const args = resourceView(resource, byUrn, propsOf) as ResourceValidationArgs;
        args.stackTags = stackTags;
        args.getConfig = () => getConfig();
        args.notApplicable = (reason?: string): never => {
            throw new NotApplicableError(reason);
        };
        if (options.raw) built[index] = args;
        return args;
    };

    let stackViews: PolicyResource[] | undefined;
    for (const policy of policies) {
        const level = effectiveLevel(config, policy);
        if (level === "disabled") continue;
        // The engine builds the config afresh for each evaluation; the tests give each a deep copy, benchmarks share one.
        getConfig = options.raw ? ((properties) => () => properties)(structuredClone(config[policy.name]?.properties ?? {})) : configOf(config, policy.name);
        const validations = "validateResource" in policy && policy.validateResource !== undefined
            ? (Array.isArray(policy.validateResource) ? policy.validateResource : [policy.validateResource])
            : [];
        for (const validate of validations) {
            // Every resource in one synchronous pass; a validation that returns a promise is awaited after it.
            await Promise.all(validateEach(validate, resources, (index) => resourceArgs(resources[index], index),
                (message, urn) => result.violations.push({ policy: policy.name, level, message, urn }),
                (urn, reason) => result.notApplicable.push({ policy: policy.name, urn, reason }),
                (urn, err) => result.violations.push({ policy: policy.name, level: "advisory", message: unknownValueMessage(policy.name, err), urn })));
        }
        if ("validateStack" in policy && policy.validateStack !== undefined) {
            // The engine builds the stack's view afresh for each stack policy; benchmarks build it once.
            const views = options.raw ? (stackViews ??= stackView(resources, byUrn, propsOf)) : stackView(resources, byUrn, propsOf);
            await runStack(policy, level, views, config, stackTags, result);
        }
    }
    return result;
}

/**
 * Runs one resource validation over every resource in a plain loop (a loop
 * inside the async evaluatePack would run unoptimized) and returns the
 * promises of the evaluations that returned one.
 */
function validateEach(
    validate: ResourceValidation,
    resources: RegisteredResource[],
    argsOf: (index: number) => ResourceValidationArgs,
    report: (message: string, urn: string) => void,
    notApplicable: (urn: string, reason?: string) => void,
    unknown: (urn: string, err: UnknownValueError) => void,
): Promise<void>[] {
    const pending: Promise<void>[] = [];
    const skipped = (urn: string) => (err: unknown) => {
        if (err instanceof UnknownValueError) return unknown(urn, err);
        if (!(err instanceof NotApplicableError)) throw err;
        notApplicable(urn, err.reason);
    };
    for (let index = 0; index < resources.length; index++) {
        const urn = resources[index].urn;
        try {
            const outcome = validate(argsOf(index), (message) => report(message, urn));
            if (outcome instanceof Promise) pending.push(outcome.catch(skipped(urn)));
        } catch (err) {
            skipped(urn)(err);
        }
    }
    return pending;
}

/** The resources as a stack policy sees them, with parents, dependencies and property dependencies resolved to resource objects. */
function stackView(resources: RegisteredResource[], byUrn: Map<string, RegisteredResource>, propsOf: (inputs: Record<string, any>) => Record<string, any>): PolicyResource[] {
    const views = new Map<string, PolicyResource>();
    for (const resource of resources) {
        const view = resourceView(resource, byUrn, propsOf) as PolicyResource;
        view.dependencies = [];
        view.propertyDependencies = {};
        views.set(resource.urn, view);
    }
    for (const resource of resources) {
        const view = views.get(resource.urn)!;
        const parent = resource.parent === undefined ? undefined : views.get(resource.parent);
        if (parent !== undefined) view.parent = parent;
        view.dependencies = resource.options.dependsOn.map((urn) => views.get(urn)).filter((r): r is PolicyResource => r !== undefined);
        for (const [key, urns] of Object.entries(resource.propertyDependencies)) {
            view.propertyDependencies[key] = urns.map((urn) => views.get(urn)).filter((r): r is PolicyResource => r !== undefined);
        }
    }
    return [...views.values()];
}

async function runStack(
    policy: StackValidationPolicy,
    level: EnforcementLevel,
    resources: PolicyResource[],
    config: PackConfig,
    stackTags: ReadonlyMap<string, string>,
    result: Evaluation,
): Promise<void> {
    try {
        await policy.validateStack({
            resources,
            getConfig: configOf(config, policy.name),
            stackTags,
            notApplicable: (reason?: string): never => {
                throw new NotApplicableError(reason);
            },
        }, (message, urn) => result.violations.push({ policy: policy.name, level, message, ...(urn === undefined ? {} : { urn }) }));
    } catch (err) {
        if (err instanceof UnknownValueError) {
            result.violations.push({ policy: policy.name, level: "advisory", message: unknownValueMessage(policy.name, err) });
            return;
        }
        if (!(err instanceof NotApplicableError)) throw err;
        result.notApplicable.push({ policy: policy.name, reason: err.reason });
    }
}

/** A resource as a test writes it: only type and inputs are required. */
export interface TestResource {
    type: string;
    inputs: Record<string, any>;
    name?: string;
    urn?: string;
    custom?: boolean;
    parent?: string;
    provider?: string;
}

/** A RegisteredResource for hand-built test resources (defaults for everything the engine would fill in). */
export function registered(resource: TestResource, index = 0): RegisteredResource {
    const name = resource.name ?? `${resource.type.split(":").pop()?.toLowerCase() ?? "resource"}-${index}`;
    return {
        type: resource.type,
        name,
        urn: resource.urn ?? `urn:pulumi:test::test::${resource.type}::${name}`,
        parent: resource.parent,
        custom: resource.custom ?? true,
        inputs: resource.inputs,
        secretInputs: [],
        options: {
            dependsOn: [],
            protect: false,
            retainOnDelete: false,
            provider: resource.provider,
            ignoreChanges: [],
            deleteBeforeReplace: false,
        },
        propertyDependencies: {},
        transforms: [],
    };
}

export function policyNamed(name: string): ResourceValidationPolicy | StackValidationPolicy {
    const policy = pack.find((p) => p.name === name);
    if (policy === undefined) throw new Error(`no policy named ${name}`);
    return policy;
}

/**
 * The messages one policy reports: for a resource policy, on each resource; for a stack policy, on the
 * stack made of the resources. `properties` override the policy's config (defaults applied).
 */
export async function messages(name: string, resources: TestResource | TestResource[], properties: Record<string, unknown> = {}): Promise<string[]> {
    const policy = policyNamed(name);
    const list = (Array.isArray(resources) ? resources : [resources]).map(registered);
    const config = reconcileConfig({ [name]: { enforcementLevel: "mandatory", ...properties } }, [policy]);
    const { violations } = await evaluatePack(list, config, { policies: [policy] });
    return violations.map((v) => v.message);
}

/** "policy: message" lines, sorted, for exact comparisons. */
export function lines(violations: Violation[]): string[] {
    return violations.map((v) => `${v.policy}: ${v.message}`).sort();
}
