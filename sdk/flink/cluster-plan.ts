/**
 * Validates FlinkCluster args and derives the FlinkDeployment spec, its Flink
 * configuration and the objects around it (HPA, PodDisruptionBudgets). Pure.
 * Every key emitted is checked against the version's key list in tests.
 */
import { RunError } from "@pulumi/pulumi";
import type { types } from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import {
    AutoscalerArgs, AwaitArgs, CheckpointingMode, DeploymentMode, FlinkClusterArgs, IngressArgs, JobState, ReactiveArgs, RestartStrategy, RouteArgs, StateBackend, UpgradeMode,
    UpgradeStrategy,
} from "./args/cluster";
import type { FlinkDeploymentSpec } from "./crd-specs";
import { validateFlinkConfiguration } from "./config-keys";
import { requireNoFieldOwnedKeys } from "./field-owned-keys";
import { requireAlertedMetrics } from "./alerted-metrics-keys";
import { jobManagerMemory, taskManagerMemory } from "./memory-model";
import { planEgressRules } from "./egress";
import { AuthProxyPlan, planAuthProxy, requireOneExposure } from "./auth-proxy";
import { awaitAnnotations } from "./await";
import { BlueGreenPlan, FlinkDeploymentSpecInputs, planBlueGreen, resolveUpgradeStrategy } from "./blue-green";
import { clusterNetworkPolicies, NetworkPolicyPlan } from "./network-policies";
import { checkInput, mergeConfig } from "./inputs";
import { Environment } from "./environment";
import { platformLabels } from "./labels";
import { log4jConsoleProperties } from "./logging";
import { clusterDirectories, officialImageRelease, planStorage, podStorageWiring, requireStateDirectory, StoragePlan } from "./storage-plan";
import { StorageArgs, StorageBackend } from "./args/storage";
import { clusterRestServiceName, FlinkComponent, metricsPort, podTemplate } from "./pod-template";
import { binaryQuantity, containerMemoryBytes, requireQuantity } from "./quantity";
import { stateLifecycleConfig } from "./state-lifecycle";
import {
    durationMillis, invalid, Problems, requireCidrs, requireDnsLabel, requireHostName, requireDuration, requireDurationAtLeast, requireEnum, requireInteger, requirePositive,
} from "./validation";
import { defaultFlinkVersion, FlinkVersion, keyListVersion, officialImages, versionNumber } from "./versions";

/** `checkpointing.interval` when not given (FlinkCluster's default; monitoring sizes FlinkCheckpointTooOld from it). */
export const defaultCheckpointInterval = "1 min";

/** The operator's FlinkDeployment name rule (DefaultValidator): at most 45 characters. */
const deploymentName = /^[a-z]([-a-z0-9]{0,43}[a-z0-9])?$/;

/**
 * The REST service types that keep Flink's REST API inside the cluster (`kubernetes.rest-service.exposed.type`):
 * the API has no authentication and runs submitted code, so it is reached through an authenticating ingress.
 */
export const internalRestServiceTypes: readonly string[] = ["ClusterIP", "Headless_ClusterIP"];

/** Whether a `kubernetes.rest-service.exposed.type` is one of `allowed` (Flink reads enum values ignoring case). */
export function isAllowedRestServiceType(value: string, allowed: readonly string[] = internalRestServiceTypes): boolean {
    return allowed.some((type) => type.toLowerCase() === value.toLowerCase());
}

/** Annotations with which common Ingress controllers authenticate requests. */
export const ingressAuthAnnotations = [
    "nginx.ingress.kubernetes.io/auth-url",
    "nginx.ingress.kubernetes.io/auth-type",
    "alb.ingress.kubernetes.io/auth-type",
    "traefik.ingress.kubernetes.io/router.middlewares",
    "haproxy-ingress.github.io/auth-url",
    "konghq.com/plugins",
];

export interface ReactivePlan {
    minReplicas: number;
    maxReplicas: number;
    targetCpuUtilization: number;
}

