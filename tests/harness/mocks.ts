import * as assert from "node:assert/strict";
// Runs a Pulumi program under `pulumi.runtime.setMocks` and records every resource it registers,
// including the resource options the mock API does not expose (read from the protobuf request).
import * as fs from "node:fs";
import * as path from "node:path";
import * as yaml from "js-yaml";
import * as pulumi from "@pulumi/pulumi";

export interface RegisteredResource {
    type: string;
    name: string;
    urn: string;
    /** Parent URN; undefined when the resource has no parent. */
    parent?: string;
    custom: boolean;
    /**
     * Inputs as the engine receives them, deserialized. Secret values are unwrapped to their plain
     * value; the names of the top-level inputs that were secret are listed in `secretInputs`
     * (the Pulumi runtime hoists secretness to the top-level property).
     */
    inputs: Record<string, any>;
    secretInputs: string[];
    options: {
        /**
         * The request's dependencies: explicit dependsOn plus the resources whose outputs flow into the
         * inputs; a component in dependsOn appears as the URNs of its (custom) children.
         */
        dependsOn: string[];
        protect: boolean;
        retainOnDelete: boolean;
        provider?: string;
        ignoreChanges: string[];
        deleteBeforeReplace: boolean;
    };
    propertyDependencies: Record<string, string[]>;
    /** Transforms declared in the resource options; the mocks do not run them. */
    transforms: Function[];
    /**
     * The URN as the engine forms it: `urn:pulumi:<stack>::<project>::<qualified type>::<name>`, where
     * the qualified type is the chain of the ancestors' types and the resource's own, joined by "$"
     * (the mock monitor's `urn` keeps only the parent's last type). Set by runProgram and runStack;
     * absent on records built by hand.
     */
    engineUrn?: string;
    /**
     * The `aliases` option, each resolved to the engine URN it stands for (see ResourceAlias). Set by
     * runProgram and runStack; absent on records built by hand.
     */
    aliases?: ResourceAlias[];
}

/**
 * One entry of a resource's `aliases` option, as the engine receives it (the mock monitor reports
 * support for alias specs, so the SDK sends structured aliases), resolved to an engine URN:
 * - an alias given as a URN string is taken literally (`urn`; no `spec`): write such URNs in full,
 *   as the engine forms them;
 * - an alias spec's fields default to the resource's own name, type, stack and project; its parent is
 *   the engine URN of the parent it names, none with `{ parent: undefined }` (the SDK sends noParent)
 *   or when it names the root stack, else the resource's own parent. A parent named by URN string is
 *   mapped to its engine URN when it is the (mock) URN of a resource registered in the same run.
 */
export interface ResourceAlias {
    /** The engine URN the alias stands for. */
    urn: string;
    /** For an alias spec, its fields with the defaults filled in (the engine needs the parent apart). */
    spec?: { name: string; type: string; stack: string; project: string; parent?: string };
}

export interface ProgramResult {
    /** In the order their registrations completed (not necessarily program order). */
    resources: RegisteredResource[];
    outputs: Record<string, unknown>;
}

export interface MockRunOptions {
    /** Defaults to "flink-platform". */
    project?: string;
    /** Defaults to "dev". */
    stack?: string;
    /**
     * Config values. Keys without ":" get "<project>:" prepended. Non-string values are
     * JSON-encoded, as the Pulumi CLI passes them to the program.
     */
    config?: Record<string, unknown>;
}

const repoRoot = path.resolve(__dirname, "..", "..");

// Not in @pulumi/pulumi's type declarations (marked @internal) but exported at runtime.
const runtime = pulumi.runtime as typeof pulumi.runtime & { waitForRPCs(): Promise<void> };

