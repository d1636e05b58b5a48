/**
 * Flink rules no generic tool checks: credentials and operator-owned keys in
 * flinkConfiguration (flat or nested), unknown keys per Flink version (the
 * sdk's key lists), the REST API's exposure, host networking, durable HA,
 * checkpoint and savepoint storage, checkpointing, upgrade modes, the Flink
 * version against the operator and the image, internal TLS; across the stack,
 * PodMonitor coverage and unshared state directories. A FlinkBlueGreenDeployment
 * is checked as the FlinkDeployment of its template (lib/policy.ts), its own
 * spec.ingress by flink-rest-exposure.
 */
import { ingressAuthAnnotations, internalRestServiceTypes, isAllowedRestServiceType, overlappingPaths } from "@flink-platform/flink-platform/rules";
import {
    components, confText, flinkConfiguration, flinkId, flinkSetting, flinkMainContainer, flinkPodLabels, flinkPods, haEnabled, keyProblem, KeyProblemKind, stateDirKeys,
} from "../lib/flink";
import { parseImage, repositoryOf } from "../lib/images";
import {
    blueGreenAsFlinkDeployment, flinkDeploymentType, flinkKind, isFlinkBlueGreenDeployment, isFlinkDeployment, isFlinkResource, isIngress, isPodMonitor, namespaceOf,
    PodView, selectorMatches,
} from "../lib/k8s";
import { resourcePolicy, stackPolicy, StackResource, stringList } from "../lib/policy";
import { parseDurationMs } from "../lib/quantity";
import { at, isRec, isTrue, matchesAny, Rec, rec, recs, text, texts } from "../lib/values";

export const defaultDurableSchemes = ["s3", "s3a", "s3n", "s3p", "gs", "abfs", "abfss", "wasb", "wasbs", "oss", "hdfs", "viewfs", "cosn", "obs"];
/** Volume sources that outlive a pod. */
export const durableVolumeTypes = ["persistentVolumeClaim", "nfs", "cephfs", "glusterfs", "azureFile"];
/** Flink versions the Flink Kubernetes Operator 1.15 supports (FLINK.md). */
export const operatorFlinkVersions = ["v1_19", "v1_20", "v2_0", "v2_1", "v2_2"];

/** The flinkConfiguration of a FlinkDeployment or FlinkSessionJob, and the version its keys are checked against. */
function flinkResource(type: string, props: Rec): { conf: Record<string, unknown>; version?: string } | undefined {
    if (!isFlinkResource(type)) {
        return undefined;
    }
    const spec = rec(props.spec);
    return { conf: flinkConfiguration(spec), version: isFlinkDeployment(type) ? text(spec.flinkVersion) : undefined };
}

function keyPolicy(kinds: KeyProblemKind[], message: (key: string, kind: KeyProblemKind, sdkMessage: string) => string) {
    return ({ type, props }: { type: string; props: Rec }, _config: unknown, report: (m: string) => void) => {
        const resource = flinkResource(type, props);
        if (resource === undefined) return;
        for (const key of Object.keys(resource.conf)) {
            const problem = keyProblem(key, resource.version);
            if (problem !== undefined && kinds.includes(problem.kind)) {
                report(message(key, problem.kind, problem.message));
            }
        }
    };
}

/** The first of `keys` that is set, with its value. */
function setting(conf: Record<string, unknown>, keys: string[]): { key: string; value: string } | undefined {
    for (const key of keys) {
        const value = confText(conf, key);
        if (value !== undefined) return { key, value };
    }
    return undefined;
}

const schemeOf = (uri: string) => /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(uri)?.[1]?.toLowerCase();

/** The filesystem path of a file: URI or a bare path; undefined for other schemes. */
function localPath(uri: string): string | undefined {
    const scheme = schemeOf(uri);
    if (scheme === undefined) return uri;
    if (scheme !== "file") return undefined;
    const rest = uri.slice("file:".length);
    return rest.startsWith("//") ? rest.slice(2).replace(/^[^/]*/, "") : rest;
}

