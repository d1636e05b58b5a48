/**
 * Resources: requests and limits on every container and on FlinkDeployment
 * JobManagers and TaskManagers, maxima per container and per Flink cluster,
 * and a ResourceQuota and LimitRange in every namespace that runs workloads.
 */
import { components, flinkConfiguration, flinkMainContainer } from "../lib/flink";
import { chartNamespace, containersOf, isFlinkDeployment, isHelmChart, isKind, namespaceOf, PodView } from "../lib/k8s";
import { hasPods, podsOf } from "../lib/pods";
import { quantity, resourcePolicy, stackPolicy, StackResource, stringList } from "../lib/policy";
import { formatBytes, formatCpu, parseFlinkMemory, parseQuantity } from "../lib/quantity";
import { at, isTrue, matchesAny, num, Rec, rec, text, texts } from "../lib/values";

const resourceFields = ["requests.cpu", "requests.memory", "limits.cpu", "limits.memory"] as const;

/** Containers that take resources from their pod spec: containers and init containers (ephemeral containers cannot have any), not Flink's main container. */
function sizedContainers(pod: PodView, flink: boolean) {
    return containersOf(pod.spec).filter((c) => c.kind !== "ephemeral container" && !(flink && c.kind === "container" && c.name === flinkMainContainer));
}

function containerResourceProblems(pod: PodView, flink: boolean): string[] {
    const messages: string[] = [];
    for (const c of sizedContainers(pod, flink)) {
        const missing: string[] = [];
        for (const field of resourceFields) {
            const [kind, resource] = field.split(".");
            const value = at(c.container, "resources", kind, resource);
            if (value === undefined || value === null) {
                missing.push(field);
            } else if (parseQuantity(value) === undefined) {
                messages.push(`${pod.where}: ${c.label} has an invalid resources.${field} ${JSON.stringify(value)}`);
            }
        }
        if (missing.length > 0) {
            messages.push(`${pod.where}: ${c.label} sets no resources.${missing.join(", resources.")}`);
        }
    }
    return messages;
}

/** The operator's `resource` of a FlinkDeployment component: cpu (cores) and memory (bytes), or problems. */
function flinkResource(spec: Rec, field: "jobManager" | "taskManager") {
    const resource = at(spec, field, "resource");
    const cpuValue = at(resource, "cpu");
    const memoryValue = at(resource, "memory");
    const cpu = num(cpuValue);
    const memory = parseFlinkMemory(memoryValue);
    const problems: string[] = [];
    const missing: string[] = [];
    if (cpuValue === undefined || cpuValue === null) missing.push("cpu");
    else if (cpu === undefined || cpu <= 0) problems.push(`spec.${field}.resource.cpu ${JSON.stringify(cpuValue)} is not a positive number of CPUs`);
    if (memoryValue === undefined || memoryValue === null) missing.push("memory");
    else if (memory === undefined || memory <= 0) problems.push(`spec.${field}.resource.memory ${JSON.stringify(memoryValue)} is not a memory size`);
    if (missing.length > 0) problems.unshift(`spec.${field}.resource sets no ${missing.join(", ")}`);
    return { cpu: cpu !== undefined && cpu > 0 ? cpu : undefined, memory: memory !== undefined && memory > 0 ? memory : undefined, problems };
}

interface MaximaConfig {
    maxContainerCpu: string | number;
    maxContainerMemory: string | number;
    maxClusterCpu: string | number;
    maxClusterMemory: string | number;
}

/** The operator's limit factor of a component (`kubernetes.<component>.<cpu|memory>.limit-factor`, default 1). */
function limitFactor(conf: Record<string, unknown>, component: string, resource: "cpu" | "memory"): number {
    const factor = num(conf[`kubernetes.${component}.${resource}.limit-factor`]);
    return factor !== undefined && factor >= 1 ? factor : 1;
}

/**
 * How many TaskManagers a FlinkDeployment runs at most, when the spec says:
 * `taskManager.replicas`, else ceil(parallelism / slots) with the autoscaler's
 * `job.autoscaler.vertex.max-parallelism` as parallelism when it is on, else
 * ceil(`slotmanager.number-of-slots.max` / slots); undefined for a session
 * cluster without any of these (Flink starts TaskManagers on demand, bounded
 * only by the namespace's ResourceQuota).
 */