type RegisterRequest = {
    getType(): string;
    getName(): string;
    getParent(): string;
    getCustom(): boolean;
    getDependenciesList(): string[];
    hasProtect(): boolean;
    getProtect(): boolean;
    hasRetainondelete(): boolean;
    getRetainondelete(): boolean;
    getProvider(): string;
    getIgnorechangesList(): string[];
    getDeletebeforereplace(): boolean;
    getPropertydependenciesMap(): { forEach(cb: (deps: { getUrnsList(): string[] }, key: string) => void): void };
    getAliasesList(): AliasProto[];
};
/** pulumirpc.Alias (node_modules/@pulumi/pulumi/proto/alias_pb.js): a URN, or a spec. */
type AliasProto = {
    hasUrn(): boolean;
    getUrn(): string;
    getSpec(): {
        getName(): string;
        getType(): string;
        getStack(): string;
        getProject(): string;
        hasParenturn(): boolean;
        getParenturn(): string;
        getNoparent(): boolean;
    } | undefined;
};
type RegisterCallback = (err: Error | null, resp?: { getUrn(): string }) => void;
type MockMonitor = { registerResource(req: RegisterRequest, callback: RegisterCallback): Promise<void> };

/** What `newResource` saw for a request: the deserialized inputs and the resolved transforms. */
interface MockArgs {
    inputs: Record<string, any>;
    transforms: Function[];
}

function toRecord(req: RegisterRequest, urn: string, args: MockArgs): RegisteredResource {
    const inputs: Record<string, any> = {};
    const secretInputs: string[] = [];
    for (const [key, value] of Object.entries(args.inputs)) {
        if (pulumi.runtime.isRpcSecret(value)) secretInputs.push(key);
        inputs[key] = pulumi.runtime.unwrapRpcSecret(value);
    }
    const propertyDependencies: Record<string, string[]> = {};
    req.getPropertydependenciesMap().forEach((deps, key) => {
        propertyDependencies[key] = deps.getUrnsList();
    });
    return {
        type: req.getType(),
        name: req.getName(),
        urn,
        parent: req.getParent() || undefined,
        custom: req.getCustom(),
        inputs,
        secretInputs,
        options: {
            dependsOn: req.getDependenciesList(),
            // protect and retainOnDelete are optional fields, unset when the option was not given.
            protect: req.hasProtect() && req.getProtect(),
            retainOnDelete: req.hasRetainondelete() && req.getRetainondelete(),
            provider: req.getProvider() || undefined,
            ignoreChanges: req.getIgnorechangesList(),
            deleteBeforeReplace: req.getDeletebeforereplace(),
        },
        propertyDependencies,
        transforms: args.transforms,
    };
}

const rootStackType = "pulumi:pulumi:Stack";

/** The qualified type of an engine URN (`urn:pulumi:<stack>::<project>::<qualified type>::<name>`). */
export function qualifiedTypeOf(urn: string): string {
    return urn.split("::")[2];
}

/** The engine URN of a resource: the parent's qualified type, if any, prefixes its own type. */
export function createEngineUrn(name: string, type: string, parent: string | undefined, project: string, stack: string): string {
    const parentType = parent === undefined ? undefined : qualifiedTypeOf(parent);
    const qualifiedType = parentType === undefined || parentType === rootStackType ? type : `${parentType}$${type}`;
    return `urn:pulumi:${stack}::${project}::${qualifiedType}::${name}`;
}

/** Fills in `engineUrn` and `aliases` (see RegisteredResource) once every registration finished. */
function resolveEngineUrns(resources: RegisteredResource[], aliasRequests: Map<RegisteredResource, AliasProto[]>, project: string, stack: string): void {
    const byMockUrn = new Map(resources.map((r) => [r.urn, r]));
    // A parent URN that names a resource of this run is that resource's engine URN; another one
    // (a parent outside the run, such as a Construct request's) is taken as it is.
    const engineUrnOf = (urn: string): string => {
        const resource = byMockUrn.get(urn);
        if (resource === undefined) return urn;
        if (resource.engineUrn === undefined) {
            const parent = resource.parent === undefined ? undefined : engineUrnOf(resource.parent);
            resource.engineUrn = createEngineUrn(resource.name, resource.type, parent, project, stack);
        }
        return resource.engineUrn;
    };
    for (const resource of resources) {
        engineUrnOf(resource.urn);
    }
    for (const resource of resources) {
        const ownParent = resource.parent === undefined ? undefined : engineUrnOf(resource.parent);
        resource.aliases = (aliasRequests.get(resource) ?? []).map((alias): ResourceAlias => {
            const spec = alias.getSpec();
            if (alias.hasUrn() || spec === undefined) return { urn: alias.getUrn() };
            let parent = spec.hasParenturn() ? engineUrnOf(spec.getParenturn()) : spec.getNoparent() ? undefined : ownParent;
            if (parent !== undefined && qualifiedTypeOf(parent) === rootStackType) parent = undefined;
            const resolved = {
                name: spec.getName() || resource.name,
                type: spec.getType() || resource.type,
                stack: spec.getStack() || stack,
                project: spec.getProject() || project,
                parent,
            };
            return { urn: createEngineUrn(resolved.name, resolved.type, resolved.parent, resolved.project, resolved.stack), spec: resolved };
        });
    }
}