export interface ClusterPlan {
    name: string;
    namespace: string;
    environment: Environment;
    version: FlinkVersion;
    isSession: boolean;
    protect: boolean;
    /** Task slots per TaskManager (the default parallelism of session jobs). */
    taskSlots: number;
    checkpointDir?: pulumi.Input<string>;
    savepointDir?: pulumi.Input<string>;
    highAvailabilityDir?: pulumi.Input<string>;
    /** Whether the cluster's configuration (storage or flinkConfiguration) names a checkpoint and a savepoint directory. */
    hasCheckpointDir: boolean;
    hasSavepointDir: boolean;
    /** The FlinkDeployment's spec; with blue/green upgrades, the template of the FlinkBlueGreenDeployment's children (blue-green.ts). */
    spec: FlinkDeploymentSpecInputs;
    /** With `upgrade.strategy: "blue-green"`: a FlinkBlueGreenDeployment instead of the FlinkDeployment, and a REST service over both children. */
    blueGreen?: BlueGreenPlan;
    /** The service in front of the JobManagers' REST API: Flink's `<name>-rest`, or the platform's `<name>-bluegreen-rest` with blue/green. */
    restServiceName: string;
    reactive?: ReactivePlan;
    /** Components that get a PodDisruptionBudget (maxUnavailable 1). */
    disruptionBudgets: FlinkComponent[];
    /** The cluster's own NetworkPolicies: its pods with each other, its declared egress, its job jar's download, its authenticating proxy's. */
    networkPolicies: NetworkPolicyPlan[];
    /** The HTTPRoute and its authenticating proxy, with `route`. */
    authProxy?: AuthProxyPlan;
    /** The FlinkDeployment's annotations: how `pulumi up` waits for it (undefined when it does not). */
    annotations?: Record<string, string>;
    /** The cluster's `await`, which its session jobs follow unless they set their own. */
    await?: AwaitArgs;
}

const mebibyte = 1024 * 1024;

/**
 * A container's memory, a Kubernetes quantity ("2Gi", "1536Mi", "2.5Gi") of whole MiB (the operator
 * rounds the pod's memory down to MiB), emitted as the same bytes in binary units ("2560Mi"): the
 * operator reads "2.5Gi" as "2684354560.0", which Flink refuses, and "2G" as 2 GiB (memory-model.ts).
 */
function requireMemory(field: string, value: unknown): { quantity: string; bytes: number } {
    const bytes = containerMemoryBytes(field, value);
    if (bytes % mebibyte !== 0) {
        invalid(field, value, 'a whole number of MiB such as "1536Mi", "2Gi" or "2.5Gi" (the operator rounds the container down to whole MiB)');
    }
    return { quantity: binaryQuantity(bytes), bytes };
}

/** The image, checking that an official image's tag matches the Flink version. */
function resolveImage(at: (f: string) => string, version: FlinkVersion, image: pulumi.Input<string> | undefined): pulumi.Input<string> {
    return image === undefined ? officialImages[version] : checkInput(image, (known) => requireImage(at, version, known));
}

function requireImage(at: (f: string) => string, version: FlinkVersion, image: string): string {
    if (typeof image !== "string") {
        invalid(at("image"), image, "an image reference such as flink:2.2.1-java17");
    }
    const match = /^(?:(?:docker\.io\/)?(?:library\/)?flink|(?:docker\.io\/)?apache\/flink)(?::([^@]+))?(@sha256:[0-9a-f]{64})?$/.exec(image);
    if (match === null) {
        if (/:latest$/.test(image) || !/[:@]/.test(image.split("/").pop() ?? "")) {
            invalid(at("image"), image, "an image with a pinned tag or digest, never latest");
        }
        return image;
    }
    const [, tag, digest] = match;
    if (tag === undefined || tag === "latest") {
        if (digest !== undefined && tag === undefined) {
            return image;
        }
        invalid(at("image"), image, `an official image with a version tag such as ${officialImages[version]}, never latest`);
    }
    const number = versionNumber(version);
    if (!tag.startsWith(`${number}.`) && !tag.startsWith(`${number}-`) && tag !== number) {
        invalid(at("image"), image, `an image of Flink ${number} (flinkVersion ${version}), such as ${officialImages[version]}`);
    }
    return image;
}

/** The Flink release inside the image: an official image's tag, else `flinkRelease`; object storage needs it for the plugin jar's name. */
function resolveFlinkRelease(at: (f: string) => string, version: FlinkVersion, image: string, given: string | undefined, backend: StorageBackend | undefined) {
    const flinkRelease = officialImageRelease(image) ?? given;
    if (flinkRelease !== undefined && !new RegExp(`^${versionNumber(version).replace(".", "\\.")}\\.\\d+$`).test(flinkRelease)) {
        invalid(at("flinkRelease"), flinkRelease, `a Flink ${versionNumber(version)} release such as ${versionNumber(version)}.0`);
    }
    if (backend !== undefined && backend !== StorageBackend.Pvc && flinkRelease === undefined) {
        throw new RunError(`${at("flinkRelease")}: is required with a custom image and ${backend} storage: ` +
            `the filesystem plugin jar is named after the Flink release inside the image, such as ${versionNumber(version)}.0`);
    }
    return flinkRelease;
}

/**
 * Azure workload identity needs Hadoop's WorkloadIdentityTokenProvider (hadoop-azure 3.4 and later). The
 * flink-azure-fs-hadoop plugin of the official images, Flink 1.20 to 2.2, bundles hadoop-azure 3.3 (its move to
 * 3.4, FLINK-36694, is not released), so Flink would fail on its first state access: refused there.
 */
