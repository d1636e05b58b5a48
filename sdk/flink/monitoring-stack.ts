/**
 * kube-prometheus-stack for clusters that have no Prometheus: Helm values that
 * harden it like the rest of the platform, and the chart transform. Pure.
 * Values checked against the chart's 88.5.3 values.yaml (prometheus-community/
 * helm-charts, charts/kube-prometheus-stack) and its grafana (grafana-community
 * 12.11.1) and kube-state-metrics (8.4.0) dependencies.
 *
 * What the values do:
 * - every pod runs as non-root with the runtime's default seccomp profile, every
 *   container drops all capabilities and cannot escalate privileges, and has
 *   requests and limits (the chart sets none);
 * - node-exporter is off: it needs the host's network, PID namespace and
 *   filesystem, which the Pod Security "restricted" profile forbids (node
 *   metrics are not needed to monitor Flink);
 * - the operator's admission webhook is off: its certificates come from Helm
 *   hook Jobs, which helm.v4.Chart renders as ordinary resources without
 *   ordering (with it the operator's TLS listener, whose certificate the same
 *   Jobs create);
 * - Prometheus selects every PodMonitor and PrometheusRule in every namespace
 *   (not only those labeled with the release), so the platform's objects and
 *   the chart's own rules are picked up whatever `monitorLabels` says;
 * - Grafana's admin password comes from a Secret the component fills from a
 *   random password (the chart would otherwise render a new random one on every
 *   run), its dashboard sidecar watches the dashboard label, and the Helm test
 *   pod and the root init container that chowns data are off;
 * - Alertmanager takes its configuration from the user's Secret when given
 *   (alertmanagerSpec.useExistingSecret and configSecret: the chart then renders
 *   no configuration of its own, templates/alertmanager/secret.yaml), else the
 *   chart's, whose route ends in its "null" receiver (values.yaml
 *   alertmanager.config), which the plan warns about; with receivers, a
 *   NetworkPolicy lets the Alertmanager pods (labeled by prometheus-operator
 *   app.kubernetes.io/name: alertmanager, managed-by prometheus-operator) reach them.
 */
import type * as pulumi from "@pulumi/pulumi";
import { ContainerResourceValues, resourceRequirements } from "./resources";

export const defaultPrometheusStackVersion = "88.5.3";
export const prometheusStackRepository = "https://prometheus-community.github.io/helm-charts";
export const defaultPrometheusStackRelease = "kube-prometheus-stack";
export const grafanaAdminSecretName = "grafana-admin-credentials";

export const defaultPrometheusResources: ContainerResourceValues = { cpuRequest: "500m", memoryRequest: "2Gi", cpuLimit: "2", memoryLimit: "4Gi" };

export interface StackValuesInput {
    dashboardLabel: { key: string; value: string };
    retention: string;
    /** PersistentVolumeClaim size for Prometheus; undefined: an emptyDir (data lost when the pod restarts). */
    storageSize?: string;
    prometheusResources: ContainerResourceValues;
    grafana: boolean;
    /** Alertmanager's configuration from the user's Secret, and Secrets to mount for its receivers; undefined: the chart's ("null" receiver). */
    alertmanager?: { configSecret: string; secrets: string[] };
}

/** The Alertmanager pods, as prometheus-operator labels them (makeSelectorLabels, pkg/alertmanager/statefulset.go). */
export const alertmanagerPodSelector = {
    matchLabels: { "app.kubernetes.io/name": "alertmanager", "app.kubernetes.io/managed-by": "prometheus-operator" },
};

export const defaultReceiverEgress = { cidrs: ["0.0.0.0/0"], ports: [443] };

/** The NetworkPolicy allow-alertmanager-receivers: Alertmanager's pods to its receivers' addresses and ports. */
export function alertmanagerReceiverPolicy(egress: { cidrs: string[]; ports: number[] }) {
    return {
        name: "allow-alertmanager-receivers",
        spec: {
            podSelector: alertmanagerPodSelector,
            policyTypes: ["Egress"],
            egress: [{ to: egress.cidrs.map((cidr) => ({ ipBlock: { cidr } })), ports: egress.ports.map((port) => ({ protocol: "TCP", port })) }],
        },
    };
}