/** The engine refuses a program in which two resources name one alias (pkg/resource/deploy/step_generator.go: "Duplicate resource alias"). */
function requireDistinctAliases(resources: RegisteredResource[]): void {
    const aliasedBy = new Map<string, string>();
    for (const resource of resources) {
        for (const { urn } of resource.aliases ?? []) {
            const other = aliasedBy.get(urn);
            if (other !== undefined && other !== resource.engineUrn) {
                throw new Error(`Duplicate resource alias '${urn}' applied to resource with URN '${resource.engineUrn}' conflicting with resource with URN '${other}'`);
            }
            aliasedBy.set(urn, resource.engineUrn as string);
        }
    }
}

function configKey(project: string, key: string): string {
    return key.includes(":") ? key : `${project}:${key}`;
}

function configValue(value: unknown): string {
    return typeof value === "string" ? value : JSON.stringify(value);
}

/** Waits for the resolved value of every Output/promise nested in `value`. */
function resolveOutputs(value: unknown): Promise<unknown> {
    // `promise()` is @internal on Output but, unlike `apply`, it rejects when the output fails
    // instead of never calling back.
    return (pulumi.output(value) as unknown as { promise(): Promise<unknown> }).promise();
}

async function run(
    program: () => unknown,
    project: string,
    stack: string,
    config: Record<string, string>,
    secretKeys: string[],
): Promise<ProgramResult> {
    const resources: RegisteredResource[] = [];
    /** The URNs registered so far (a Set: a list scan per registration is quadratic over 10,000 resources). */
    const registeredUrns = new Set<string>();
    const errors: unknown[] = [];
    // The request whose registration is being delegated right now: MockMonitor.registerResource
    // calls `mocks.newResource` synchronously, before its first await, so newResource can pair the
    // arguments it receives with the request.
    let delegating: RegisterRequest | undefined;
    const mockArgs = new WeakMap<RegisterRequest, MockArgs>();
    const aliasRequests = new Map<RegisteredResource, AliasProto[]>();

    await pulumi.runtime.setMocks(
        {
            newResource(args) {
                if (delegating) {
                    mockArgs.set(delegating, { inputs: args.inputs, transforms: args.transforms ?? [] });
                }
                return { id: `${args.name}-id`, state: args.inputs };
            },
            call() {
                return {};
            },
        },
        project,
        stack,
        false,
    );
    pulumi.runtime.setAllConfig(config, secretKeys);

    const monitor = pulumi.runtime.getMonitor() as unknown as MockMonitor;
    const registerResource = monitor.registerResource.bind(monitor);
    monitor.registerResource = (req, callback) => {
        delegating = req;
        try {
            return registerResource(req, (err, resp) => {
                if (err || !resp) {
                    errors.push(err);
                    return callback(err);
                }
                const urn = resp.getUrn();
                // The engine rejects duplicate URNs; the mock monitor would silently overwrite.
                if (registeredUrns.has(urn)) {
                    const dup = new Error(`Duplicate resource URN '${urn}'; try giving it a unique name`);
                    errors.push(dup);
                    return callback(dup);
                }
                const args = mockArgs.get(req);
                if (!args) {
                    const unpaired = new Error(`harness: newResource was not called synchronously for ${urn}`);
                    errors.push(unpaired);
                    return callback(unpaired);
                }
                const record = toRecord(req, urn, args);
                aliasRequests.set(record, req.getAliasesList());
                resources.push(record);
                registeredUrns.add(urn);
                callback(null, resp);
            });
        } finally {
            delegating = undefined;
        }
    };

    // Like the Pulumi CLI, treat any unhandled rejection during the run as a program failure: this is
    // how a resource whose inputs failed to resolve (e.g. an apply callback threw) surfaces. Other
    // listeners (mocha's) are detached meanwhile so they do not fail the current test on their own.
    const otherListeners = process.listeners("unhandledRejection");
    const onUnhandled = (reason: unknown) => errors.push(reason);
    process.removeAllListeners("unhandledRejection");
    process.on("unhandledRejection", onUnhandled);
    const execute = async (): Promise<ProgramResult> => {
        let outputs: Record<string, unknown> = {};
        try {
            const result = await resolveOutputs(await program());
            if (result !== null && typeof result === "object") outputs = result as Record<string, unknown>;
        } catch (err) {
            errors.unshift(err);
        }
        // waitForRPCs waits for registrations already started. A resource created in an apply callback
        // starts registering only when the callback runs, after the outputs it depends on resolved; a
        // macrotask turn lets those callbacks run before waiting again. Repeat until nothing new finished.
        let finished: number;
        do {
            await new Promise((resolve) => setImmediate(resolve));
            finished = resources.length + errors.length;
            await runtime.waitForRPCs();
        } while (resources.length + errors.length !== finished);
        if (errors.length > 0) throw errors[0];
        resolveEngineUrns(resources, aliasRequests, project, stack);
        requireDistinctAliases(resources);
        return { resources, outputs };
    };
    const watchdog = watchForDeadlock(() => `${resources.length}/${errors.length}`);
    try {
        return await Promise.race([execute(), watchdog.deadlocked]);
    } finally {
        watchdog.stop();
        process.removeListener("unhandledRejection", onUnhandled);
        for (const listener of otherListeners) process.on("unhandledRejection", listener);
    }
}

