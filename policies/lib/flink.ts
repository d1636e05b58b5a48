/**
 * FlinkDeployment and FlinkSessionJob as policies see them: the flattened
 * flinkConfiguration, the effective JobManager and TaskManager pods (the
 * operator merges spec.podTemplate with the per-component templates), the
 * labels Flink puts on its pods, state directories, and the configuration key
 * rules of the sdk (`sdk/flink/config-keys.ts`, the key lists of FLINK.md).
 */
import { FlinkVersion, validateFlinkConfiguration } from "@flink-platform/flink-platform/rules";
import { labelsOf, PodView } from "./k8s";
import { at, isRec, isTrue, list, Rec, rec, text } from "./values";

export const flinkMainContainer = "flink-main-container";

export type FlinkComponent = "jobmanager" | "taskmanager";

export const components: { component: FlinkComponent; field: "jobManager" | "taskManager"; title: string }[] = [
    { component: "jobmanager", field: "jobManager", title: "JobManager" },
    { component: "taskmanager", field: "taskManager", title: "TaskManager" },
];

/** How deep nested flinkConfiguration maps are followed. */
const maxNesting = 16;

function flatten(value: Rec, prefix: string, out: Record<string, unknown>, depth: number): void {
    for (const key of Object.keys(value)) {
        const child = value[key];
        const name = prefix === "" ? key : `${prefix}.${key}`;
        if (isRec(child) && depth < maxNesting) {
            flatten(child, name, out, depth + 1);
        } else {
            out[name] = child;
        }
    }
}

/**
 * `flinkConfiguration` with nested YAML maps flattened to dotted keys:
 * `{execution: {checkpointing: {interval: "1 min"}}}` and
 * `{"execution.checkpointing.interval": "1 min"}` both give the flat form.
 */
export function flinkConfiguration(spec: Rec): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    if (isRec(spec.flinkConfiguration)) {
        flatten(spec.flinkConfiguration, "", out, 0);
    }
    return out;
}

function lookup(value: Rec, key: string, depth: number): unknown {
    const direct = Object.hasOwn(value, key) ? value[key] : undefined;
    if (direct !== undefined && !(isRec(direct) && depth < maxNesting)) {
        return direct;
    }
    for (let dot = key.indexOf("."); dot > 0; dot = key.indexOf(".", dot + 1)) {
        const child = Object.hasOwn(value, key.slice(0, dot)) ? value[key.slice(0, dot)] : undefined;
        if (isRec(child) && depth < maxNesting) {
            const found = lookup(child, key.slice(dot + 1), depth + 1);
            if (found !== undefined) {
                return found;
            }
        }
    }
    return undefined;
}

/** One key of `flinkConfiguration`, flat or nested, as `flinkConfiguration(spec)[key]` finds it, without flattening the rest. */
export function flinkSetting(spec: Rec, key: string): unknown {
    return isRec(spec.flinkConfiguration) ? lookup(spec.flinkConfiguration, key, 0) : undefined;
}

/** The value of the first key present (aliases, newest first), as a string. */
export function confText(conf: Record<string, unknown>, ...keys: string[]): string | undefined {
    for (const key of keys) {
        const value = text(conf[key]);
        if (value !== undefined) {
            return value;
        }
    }
    return undefined;
}

/** The pod templates a FlinkDeployment sets, with their field names. */
export function flinkTemplates(spec: Rec): { field: string; template: Rec }[] {
    const templates: { field: string; template: Rec }[] = [];
    if (isRec(spec.podTemplate)) {
        templates.push({ field: "spec.podTemplate", template: spec.podTemplate });
    }
    for (const { field } of components) {
        const template = at(spec, field, "podTemplate");
        if (isRec(template)) {
            templates.push({ field: `spec.${field}.podTemplate`, template });
        }
    }
    return templates;
}

/**
 * The operator's pod template merge (FlinkUtils.mergePodTemplates): objects
 * merge key by key, the component template winning; arrays merge element by
 * element by position, or by `name` when
 * `kubernetes.operator.pod-template.merge-arrays-by-name` is true.
 */
export function mergeTemplates(base: unknown, over: unknown, byName: boolean): unknown {
    if (over === undefined || over === null) {
        return base;
    }
    if (isRec(base) && isRec(over)) {
        const merged: Rec = { ...base };
        for (const [key, value] of Object.entries(over)) {
            merged[key] = mergeTemplates(base[key], value, byName);
        }
        return merged;
    }
    if (Array.isArray(base) && Array.isArray(over)) {
        const named = (a: unknown[]) => a.every((e) => isRec(e) && text(e.name) !== undefined);
        if (byName && named(base) && named(over)) {
            const merged: unknown[] = base.map((element) => {
                const match = over.find((o) => text((o as Rec).name) === text((element as Rec).name));
                return match === undefined ? element : mergeTemplates(element, match, byName);
            });
            for (const element of over) {
                if (!base.some((b) => text((b as Rec).name) === text((element as Rec).name))) {
                    merged.push(element);
                }
            }
            return merged;
        }
        return Array.from({ length: Math.max(base.length, over.length) }, (_, i) => mergeTemplates(base[i], over[i], byName));
    }
    return over;
}