export function taskManagerCount(spec: Rec, conf: Record<string, unknown>): number | undefined {
    const replicas = num(at(spec, "taskManager", "replicas"));
    if (replicas !== undefined) {
        return Math.max(0, Math.ceil(replicas));
    }
    const slots = Math.max(1, num(conf["taskmanager.numberOfTaskSlots"]) ?? 1);
    let parallelism = num(at(spec, "job", "parallelism"));
    const autoscalerMax = num(conf["job.autoscaler.vertex.max-parallelism"]);
    if (isTrue(conf["job.autoscaler.enabled"]) && autoscalerMax !== undefined) {
        parallelism = Math.max(parallelism ?? 0, autoscalerMax);
    }
    if (parallelism !== undefined && parallelism > 0) {
        return Math.ceil(parallelism / slots);
    }
    const maxSlots = num(conf["slotmanager.number-of-slots.max"]);
    return maxSlots !== undefined && maxSlots > 0 ? Math.ceil(maxSlots / slots) : undefined;
}

function maximaProblems(type: string, props: Rec, config: MaximaConfig): string[] {
    const messages: string[] = [];
    const maxCpu = parseQuantity(config.maxContainerCpu);
    const maxMemory = parseQuantity(config.maxContainerMemory);
    const flink = isFlinkDeployment(type);
    for (const pod of podsOf(type, props)) {
        for (const c of sizedContainers(pod, flink)) {
            const resources = rec(c.container.resources);
            const cpu = parseQuantity(at(resources, "limits", "cpu")) ?? parseQuantity(at(resources, "requests", "cpu"));
            const memory = parseQuantity(at(resources, "limits", "memory")) ?? parseQuantity(at(resources, "requests", "memory"));
            if (cpu !== undefined && maxCpu !== undefined && cpu > maxCpu) {
                messages.push(`${pod.where}: ${c.label} asks for ${formatCpu(cpu)} CPU, above maxContainerCpu ${formatCpu(maxCpu)}`);
            }
            if (memory !== undefined && maxMemory !== undefined && memory > maxMemory) {
                messages.push(`${pod.where}: ${c.label} asks for ${formatBytes(memory)} of memory, above maxContainerMemory ${formatBytes(maxMemory)}`);
            }
        }
    }
    if (!flink) {
        return messages;
    }
    const spec = rec(props.spec);
    const conf = flinkConfiguration(spec);
    for (const { component, field, title } of components) {
        const { cpu, memory } = flinkResource(spec, field);
        const cpuLimit = cpu === undefined ? undefined : cpu * limitFactor(conf, component, "cpu");
        const memoryLimit = memory === undefined ? undefined : memory * limitFactor(conf, component, "memory");
        if (cpuLimit !== undefined && maxCpu !== undefined && cpuLimit > maxCpu) {
            messages.push(`${title}: ${formatCpu(cpuLimit)} CPU per container (spec.${field}.resource.cpu × limit factor), above maxContainerCpu ${formatCpu(maxCpu)}`);
        }
        if (memoryLimit !== undefined && maxMemory !== undefined && memoryLimit > maxMemory) {
            messages.push(`${title}: ${formatBytes(memoryLimit)} of memory per container (spec.${field}.resource.memory × limit factor), above maxContainerMemory ${formatBytes(maxMemory)}`);
        }
    }
    const count = taskManagerCount(spec, conf);
    const { cpu, memory } = flinkResource(spec, "taskManager");
    const maxClusterCpu = parseQuantity(config.maxClusterCpu);
    const maxClusterMemory = parseQuantity(config.maxClusterMemory);
    if (count !== undefined && cpu !== undefined && maxClusterCpu !== undefined && cpu * count > maxClusterCpu) {
        messages.push(`TaskManagers: ${formatCpu(cpu * count)} CPU (${formatCpu(cpu)} × ${count} TaskManagers), above maxClusterCpu ${formatCpu(maxClusterCpu)}`);
    }
    if (count !== undefined && memory !== undefined && maxClusterMemory !== undefined && memory * count > maxClusterMemory) {
        messages.push(`TaskManagers: ${formatBytes(memory * count)} of memory (${formatBytes(memory)} × ${count} TaskManagers), above maxClusterMemory ${formatBytes(maxClusterMemory)}`);
    }
    return messages;
}

/**
 * The namespace a stack resource runs workloads in, or undefined when it runs none. A Helm chart counts
 * when its inputs are there (under mocks, or as a resource policy sees it); in a real deployment the stack
 * policies see a chart's outputs, without its inputs, and count the objects it rendered instead.
 */