// Internals of @pulumi/pulumi (absent from its type declarations) used to diagnose a deadlock.
const pulumiState: { getPendingResourceRegistrations(): Map<object, unknown> } = require("@pulumi/pulumi/runtime/state");
const pulumiDebuggable: { leakedPromises(): [Set<unknown>, string] } = require("@pulumi/pulumi/runtime/debuggable");

const deadlockAfterMs = 3000;

/**
 * Rejects when resources are still waiting to register but no registration has finished or failed
 * for `deadlockAfterMs`: the program deadlocked (e.g. a resource waits on its own descendants, or
 * on an output that never resolves). The Pulumi CLI reports this when the event loop runs empty;
 * under mocha it never does, so the run would otherwise hang until the test times out. The error
 * is the CLI's own message, naming the pending registrations and the cycle if it finds one.
 */
function watchForDeadlock(progress: () => string): { deadlocked: Promise<never>; stop(): void } {
    let last = progress();
    let since = Date.now();
    let timer: NodeJS.Timeout | undefined;
    const deadlocked = new Promise<never>((_, reject) => {
        timer = setInterval(() => {
            const now = progress();
            if (now !== last || pulumiState.getPendingResourceRegistrations().size === 0) {
                last = now;
                since = Date.now();
            } else if (Date.now() - since >= deadlockAfterMs) {
                const message = pulumiDebuggable.leakedPromises()[1];
                reject(new Error(`deadlock: no registration progressed for ${deadlockAfterMs} ms.\n${message}`));
            }
        }, 250);
    });
    return { deadlocked, stop: () => clearInterval(timer) };
}

/** Runs `program` under fresh mocks and returns the resources it registered and its outputs. */
export async function runProgram(program: () => unknown, options: MockRunOptions = {}): Promise<ProgramResult> {
    const project = options.project ?? "flink-platform";
    const config: Record<string, string> = {};
    for (const [key, value] of Object.entries(options.config ?? {})) {
        config[configKey(project, key)] = configValue(value);
    }
    return run(program, project, options.stack ?? "dev", config, []);
}

function readYaml(file: string): Record<string, any> {
    return (yaml.load(fs.readFileSync(file, "utf8")) as Record<string, any> | undefined) ?? {};
}

const projectSchemaKeys = new Set(["type", "description", "default", "value", "secret", "items"]);