/** Where a path of Flink's main container lives: a volume (with its type) or the container's own filesystem. */
function storageOf(pod: PodView, path: string): { volume?: string; type?: string } {
    const main = recs(pod.spec.containers).find((c) => text(c.name) === flinkMainContainer);
    let best: { mountPath: string; name: string } | undefined;
    for (const mount of recs(main?.volumeMounts)) {
        const mountPath = text(mount.mountPath)?.replace(/\/+$/, "");
        const name = text(mount.name);
        if (mountPath === undefined || name === undefined) continue;
        const inside = path === mountPath || path.startsWith(`${mountPath}/`) || mountPath === "";
        if (inside && (best === undefined || mountPath.length > best.mountPath.length)) {
            best = { mountPath, name };
        }
    }
    if (best === undefined) return {};
    const volume = recs(pod.spec.volumes).find((v) => text(v.name) === best?.name);
    const type = volume === undefined ? "missing" : Object.keys(volume).find((k) => k !== "name" && volume[k] !== undefined && volume[k] !== null) ?? "unknown";
    return { volume: best.name, type };
}

interface DurableConfig {
    requireHighAvailability: boolean;
    requireCheckpointDir: boolean;
    requireSavepointDir: boolean;
    durableSchemes: string[];
}

function durableStateProblems(props: Rec, config: DurableConfig): string[] {
    const messages: string[] = [];
    const spec = rec(props.spec);
    const conf = flinkConfiguration(spec);
    const pods = flinkPods(props);
    const schemes = texts(config.durableSchemes).map((s) => s.toLowerCase());
    if (isTrue(config.requireHighAvailability) && !haEnabled(conf)) {
        messages.push("high availability is off: set high-availability.type: kubernetes and high-availability.storageDir");
    }
    const dirs: { keys: string[]; required: boolean; components: string[] }[] = [
        { keys: stateDirKeys.ha, required: isTrue(config.requireHighAvailability) || haEnabled(conf), components: ["jobmanager"] },
        { keys: stateDirKeys.checkpoints, required: isTrue(config.requireCheckpointDir), components: ["jobmanager", "taskmanager"] },
        { keys: stateDirKeys.savepoints, required: isTrue(config.requireSavepointDir), components: ["jobmanager", "taskmanager"] },
    ];
    for (const dir of dirs) {
        const found = setting(conf, dir.keys);
        if (found === undefined) {
            if (dir.required) messages.push(`${dir.keys[0]} is not set`);
            continue;
        }
        const where = `${found.key} ${JSON.stringify(found.value)}`;
        const path = localPath(found.value);
        if (path === undefined) {
            const scheme = schemeOf(found.value) ?? "";
            if (!schemes.includes(scheme)) {
                messages.push(`${where} uses scheme ${JSON.stringify(scheme)}, not durable storage (${schemes.join(", ")}, or a file path on a persistent volume)`);
            }
            continue;
        }
        for (const pod of pods.filter((p) => dir.components.includes(p.component))) {
            const storage = storageOf(pod, path);
            if (storage.volume === undefined) {
                messages.push(`${where} is on the ${pod.where}'s own filesystem (no volume is mounted there), which is lost with the pod`);
            } else if (!durableVolumeTypes.includes(storage.type ?? "")) {
                messages.push(`${where} is on volume ${JSON.stringify(storage.volume)} (${storage.type}) of the ${pod.where}, which is lost with the pod`);
            }
        }
    }
    return messages;
}

/** "2.2" from an official image tag such as "2.2.1-java17"; undefined when the tag names no version. */
function tagVersion(tag: string): string | undefined {
    const match = /^(\d+)\.(\d+)(?:[.-]|$)/.exec(tag);
    return match === null ? undefined : `${match[1]}.${match[2]}`;
}

const officialRepositories = ["docker.io/library/flink", "docker.io/apache/flink"];

interface RestConfig {
    allowedExposedTypes: string[];
    authAnnotations: string[];
    authenticatedIngressClasses: string[];
}

function authenticated(annotations: Rec, className: string | undefined, config: RestConfig): boolean {
    return texts(config.authAnnotations).some((key) => text(annotations[key]) !== undefined)
        || (className !== undefined && texts(config.authenticatedIngressClasses).includes(className));
}