function requireAzureWorkloadIdentitySupport(at: (f: string) => string, image: string, storage: StoragePlan | undefined): void {
    if (storage?.backend === StorageBackend.Azure && storage.credentials === "workload-identity" && officialImageRelease(image) !== undefined) {
        throw new RunError(`${at("image")}: ${JSON.stringify(image)} cannot use Azure workload identity: the official image's Azure plugin ` +
            "(flink-azure-fs-hadoop, Hadoop 3.3) has no WorkloadIdentityTokenProvider, which came with Hadoop 3.4; set image to one whose plugin " +
            "is built on Hadoop 3.4 (and flinkRelease to its Flink release), or authenticate with an account key (credentials.accountKey or existingSecretName)");
    }
}

function resolveIngress(at: (f: string) => string, ingress: IngressArgs) {
    if (ingress.tlsSecretName === undefined || ingress.tlsSecretName === "") {
        throw new RunError(`${at("ingress.tlsSecretName")}: is required; the Flink UI and REST API must only be served over TLS`);
    }
    const host = checkInput(ingress.host, (known) => requireHostName(at("ingress.host"), known));
    const tlsSecretName = checkInput(ingress.tlsSecretName, (known) => requireDnsLabel(at("ingress.tlsSecretName"), known));
    const annotations = ingress.annotations ?? {};
    const authenticated = ingress.behindAuthenticatingProxy === true || ingressAuthAnnotations.some((key) => annotations[key] !== undefined);
    if (!authenticated) {
        throw new RunError(`${at("ingress")}: the Flink REST API has no authentication and runs submitted code; add an annotation that makes ` +
            `the Ingress controller authenticate (one of ${ingressAuthAnnotations.join(", ")}), ` +
            "or set behindAuthenticatingProxy when a proxy in front of it does");
    }
    return {
        // A host without a path: no rewrite rules, no trailing-slash trouble.
        template: host,
        ...(ingress.className === undefined ? {} : { className: ingress.className }),
        annotations,
        tls: [{ hosts: [host], secretName: tlsSecretName }],
    };
}

