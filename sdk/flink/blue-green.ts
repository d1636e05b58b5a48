/**
 * Blue/green upgrades (`upgrade.strategy: "blue-green"`): an application cluster as a FlinkBlueGreenDeployment
 * (operator 1.14+) instead of a FlinkDeployment. On a changed spec the operator takes a savepoint of the running
 * job, creates the other child FlinkDeployment (`<name>-blue` or `<name>-green`) from `spec.template` starting
 * from that savepoint, and deletes the old child once the new one's job is RUNNING and STABLE; if the new one is
 * not within the abort grace period, it suspends it and keeps the old one. This module checks what the operator
 * could not follow and builds the FlinkBlueGreenDeployment's spec and the platform's REST service over both
 * children. Pure. Sources (operator release-1.15.0, file and line): docs/research/blue-green.md.
 */
import type { types } from "@pulumi/kubernetes";
import type { JobArgs, UpgradeArgs } from "./args/cluster";
import { UpgradeMode, UpgradeStrategy } from "./args/cluster";
import type { FlinkBlueGreenDeploymentSpec, FlinkDeploymentSpec, Inputs } from "./crd-specs";
import { blueGreenClusterLabel } from "./labels";
import { blueGreenRestServiceName, flinkRestPort } from "./pod-template";
import { invalid, Problems, requireDuration, requireDurationAtLeast, requireEnum } from "./validation";

/** The keys of the FlinkBlueGreenDeployment's `spec.configuration` the platform sets (FlinkBlueGreenDeploymentConfigOptions), each with its field. */
export const blueGreenKeys = {
    "kubernetes.operator.bluegreen.abort.grace-period": "upgrade.abortGracePeriod",
    "kubernetes.operator.bluegreen.deployment-deletion.delay": "upgrade.deletionDelay",
} as const;

type BlueGreenKey = keyof typeof blueGreenKeys;

/** The children the operator creates: `<name>-blue`, `<name>-green` (BlueGreenUtils.prepareFlinkDeployment). */
export function blueGreenChildNames(name: string): [string, string] {
    return [`${name}-blue`, `${name}-green`];
}

/** A FlinkDeployment name has at most 45 characters (the operator's DefaultValidator); "-green" takes 6 of them. */
export const maxBlueGreenNameLength = 45 - "-green".length;

/** The FlinkDeployment spec as the cluster plan builds it: a plain object whose fields may be Inputs. */
export type FlinkDeploymentSpecInputs = { [K in keyof FlinkDeploymentSpec]?: Inputs<NonNullable<FlinkDeploymentSpec[K]>> };

/** What a blue/green cluster adds to its plan. */
export interface BlueGreenPlan {
    /** The FlinkBlueGreenDeployment's `spec.configuration`: the operator's blue/green keys the user set (none: the operator's defaults). */
    configuration: Partial<Record<BlueGreenKey, string>>;
    /** The children's names. */
    children: [string, string];
    /** The platform's REST service over both children's JobManagers (`<name>-bluegreen-rest`). */
    restService: { name: string; spec: types.input.core.v1.ServiceSpec };
}

/** What the checks look at in the rest of the cluster. */
export interface BlueGreenContext {
    name: string;
    /** A session cluster (no job). */
    isSession: boolean;
    /** Whether the cluster's configuration names a savepoint directory. */
    hasSavepointDir: boolean;
    job?: JobArgs;
    reactive: boolean;
}

/** The upgrade strategy asked for; a value that is not one is kept in `problems` and in-place goes on. */
export function resolveUpgradeStrategy(at: (field: string) => string, upgrade: UpgradeArgs | undefined, problems: Problems): UpgradeStrategy {
    return problems.attempt(() => requireEnum(at("upgrade.strategy"), upgrade?.strategy ?? UpgradeStrategy.InPlace, UpgradeStrategy), UpgradeStrategy.InPlace);
}

const withBlueGreen = 'with upgrade.strategy "blue-green"';

/**
 * The blue/green plan of a cluster, undefined for an in-place one. Every setting the operator's blue/green
 * controller could not follow is kept in `problems` (labelled by `at`), all at once.
 */