/** The services an Ingress routes to (networking.k8s.io/v1 and the older serviceName form). */
function ingressServices(spec: Rec): string[] {
    const backends = [spec.defaultBackend, spec.backend];
    for (const rule of recs(spec.rules)) {
        for (const path of recs(at(rule, "http", "paths"))) backends.push(path.backend);
    }
    return backends.map((b) => text(at(b, "service", "name")) ?? text(at(b, "serviceName"))).filter((s): s is string => s !== undefined);
}

/** The problems of the `ingress` (IngressSpec) of a FlinkDeployment or a FlinkBlueGreenDeployment: the Ingress the operator makes of it. */
function ingressSpecProblems(ingress: unknown, config: RestConfig): string[] {
    if (!isRec(ingress)) return [];
    const messages: string[] = [];
    if (recs(ingress.tls).length === 0) {
        messages.push("spec.ingress has no tls: the web UI and REST API must only be served over TLS");
    }
    if (!authenticated(rec(ingress.annotations), text(ingress.className), config)) {
        messages.push(`spec.ingress has no authenticating annotation (one of ${texts(config.authAnnotations).join(", ")}) and its class is not in `
            + "authenticatedIngressClasses: the REST API has no authentication and runs submitted code");
    }
    return messages;
}

function restProblems(type: string, props: Rec, config: RestConfig): string[] {
    const messages: string[] = [];
    const auth = `one of ${texts(config.authAnnotations).join(", ")}`;
    if (isFlinkBlueGreenDeployment(type)) {
        // Its template as a FlinkDeployment's spec, and its own ingress, which the operator points at the active child's REST service.
        return [
            ...restProblems(flinkDeploymentType, blueGreenAsFlinkDeployment(props), config).map((message) => `spec.template: ${message}`),
            ...ingressSpecProblems(at(props, "spec", "ingress"), config),
        ];
    }
    if (isFlinkDeployment(type)) {
        const spec = rec(props.spec);
        const exposed = text(flinkSetting(spec, "kubernetes.rest-service.exposed.type"));
        const allowed = texts(config.allowedExposedTypes);
        if (exposed !== undefined && !isAllowedRestServiceType(exposed, allowed)) {
            messages.push(`flinkConfiguration["kubernetes.rest-service.exposed.type"] is ${JSON.stringify(exposed)}: the REST API has no authentication `
                + `and runs submitted code; keep it ${allowed.join(" or ")} and reach it through an authenticating Ingress`);
        }
        messages.push(...ingressSpecProblems(spec.ingress, config));
    }
    if (isIngress(type)) {
        const spec = rec(props.spec);
        const annotations = rec(at(props, "metadata", "annotations"));
        const className = text(spec.ingressClassName) ?? text(annotations["kubernetes.io/ingress.class"]);
        for (const service of new Set(ingressServices(spec))) {
            if (service.endsWith("-rest") && !authenticated(annotations, className, config)) {
                messages.push(`routes to the Flink REST service ${JSON.stringify(service)} without an authenticating annotation (${auth}): `
                    + "the REST API has no authentication and runs submitted code");
            }
        }
    }
    return messages;
}

interface UpgradeConfig {
    forbiddenUpgradeModes: string[];
    exempt: string[];
}

function upgradeModeProblem(props: Rec, provider: unknown, config: UpgradeConfig): string | undefined {
    const job = at(props, "spec", "job");
    if (!isRec(job) || matchesAny(texts(config.exempt), flinkId(props, namespaceOf(props, rec(provider))))) return undefined;
    const mode = text(job.upgradeMode);
    const effective = mode ?? "stateless";
    if (!texts(config.forbiddenUpgradeModes).includes(effective)) return undefined;
    return mode === undefined
        ? `spec.job.upgradeMode is not set, so it is "stateless": an upgrade discards the job's state; use savepoint or last-state`
        : `spec.job.upgradeMode is ${JSON.stringify(mode)}: an upgrade discards the job's state; use savepoint or last-state`;
}