export function planCluster(args: FlinkClusterArgs): ClusterPlan {
    const at = (field: string) => `FlinkCluster ${JSON.stringify(args.name)}: ${field}`;
    if (typeof args.name !== "string" || !deploymentName.test(args.name)) {
        invalid(at("name"), args.name, "lowercase letters, digits or '-', starting with a letter and ending with a letter or digit, at most 45 characters (the operator's rule for FlinkDeployment names)");
    }
    const name = args.name;
    const namespace = requireDnsLabel(at("namespace"), args.namespace);
    const environment = requireEnum(at("environment"), args.environment ?? Environment.Dev, Environment);
    const version = requireEnum(at("flinkVersion"), args.flinkVersion ?? defaultFlinkVersion, FlinkVersion);
    // The checks below that do not depend on each other each go on with a fallback when they fail, so that one error lists them all.
    const problems = new Problems();
    const check = <T>(fn: () => T, fallback: T): T => problems.attempt(fn, fallback);
    const image = check(() => resolveImage(at, version, args.image), undefined);
    const serviceAccount = check(() => checkInput(args.serviceAccountName ?? "flink", (known) => requireDnsLabel(at("serviceAccountName"), known)), "flink" as pulumi.Input<string>);
    const job = args.job;
    const isSession = job === undefined;
    const strategy = resolveUpgradeStrategy(at, args.upgrade, problems);
    const blueGreen = strategy === UpgradeStrategy.BlueGreen;

    // Storage and high availability: directories derived from the state storage, each overridable.
    const stateStorage = args.stateStorage === undefined ? undefined : check(() => planStorage((f) => at(`stateStorage.${f}`), environment, args.stateStorage as StorageArgs), undefined);
    const storage = { ...(stateStorage === undefined ? {} : clusterDirectories(stateStorage, namespace, name)), ...args.storage };
    for (const key of ["checkpointDir", "savepointDir", "highAvailabilityDir"] as const) {
        const dir = storage[key];
        if (dir !== undefined) storage[key] = check(() => checkInput(dir, (known) => requireStateDirectory(at(`storage.${key}`), known)), dir);
    }
    const highAvailability = args.highAvailability ?? storage.highAvailabilityDir !== undefined;
    if (highAvailability && storage.highAvailabilityDir === undefined) {
        problems.add(`${at("highAvailability")}: is on without storage.highAvailabilityDir; Kubernetes HA keeps JobManager metadata in durable storage, so set the directory`);
    }
    const missing = (["checkpointDir", "savepointDir", "highAvailabilityDir"] as const).filter((key) => storage[key] === undefined);
    /** Prod without durable storage: reported once here, not again by each setting that needs the storage. */
    const prodWithoutStorage = environment === Environment.Prod && (missing.length > 0 || !highAvailability);
    if (environment === Environment.Prod) {
        if (prodWithoutStorage) {
            problems.add(`${at("storage")}: prod requires high availability and durable storage, but ${missing.length > 0 ? missing.join(", ") : "highAvailability"} ` +
                `${missing.length > 1 ? "are" : "is"} missing; give the platform a storage backend (s3, gcs, azure or pvc) or set the directories`);
        }
    }
    // A release read from an image that is not valid would only repeat the image's problem.
    const flinkRelease = image === undefined ? args.flinkRelease : check(() => checkInput(image, (known) => {
        requireAzureWorkloadIdentitySupport(at, known, stateStorage);
        return resolveFlinkRelease(at, version, known, args.flinkRelease, stateStorage?.backend);
    }), args.flinkRelease);
    const storageWiring = stateStorage === undefined ? undefined : podStorageWiring(stateStorage, flinkRelease as pulumi.Input<string>);

    // Resources.
    const stateBackend = check(() => {
        const backend = requireEnum(at("stateBackend"), args.stateBackend ?? StateBackend.RocksDb, StateBackend);
        if (backend === StateBackend.ForSt && version === FlinkVersion.V1_20) {
            invalid(at("stateBackend"), backend, `"hashmap" or "rocksdb" on Flink 1.20 (ForSt needs Flink 2.x)`);
        }
        return backend;
    }, StateBackend.RocksDb);
    const jm = args.jobManager ?? {};
    const tm = args.taskManager ?? {};
    const jmCpu = check(() => requirePositive(at("jobManager.cpu"), jm.cpu ?? 1), 1);
    const tmCpu = check(() => requirePositive(at("taskManager.cpu"), tm.cpu ?? 2), 2);
    // A size that is not valid goes on as undefined: its memory model is not checked then.
    const jmMemory = check(() => requireMemory(at("jobManager.memory"), jm.memory ?? "2Gi"), undefined);
    const tmMemory = check(() => requireMemory(at("taskManager.memory"), tm.memory ?? "4Gi"), undefined);
    const jmStorage = check(() => requireQuantity(at("jobManager.ephemeralStorage"), jm.ephemeralStorage ?? "2Gi"), "2Gi");
    const spills = stateBackend !== StateBackend.HashMap;
    const tmStorage = check(() => requireQuantity(at("taskManager.ephemeralStorage"), tm.ephemeralStorage ?? (spills ? "10Gi" : "2Gi")), "2Gi");
    const taskSlots = check(() => requireInteger(at("taskManager.taskSlots"), tm.taskSlots ?? 2, 1), 2);
    // On a single node a standby JobManager has nowhere to go: HA then recovers the one JobManager from its metadata.
    const singleNode = stateStorage?.singleNode === true;
    const jmReplicas = check(() => requireInteger(at("jobManager.replicas"), jm.replicas ?? (highAvailability && !singleNode ? 2 : 1), 1), 1);
    if (jmReplicas > 1 && !highAvailability) {
        problems.add(`${at("jobManager.replicas")}: ${jmReplicas} standby JobManagers need high availability; set storage.highAvailabilityDir or use 1 replica`);
    }
    const tmReplicas = tm.replicas === undefined ? undefined : check(() => requireInteger(at("taskManager.replicas"), tm.replicas, 1), undefined);

    // Scaling.
    const { reactive, autoscaler, mode, reactivePlan } = check(() => resolveScaling(at, args, isSession),
        { reactive: undefined, autoscaler: undefined, mode: DeploymentMode.Native, reactivePlan: undefined });

    // Flink configuration, in the order a reader looks for it.
    const config: Record<string, pulumi.Input<string>> = {
        "taskmanager.numberOfTaskSlots": String(taskSlots),
        "kubernetes.rest-service.exposed.type": "ClusterIP",
        "metrics.reporter.prom.factory.class": "org.apache.flink.metrics.prometheus.PrometheusReporterFactory",
        "metrics.reporter.prom.port": String(metricsPort),
        "state.backend.type": stateBackend,
    };
    /** Sets a key to a checked value; a value that is not valid is kept as a problem. */
    const setKey = (key: string, value: () => string) => {
        const checked = check(value, undefined);
        if (checked !== undefined) config[key] = checked;
    };
    const checkpointing = args.checkpointing ?? {};
    if (checkpointing.enabled ?? true) {
        // Flink refuses intervals and timeouts under 10 ms (CheckpointCoordinatorConfiguration.MINIMAL_CHECKPOINT_TIME).
        setKey("execution.checkpointing.interval", () => requireDurationAtLeast(at("checkpointing.interval"), checkpointing.interval ?? defaultCheckpointInterval, 10, "10 ms"));
        setKey("execution.checkpointing.mode", () => requireEnum(at("checkpointing.mode"), checkpointing.mode ?? CheckpointingMode.ExactlyOnce, CheckpointingMode));
        config["execution.checkpointing.externalized-checkpoint-retention"] = "RETAIN_ON_CANCELLATION";
        if (spills) {
            config["execution.checkpointing.incremental"] = "true";
        }
        if (checkpointing.timeout !== undefined) {
            setKey("execution.checkpointing.timeout", () => requireDurationAtLeast(at("checkpointing.timeout"), checkpointing.timeout as string, 10, "10 ms"));
        }
        if (checkpointing.minPause !== undefined) {
            setKey("execution.checkpointing.min-pause", () => requireDuration(at("checkpointing.minPause"), checkpointing.minPause));
        }
        if (checkpointing.tolerableFailures !== undefined) {
            setKey("execution.checkpointing.tolerable-failed-checkpoints", () => String(requireInteger(at("checkpointing.tolerableFailures"), checkpointing.tolerableFailures, 0)));
        }
        if (checkpointing.retained !== undefined) {
            setKey("execution.checkpointing.num-retained", () => String(requireInteger(at("checkpointing.retained"), checkpointing.retained, 1)));
        }
    }
    if (storage.checkpointDir !== undefined) {
        config["execution.checkpointing.dir"] = storage.checkpointDir;
    }
    if (storage.savepointDir !== undefined) {
        config["execution.checkpointing.savepoint-dir"] = storage.savepointDir;
    }
    if (highAvailability) {
        config["high-availability.type"] = "kubernetes";
        config["high-availability.storageDir"] = storage.highAvailabilityDir as pulumi.Input<string>;
    }

    const restart = args.restartStrategy ?? {};
    const restartType = check(() => requireEnum(at("restartStrategy.type"), restart.type ?? RestartStrategy.ExponentialDelay, RestartStrategy), RestartStrategy.ExponentialDelay);
    config["restart-strategy.type"] = restartType;
    const restartKeys: Record<RestartStrategy, { attempts?: string; delay?: string; maxDelay?: string }> = {
        [RestartStrategy.FixedDelay]: { attempts: "restart-strategy.fixed-delay.attempts", delay: "restart-strategy.fixed-delay.delay" },
        [RestartStrategy.FailureRate]: {
            attempts: "restart-strategy.failure-rate.max-failures-per-interval",
            delay: "restart-strategy.failure-rate.delay",
            maxDelay: "restart-strategy.failure-rate.failure-rate-interval",
        },
        [RestartStrategy.ExponentialDelay]: {
            attempts: "restart-strategy.exponential-delay.attempts-before-reset-backoff",
            delay: "restart-strategy.exponential-delay.initial-backoff",
            maxDelay: "restart-strategy.exponential-delay.max-backoff",
        },
        [RestartStrategy.None]: {},
    };
    for (const setting of ["attempts", "delay", "maxDelay"] as const) {
        const value = restart[setting];
        if (value === undefined) {
            continue;
        }
        const key = restartKeys[restartType][setting];
        if (key === undefined) {
            problems.add(`${at(`restartStrategy.${setting}`)}: does not apply to the ${restartType} strategy; remove it`);
            continue;
        }
        setKey(key, () => setting === "attempts" ? String(requireInteger(at("restartStrategy.attempts"), value, 1)) : requireDuration(at(`restartStrategy.${setting}`), value));
    }

    if (autoscaler !== undefined) {
        config["job.autoscaler.enabled"] = "true";
        // In-place rescaling needs the adaptive scheduler.
        config["jobmanager.scheduler"] = "adaptive";
        const minP = autoscaler.minParallelism === undefined ? undefined : check(() => requireInteger(at("autoscaler.minParallelism"), autoscaler.minParallelism, 1), undefined);
        const maxP = autoscaler.maxParallelism === undefined ? undefined : check(() => requireInteger(at("autoscaler.maxParallelism"), autoscaler.maxParallelism, minP ?? 1), undefined);
        if (minP !== undefined) config["job.autoscaler.vertex.min-parallelism"] = String(minP);
        if (maxP !== undefined) config["job.autoscaler.vertex.max-parallelism"] = String(maxP);
        if (autoscaler.targetUtilization !== undefined) {
            const target = autoscaler.targetUtilization;
            setKey("job.autoscaler.utilization.target", () => typeof target !== "number" || !(target > 0 && target <= 1)
                ? invalid(at("autoscaler.targetUtilization"), target, "a fraction greater than 0 and at most 1, such as 0.7")
                : String(target));
        }
        if (autoscaler.metricsWindow !== undefined) setKey("job.autoscaler.metrics.window", () => requireDuration(at("autoscaler.metricsWindow"), autoscaler.metricsWindow));
        if (autoscaler.stabilizationInterval !== undefined) {
            setKey("job.autoscaler.stabilization.interval", () => requireDuration(at("autoscaler.stabilizationInterval"), autoscaler.stabilizationInterval));
        }
    }
    if (reactive !== undefined) {
        config["scheduler-mode"] = "reactive";
    }
    if (!isSession) {
        // Application clusters run one job: the web UI offers no upload or cancel. These only hide the UI's actions;
        // the REST API still accepts submissions and cancellations, which is why it is never exposed unauthenticated.
        config["web.submit.enable"] = "false";
        config["web.cancel.enable"] = "false";
    }
    const extra = check(() => validateFlinkConfiguration(at("flinkConfiguration"), version, args.flinkConfiguration), {});
    // The user's keys as given (strings: the args check converted numbers and booleans), also when another key is not valid.
    check(() => requireNoFieldOwnedKeys(at("flinkConfiguration"), args.flinkConfiguration ?? {}), undefined);
    check(() => requireAlertedMetrics(at("flinkConfiguration"), args.flinkConfiguration ?? {}), undefined);
    // Flink derives every memory component from the container's size and the memory keys given: refuse what it would refuse at start.
    if (jmMemory !== undefined) check(() => jobManagerMemory(keyListVersion(version), jmMemory.bytes, extra, at("jobManager.memory")), undefined);
    if (tmMemory !== undefined) check(() => taskManagerMemory(keyListVersion(version), tmMemory.bytes, extra, at("taskManager.memory")), undefined);
    const restExposure = extra["kubernetes.rest-service.exposed.type"];
    if (restExposure !== undefined && !isAllowedRestServiceType(String(restExposure))) {
        check(() => invalid(at('flinkConfiguration["kubernetes.rest-service.exposed.type"]'), restExposure,
            `${internalRestServiceTypes.map((t) => JSON.stringify(t)).join(" or ")}: the REST API has no authentication; expose it through ingress`), undefined);
    }
    if (extra["kubernetes.hostnetwork.enabled"] === "true") {
        check(() => invalid(at('flinkConfiguration["kubernetes.hostnetwork.enabled"]'), "true", `"false": Flink pods do not run in the host network`), undefined);
    }
    // The job's upgrade mode looks at the directories of both what the platform derives and what the user sets.
    const directories = configuredDirectories({ ...config, ...extra });

    // The job.
    let jobSpec: FlinkDeploymentSpec["job"];
    if (job !== undefined) {
        if (typeof job.jarURI !== "string" || !/^[a-z][a-z0-9+.-]*:\/\/\S+$/.test(job.jarURI)) {
            check(() => invalid(at("job.jarURI"), job.jarURI, 'a URI with a scheme, such as "local:///opt/flink/usrlib/app.jar"'), undefined);
        }
        const upgradeMode = prodWithoutStorage ? UpgradeMode.Stateless
            : check(() => resolveUpgradeMode(at, "job.upgradeMode", environment, job.upgradeMode, job.stateful ?? true, directories), UpgradeMode.Stateless);
        const parallelism = job.parallelism ?? (tmReplicas === undefined ? taskSlots : undefined);
        if (parallelism !== undefined && (!Number.isInteger(parallelism) || parallelism < 1)) {
            check(() => invalid(at("job.parallelism"), parallelism, tmReplicas === undefined
                ? "a whole number ≥ 1 (Flink sizes the TaskManagers from it unless taskManager.replicas is set)"
                : "a whole number ≥ 1"), undefined);
        }
        jobSpec = {
            jarURI: job.jarURI,
            ...(job.entryClass === undefined ? {} : { entryClass: job.entryClass }),
            ...(job.args === undefined ? {} : { args: job.args }),
            ...(parallelism === undefined ? {} : { parallelism }),
            state: check(() => requireEnum(at("job.state"), job.state ?? JobState.Running, JobState), JobState.Running),
            upgradeMode,
            ...(job.initialSavepointPath === undefined ? {} : { initialSavepointPath: job.initialSavepointPath }),
            ...(job.allowNonRestoredState === undefined ? {} : { allowNonRestoredState: job.allowNonRestoredState }),
        };
    }
    const interval = config["execution.checkpointing.interval"];
    // Blue/green upgrades have no rollback: planBlueGreen refuses its fields.
    const upgrade = blueGreen ? { ...args.upgrade, rollback: undefined, readinessTimeout: undefined } : args.upgrade;
    const lifecycle = stateLifecycleConfig(at, args.savepoints, upgrade, {
        environment, isSession, stateful: job === undefined || (job.stateful ?? true), hasSavepointDir: directories.savepoint, highAvailability,
        checkpointIntervalMillis: typeof interval === "string" ? durationMillis(interval) : undefined, upgradeMode: jobSpec?.upgradeMode as UpgradeMode | undefined,
        blueGreen,
    }, problems);
    const blueGreenPlan = planBlueGreen(at, strategy, args.upgrade, { name, isSession, hasSavepointDir: directories.savepoint, job, reactive: reactive !== undefined }, problems);
    // What the user sets wins over what the platform derives.
    const flinkConfiguration = mergeConfig({ ...config, ...lifecycle }, storageWiring?.flinkConfiguration ?? {}, extra);
    const sessionJobs = args.sessionJobs ?? [];
    if (!isSession && sessionJobs.length > 0) {
        problems.add(`${at("sessionJobs")}: session jobs run on a session cluster; this is an application cluster (it has a job)`);
    }

    // Pods.
    const scheduling = args.scheduling ?? {};
    const labels = { ...platformLabels("flink-cluster", name), ...args.podLabels };
    const template = (component: FlinkComponent, tmpSizeLimit: string, requireNodeSpread: boolean) => podTemplate({
        cluster: name,
        blueGreen,
        component,
        labels,
        tmpSizeLimit,
        nodeSelector: scheduling.nodeSelector,
        tolerations: scheduling.tolerations as types.input.core.v1.Toleration[] | undefined,
        priorityClassName: scheduling.priorityClassName,
        zoneTopologyKey: scheduling.zoneTopologyKey ?? "topology.kubernetes.io/zone",
        requireNodeSpread,
        storage: storageWiring,
    });
    const ingress = args.ingress === undefined ? undefined : check(() => resolveIngress(at, args.ingress as IngressArgs), undefined);
    const authProxy = args.route === undefined ? undefined : check(() => {
        requireOneExposure(at, args.route, args.ingress);
        return planAuthProxy(at, name, namespace, environment, args.route as RouteArgs, blueGreen);
    }, undefined);
    const egress = check(() => planEgressRules(at("egress"), environment, args.egress), []);
    const annotations = check(() => awaitAnnotations(at("await"), args.await, job === undefined ? { kind: "session-cluster" }
        : blueGreen ? { kind: "blue-green", state: job.state ?? JobState.Running }
            : { kind: "job", state: job.state ?? JobState.Running, bounded: job.bounded === true }), undefined);
    // An http(s) job jar is downloaded by the JobManager (Flink's artifact fetching in application mode).
    const jarPort = job === undefined || typeof job.jarURI !== "string" ? undefined : webPort(job.jarURI);
    const jarDownload = jarPort === undefined ? undefined
        : check(() => ({ cidrs: requireCidrs(at("artifactCidrs"), args.artifactCidrs ?? ["0.0.0.0/0"]), port: jarPort }), undefined);
    problems.throwAny();
    // Every check passed: the image and the sizes are known.
    const [jmQuantity, tmQuantity] = [jmMemory, tmMemory].map((memory) => (memory as { quantity: string }).quantity);
    const checkedImage = image as pulumi.Input<string>;

    const disruptionBudgets: FlinkComponent[] = [];
    if (jmReplicas > 1) disruptionBudgets.push("jobmanager");
    if (mode === DeploymentMode.Standalone && (tmReplicas ?? reactivePlan?.minReplicas ?? 1) > 1) disruptionBudgets.push("taskmanager");

    return {
        name,
        namespace,
        environment,
        version,
        isSession,
        protect: args.protect ?? environment === Environment.Prod,
        taskSlots,
        checkpointDir: storage.checkpointDir,
        savepointDir: storage.savepointDir,
        highAvailabilityDir: storage.highAvailabilityDir,
        hasCheckpointDir: directories.checkpoint,
        hasSavepointDir: directories.savepoint,
        blueGreen: blueGreenPlan,
        restServiceName: clusterRestServiceName(name, blueGreen),
        reactive: reactivePlan,
        disruptionBudgets,
        networkPolicies: [...clusterNetworkPolicies({ cluster: name, blueGreen, egress, jarDownload }), ...(authProxy?.networkPolicies ?? [])],
        authProxy,
        annotations,
        await: args.await,
        spec: {
            flinkVersion: version,
            image: checkedImage,
            imagePullPolicy: "IfNotPresent",
            serviceAccount,
            mode,
            flinkConfiguration,
            logConfiguration: { "log4j-console.properties": log4jConsoleProperties },
            jobManager: {
                replicas: jmReplicas,
                resource: { cpu: jmCpu, memory: jmQuantity, ephemeralStorage: jmStorage },
                podTemplate: template("jobmanager", jmStorage, jmReplicas > 1 && !singleNode) as FlinkDeploymentSpec["podTemplate"],
            },
            taskManager: {
                ...(tmReplicas === undefined ? {} : { replicas: tmReplicas }),
                resource: { cpu: tmCpu, memory: tmQuantity, ephemeralStorage: tmStorage },
                podTemplate: template("taskmanager", tmStorage, false) as FlinkDeploymentSpec["podTemplate"],
            },
            ...(jobSpec === undefined ? {} : { job: jobSpec }),
            ...(ingress === undefined ? {} : { ingress }),
        },
    };
}