/**
 * The JobManager and TaskManager pods a FlinkDeployment creates, as far as
 * the spec decides them: spec.podTemplate merged with the component's
 * template, with Flink's main container added when the templates lack it.
 */
export function flinkPods(props: Rec): (PodView & { component: FlinkComponent })[] {
    const spec = rec(props.spec);
    const byName = isTrue(flinkSetting(spec, "kubernetes.operator.pod-template.merge-arrays-by-name"));
    return components.map(({ component, field, title }) => {
        const merged = rec(mergeTemplates(spec.podTemplate, at(spec, field, "podTemplate"), byName));
        const podSpec = { ...rec(merged.spec) };
        const containers = list(podSpec.containers);
        if (!containers.some((c) => isRec(c) && text(c.name) === flinkMainContainer)) {
            podSpec.containers = [...containers, { name: flinkMainContainer }];
        }
        return { where: `${title} pod`, metadata: rec(merged.metadata), spec: podSpec, component };
    });
}

/**
 * The labels of a FlinkDeployment's pods of one component: the templates' labels plus Flink's own. Flink's `app` is
 * the FlinkDeployment's name; a FlinkBlueGreenDeployment's (seen as its template) names its child, `<name>-blue` first.
 */
export function flinkPodLabels(props: Rec, pod: PodView & { component: FlinkComponent }): Record<string, string> {
    const spec = rec(props.spec);
    const name = text(at(props, "metadata", "name")) ?? "";
    return {
        ...labelsOf(pod.metadata),
        app: text(props.kind) === "FlinkBlueGreenDeployment" ? `${name}-blue` : name,
        component: pod.component,
        type: text(spec.mode) === "standalone" ? "flink-standalone-kubernetes" : "flink-native-kubernetes",
    };
}

/** Configuration keys of the state directories, newest name first. */
export const stateDirKeys = {
    ha: ["high-availability.storageDir"],
    checkpoints: ["execution.checkpointing.dir", "state.checkpoints.dir"],
    savepoints: ["execution.checkpointing.savepoint-dir", "state.savepoints.dir"],
};

/** The high-availability mode: `high-availability.type` (1.20, 2.x) or its 1.x fallback `high-availability`. */
export function haMode(conf: Record<string, unknown>): string | undefined {
    return confText(conf, "high-availability.type", "high-availability");
}

export function haEnabled(conf: Record<string, unknown>): boolean {
    const mode = haMode(conf);
    return mode !== undefined && mode.trim().toLowerCase() !== "none";
}

/** The versions the sdk has key lists for (`sdk/flink/versions.ts`). */
const keyListVersions: readonly string[] = Object.values(FlinkVersion);

export function hasKeyList(version: string | undefined): version is FlinkVersion {
    return version !== undefined && keyListVersions.includes(version);
}

export type KeyProblemKind = "credential" | "operator-owned" | "operator-system" | "unknown" | "derived";

export interface KeyProblem {
    kind: KeyProblemKind;
    /** The sdk's message for the key (used verbatim for unknown keys, with its "did you mean"). */
    message: string;
}

/**
 * What the sdk's rules say about one key (`validateFlinkConfiguration`, run
 * on that key alone): a credential, an operator-owned or operator-only key, a
 * key the operator derives from `resource`, or a key unknown to the version's
 * list. Without a key list for the version (1.19, or none given) unknown keys
 * are not reported.
 */
export function keyProblem(key: string, version: string | undefined): KeyProblem | undefined {
    const listVersion = hasKeyList(version) ? version : FlinkVersion.V2_2;
    let problem: KeyProblem | undefined;
    try {
        validateFlinkConfiguration("flinkConfiguration", listVersion, { [key]: "value" });
    } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        const kind: KeyProblemKind | undefined = message.includes("credentials do not belong") ? "credential"
            : message.includes("is set by the operator") ? "operator-owned"
                : message.includes("only the operator's own configuration") ? "operator-system"
                    : message.includes("contradicts") ? "derived"
                        : message.includes("configuration key") ? "unknown"
                            : undefined;
        problem = kind === undefined ? undefined : { kind, message };
    }
    return problem?.kind === "unknown" && !hasKeyList(version) ? undefined : problem;
}

/** `ns/name` of a Flink resource, for messages. */
export function flinkId(props: Rec, namespace: string): string {
    return `${namespace}/${text(at(props, "metadata", "name")) ?? "?"}`;
}