function versionProblems(props: Rec, supported: string[]): string[] {
    const spec = rec(props.spec);
    const version = text(spec.flinkVersion);
    if (version === undefined) {
        return ["spec.flinkVersion is not set; the operator requires it"];
    }
    const messages: string[] = [];
    if (!supported.includes(version)) {
        messages.push(`spec.flinkVersion ${JSON.stringify(version)} is not supported by the operator (supported: ${supported.join(", ")})`);
    }
    const image = text(spec.image);
    const ref = image === undefined ? undefined : parseImage(image);
    if (image !== undefined && ref !== undefined && officialRepositories.includes(repositoryOf(ref)) && ref.tag !== undefined) {
        const expected = version.replace(/^v/, "").replace("_", ".");
        const actual = tagVersion(ref.tag);
        if (actual === undefined) {
            messages.push(`spec.image ${JSON.stringify(image)} is an official Flink image whose tag names no Flink version; use one such as ${expected}.x-java17`);
        } else if (actual !== expected) {
            messages.push(`spec.image ${JSON.stringify(image)} is Flink ${actual} but spec.flinkVersion is ${JSON.stringify(version)}`);
        }
    }
    return messages;
}

/** A state directory normalized for comparison: one scheme per filesystem family, no trailing slash. */
function normalizeDir(uri: string): { family: string; path: string; local: boolean } {
    const local = localPath(uri);
    if (local !== undefined) {
        return { family: "file", path: local.replace(/\/+$/, ""), local: true };
    }
    const scheme = schemeOf(uri) ?? "";
    const family = scheme.startsWith("s3") ? "s3" : scheme.startsWith("abfs") || scheme.startsWith("wasb") ? "azure" : scheme;
    return { family, path: uri.slice(scheme.length + 1).replace(/^\/+/, "").replace(/\/+$/, ""), local: false };
}

interface MonitorConfig {
    exempt: string[];
}

function monitorsNamespace(monitor: StackResource, namespace: string): boolean {
    const selector = at(monitor.props, "spec", "namespaceSelector");
    if (isTrue(at(selector, "any"))) return true;
    const names = texts(at(selector, "matchNames"));
    return names.length > 0 ? names.includes(namespace) : namespaceOf(monitor.props, monitor.provider) === namespace;
}

