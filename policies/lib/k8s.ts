/**
 * Kubernetes shapes as policies see them: resource type tokens, the pod
 * specs inside workload kinds, containers, namespaces and label selectors.
 * Works for any Pulumi Kubernetes program (typed resources, CustomResource,
 * yaml/v2 and helm.v4 children all register `kubernetes:<group>/<version>:<Kind>`).
 */
import { at, isRec, list, Rec, rec, text } from "./values";

export interface ResourceType {
    /** "core" for the core API group, else the group ("apps", "flink.apache.org", "helm.sh"). */
    group: string;
    version: string;
    kind: string;
}

/** Parses `kubernetes:apps/v1:Deployment`; undefined for other providers and malformed tokens. */
export function parseType(type: unknown): ResourceType | undefined {
    const match = typeof type === "string" ? /^kubernetes:([^:/]+)\/([^:/]+):([^:]+)$/.exec(type) : null;
    return match === null ? undefined : { group: match[1], version: match[2], kind: match[3] };
}

export function isKind(type: unknown, groups: readonly string[], kind: string): boolean {
    const parsed = parseType(type);
    return parsed !== undefined && parsed.kind === kind && groups.includes(parsed.group);
}

export const rbacGroups = ["rbac.authorization.k8s.io"];
export const networkingGroups = ["networking.k8s.io", "extensions"];

export function isRole(type: unknown): boolean {
    return isKind(type, rbacGroups, "Role") || isKind(type, rbacGroups, "ClusterRole");
}

export function isBinding(type: unknown): boolean {
    return isKind(type, rbacGroups, "RoleBinding") || isKind(type, rbacGroups, "ClusterRoleBinding");
}

export const flinkDeploymentType = "kubernetes:flink.apache.org/v1beta1:FlinkDeployment";
export const flinkSessionJobType = "kubernetes:flink.apache.org/v1beta1:FlinkSessionJob";

export function isFlinkDeployment(type: unknown): boolean {
    return isKind(type, ["flink.apache.org"], "FlinkDeployment");
}

export function isFlinkSessionJob(type: unknown): boolean {
    return isKind(type, ["flink.apache.org"], "FlinkSessionJob");
}

export const flinkBlueGreenDeploymentType = "kubernetes:flink.apache.org/v1beta1:FlinkBlueGreenDeployment";

export function isFlinkBlueGreenDeployment(type: unknown): boolean {
    return isKind(type, ["flink.apache.org"], "FlinkBlueGreenDeployment");
}

/**
 * A FlinkBlueGreenDeployment as the FlinkDeployments the operator makes of it: each child (`<name>-blue`,
 * `<name>-green`) gets `spec.template.spec` as its spec (operator 1.15 BlueGreenUtils.prepareFlinkDeployment), so the
 * policies on FlinkDeployments check that spec. Its apiVersion, kind and metadata stay the FlinkBlueGreenDeployment's.
 */
export function blueGreenAsFlinkDeployment(props: Rec): Rec {
    return { ...props, spec: rec(at(props, "spec", "template", "spec")) };
}

/** The kind of a Flink cluster resource for messages: FlinkBlueGreenDeployment (also as its template), else FlinkDeployment. */
export function flinkKind(props: Rec): string {
    return text(props.kind) === "FlinkBlueGreenDeployment" ? "FlinkBlueGreenDeployment" : "FlinkDeployment";
}

/** FlinkDeployment or FlinkSessionJob: the kinds with a flinkConfiguration. */
export function isFlinkResource(type: unknown): boolean {
    return isFlinkDeployment(type) || isFlinkSessionJob(type);
}

export function isIngress(type: unknown): boolean {
    return isKind(type, networkingGroups, "Ingress");
}

export function isPodMonitor(type: unknown): boolean {
    return isKind(type, ["monitoring.coreos.com"], "PodMonitor");
}

/** helm.v3 Chart/Release and helm.v4 Chart: one resource under mocks (its children exist only in a real preview). */
export function isHelmChart(type: unknown): boolean {
    return type === "kubernetes:helm.sh/v4:Chart" || type === "kubernetes:helm.sh/v3:Chart" || type === "kubernetes:helm.sh/v3:Release";
}

/** The chart's name without repository or OCI prefix: "oci://ghcr.io/x/cert-manager" -> "cert-manager". */
export function chartName(props: Rec): string | undefined {
    const chart = text(props.chart);
    return chart === undefined ? undefined : chart.replace(/\/+$/, "").split("/").pop();
}

/** A pod spec found in a resource, with where it is for messages ("pod template", "JobManager pod"). */
export interface PodView {
    where: string;
    metadata: Rec;
    spec: Rec;
}

/** Workload kinds and where their pod template is. */
const workloadTemplates: { kind: string; groups: string[]; path: string[] }[] = [
    { kind: "Deployment", groups: ["apps", "extensions"], path: ["spec", "template"] },
    { kind: "StatefulSet", groups: ["apps"], path: ["spec", "template"] },
    { kind: "DaemonSet", groups: ["apps", "extensions"], path: ["spec", "template"] },
    { kind: "ReplicaSet", groups: ["apps", "extensions"], path: ["spec", "template"] },
    { kind: "ReplicationController", groups: ["core"], path: ["spec", "template"] },
    { kind: "Job", groups: ["batch"], path: ["spec", "template"] },
    { kind: "CronJob", groups: ["batch"], path: ["spec", "jobTemplate", "spec", "template"] },
];

