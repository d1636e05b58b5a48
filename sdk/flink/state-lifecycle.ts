/**
 * The lifecycle of a cluster's state as the operator runs it: periodic
 * savepoints and the history it keeps, a savepoint when a job is deleted,
 * rollback of an upgrade that does not become stable, and last-state upgrades
 * bounded by the age of the latest checkpoint. Derives the operator keys
 * (KubernetesOperatorConfigOptions, operator 1.15; every key in
 * shared/reference/operator-1.15-resource-keys.txt) for the FlinkDeployment's
 * flinkConfiguration, which the operator also applies to the session jobs of a
 * session cluster (FlinkConfigManager.getSessionJobConfig). Pure.
 */
import type { SavepointArgs, UpgradeArgs } from "./args/cluster";
import { UpgradeMode } from "./args/cluster";
import { Environment } from "./environment";
import { durationMillis, invalid, Problems, requireDurationAtLeast, requireInteger } from "./validation";

/** The operator keys this module sets, each with the field that sets it. */
export const stateLifecycleKeys = {
    "kubernetes.operator.periodic.savepoint.interval": "savepoints.interval",
    "kubernetes.operator.savepoint.history.max.age": "savepoints.maxAge",
    "kubernetes.operator.savepoint.history.max.count": "savepoints.maxCount",
    "kubernetes.operator.savepoint.dispose-on-delete": "savepoints.disposeOnCleanup",
    "kubernetes.operator.job.savepoint-on-deletion": "savepoints.onDeletion",
    "kubernetes.operator.snapshot.resource.enabled": "savepoints.snapshotResources",
    "kubernetes.operator.deployment.rollback.enabled": "upgrade.rollback",
    "kubernetes.operator.deployment.readiness.timeout": "upgrade.readinessTimeout",
    "kubernetes.operator.job.upgrade.last-state.max.allowed.checkpoint.age": "upgrade.maxCheckpointAge",
} as const;

type StateLifecycleKey = keyof typeof stateLifecycleKeys;

/** What the lifecycle depends on in the rest of the cluster. */
export interface StateLifecycleContext {
    environment: Environment;
    /** A session cluster: its session jobs inherit the keys. */
    isSession: boolean;
    /** Whether there is state to save: a session cluster's jobs, or an application cluster's stateful job. */
    stateful: boolean;
    /** Whether the cluster's configuration names a savepoint directory. */
    hasSavepointDir: boolean;
    highAvailability: boolean;
    /** The checkpoint interval in milliseconds; undefined with checkpointing off. */
    checkpointIntervalMillis?: number;
    /** The application cluster's upgrade mode; undefined for a session cluster. */
    upgradeMode?: UpgradeMode;
    /** Upgraded blue/green (blue-green.ts checks `upgrade` then): the operator does not roll those back, so no rollback by default. */
    blueGreen?: boolean;
}

/** Periodic savepoints in prod: every 6 hours, a week of them kept. */
const prodSavepoints = { interval: "6 h", maxAge: "7 d", maxCount: 28 };

const noSavepointDir = "needs a savepoint directory (execution.checkpointing.savepoint-dir); set storage.savepointDir or stateStorage";

/**
 * The operator keys of `savepoints` and `upgrade` for one cluster, with each problem kept in `problems`
 * (labelled by `at`): a setting that needs a savepoint directory or high availability without one, a setting
 * that does not apply, a duration or count that is not valid.
 */