export function workloadNamespace(resource: StackResource): string | undefined {
    if (hasPods(resource.type)) {
        return namespaceOf(resource.props, resource.provider);
    }
    if (isHelmChart(resource.type) && text(resource.props.chart) !== undefined) {
        return chartNamespace(resource.props, resource.provider);
    }
    return undefined;
}

/** The kinds namespacesWithWorkloads looks at: workloads and Namespaces. */
export function isWorkloadOrNamespace(type: unknown): boolean {
    return hasPods(type) || isHelmChart(type) || isKind(type, ["core"], "Namespace");
}

/** Namespaces with workloads, each with the URN to report against (its Namespace object when the stack has one, else the first workload). */
export function namespacesWithWorkloads(resources: StackResource[]): Map<string, string> {
    const namespaces = new Map<string, string>();
    for (const resource of resources) {
        const namespace = workloadNamespace(resource);
        if (namespace !== undefined && !namespaces.has(namespace)) {
            namespaces.set(namespace, resource.urn);
        }
    }
    for (const resource of resources) {
        const name = text(at(resource.props, "metadata", "name"));
        if (isKind(resource.type, ["core"], "Namespace") && name !== undefined && namespaces.has(name)) {
            namespaces.set(name, resource.urn);
        }
    }
    return namespaces;
}

interface QuotaConfig {
    exemptNamespaces: string[];
}

export const resourcePolicies = [
    resourcePolicy({
        name: "container-resources",
        description: "Every container and init container sets cpu and memory requests and limits; every FlinkDeployment sets "
            + "spec.jobManager.resource and spec.taskManager.resource cpu and memory.",
        enforcementLevel: "mandatory",
        appliesTo: hasPods,
        check: ({ type, props }, _config, report) => {
            const flink = isFlinkDeployment(type);
            podsOf(type, props).flatMap((pod) => containerResourceProblems(pod, flink)).forEach(report);
            if (flink) {
                const spec = rec(props.spec);
                components.flatMap(({ field }) => flinkResource(spec, field).problems).forEach(report);
            }
        },
    }),
    resourcePolicy<MaximaConfig>({
        name: "resource-maxima",
        description: "No container asks for more than maxContainerCpu/maxContainerMemory (limits, else requests; Flink: resource × limit factor), "
            + "and no Flink cluster's TaskManagers (size × replicas) more than maxClusterCpu/maxClusterMemory.",
        enforcementLevel: "mandatory",
        configSchema: {
            properties: {
                maxContainerCpu: quantity("Most CPU one container may ask for.", "8"),
                maxContainerMemory: quantity("Most memory one container may ask for.", "32Gi"),
                maxClusterCpu: quantity("Most CPU the TaskManagers of one FlinkDeployment may ask for together.", "64"),
                maxClusterMemory: quantity("Most memory the TaskManagers of one FlinkDeployment may ask for together.", "256Gi"),
            },
        },
        appliesTo: hasPods,
        check: ({ type, props }, config, report) => maximaProblems(type, props, config).forEach(report),
    }),
    stackPolicy<QuotaConfig>({
        name: "namespace-quota-and-limits",
        description: "Every namespace with workloads (pods, workload controllers, FlinkDeployments, Helm charts) has a ResourceQuota and a LimitRange.",
        enforcementLevel: "mandatory",
        configSchema: {
            properties: {
                exemptNamespaces: stringList("Namespaces (patterns with *) whose quota and limits are managed outside the stack."),
            },
        },
        appliesTo: (type) => isWorkloadOrNamespace(type) || isKind(type, ["core"], "ResourceQuota") || isKind(type, ["core"], "LimitRange"),
        check: (resources, config, report) => {
            const quotas = new Set<string>();
            const limitRanges = new Set<string>();
            for (const resource of resources) {
                if (isKind(resource.type, ["core"], "ResourceQuota")) quotas.add(namespaceOf(resource.props, resource.provider));
                if (isKind(resource.type, ["core"], "LimitRange")) limitRanges.add(namespaceOf(resource.props, resource.provider));
            }
            for (const [namespace, urn] of namespacesWithWorkloads(resources)) {
                if (matchesAny(texts(config.exemptNamespaces), namespace)) continue;
                if (!quotas.has(namespace)) report(`namespace ${JSON.stringify(namespace)} has workloads but no ResourceQuota`, urn);
                if (!limitRanges.has(namespace)) report(`namespace ${JSON.stringify(namespace)} has workloads but no LimitRange`, urn);
            }
        },
    }),
];