export const flinkPolicies = [
    resourcePolicy({
        name: "flink-no-credentials",
        description: "No credentials in flinkConfiguration (S3, Azure, OSS keys, passwords, tokens, JAAS configs, secret env passed through containerized.*.env.*).",
        enforcementLevel: "mandatory",
        appliesTo: isFlinkResource,
        check: keyPolicy(["credential"], (key) => `flinkConfiguration[${JSON.stringify(key)}] holds a credential in plain text (in the resource and `
            + "the ConfigMap Flink mounts); use workload identity, or a Kubernetes Secret passed to the pods as environment variables"),
    }),
    resourcePolicy({
        name: "flink-operator-keys",
        description: "flinkConfiguration sets neither the keys the operator sets itself (kubernetes.namespace, kubernetes.cluster-id, "
            + "high-availability.cluster-id) nor operator-level keys, which only the operator's own configuration reads.",
        enforcementLevel: "mandatory",
        appliesTo: isFlinkResource,
        check: keyPolicy(["operator-owned", "operator-system"], (key, kind) => kind === "operator-owned"
            ? `flinkConfiguration[${JSON.stringify(key)}] is set by the operator from the resource's namespace and name; remove it`
            : `flinkConfiguration[${JSON.stringify(key)}] is an operator-level key that only the operator's own configuration reads; remove it`),
    }),
    resourcePolicy({
        name: "flink-known-keys",
        description: "Every flinkConfiguration key of a FlinkDeployment is a documented key of its Flink version (the sdk's key lists, "
            + "operator keys, <name> patterns, filesystem prefixes); Flink ignores unknown keys silently.",
        enforcementLevel: "mandatory",
        appliesTo: isFlinkDeployment,
        check: keyPolicy(["unknown"], (_key, _kind, message) => message),
    }),
    resourcePolicy({
        name: "flink-host-network",
        description: "flinkConfiguration does not turn on kubernetes.hostnetwork.enabled.",
        enforcementLevel: "mandatory",
        appliesTo: isFlinkResource,
        check: ({ type, props }, _config, report) => {
            const resource = flinkResource(type, props);
            if (resource !== undefined && isTrue(resource.conf["kubernetes.hostnetwork.enabled"])) {
                report("flinkConfiguration[\"kubernetes.hostnetwork.enabled\"] is true: the JobManager and TaskManagers would share the node's network");
            }
        },
    }),
    resourcePolicy<RestConfig>({
        name: "flink-rest-exposure",
        description: "The Flink REST API stays inside the cluster: kubernetes.rest-service.exposed.type ClusterIP or Headless_ClusterIP, and an "
            + "Ingress (spec.ingress of a FlinkDeployment or a FlinkBlueGreenDeployment and its template, or an Ingress to a *-rest service) "
            + "needs TLS and an authenticating annotation or class.",
        enforcementLevel: "mandatory",
        configSchema: {
            properties: {
                allowedExposedTypes: stringList("Allowed kubernetes.rest-service.exposed.type values.", [...internalRestServiceTypes]),
                authAnnotations: stringList("Ingress annotations that make the controller authenticate requests.", [...ingressAuthAnnotations]),
                authenticatedIngressClasses: stringList("Ingress classes whose controller authenticates every request (e.g. behind an authenticating proxy)."),
            },
        },
        appliesTo: (type) => isFlinkDeployment(type) || isFlinkBlueGreenDeployment(type) || isIngress(type),
        check: ({ type, props }, config, report) => restProblems(type, props, config).forEach(report),
    }),
    resourcePolicy<DurableConfig>({
        name: "flink-durable-state",
        description: "HA is on and the HA, checkpoint and savepoint directories are on durable storage: an object store, or a path on a "
            + "persistent volume of the pods that use it (not the container filesystem, not emptyDir).",
        enforcementLevel: "advisory",
        configSchema: {
            properties: {
                requireHighAvailability: { type: "boolean", default: true, description: "Require high-availability.type and high-availability.storageDir." },
                requireCheckpointDir: { type: "boolean", default: true, description: "Require execution.checkpointing.dir." },
                requireSavepointDir: { type: "boolean", default: true, description: "Require execution.checkpointing.savepoint-dir." },
                durableSchemes: stringList("URI schemes of durable storage.", defaultDurableSchemes),
            },
        },
        appliesTo: isFlinkDeployment,
        check: ({ props }, config, report) => durableStateProblems(props, config).forEach(report),
    }),
    resourcePolicy({
        name: "flink-checkpointing",
        description: "Application clusters (FlinkDeployments with a job) checkpoint periodically: execution.checkpointing.interval is a positive duration.",
        enforcementLevel: "mandatory",
        appliesTo: isFlinkDeployment,
        check: ({ props }, _config, report) => {
            if (!isRec(at(props, "spec", "job"))) return;
            const interval = text(flinkSetting(rec(props.spec), "execution.checkpointing.interval"));
            const ms = interval === undefined ? undefined : parseDurationMs(interval);
            if (interval === undefined) {
                report("application cluster without periodic checkpoints: set execution.checkpointing.interval");
            } else if (ms === undefined || ms <= 0) {
                report(`execution.checkpointing.interval ${JSON.stringify(interval)} is not a positive duration, so the job never checkpoints`);
            }
        },
    }),
    resourcePolicy<UpgradeConfig>({
        name: "flink-upgrade-mode",
        description: "Jobs (FlinkDeployment and FlinkSessionJob spec.job) do not use a forbidden upgradeMode (stateless, also the default).",
        enforcementLevel: "advisory",
        configSchema: {
            properties: {
                forbiddenUpgradeModes: stringList("Upgrade modes refused.", ["stateless"]),
                exempt: stringList("Truly stateless jobs: \"namespace/name\" of the FlinkDeployment or FlinkSessionJob, * matches any characters."),
            },
        },
        appliesTo: isFlinkResource,
        check: ({ props, provider }, config, report) => {
            const problem = upgradeModeProblem(props, provider, config);
            if (problem !== undefined) report(problem);
        },
    }),
    resourcePolicy<{ supportedVersions: string[] }>({
        name: "flink-version",
        description: "spec.flinkVersion is set, supported by the operator, and matches the version in an official Flink image's tag.",
        enforcementLevel: "mandatory",
        configSchema: {
            properties: {
                supportedVersions: stringList("flinkVersion values the installed operator supports.", operatorFlinkVersions),
            },
        },
        appliesTo: isFlinkDeployment,
        check: ({ props }, config, report) => versionProblems(props, texts(config.supportedVersions)).forEach(report),
    }),
    resourcePolicy({
        name: "flink-internal-tls",
        description: "security.ssl.internal.enabled is true: RPC, blob and data traffic between JobManager and TaskManagers is encrypted.",
        enforcementLevel: "advisory",
        appliesTo: isFlinkDeployment,
        check: ({ props }, _config, report) => {
            if (!isTrue(flinkSetting(rec(props.spec), "security.ssl.internal.enabled"))) {
                report("security.ssl.internal.enabled is not true: traffic between the JobManager and TaskManagers is not encrypted");
            }
        },
    }),
    stackPolicy<MonitorConfig>({
        name: "flink-pod-monitor",
        description: "The JobManager and TaskManager pods of every FlinkDeployment are selected by a PodMonitor (monitoring.coreos.com/v1).",
        enforcementLevel: "advisory",
        configSchema: {
            properties: {
                exempt: stringList("FlinkDeployments (\"namespace/name\", * matches any characters) scraped some other way."),
            },
        },
        appliesTo: (type) => isFlinkDeployment(type) || isPodMonitor(type),
        check: (resources, config, report) => {
            const monitors = resources.filter((r) => isPodMonitor(r.type));
            for (const resource of resources.filter((r) => isFlinkDeployment(r.type))) {
                const namespace = namespaceOf(resource.props, resource.provider);
                const id = flinkId(resource.props, namespace);
                if (matchesAny(texts(config.exempt), id)) continue;
                const uncovered = flinkPods(resource.props)
                    .filter((pod) => !monitors.some((m) => monitorsNamespace(m, namespace)
                        && selectorMatches(at(m.props, "spec", "selector"), flinkPodLabels(resource.props, pod))))
                    .map((pod) => components.find((c) => c.component === pod.component)?.title ?? pod.component);
                if (uncovered.length > 0) {
                    report(`${flinkKind(resource.props)} ${JSON.stringify(id)}: no PodMonitor selects its ${uncovered.join(" and ")} pods`, resource.urn);
                }
            }
        },
    }),
    stackPolicy({
        name: "flink-unique-state-dirs",
        description: "No two FlinkDeployments share (or nest) a high-availability or checkpoint directory.",
        enforcementLevel: "mandatory",
        appliesTo: isFlinkDeployment,
        check: (resources, _config, report) => {
            // Grouped by filesystem (local paths only clash within a namespace, whose volumes they are),
            // then nested or equal paths found in O(n log n) rather than by comparing every pair.
            const groups = new Map<string, { path: string; entry: { order: number; id: string; kind: string; key: string; value: string; urn: string } }[]>();
            let order = 0;
            for (const resource of resources.filter((r) => isFlinkDeployment(r.type))) {
                const namespace = namespaceOf(resource.props, resource.provider);
                const id = flinkId(resource.props, namespace);
                const conf = flinkConfiguration(rec(resource.props.spec));
                for (const keys of [stateDirKeys.ha, stateDirKeys.checkpoints]) {
                    const found = setting(conf, keys);
                    if (found === undefined) continue;
                    const dir = normalizeDir(found.value);
                    const group = `${dir.family} ${dir.local ? namespace : ""}`;
                    const entries = groups.get(group) ?? [];
                    entries.push({ path: dir.path, entry: { order: order++, id, kind: flinkKind(resource.props), key: found.key, value: found.value, urn: resource.urn } });
                    groups.set(group, entries);
                }
            }
            for (const entries of groups.values()) {
                for (const { outer, inner, same } of overlappingPaths(entries)) {
                    if (outer.id === inner.id) continue;
                    // Reported on the FlinkDeployment that comes later in the stack, against the earlier one.
                    const [here, there] = inner.order > outer.order ? [inner, outer] : [outer, inner];
                    const describe = (e: typeof here) => `${e.kind} ${JSON.stringify(e.id)} ${e.key} ${JSON.stringify(e.value)}`;
                    const relation = same ? "is the same directory as" : here === inner ? "lies inside" : "contains";
                    report(`${describe(here)} ${relation} ${describe(there)}`, here.urn);
                }
            }
        },
    }),
];