export function stateLifecycleConfig(
    at: (field: string) => string, savepoints: SavepointArgs | undefined, upgrade: UpgradeArgs | undefined,
    context: StateLifecycleContext, problems: Problems,
): Partial<Record<StateLifecycleKey, string>> {
    const config: Partial<Record<StateLifecycleKey, string>> = {};
    const prod = context.environment === Environment.Prod;
    const given = savepoints ?? {};
    const set = (key: StateLifecycleKey, value: () => string) => {
        const checked = problems.attempt(value, undefined);
        if (checked !== undefined) config[key] = checked;
    };
    const needsSavepointDir = (field: string) => problems.add(`${at(field)}: ${noSavepointDir}`);
    const saves = context.stateful && context.hasSavepointDir;

    // Periodic savepoints and the history the operator keeps.
    const periodic = given.periodic ?? (given.interval !== undefined || (prod && saves));
    const periodicField = given.periodic === true ? "savepoints.periodic" : "savepoints.interval";
    if (!periodic && given.interval !== undefined) {
        problems.add(`${at("savepoints.interval")}: applies only with periodic savepoints; remove it or set savepoints.periodic: true`);
    } else if (periodic && !context.hasSavepointDir) {
        needsSavepointDir(periodicField);
    } else if (periodic && !context.stateful) {
        problems.add(`${at(periodicField)}: the job keeps no state (job.stateful: false); remove it`);
    } else if (periodic) {
        set("kubernetes.operator.periodic.savepoint.interval",
            () => requireDurationAtLeast(at("savepoints.interval"), given.interval ?? prodSavepoints.interval, 60_000, "1 min"));
    }
    const maxAge = given.maxAge ?? (prod && periodic ? prodSavepoints.maxAge : undefined);
    if (maxAge !== undefined) set("kubernetes.operator.savepoint.history.max.age", () => requireDurationAtLeast(at("savepoints.maxAge"), maxAge, 1, "1 ms"));
    const maxCount = given.maxCount ?? (prod && periodic ? prodSavepoints.maxCount : undefined);
    if (maxCount !== undefined) set("kubernetes.operator.savepoint.history.max.count", () => String(requireInteger(at("savepoints.maxCount"), maxCount, 1)));
    if (given.disposeOnCleanup !== undefined) config["kubernetes.operator.savepoint.dispose-on-delete"] = String(given.disposeOnCleanup);
    if (given.snapshotResources !== undefined) config["kubernetes.operator.snapshot.resource.enabled"] = String(given.snapshotResources);

    // A savepoint when a job is deleted: the only state a deleted session job would leave is its last retained checkpoint (FLINK-32551).
    if (given.onDeletion === true && !context.hasSavepointDir) {
        needsSavepointDir("savepoints.onDeletion");
    } else if (given.onDeletion !== undefined || saves) {
        config["kubernetes.operator.job.savepoint-on-deletion"] = String(given.onDeletion ?? true);
    }

    // Upgrades.
    const changes = upgrade ?? {};
    const rollback = changes.rollback ?? (prod && context.highAvailability && !context.isSession && context.blueGreen !== true);
    if (rollback && !context.highAvailability) {
        problems.add(`${at("upgrade.rollback")}: needs high availability (the operator rolls back from the HA metadata); set storage.highAvailabilityDir or stateStorage`);
    } else if (changes.rollback !== undefined || rollback) {
        config["kubernetes.operator.deployment.rollback.enabled"] = String(rollback);
    }
    if (changes.readinessTimeout !== undefined) {
        if (!rollback) {
            problems.add(`${at("upgrade.readinessTimeout")}: applies only with upgrade.rollback; remove it or set upgrade.rollback: true`);
        } else {
            set("kubernetes.operator.deployment.readiness.timeout", () => requireDurationAtLeast(at("upgrade.readinessTimeout"), changes.readinessTimeout, 1_000, "1 s"));
        }
    }
    const interval = context.checkpointIntervalMillis;
    if (changes.maxCheckpointAge !== undefined) {
        const field = at("upgrade.maxCheckpointAge");
        if (context.upgradeMode !== UpgradeMode.LastState) {
            problems.add(`${field}: applies only to last-state upgrades; this cluster's ${context.isSession ? "jobs are session jobs" : `upgrade mode is ${context.upgradeMode}`}`);
        } else if (!context.hasSavepointDir) {
            needsSavepointDir("upgrade.maxCheckpointAge");
        } else {
            set("kubernetes.operator.job.upgrade.last-state.max.allowed.checkpoint.age", () => {
                const age = requireDurationAtLeast(field, changes.maxCheckpointAge, 1, "1 ms");
                if (interval !== undefined && durationMillis(age) < interval) {
                    invalid(field, age, `a Flink duration of at least the checkpoint interval (${interval} ms), or every upgrade takes a savepoint`);
                }
                return age;
            });
        }
    } else if (prod && context.upgradeMode === UpgradeMode.LastState && context.hasSavepointDir && interval !== undefined) {
        config["kubernetes.operator.job.upgrade.last-state.max.allowed.checkpoint.age"] = `${2 * interval} ms`;
    }
    return config;
}