interface Scaling {
    reactive?: ReactiveArgs;
    autoscaler?: AutoscalerArgs;
    mode: DeploymentMode;
    reactivePlan?: ReactivePlan;
}

/** Reactive mode (standalone, a HorizontalPodAutoscaler) or the operator's autoscaler (native), for an application cluster. */
function resolveScaling(at: (f: string) => string, args: FlinkClusterArgs, isSession: boolean): Scaling {
    const reactive = args.reactive?.enabled === true ? args.reactive : undefined;
    const autoscaler = args.autoscaler?.enabled === true ? args.autoscaler : undefined;
    if ((reactive !== undefined || autoscaler !== undefined) && isSession) {
        throw new RunError(`${at(reactive ? "reactive" : "autoscaler")}: scales the job of an application cluster; this is a session cluster (no job)`);
    }
    if (reactive !== undefined && autoscaler !== undefined) {
        throw new RunError(`${at("reactive")}: and autoscaler are both enabled; choose the operator's autoscaler (native) or reactive mode (standalone)`);
    }
    const mode = requireEnum(at("mode"), args.mode ?? (reactive ? DeploymentMode.Standalone : DeploymentMode.Native), DeploymentMode);
    if (reactive === undefined) {
        return { autoscaler, mode };
    }
    if (mode !== DeploymentMode.Standalone) {
        invalid(at("mode"), mode, `"standalone" with reactive mode (the HorizontalPodAutoscaler scales the TaskManager Deployment)`);
    }
    const minReplicas = requireInteger(at("reactive.minReplicas"), reactive.minReplicas ?? 1, 1);
    if (reactive.maxReplicas === undefined) {
        throw new RunError(`${at("reactive.maxReplicas")}: is required with reactive mode; set the most TaskManagers the autoscaler may run`);
    }
    const maxReplicas = requireInteger(at("reactive.maxReplicas"), reactive.maxReplicas, minReplicas);
    const targetCpuUtilization = requireInteger(at("reactive.targetCpuUtilization"), reactive.targetCpuUtilization ?? 70, 1, 100);
    return { reactive, mode, reactivePlan: { minReplicas, maxReplicas, targetCpuUtilization } };
}

