// The policy pack as the Pulumi CLI runs it: the packed pack installed into a fresh folder as the CLI
// installs a published pack, started by Pulumi's own policy pack runner, and spoken to over the analyzer
// gRPC protocol the engine uses, with the stubs @pulumi/pulumi ships (proto/analyzer_grpc_pb.js) and
// resources marshalled as the engine marshals them (sdk/go/common/resource/plugin/analyzer_plugin.go:
// MarshalProperties with KeepUnknowns, KeepSecrets and SkipInternalKeys).
import { ChildProcess, spawn } from "node:child_process";
import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as path from "node:path";
import { specialSecretSig, specialSigKey } from "@pulumi/pulumi/runtime/rpc";
import type { RegisteredResource } from "../harness/mocks";
import { childEnv, exec, npmInstall } from "./install";

/** The pack as the CLI installs a published one: the tarball extracted into `dir`, then `npm install` there (the sdk, not on the registry yet, from its tarball). */
export async function installPolicyPack(policiesTarball: string, sdkTarball: string, dir: string): Promise<void> {
    fs.mkdirSync(dir, { recursive: true });
    await exec("tar", ["-xzf", policiesTarball, "--strip-components=1", "-C", dir], path.dirname(dir));
    await npmInstall(dir, sdkTarball);
}

export interface PolicyPackProcess {
    /** The port of the pack's gRPC server, as it printed it. */
    port: number;
    child: ChildProcess;
    /** What the pack printed so far, stdout then stderr. */
    output(): string;
}

/**
 * Starts the pack as the Pulumi CLI does: `node node_modules/@pulumi/pulumi/cmd/run-policy-pack <engine> .`
 * in the pack's folder (it type-checks the pack with ts-node and its tsconfig.json). A pack that
 * started prints the port of its gRPC server as its first line; one that failed exits.
 */
export function startPolicyPack(dir: string): Promise<PolicyPackProcess> {
    const child = spawn(process.execPath, [path.join("node_modules", "@pulumi", "pulumi", "cmd", "run-policy-pack"), "127.0.0.1:1", "."], {
        cwd: dir,
        stdio: ["ignore", "pipe", "pipe"],
        env: childEnv(),
    });
    let stdout = "";
    let stderr = "";
    const output = () => stdout + stderr;
    return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
            child.kill();
            reject(new Error(`the policy pack printed no port in 120 s:\n${output()}`));
        }, 120_000);
        child.stdout!.on("data", (chunk) => {
            stdout += chunk;
            const port = /^(\d+)$/m.exec(stdout);
            if (port) {
                clearTimeout(timer);
                resolve({ port: Number(port[1]), child, output });
            }
        });
        child.stderr!.on("data", (chunk) => (stderr += chunk));
        child.on("exit", (code) => {
            clearTimeout(timer);
            reject(new Error(`the policy pack exited with ${code} before it served:\n${output()}`));
        });
    });
}

export type Level = "advisory" | "mandatory" | "remediate" | "disabled";

/** pulumirpc.AnalyzeDiagnostic, as plain data. */
export interface Diagnostic {
    policyName: string;
    policyPackName: string;
    policyPackVersion: string;
    description: string;
    message: string;
    enforcementLevel: Level;
    /** "" when the policy named none. */
    urn: string;
}

export interface AnalyzerInfo {
    name: string;
    version: string;
    supportsConfig: boolean;
    policies: { name: string; description: string; enforcementLevel: Level }[];
}

/** pulumirpc.PolicyConfig per policy, as ConfigureAnalyzerRequest carries it. */
export type AnalyzerConfig = Record<string, { enforcementLevel: Level; properties: Record<string, unknown> }>;

/** A resource as the engine describes it to an analyzer (plugin.AnalyzerResource / AnalyzerStackResource). */
export interface EngineResource {
    type: string;
    urn: string;
    name: string;
    /** Marshalled properties: secrets and unknowns in their wire form (see marshalProperties). */
    properties: Record<string, unknown>;
    options: {
        protect: boolean;
        ignoreChanges: string[];
        deleteBeforeReplace?: boolean;
        additionalSecretOutputs: string[];
        aliases: string[];
        customTimeouts: { create: number; update: number; delete: number };
        parent: string;
    };
    provider?: { type: string; urn: string; name: string; properties: Record<string, unknown> };
    parent: string;
    dependencies: string[];
    propertyDependencies: Record<string, string[]>;
}

const levelNames: Level[] = ["advisory", "mandatory", "disabled", "remediate"];

/**
 * A client of a running pack's AnalyzerService, built from the pack's own @pulumi/pulumi (its stubs check
 * requests with instanceof against their own message classes), each call as a promise.
 */
export class AnalyzerClient {
    private readonly client: any;
    private readonly pb: any;
    private readonly Struct: any;
    private readonly Empty: any;