/** A Pulumi.yaml config entry is either `{ type, description, default, ... }` or a bare value. */
function projectDefault(entry: unknown): unknown {
    const isSchema =
        entry !== null &&
        typeof entry === "object" &&
        !Array.isArray(entry) &&
        Object.keys(entry).every((k) => projectSchemaKeys.has(k));
    if (!isSchema) return entry;
    const schema = entry as { value?: unknown; default?: unknown };
    return schema.value ?? schema.default;
}

/** Replaces every `{ secure: "..." }` node with a placeholder string; reports whether it found one. */
function replaceSecure(value: unknown, placeholder: string): { value: unknown; secret: boolean } {
    if (value === null || typeof value !== "object") return { value, secret: false };
    const keys = Object.keys(value);
    if (keys.length === 1 && keys[0] === "secure") return { value: placeholder, secret: true };
    let secret = false;
    const copy: any = Array.isArray(value) ? [] : {};
    for (const [k, v] of Object.entries(value)) {
        const replaced = replaceSecure(v, placeholder);
        copy[k] = replaced.value;
        secret ||= replaced.secret;
    }
    return { value: copy, secret };
}

/**
 * Runs a project's program with the config the Pulumi CLI would give it for `stack`: defaults from
 * Pulumi.yaml, then Pulumi.<stack>.yaml, then `overrides`. Secure values become the placeholder
 * "secure-placeholder:<key>" and are marked secret.
 */
export async function runStack(
    stack: string,
    overrides: Record<string, unknown> = {},
    projectDir: string = repoRoot,
): Promise<ProgramResult> {
    const dir = path.resolve(repoRoot, projectDir);
    const projectFile = readYaml(path.join(dir, "Pulumi.yaml"));
    const project: string = projectFile.name;
    const stackFile = path.join(dir, `Pulumi.${stack}.yaml`);
    const stackConfig = fs.existsSync(stackFile) ? (readYaml(stackFile).config ?? {}) : {};

    const values = new Map<string, unknown>();
    for (const [key, entry] of Object.entries(projectFile.config ?? {})) {
        const value = projectDefault(entry);
        if (value !== undefined) values.set(configKey(project, key), value);
    }
    for (const [key, value] of [...Object.entries(stackConfig), ...Object.entries(overrides)]) {
        values.set(configKey(project, key), value);
    }
    const config: Record<string, string> = {};
    const secretKeys: string[] = [];
    for (const [key, raw] of values) {
        const { value, secret } = replaceSecure(raw, `secure-placeholder:${key}`);
        config[key] = configValue(value);
        if (secret) secretKeys.push(key);
    }

    // The CLI loads the program into a fresh process, so re-evaluate the entry module each run (its
    // top-level code runs again under the new mocks); its imports stay cached. Like the CLI, require
    // the project directory (package.json "main", else index) and call the export if it is a function.
    const entry = path.resolve(dir, projectFile.main ?? ".");
    const main = require.resolve(fs.statSync(entry).isDirectory() ? entry + path.sep : entry);
    const program = () => {
        delete require.cache[main];
        const exported = require(main);
        return typeof exported === "function" ? exported() : exported;
    };
    return run(program, project, stack, config, secretKeys);
}

export function byType(resources: RegisteredResource[], type: string): RegisteredResource[] {
    return resources.filter((r) => r.type === type);
}

export function findResource(resources: RegisteredResource[], type: string, name: string): RegisteredResource {
    const found = resources.find((r) => r.type === type && r.name === name);
    if (!found) {
        const names = byType(resources, type).map((r) => r.name);
        throw new Error(`no ${type} named "${name}"; registered ${type} names: [${names.join(", ")}]`);
    }
    return found;
}

/** Asserts that `run` fails with exactly `message`, as a RunError (which Pulumi prints without a JavaScript stack). */
export async function assertRefuses(run: Promise<unknown>, message: string): Promise<void> {
    await assert.rejects(run, (err: Error) => {
        assert.equal(err.message, message);
        assert.ok(pulumi.RunError.isInstance(err), `${err.name} is a RunError (printed without a JavaScript stack)`);
        return true;
    });
}