/** True for Pod and the workload kinds that stamp out pods (not their *Patch or *List variants). */
export function isPodWorkload(type: unknown): boolean {
    return isKind(type, ["core"], "Pod") || workloadTemplates.some((w) => isKind(type, w.groups, w.kind));
}

/** The pod of a Pod, or the pod template of a workload kind; [] for any other kind. */
export function workloadPods(type: unknown, props: Rec): PodView[] {
    if (isKind(type, ["core"], "Pod")) {
        return [{ where: "pod", metadata: rec(props.metadata), spec: rec(props.spec) }];
    }
    const workload = workloadTemplates.find((w) => isKind(type, w.groups, w.kind));
    if (workload === undefined) {
        return [];
    }
    const template = rec(at(props, ...workload.path));
    return [{ where: "pod template", metadata: rec(template.metadata), spec: rec(template.spec) }];
}

export type ContainerKind = "container" | "init container" | "ephemeral container";

export interface ContainerView {
    kind: ContainerKind;
    /** The container's name, or "#<index>" when it has none. */
    name: string;
    /** `container "app"`, `init container "setup"`, … for messages. */
    label: string;
    container: Rec;
}

/** Every container of a pod spec: containers, initContainers and ephemeralContainers (non-objects skipped). */
export function containersOf(spec: Rec): ContainerView[] {
    const views: ContainerView[] = [];
    const add = (kind: ContainerKind, field: string) => {
        list(spec[field]).forEach((container, index) => {
            if (!isRec(container)) {
                return;
            }
            const name = text(container.name) ?? `#${index}`;
            views.push({ kind, name, label: `${kind} ${text(container.name) === undefined ? name : JSON.stringify(name)}`, container });
        });
    };
    add("init container", "initContainers");
    add("container", "containers");
    add("ephemeral container", "ephemeralContainers");
    return views;
}

/** The provider of a resource as the engine passes it (`args.provider`, `resource.provider`). */
export interface ProviderLike {
    props?: unknown;
}

/**
 * The namespace an object lands in: metadata.namespace, else the provider's
 * default namespace, else "default" (what the Kubernetes provider does).
 */
export function namespaceOf(props: Rec, provider?: ProviderLike): string {
    return text(at(props, "metadata", "namespace")) ?? text(at(provider?.props, "namespace")) ?? "default";
}

/** Where a Helm chart installs: its `namespace` input, else the provider's default namespace, else "default". */
export function chartNamespace(props: Rec, provider?: ProviderLike): string {
    return text(props.namespace) ?? text(at(provider?.props, "namespace")) ?? "default";
}

export function nameOf(props: Rec): string | undefined {
    return text(at(props, "metadata", "name"));
}

/** A label value: strings as they are ("" included), numbers and booleans as strings. */
function labelValue(value: unknown): string | undefined {
    return typeof value === "string" ? value : text(value);
}

/** String labels of an object's metadata (non-string values dropped). */
export function labelsOf(metadata: unknown): Record<string, string> {
    const labels: Record<string, string> = {};
    for (const [key, value] of Object.entries(rec(at(metadata, "labels")))) {
        const v = labelValue(value);
        if (v !== undefined) {
            labels[key] = v;
        }
    }
    return labels;
}

/**
 * Whether a LabelSelector selects an object with these labels. An empty
 * selector selects everything; a malformed one (matchLabels not an object,
 * an unknown operator) selects nothing.
 */
export function selectorMatches(selector: unknown, labels: Record<string, string>): boolean {
    if (!isRec(selector)) {
        return false;
    }
    if (selector.matchLabels !== undefined && selector.matchLabels !== null) {
        if (!isRec(selector.matchLabels)) {
            return false;
        }
        for (const [key, value] of Object.entries(selector.matchLabels)) {
            if (labels[key] === undefined || labels[key] !== labelValue(value)) {
                return false;
            }
        }
    }
    if (selector.matchExpressions !== undefined && selector.matchExpressions !== null && !Array.isArray(selector.matchExpressions)) {
        return false;
    }
    for (const expression of list(selector.matchExpressions)) {
        const key = text(at(expression, "key"));
        const operator = text(at(expression, "operator"));
        const values = list(at(expression, "values")).map(labelValue).filter((v): v is string => v !== undefined);
        if (key === undefined) {
            return false;
        }
        const has = Object.prototype.hasOwnProperty.call(labels, key);
        const ok = operator === "In" ? has && values.includes(labels[key])
            : operator === "NotIn" ? !has || !values.includes(labels[key])
                : operator === "Exists" ? has
                    : operator === "DoesNotExist" ? !has
                        : false;
        if (!ok) {
            return false;
        }
    }
    return true;
}

/** The objects of a list field, each with its index: `[ [0, {...}], [2, {...}] ]`. */
export function indexed(value: unknown): [number, Rec][] {
    const result: [number, Rec][] = [];
    list(value).forEach((element, index) => {
        if (isRec(element)) {
            result.push([index, element]);
        }
    });
    return result;
}