/** The port of an http(s) URL (its own, or 443 and 80); undefined for another scheme. */
function webPort(uri: string): number | undefined {
    const match = /^(https?):\/\/[^/:?#]+(?::(\d+))?/.exec(uri);
    return match === null ? undefined : match[2] !== undefined ? Number(match[2]) : match[1] === "https" ? 443 : 80;
}

/** Which state directories a Flink configuration names. */
export interface ConfiguredDirectories {
    checkpoint: boolean;
    savepoint: boolean;
}

export function configuredDirectories(config: Record<string, unknown>): ConfiguredDirectories {
    return { checkpoint: config["execution.checkpointing.dir"] !== undefined, savepoint: config["execution.checkpointing.savepoint-dir"] !== undefined };
}

/**
 * The upgrade mode of a job: savepoint when there is a savepoint directory,
 * last-state with only a checkpoint directory; never a silent stateless.
 * Shared by application clusters and session jobs.
 */
export function resolveUpgradeMode(
    at: (f: string) => string, field: string, environment: Environment, given: UpgradeMode | undefined, stateful: boolean,
    directories: ConfiguredDirectories,
): UpgradeMode {
    const mode = given === undefined
        ? directories.savepoint && directories.checkpoint ? UpgradeMode.Savepoint : directories.checkpoint ? UpgradeMode.LastState : undefined
        : requireEnum(at(field), given, UpgradeMode);
    if (mode === undefined) {
        throw new RunError(`${at(field)}: has no default without durable storage; set storage.checkpointDir and storage.savepointDir ` +
            `(upgrades then take a savepoint), or upgradeMode "stateless" for a job whose state may be lost`);
    }
    if (mode !== UpgradeMode.Stateless && !directories.checkpoint) {
        throw new RunError(`${at(field)}: "${mode}" needs a checkpoint directory (execution.checkpointing.dir); set storage.checkpointDir`);
    }
    if (mode === UpgradeMode.Savepoint && !directories.savepoint) {
        throw new RunError(`${at(field)}: "savepoint" needs a savepoint directory (execution.checkpointing.savepoint-dir); set storage.savepointDir`);
    }
    if (mode === UpgradeMode.Stateless && stateful && environment === Environment.Prod) {
        throw new RunError(`${at(field)}: "stateless" would drop the state of a stateful job on every upgrade, which prod refuses; ` +
            "use savepoint or last-state with durable storage, or mark the job stateful: false");
    }
    return mode;
}
