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
import { logEnv } from "./logging";
import type { PodStorageWiring } from "./storage-plan";
import { restrictedContainerSecurityContext, restrictedPodSecurityContext } from "./security";

export const mainContainer = "flink-main-container";
/** The REST service the operator (Flink's native Kubernetes integration) creates for a cluster: `<cluster>-rest`, port 8081. */
export function restServiceName(cluster: string): string {
    return `${cluster}-rest`;
}

export const metricsPort = 9249;

export type FlinkComponent = "jobmanager" | "taskmanager";

export interface PodTemplateValues {
    cluster: string;
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

/** The pods of one component of one cluster, as Flink labels them. */
export function componentSelector(cluster: string, component: FlinkComponent) {
    return { matchLabels: { app: cluster, component } };
}

export function podTemplate(values: PodTemplateValues): types.input.core.v1.PodTemplateSpec {
    const selector = componentSelector(values.cluster, values.component);
    const spread = (topologyKey: string, hard: boolean) => ({
        maxSkew: 1,
        topologyKey,
        whenUnsatisfiable: hard ? "DoNotSchedule" : "ScheduleAnyway",
        labelSelector: selector,
    });
    return {
        metadata: { labels: values.labels },
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
