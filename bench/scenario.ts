/**
 * One benchmark measurement, run in a child process of its own so that its
 * peak RSS is its own: `platform` builds the FlinkPlatform under the mock
 * runtime (and writes the Kubernetes objects it registered); `baseline`
 * registers those same objects directly with @pulumi/kubernetes (and the
 * random passwords their Secrets hold with @pulumi/random), in the same
 * order of creation (each waits for the same objects, as a hand-written
 * program must: a FlinkDeployment after the operator's CRDs), no components,
 * no derivation. Prints one JSON line.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { envConfig, evaluatePack } from "../tests/policies/runner";
import { RegisteredResource, runProgram } from "../tests/harness/mocks";
import { stacks } from "../tests/stack-cases";
import { FlinkPlatform } from "../sdk/index";
import { longestChain } from "./dependency-depth";
import { benchmarkPlatform } from "./platform-args";

interface Scenario {
    /** stacks: the dependency depth of every stack and example (no timing). */
    mode: "platform" | "baseline" | "stacks";
    clusters: number;
    namespaces: number;
    /** platform: where to write the registered Kubernetes objects; baseline: where to read them. */
    objectsFile: string;
    /** platform: also evaluate the policy pack over what was registered. */
    policies?: boolean;
}

interface KubernetesObject {
    type: string;
    name: string;
    inputs: Record<string, unknown>;
    /** The resource options that change what `pulumi up` and `pulumi destroy` do. */
    protect: boolean;
    retainOnDelete: boolean;
    /** How many transforms the platform registered it with (the operator chart: one). */
    transforms: number;
    /** The objects (`<type>::<name>`) it waits for: through dependsOn, or outputs of theirs in its inputs. */
    dependsOn: string[];
}

const objectKey = (type: string, name: string) => `${type}::${name}`;

const randomPasswordType = "random:index/randomPassword:RandomPassword";

const crdType = "kubernetes:apiextensions.k8s.io/v1:CustomResourceDefinition";

/**
 * The transform a hand-written program needs on the operator chart for the
 * same result: its CRDs kept when the chart is deleted (deleting a CRD deletes
 * every FlinkDeployment). Registering any transform starts Pulumi's callback
 * server, the same fixed cost for the platform and the baseline.
 */
const keepCrds: pulumi.ResourceTransform = (args) => args.type === crdType ? { props: args.props, opts: { ...args.opts, retainOnDelete: true } } : undefined;

/** The dependency graph among resources that the engine deploys (custom resources and remote components such as Helm charts). */
export function dependencyDepth(resources: RegisteredResource[]): number {
    const deployed = resources.filter((r) => r.custom || r.type.startsWith("kubernetes:helm.sh/"));
    return longestChain(deployed.map((r) => ({
        urn: r.urn,
        dependsOn: [...new Set([...r.options.dependsOn, ...Object.values(r.propertyDependencies).flat()])],
    }))).depth;
}

type ResourceClass = new (name: string, args: Record<string, unknown>, opts: pulumi.CustomResourceOptions) => pulumi.CustomResource;

/**
 * The @pulumi/kubernetes class a program would write for a type token:
 * k8s.core.v1.Namespace for "kubernetes:core/v1:Namespace",
 * k8s.networking.v1.NetworkPolicy for "kubernetes:networking.k8s.io/v1:NetworkPolicy";
 * CustomResource for the operator's and Prometheus' kinds.
 */
function classFor(type: string): ResourceClass {
    if (type === randomPasswordType) return random.RandomPassword as unknown as ResourceClass;
    const [, group, version, kind] = /^kubernetes:([^/]+)\/([^:]+):(.+)$/.exec(type) ?? [];
    const module = (k8s as unknown as Record<string, Record<string, Record<string, ResourceClass>>>)[group?.split(".")[0] ?? ""];
    return module?.[version]?.[kind] ?? (k8s.apiextensions.CustomResource as unknown as ResourceClass);
}

