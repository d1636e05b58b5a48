/** Labels the platform puts on what it creates, and the labels Flink and the operator put on their pods. */

export const partOf = "flink-platform";

/** The recommended `app.kubernetes.io/*` labels for an object of the platform. */
export function platformLabels(component: string, instance: string): Record<string, string> {
    return {
        "app.kubernetes.io/name": component,
        "app.kubernetes.io/instance": instance,
        "app.kubernetes.io/part-of": partOf,
        "app.kubernetes.io/managed-by": "pulumi",
    };
}

/**
 * Flink pods carry `type: flink-native-kubernetes` (native mode) or
 * `type: flink-standalone-kubernetes` (standalone mode), and `component:
 * jobmanager | taskmanager`, `app: <cluster name>` in both modes.
 */
export const flinkPodTypes = ["flink-native-kubernetes", "flink-standalone-kubernetes"];

/** Selects every JobManager and TaskManager pod in a namespace. */
export const flinkPodSelector = {
    matchExpressions: [{ key: "type", operator: "In", values: flinkPodTypes }],
};

/**
 * The label the platform puts in the pod templates of a blue/green cluster, valued with the cluster's name: Flink
 * labels the pods `app: <child FlinkDeployment>`, which is `<name>-blue` or `<name>-green` and changes with every
 * upgrade (operator BlueGreenUtils.prepareFlinkDeployment); this one stays, on the pods of both children.
 */
export const blueGreenClusterLabel = "flink-platform/blue-green-cluster";

/** The labels that pick one cluster's pods: Flink's `app: <name>`, or for a blue/green cluster the platform's label on both children's pods. */
export function clusterPodLabels(cluster: string, blueGreen = false): Record<string, string> {
    return blueGreen ? { [blueGreenClusterLabel]: cluster } : { app: cluster };
}

/** Selects the JobManager and TaskManager pods of one cluster (of both children of a blue/green cluster). */
export function clusterPodSelector(cluster: string, blueGreen = false) {
    return { matchLabels: clusterPodLabels(cluster, blueGreen), matchExpressions: flinkPodSelector.matchExpressions };
}

/** Selects JobManager pods only. */
export const jobManagerPodSelector = {
    matchLabels: { component: "jobmanager" },
    matchExpressions: flinkPodSelector.matchExpressions,
};

/** The operator chart labels its pods `app.kubernetes.io/name: flink-kubernetes-operator`. */
export const operatorPodSelector = { matchLabels: { "app.kubernetes.io/name": "flink-kubernetes-operator" } };

/** Selects a namespace by name: Kubernetes sets `kubernetes.io/metadata.name` on every namespace. */
export function namespaceSelector(...names: string[]) {
    return names.length === 1
        ? { matchLabels: { "kubernetes.io/metadata.name": names[0] } }
        : { matchExpressions: [{ key: "kubernetes.io/metadata.name", operator: "In", values: names }] };
}