    constructor(dir: string, port: number) {
        const pulumiRequire = createRequire(path.join(dir, "node_modules", "@pulumi", "pulumi", "package.json"));
        const grpc = pulumiRequire("@grpc/grpc-js");
        const { AnalyzerClient: Client } = pulumiRequire("./proto/analyzer_grpc_pb");
        this.pb = pulumiRequire("./proto/analyzer_pb");
        this.Struct = pulumiRequire("google-protobuf/google/protobuf/struct_pb").Struct;
        this.Empty = pulumiRequire("google-protobuf/google/protobuf/empty_pb").Empty;
        this.client = new Client(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), { "grpc.max_send_message_length": 400 * 1024 * 1024 });
    }

    close(): void {
        this.client.close();
    }

    private call<T>(method: string, request: unknown): Promise<T> {
        return new Promise((resolve, reject) => {
            this.client[method](request, (err: Error | null, response: T) => (err ? reject(err) : resolve(response)));
        });
    }

    async getAnalyzerInfo(): Promise<AnalyzerInfo> {
        const info: any = await this.call("getAnalyzerInfo", new this.Empty());
        return {
            name: info.getName(),
            version: info.getVersion(),
            supportsConfig: info.getSupportsconfig(),
            policies: info.getPoliciesList().map((p: any) => ({
                name: p.getName(),
                description: p.getDescription(),
                enforcementLevel: levelNames[p.getEnforcementlevel()],
            })),
        };
    }

    /** The engine's first call after starting a pack: the stack, and whether this is a preview. */
    async configureStack(stack: { stack: string; project: string; organization: string; dryRun: boolean; tags?: Record<string, string> }): Promise<void> {
        const request = new this.pb.AnalyzerStackConfigureRequest();
        request.setStack(stack.stack);
        request.setProject(stack.project);
        request.setOrganization(stack.organization);
        request.setDryRun(stack.dryRun);
        for (const [key, value] of Object.entries(stack.tags ?? {})) request.getTagsMap().set(key, value);
        await this.call("configureStack", request);
    }

    /** ConfigureAnalyzerRequest: every policy's enforcement level and properties (analyzer_plugin.go Configure). */
    async configure(config: AnalyzerConfig): Promise<void> {
        const request = new this.pb.ConfigureAnalyzerRequest();
        for (const [name, { enforcementLevel, properties }] of Object.entries(config)) {
            const policyConfig = new this.pb.PolicyConfig();
            policyConfig.setEnforcementlevel(levelNames.indexOf(enforcementLevel));
            policyConfig.setProperties(this.Struct.fromJavaScript(properties));
            request.getPolicyconfigMap().set(name, policyConfig);
        }
        await this.call("configure", request);
    }

    /** Remediate, which the engine calls on each resource before Analyze; the names of the policies that remediated. */
    async remediate(resource: EngineResource): Promise<string[]> {
        const response: any = await this.call("remediate", this.analyzeRequest(resource));
        return response.getRemediationsList().map((r: any) => r.getPolicyname());
    }

    /** Analyze: one resource's inputs, before the engine operates on it. */
    async analyze(resource: EngineResource): Promise<Diagnostic[]> {
        return this.diagnostics(await this.call("analyze", this.analyzeRequest(resource)));
    }

    /** AnalyzeStack: every resource of the stack, with parents and dependencies, at the end of a preview or update. */
    async analyzeStack(resources: EngineResource[]): Promise<Diagnostic[]> {
        const request = new this.pb.AnalyzeStackRequest();
        request.setResourcesList(resources.map((resource) => {
            const message = new this.pb.AnalyzerResource();
            this.describe(message, resource);
            message.setParent(resource.parent);
            message.setDependenciesList(resource.dependencies);
            for (const [key, urns] of Object.entries(resource.propertyDependencies)) {
                const dependencies = new this.pb.AnalyzerPropertyDependencies();
                dependencies.setUrnsList(urns);
                message.getPropertydependenciesMap().set(key, dependencies);
            }
            return message;
        }));
        return this.diagnostics(await this.call("analyzeStack", request));
    }

    private analyzeRequest(resource: EngineResource): unknown {
        const request = new this.pb.AnalyzeRequest();
        this.describe(request, resource);
        return request;
    }

    /** The fields AnalyzeRequest and AnalyzerResource share. */
    private describe(message: any, resource: EngineResource): void {
        message.setType(resource.type);
        message.setUrn(resource.urn);
        message.setName(resource.name);
        message.setProperties(this.Struct.fromJavaScript(resource.properties));
        const options = new this.pb.AnalyzerResourceOptions();
        options.setProtect(resource.options.protect);
        options.setIgnorechangesList(resource.options.ignoreChanges);
        options.setDeletebeforereplace(resource.options.deleteBeforeReplace ?? false);
        options.setDeletebeforereplacedefined(resource.options.deleteBeforeReplace !== undefined);
        options.setAdditionalsecretoutputsList(resource.options.additionalSecretOutputs);
        options.setAliasesList(resource.options.aliases);
        const timeouts = new this.pb.AnalyzerResourceOptions.CustomTimeouts();
        timeouts.setCreate(resource.options.customTimeouts.create);
        timeouts.setUpdate(resource.options.customTimeouts.update);
        timeouts.setDelete(resource.options.customTimeouts.delete);
        options.setCustomtimeouts(timeouts);
        options.setParent(resource.options.parent);
        message.setOptions(options);
        if (resource.provider !== undefined) {
            const provider = new this.pb.AnalyzerProviderResource();
            provider.setType(resource.provider.type);
            provider.setUrn(resource.provider.urn);
            provider.setName(resource.provider.name);
            provider.setProperties(this.Struct.fromJavaScript(resource.provider.properties));
            message.setProvider(provider);
        }
    }

    private diagnostics(response: any): Diagnostic[] {
        return response.getDiagnosticsList().map((d: any): Diagnostic => ({
            policyName: d.getPolicyname(),
            policyPackName: d.getPolicypackname(),
            policyPackVersion: d.getPolicypackversion(),
            description: d.getDescription(),
            message: d.getMessage(),
            enforcementLevel: levelNames[d.getEnforcementlevel()],
            urn: d.getUrn(),
        }));
    }
}