const resources = (cpuRequest: string, memoryRequest: string, cpuLimit: string, memoryLimit: string) =>
    resourceRequirements({ cpuRequest, memoryRequest, cpuLimit, memoryLimit });

const seccomp = { type: "RuntimeDefault" };

function podSecurityContext(uid: number, gid: number) {
    return { runAsNonRoot: true, runAsUser: uid, runAsGroup: gid, fsGroup: gid, seccompProfile: seccomp };
}

/** Drop everything, no escalation; read-only root where the image supports it. */
function containerSecurityContext(readOnlyRootFilesystem: boolean) {
    return {
        allowPrivilegeEscalation: false,
        capabilities: { drop: ["ALL"] },
        seccompProfile: seccomp,
        ...(readOnlyRootFilesystem ? { readOnlyRootFilesystem: true } : {}),
    };
}

/** Values of the kube-prometheus-stack chart. */
export function prometheusStackValues(input: StackValuesInput): Record<string, unknown> {
    return {
        crds: { enabled: true },
        nodeExporter: { enabled: false },
        prometheusOperator: {
            admissionWebhooks: { enabled: false, patch: { enabled: false } },
            tls: { enabled: false },
            securityContext: podSecurityContext(65534, 65534),
            containerSecurityContext: containerSecurityContext(true),
            resources: resources("100m", "128Mi", "500m", "512Mi"),
            prometheusConfigReloader: { resources: resources("10m", "32Mi", "100m", "64Mi") },
        },
        prometheus: {
            prometheusSpec: {
                podMonitorSelectorNilUsesHelmValues: false,
                podMonitorSelector: {},
                podMonitorNamespaceSelector: {},
                ruleSelectorNilUsesHelmValues: false,
                ruleSelector: {},
                ruleNamespaceSelector: {},
                retention: input.retention,
                resources: resourceRequirements(input.prometheusResources),
                securityContext: podSecurityContext(1000, 2000),
                ...(input.storageSize === undefined
                    ? {}
                    : { storageSpec: { volumeClaimTemplate: { spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: input.storageSize } } } } } }),
            },
        },
        alertmanager: {
            alertmanagerSpec: {
                resources: resources("50m", "64Mi", "200m", "256Mi"),
                securityContext: podSecurityContext(1000, 2000),
                ...(input.alertmanager === undefined ? {} : {
                    useExistingSecret: true,
                    configSecret: input.alertmanager.configSecret,
                    ...(input.alertmanager.secrets.length === 0 ? {} : { secrets: [...input.alertmanager.secrets] }),
                }),
            },
        },
        grafana: input.grafana
            ? {
                enabled: true,
                admin: { existingSecret: grafanaAdminSecretName, userKey: "admin-user", passwordKey: "admin-password" },
                testFramework: { enabled: false },
                initChownData: { enabled: false },
                securityContext: podSecurityContext(472, 472),
                containerSecurityContext: containerSecurityContext(false),
                resources: resources("100m", "256Mi", "500m", "512Mi"),
                sidecar: {
                    resources: resources("50m", "64Mi", "200m", "256Mi"),
                    securityContext: containerSecurityContext(false),
                    dashboards: {
                        enabled: true,
                        label: input.dashboardLabel.key,
                        labelValue: input.dashboardLabel.value,
                        searchNamespace: "ALL",
                    },
                },
            }
            : { enabled: false },
        "kube-state-metrics": {
            securityContext: { enabled: true, ...podSecurityContext(65534, 65534) },
            containerSecurityContext: containerSecurityContext(true),
            resources: resources("50m", "128Mi", "200m", "256Mi"),
        },
    };
}

const crdType = "kubernetes:apiextensions.k8s.io/v1:CustomResourceDefinition";

/**
 * The chart's CRDs (monitoring.coreos.com) are kept when the chart is removed
 * or the stack destroyed (deleting a CRD deletes every PodMonitor and rule in
 * the cluster, also other teams'), and protected when `protectCrds`.
 */
export function prometheusStackTransform(protectCrds: boolean): pulumi.ResourceTransform {
    return (args) => args.type === crdType
        ? { props: args.props, opts: { ...args.opts, retainOnDelete: true, protect: protectCrds } }
        : undefined;
}