function registerDirectly(objects: KubernetesObject[]): void {
    const created = new Map<string, pulumi.Resource>();
    for (const object of objects) {
        // Same type token, name, inputs and resource options as the platform's registration; the objects were
        // recorded in the order they registered, so each one's dependencies exist before it.
        const dependsOn = object.dependsOn.map((key) => created.get(key)).filter((r): r is pulumi.Resource => r !== undefined);
        const options = {
            protect: object.protect, retainOnDelete: object.retainOnDelete, transforms: object.transforms > 0 ? [keepCrds] : undefined, dependsOn,
        };
        created.set(objectKey(object.type, object.name), object.type === "kubernetes:helm.sh/v4:Chart"
            ? new k8s.helm.v4.Chart(object.name, object.inputs as unknown as k8s.helm.v4.ChartArgs, options)
            : new (classFor(object.type))(object.name, object.inputs, options));
    }
}

async function stackDepths(): Promise<Record<string, number>> {
    const depths: Record<string, number> = {};
    for (const stack of stacks.filter((s) => fs.existsSync(path.resolve(__dirname, "..", s.file)))) {
        depths[stack.label] = dependencyDepth((await stack.run()).resources);
    }
    return depths;
}

async function main(scenario: Scenario) {
    if (scenario.mode === "stacks") {
        process.stdout.write(`${JSON.stringify(await stackDepths())}\n`);
        return;
    }
    const objects: KubernetesObject[] = scenario.mode === "baseline" ? JSON.parse(fs.readFileSync(scenario.objectsFile, "utf8")) : [];
    const start = performance.now();
    const { resources } = await runProgram(scenario.mode === "platform"
        ? () => new FlinkPlatform("bench", benchmarkPlatform(scenario.clusters, scenario.namespaces))
        : () => registerDirectly(objects));
    const milliseconds = performance.now() - start;
    const peakRssBytes = process.resourceUsage().maxRSS * 1024;
    const result: Record<string, unknown> = { resources: resources.length, milliseconds, peakRssBytes, depth: dependencyDepth(resources) };

    if (scenario.mode === "platform") {
        // The Kubernetes objects, and the random passwords some of their Secrets hold: a hand-written program needs them too.
        const isKubernetes = (r: RegisteredResource) =>
            r.custom && r.type.startsWith("kubernetes:") && typeof r.inputs.apiVersion === "string" || r.type === "kubernetes:helm.sh/v4:Chart";
        const keyOf = new Map(resources.map((r) => [r.urn, objectKey(r.type, r.name)]));
        const objects: KubernetesObject[] = resources.filter((r) => isKubernetes(r) || r.type === randomPasswordType).map(({ type, name, inputs, options, transforms, propertyDependencies }) => ({
            type, name, inputs, protect: options.protect, retainOnDelete: options.retainOnDelete, transforms: transforms.length,
            dependsOn: [...new Set([...options.dependsOn, ...Object.values(propertyDependencies).flat()])]
                .map((urn) => keyOf.get(urn)).filter((key): key is string => key !== undefined),
        }));
        fs.writeFileSync(scenario.objectsFile, JSON.stringify(objects));
        result.kubernetesObjects = resources.filter(isKubernetes).length;
        if (scenario.policies) {
            // Collect the registration's garbage first, so that the pack is not charged for it.
            (globalThis as { gc?: () => void }).gc?.();
            const policyStart = performance.now();
            const { violations } = await evaluatePack(resources, envConfig("prod"), { raw: true });
            result.policyMilliseconds = performance.now() - policyStart;
            result.policyViolations = violations.length;
        }
    }
    process.stdout.write(`${JSON.stringify(result)}\n`);
}

pulumi.log.warn = async () => undefined;
main(JSON.parse(process.argv[2]) as Scenario).catch((err) => {
    process.stderr.write(`${err?.stack ?? err}\n`);
    process.exit(1);
});
