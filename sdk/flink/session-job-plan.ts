/** Validates a session job against the session cluster it runs on and derives the FlinkSessionJob spec. Pure. */
import { RunError } from "@pulumi/pulumi";
import type * as pulumi from "@pulumi/pulumi";
import type { FlinkClusterReference, SessionJobArgs } from "./args/cluster";
import { JobState } from "./args/cluster";
import type { FlinkSessionJobSpec } from "./crd-specs";
import type { ClusterPlan } from "./cluster-plan";
import { configuredDirectories, resolveUpgradeMode } from "./cluster-plan";
import { validateFlinkConfiguration } from "./config-keys";
import { requireAlertedMetrics } from "./alerted-metrics-keys";
import { awaitAnnotations } from "./await";
import { invalid, requireDnsLabel, requireEnum, requireInteger } from "./validation";

export interface SessionJobPlan {
    name: string;
    namespace: string;
    deploymentName: pulumi.Input<string>;
    protect: boolean;
    /** How `pulumi up` waits for it (undefined when it does not). */
    annotations?: Record<string, string>;
    spec: Omit<FlinkSessionJobSpec, "deploymentName">;
}

const privateIpv4 = [/^10\./, /^127\./, /^169\.254\./, /^192\.168\./, /^172\.(1[6-9]|2\d|3[01])\./, /^0\./, /^(22[4-9]|23\d)\./];
const internalNames = [/^localhost$/, /\.localhost$/, /\.local$/, /\.internal$/, /\.svc$/, /\.cluster\.local$/];

/**
 * Whether a jar host is one the operator refuses (it resolves the host and
 * rejects loopback, link-local, site-local, wildcard and multicast addresses).
 * Literal addresses and cluster-internal names are caught here, at preview.
 */
export function isRestrictedHost(host: string): boolean {
    const bare = host.replace(/^\[|\]$/g, "").toLowerCase();
    if (bare.includes(":")) {
        return bare === "::1" || bare === "::" || /^fe[89ab]/.test(bare) || /^f[cd]/.test(bare) || /^ff/.test(bare);
    }
    if (/^\d+\.\d+\.\d+\.\d+$/.test(bare)) {
        return privateIpv4.some((range) => range.test(bare));
    }
    return !bare.includes(".") || internalNames.some((name) => name.test(bare));
}

function requireJarUrl(field: string, value: unknown): string {
    let url: URL | undefined;
    try {
        url = typeof value === "string" ? new URL(value) : undefined;
    } catch {
        url = undefined;
    }
    if (url === undefined || url.protocol !== "https:") {
        invalid(field, value, "an https:// URL (the operator fetches session-job jars over https only, unless its allowed schemes are widened)");
    }
    if (isRestrictedHost(url.hostname)) {
        invalid(field, value, "an https:// URL on a public host (the operator refuses hosts that resolve to loopback, link-local or private addresses)");
    }
    return value as string;
}

/** What a session job needs to know of a cluster planned in this program. */
export function clusterReference(plan: ClusterPlan, deploymentName: pulumi.Input<string>): FlinkClusterReference {
    return {
        deploymentName, name: plan.name, namespace: plan.namespace, session: plan.isSession, environment: plan.environment, flinkVersion: plan.version,
        taskSlots: plan.taskSlots, hasCheckpointDir: plan.hasCheckpointDir, hasSavepointDir: plan.hasSavepointDir, protect: plan.protect,
    };
}

/** A session job on the cluster `cluster` refers to (its shape checked against the args schema before). */
export function planSessionJob(cluster: FlinkClusterReference, job: SessionJobArgs): SessionJobPlan {
    const at = (field: string) => `FlinkSessionJob ${JSON.stringify(job.name)}: ${field}`;
    const name = requireDnsLabel(at("name"), job.name);
    if (!cluster.session) {
        throw new RunError(`${at("cluster")}: ${JSON.stringify(cluster.name)} is an application cluster (it has a job); session jobs run on a session cluster`);
    }
    const jarURI = requireJarUrl(at("jarURI"), job.jarURI);
    const flinkConfiguration = validateFlinkConfiguration(at("flinkConfiguration"), cluster.flinkVersion, job.flinkConfiguration);
    // A session job's own keys are merged over its cluster's (FlinkConfigManager.getSessionJobConfig): the same keys would silence its alerts.
    requireAlertedMetrics(at("flinkConfiguration"), flinkConfiguration);
    const own = configuredDirectories(flinkConfiguration);
    const directories = { checkpoint: cluster.hasCheckpointDir || own.checkpoint, savepoint: cluster.hasSavepointDir || own.savepoint };
    const upgradeMode = resolveUpgradeMode(at, "upgradeMode", cluster.environment, job.upgradeMode, job.stateful ?? true, directories);
    const state = requireEnum(at("state"), job.state ?? JobState.Running, JobState);
    return {
        name,
        namespace: cluster.namespace,
        deploymentName: cluster.deploymentName,
        protect: cluster.protect,
        annotations: awaitAnnotations(at("await"), job.await, { kind: "job", state, bounded: job.bounded === true }),
        spec: {
            ...(Object.keys(flinkConfiguration).length === 0 ? {} : { flinkConfiguration }),
            job: {
                jarURI,
                ...(job.entryClass === undefined ? {} : { entryClass: job.entryClass }),
                ...(job.args === undefined ? {} : { args: job.args }),
                parallelism: requireInteger(at("parallelism"), job.parallelism ?? cluster.taskSlots, 1),
                state,
                upgradeMode,
                ...(job.initialSavepointPath === undefined ? {} : { initialSavepointPath: job.initialSavepointPath }),
                ...(job.allowNonRestoredState === undefined ? {} : { allowNonRestoredState: job.allowNonRestoredState }),
            },
        },
    };
}
