/**
 * The JobManager and TaskManager pod templates: restricted security contexts,
 * a read-only root filesystem with emptyDirs where Flink writes, the metrics
 * port, logging environment, and spreading across nodes and zones. Pure.
 *
 * What Flink writes at run time (official image, native and standalone mode):
 * /tmp (io.tmp.dirs, blob store, web upload dir, RocksDB working dir, JVM perf
 * data), /opt/flink/log (log.file) and /opt/flink/artifacts (remote jarURIs,
 * user.artifacts.base-dir). /opt/flink/conf is the operator's read-only
 * ConfigMap mount: the entrypoint's attempt to rewrite it fails harmlessly.
 * /opt/flink/plugins stays the image's, so the plugins it ships (Prometheus
 * reporter) stay visible.
 */
import type { types } from "@pulumi/kubernetes";
import { blueGreenClusterLabel, clusterPodLabels } from "./labels";
import { logEnv } from "./logging";
import type { PodStorageWiring } from "./storage-plan";
import { restrictedContainerSecurityContext, restrictedPodSecurityContext } from "./security";

export const mainContainer = "flink-main-container";
/** The REST service the operator (Flink's native Kubernetes integration) creates for a cluster: `<cluster>-rest`, port 8081. */
export function restServiceName(cluster: string): string {
    return `${cluster}-rest`;
}

/**
 * The REST service of a blue/green cluster, `<cluster>-bluegreen-rest`, port 8081: the platform's own, over the
 * JobManagers of both children, because each child has its own (`<cluster>-blue-rest`, `<cluster>-green-rest`) and
 * the active one changes with every upgrade. Not `<cluster>-rest`: while a cluster is switched to blue/green, its
 * FlinkDeployment's service of that name still exists (Pulumi deletes the FlinkDeployment last).
 */
export function blueGreenRestServiceName(cluster: string): string {
    return `${cluster}-bluegreen-rest`;
}

/** The REST service of a cluster: Flink's `<cluster>-rest`, or the platform's over both children of a blue/green cluster. */
export function clusterRestServiceName(cluster: string, blueGreen = false): string {
    return blueGreen ? blueGreenRestServiceName(cluster) : restServiceName(cluster);
}

export const flinkRestPort = 8081;
export const metricsPort = 9249;

export type FlinkComponent = "jobmanager" | "taskmanager";

export interface PodTemplateValues {
    cluster: string;
    /** A blue/green cluster: its pods get the platform's cluster label, which its selectors use (Flink's `app` names the child). */
    blueGreen?: boolean;
    component: FlinkComponent;
    labels: Record<string, string>;
    /** Size limit of /tmp (RocksDB spill for TaskManagers). */
    tmpSizeLimit: string;
    nodeSelector?: Record<string, string>;
    tolerations?: types.input.core.v1.Toleration[];
    priorityClassName?: string;
    zoneTopologyKey: string;
    /** Refuse to put two of these pods on one node (HA JobManagers) instead of only preferring not to. */
    requireNodeSpread: boolean;
    /** Filesystem plugin, credentials and state volume. */
    storage?: PodStorageWiring;
}

const writableDirs = [
    { name: "tmp", mountPath: "/tmp" },
    { name: "flink-logs", mountPath: "/opt/flink/log", sizeLimit: "1Gi" },
    { name: "flink-artifacts", mountPath: "/opt/flink/artifacts", sizeLimit: "2Gi" },
];

/** The pods of one component of one cluster, as Flink labels them (a blue/green cluster's: of both children, by the platform's label). */
export function componentSelector(cluster: string, component: FlinkComponent, blueGreen = false) {
    return { matchLabels: { ...clusterPodLabels(cluster, blueGreen), component } };
}

export function podTemplate(values: PodTemplateValues): types.input.core.v1.PodTemplateSpec {
    const selector = componentSelector(values.cluster, values.component, values.blueGreen);
    const spread = (topologyKey: string, hard: boolean) => ({
        maxSkew: 1,
        topologyKey,
        whenUnsatisfiable: hard ? "DoNotSchedule" : "ScheduleAnyway",
        labelSelector: selector,
    });
    return {
        metadata: { labels: values.blueGreen === true ? { ...values.labels, [blueGreenClusterLabel]: values.cluster } : values.labels },
        spec: {
            securityContext: restrictedPodSecurityContext(),
            containers: [{
                name: mainContainer,
                securityContext: restrictedContainerSecurityContext(),
                ports: [{ name: "metrics", containerPort: metricsPort, protocol: "TCP" }],
                env: [
                    { name: logEnv.namespace, valueFrom: { fieldRef: { fieldPath: "metadata.namespace" } } },
                    { name: logEnv.cluster, value: values.cluster },
                    { name: logEnv.component, value: values.component },
                    ...(values.storage?.env ?? []),
                ],
                volumeMounts: [...writableDirs.map(({ name, mountPath }) => ({ name, mountPath })), ...(values.storage?.volumeMounts ?? [])],
            }],
            volumes: [
                ...writableDirs.map(({ name, sizeLimit }) => ({ name, emptyDir: { sizeLimit: name === "tmp" ? values.tmpSizeLimit : sizeLimit } })),
                ...(values.storage?.volumes ?? []),
            ],
            topologySpreadConstraints: [
                spread("kubernetes.io/hostname", values.requireNodeSpread),
                spread(values.zoneTopologyKey, false),
            ],
            ...(values.nodeSelector === undefined ? {} : { nodeSelector: values.nodeSelector }),
            ...(values.tolerations === undefined ? {} : { tolerations: values.tolerations }),
            ...(values.priorityClassName === undefined ? {} : { priorityClassName: values.priorityClassName }),
        },
    };
}