/**
 * A value as the engine marshals it for an analyzer (plugin.MarshalPropertyValue with KeepUnknowns,
 * KeepSecrets and SkipInternalKeys): plain data as it is, keys beginning with "__" dropped at every
 * level, an unknown as the sentinel string it already is here, and `secret` values wrapped in the
 * secret signature object { "4dabf1…": "1b4706…", value }.
 */
function marshalValue(value: unknown, at: string): unknown {
    if (value === null || typeof value === "string" || typeof value === "boolean") return value;
    if (typeof value === "number") {
        if (!Number.isFinite(value)) throw new Error(`${at}: ${value} has no wire form`);
        return value;
    }
    if (Array.isArray(value)) return value.map((element, i) => marshalValue(element, `${at}[${i}]`));
    if (typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
        const result: Record<string, unknown> = {};
        for (const [key, element] of Object.entries(value)) {
            if (key.startsWith("__") || element === undefined) continue;
            result[key] = marshalValue(element, `${at}.${key}`);
        }
        return result;
    }
    throw new Error(`${at}: ${String(value)} is not a value the engine marshals for an analyzer here`);
}

/** A resource's top-level properties marshalled, the ones in `secret` as secrets (the SDK marks secretness on the top-level property). */
export function marshalProperties(properties: Record<string, unknown>, secret: readonly string[] = []): Record<string, unknown> {
    const result = marshalValue(properties, "") as Record<string, unknown>;
    for (const key of secret) {
        if (key in result) result[key] = { [specialSigKey]: specialSecretSig, value: result[key] };
    }
    return result;
}

/**
 * The registered resources as the engine describes them to an analyzer: inputs (Analyze's properties;
 * under the mocks a resource's outputs are its inputs, so AnalyzeStack's too) with their secret inputs
 * marked, the options the engine passes, the provider a reference "<urn>::<id>" names, and for the stack
 * view the parent, dependencies and the property dependencies that are not empty (the engine skips those).
 */
export function engineResources(resources: RegisteredResource[]): EngineResource[] {
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    return resources.map((resource): EngineResource => {
        const reference = resource.options.provider;
        const provider = reference === undefined ? undefined : byUrn.get(reference.slice(0, reference.lastIndexOf("::")));
        const described: EngineResource = {
            type: resource.type,
            urn: resource.urn,
            name: resource.name,
            properties: marshalProperties(resource.inputs, resource.secretInputs),
            options: {
                protect: resource.options.protect,
                ignoreChanges: resource.options.ignoreChanges,
                deleteBeforeReplace: resource.options.deleteBeforeReplace,
                additionalSecretOutputs: [],
                aliases: (resource.aliases ?? []).map((alias) => alias.urn),
                customTimeouts: { create: 0, update: 0, delete: 0 },
                parent: resource.parent ?? "",
            },
            parent: resource.parent ?? "",
            dependencies: resource.options.dependsOn,
            propertyDependencies: Object.fromEntries(Object.entries(resource.propertyDependencies).filter(([, urns]) => urns.length > 0)),
        };
        if (provider !== undefined) {
            described.provider = { type: provider.type, urn: provider.urn, name: provider.name, properties: marshalProperties(provider.inputs, provider.secretInputs) };
        }
        return described;
    });
}