export function planBlueGreen(
    at: (field: string) => string, strategy: UpgradeStrategy, upgrade: UpgradeArgs | undefined, context: BlueGreenContext, problems: Problems,
): BlueGreenPlan | undefined {
    const given = upgrade ?? {};
    if (strategy !== UpgradeStrategy.BlueGreen) {
        for (const field of ["abortGracePeriod", "deletionDelay"] as const) {
            if (given[field] !== undefined) {
                problems.add(`${at(`upgrade.${field}`)}: applies only to blue/green upgrades; remove it or set upgrade.strategy: "blue-green"`);
            }
        }
        return undefined;
    }
    const field = at("upgrade.strategy");
    if (context.name.length > maxBlueGreenNameLength) {
        problems.attempt(() => invalid(at("name"), context.name, `at most ${maxBlueGreenNameLength} characters ${withBlueGreen}: the operator names its ` +
            `FlinkDeployments <name>-blue and <name>-green, and a FlinkDeployment name has at most 45`), undefined);
    }
    if (context.isSession) {
        problems.add(`${field}: "blue-green" upgrades the job of an application cluster (the operator starts the new deployment's job from a ` +
            "savepoint of the old one's); this is a session cluster (no job): upgrade it in place");
    } else if (!context.hasSavepointDir) {
        problems.add(`${field}: "blue-green" needs a savepoint directory (execution.checkpointing.savepoint-dir): the operator takes a savepoint ` +
            "of the running job and starts the new deployment from it; set storage.savepointDir or stateStorage");
    }
    const job = context.job;
    if (job?.upgradeMode !== undefined && job.upgradeMode !== UpgradeMode.Savepoint && Object.values(UpgradeMode).includes(job.upgradeMode)) {
        problems.attempt(() => invalid(at("job.upgradeMode"), job.upgradeMode, `"savepoint" ${withBlueGreen}: the operator takes a savepoint for every ` +
            'switch whatever the mode ("last-state" would not start from the latest checkpoint), and "stateless" starts the new job without state'), undefined);
    }
    if (job?.bounded === true) {
        problems.add(`${at("job.bounded")}: true is not valid ${withBlueGreen}; the operator switches to the new deployment once its job is RUNNING ` +
            "and stable, which a job that finishes may never be: upgrade a bounded job in place");
    }
    if (given.rollback === true) {
        problems.add(`${at("upgrade.rollback")}: true is not valid ${withBlueGreen}; the operator does not roll a blue/green upgrade back: it aborts ` +
            "a switch whose new deployment does not run stable within upgrade.abortGracePeriod and keeps the old one running; remove it");
    }
    if (given.readinessTimeout !== undefined) {
        problems.add(`${at("upgrade.readinessTimeout")}: applies only to in-place upgrades with rollback; ${withBlueGreen} set upgrade.abortGracePeriod instead`);
    }
    if (context.reactive) {
        problems.add(`${at("reactive")}: is not valid ${withBlueGreen}; its HorizontalPodAutoscaler scales a FlinkDeployment through the scale ` +
            "subresource, which a FlinkBlueGreenDeployment does not have, and the children change name with every upgrade: " +
            "use the operator's autoscaler (autoscaler.enabled) or upgrade in place");
    }

    const configuration: Partial<Record<BlueGreenKey, string>> = {};
    if (given.abortGracePeriod !== undefined) {
        const value = problems.attempt(() => requireDurationAtLeast(at("upgrade.abortGracePeriod"), given.abortGracePeriod, 1_000, "1 s"), undefined);
        if (value !== undefined) configuration["kubernetes.operator.bluegreen.abort.grace-period"] = value;
    }
    if (given.deletionDelay !== undefined) {
        const value = problems.attempt(() => requireDuration(at("upgrade.deletionDelay"), given.deletionDelay), undefined);
        if (value !== undefined) configuration["kubernetes.operator.bluegreen.deployment-deletion.delay"] = value;
    }
    return {
        configuration,
        children: blueGreenChildNames(context.name),
        restService: {
            name: blueGreenRestServiceName(context.name),
            spec: {
                type: "ClusterIP",
                // Service selectors are equality only: the platform's label, which both children's pods carry.
                selector: { [blueGreenClusterLabel]: context.name, component: "jobmanager" },
                ports: [{ name: "rest", port: flinkRestPort, targetPort: flinkRestPort, protocol: "TCP" }],
            },
        },
    };
}

/**
 * The FlinkBlueGreenDeployment's spec: `template.spec` is the spec the platform would give the FlinkDeployment,
 * except its `ingress`, which goes to the top: there the operator points it at the active child's REST service
 * (IngressUtils.reconcileBlueGreenIngress), while a template's ingress would give each child its own host,
 * prefixed "blue-" or "green-" (BlueGreenUtils.prepareFlinkDeployment).
 */
export function blueGreenDeploymentSpec(spec: FlinkDeploymentSpecInputs, plan: BlueGreenPlan): Inputs<FlinkBlueGreenDeploymentSpec> {
    const { ingress, ...template } = spec;
    return {
        ...(Object.keys(plan.configuration).length === 0 ? {} : { configuration: plan.configuration }),
        ...(ingress === undefined ? {} : { ingress }),
        template: { spec: template },
    };
}
