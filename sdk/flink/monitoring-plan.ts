/**
 * Validates FlinkMonitoring args and derives everything it creates: the
 * PodMonitors, the environment's PrometheusRule, the dashboard ConfigMaps and,
 * when asked for, kube-prometheus-stack. Pure.
 *
 * Scraping: Flink pods carry `type: flink-native-kubernetes` (native mode) or
 * `flink-standalone-kubernetes` (standalone), `component: jobmanager |
 * taskmanager` and `app: <FlinkDeployment name>`; the pod templates declare the
 * Prometheus reporter's port 9249 as the container port `metrics`. The
 * operator chart labels its pods `app.kubernetes.io/name:
 * flink-kubernetes-operator` and, with `metrics.port`, declares the container
 * port `metrics`. The PodMonitors select exactly these, in the Flink namespaces
 * and the operator's namespace, and copy `app` into the label `flinkdeployment` (for a blue/green cluster's
 * pods, whose `app` names a child, the platform's `flink-platform/blue-green-cluster` label instead).
 */
import { RunError } from "@pulumi/pulumi";
import type { AlertmanagerArgs, AlertThresholdsArgs, FlinkMonitoringArgs, MonitoredClusterArgs } from "./args/monitoring";
import type { PodMonitorSpec } from "./crd-specs";
import { AlertThresholds, alertGroups, ClusterAlertValues, defaultThresholds, RuleGroup } from "./alerts";
import { defaultCheckpointInterval } from "./cluster-plan";
import { clusterDashboard, Dashboard, platformDashboards } from "./dashboards";
import { Environment } from "./environment";
import { ChartSource, planChartSource } from "./helm-chart";
import { blueGreenClusterLabel, flinkPodTypes, operatorPodSelector, platformLabels } from "./labels";
import { clusterLabel } from "./metrics";
import { defaultOperatorNamespace } from "./namespace-plan";
import {
    defaultPrometheusResources, defaultPrometheusStackRelease, defaultPrometheusStackVersion, defaultReceiverEgress, prometheusStackRepository,
    prometheusStackValues,
} from "./monitoring-stack";
import { formatPrometheusDuration, isPositivePrometheusDuration, prometheusDurationMs, requirePrometheusDuration } from "./prometheus-duration";
import { requireQuantity } from "./quantity";
import { resolveContainerResources } from "./resources";
import { durationMillis, invalid, Problems, requireCidr, requireDnsLabel, requireDurationAtLeast, requirePort, requireEnum, requireInteger, requireReleaseNumber, requireUnique } from "./validation";

export const defaultMonitoringNamespace = "monitoring";
export const defaultDashboardLabel = { key: "grafana_dashboard", value: "1" };
export const defaultMonitorLabels: Record<string, string> = { release: "kube-prometheus-stack" };

/** metadata.name of the PodMonitors; Prometheus' `job` label is "<namespace>/<name>". */
export const podMonitorNames = {
    jobManagers: "flink-jobmanagers",
    taskManagers: "flink-taskmanagers",
    operator: "flink-kubernetes-operator",
};

export interface PodMonitorPlan {
    name: string;
    spec: PodMonitorSpec;
}

export interface DashboardPlan {
    /** metadata.name of the ConfigMap. */
    configMapName: string;
    /** The ConfigMap's data key, `<name>.json`. */
    key: string;
    /** The dashboard model as JSON. */
    json: string;
    uid: string;
    title: string;
}

export interface PrometheusStackPlan {
    version: string;
    /** Where the chart comes from: its Helm repository (or a mirror), an OCI registry or a local chart. */
    chart: ChartSource;
    releaseName: string;
    grafana: boolean;
    values: Record<string, unknown>;
    /** Alertmanager's egress to its receivers (NetworkPolicy allow-alertmanager-receivers); undefined without receivers. */
    receiverEgress?: { cidrs: string[]; ports: number[] };
    /** What `pulumi preview` should warn about (FlinkMonitoring logs each). */
    warnings: string[];
}

export interface MonitoringPlan {
    enabled: boolean;
    environment: Environment;
    namespace: string;
    /** The namespaces whose Flink pods are scraped. */
    flinkNamespaces: string[];
    /** Keep the monitoring Namespace and the stack's CRDs on delete. */
    protect: boolean;
    /** Labels of the PodMonitors and the PrometheusRule: the platform's, then monitorLabels. */
    monitorObjectLabels: Record<string, string>;
    /** Labels of the dashboard ConfigMaps: the platform's, then the dashboard label. */
    dashboardObjectLabels: Record<string, string>;
    podMonitors: PodMonitorPlan[];
    ruleName: string;
    ruleGroups: RuleGroup[];
    dashboards: DashboardPlan[];
    stack?: PrometheusStackPlan;
    /** What `pulumi preview` should warn about the alerts (FlinkMonitoring logs each). */
    warnings: string[];
}

const labelKey = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const labelValue = /^(([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9])?$/;

function requireLabel(field: string, key: string, value: unknown): void {
    if (!labelKey.test(key)) {
        invalid(`${field} key`, key, "a Kubernetes label key: an optional DNS prefix and '/', then at most 63 letters, digits, '-', '_' or '.'");
    }
    if (typeof value !== "string" || !labelValue.test(value)) {
        invalid(`${field}[${JSON.stringify(key)}]`, value, "a Kubernetes label value: at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit");
    }
}

function requireFraction(field: string, value: unknown): number {
    if (typeof value !== "number" || !(value > 0 && value <= 1)) {
        invalid(field, value, "a fraction greater than 0 and at most 1, such as 0.9");
    }
    return value;
}

/** The thresholds over their defaults; every bad one in one error. */
function resolveThresholds(at: (f: string) => string, given: AlertThresholdsArgs = {}): AlertThresholds {
    const t = { ...defaultThresholds, ...given };
    const problems = new Problems();
    for (const key of ["jobNotRunningFor", "restartWindow", "flappingWindow", "checkpointFailureWindow", "checkpointMaxAge", "backpressureFor", "reconcileErrorWindow"] as const) {
        problems.attempt(() => requirePrometheusDuration(at(`thresholds.${key}`), t[key]), undefined);
    }
    for (const key of ["maxRestarts", "flappingRestarts", "maxFailedCheckpoints", "maxReconcileErrors"] as const) {
        problems.attempt(() => requireInteger(at(`thresholds.${key}`), t[key], 0), undefined);
    }
    problems.attempt(() => requireInteger(at("thresholds.checkpointDurationSeconds"), t.checkpointDurationSeconds, 1), undefined);
    problems.attempt(() => requireInteger(at("thresholds.backpressureMsPerSecond"), t.backpressureMsPerSecond, 1, 1000), undefined);
    problems.attempt(() => requireFraction(at("thresholds.heapUsedRatio"), t.heapUsedRatio), undefined);
    problems.throwAny();
    return t;
}

/** The operator's FlinkDeployment name rule (at most 45 characters). */
const deploymentName = /^[a-z]([-a-z0-9]{0,43}[a-z0-9])?$/;

function resolveClusters(
    at: (f: string) => string, clusters: MonitoredClusterArgs[], flinkNamespaces: string[], thresholds: AlertThresholds, checkpointMaxAgeGiven: boolean,
): ClusterAlertValues[] {
    if (!Array.isArray(clusters)) {
        invalid(at("clusters"), clusters, 'a list of clusters such as [{"namespace": "flink-jobs", "name": "orders"}]');
    }
    requireUnique(at("clusters"), clusters.map((c) => `${c?.namespace}/${c?.name}`));
    // Every cluster's problem in one error (a checkpointMaxAge too short for several clusters names each).
    const problems = new Problems();
    const resolved = clusters.map((cluster, i) => problems.attempt(() => {
        const field = (f: string) => at(`clusters[${i}].${f}`);
        if (!flinkNamespaces.includes(cluster.namespace)) {
            invalid(field("namespace"), cluster.namespace, `one of flinkNamespaces (${flinkNamespaces.map((n) => JSON.stringify(n)).join(", ")})`);
        }
        if (typeof cluster.name !== "string" || !deploymentName.test(cluster.name)) {
            invalid(field("name"), cluster.name, "a FlinkDeployment name: lowercase letters, digits or '-', starting with a letter, at most 45 characters");
        }
        const bounded = cluster.bounded ?? false;
        const rescalesCountAsRestarts = cluster.rescalesCountAsRestarts ?? false;
        const blueGreen = cluster.blueGreen ?? false;
        for (const [key, value] of [["bounded", bounded], ["rescalesCountAsRestarts", rescalesCountAsRestarts], ["blueGreen", blueGreen]] as const) {
            if (typeof value !== "boolean") {
                invalid(field(key), value, "true or false");
            }
        }
        for (const expected of ["expectedTaskManagers", "expectedRunningJobs"] as const) {
            if (bounded && cluster[expected] !== undefined) {
                invalid(field(expected), cluster[expected], "none with bounded: true (a bounded job's cluster goes away once the job finished)");
            }
        }
        return {
            namespace: cluster.namespace,
            name: cluster.name,
            ...(bounded ? { bounded } : {}),
            ...(rescalesCountAsRestarts ? { rescalesCountAsRestarts } : {}),
            ...(blueGreen ? { blueGreen } : {}),
            ...(cluster.expectedTaskManagers === undefined
                ? {}
                : { expectedTaskManagers: requireInteger(field("expectedTaskManagers"), cluster.expectedTaskManagers, 1) }),
            ...(cluster.expectedRunningJobs === undefined
                ? {}
                : { expectedRunningJobs: requireInteger(field("expectedRunningJobs"), cluster.expectedRunningJobs, 1) }),
            ...checkpointMaxAge(at, field, cluster, thresholds, checkpointMaxAgeGiven),
        };
    }, undefined));
    problems.throwAny();
    return resolved as ClusterAlertValues[];
}

/** The FlinkCheckpointTooOld threshold of a listed cluster; a checkpointMaxAge set shorter than twice its checkpoint interval is refused. */
function checkpointMaxAge(
    at: (f: string) => string, field: (f: string) => string, cluster: MonitoredClusterArgs, thresholds: AlertThresholds, given: boolean,
): { checkpointMaxAge?: string } {
    const checkpointing = cluster.checkpointing ?? true;
    if (typeof checkpointing !== "boolean") {
        invalid(field("checkpointing"), checkpointing, "true or false");
    }
    // Flink refuses intervals under 10 ms (CheckpointCoordinatorConfiguration.MINIMAL_CHECKPOINT_TIME), as FlinkCluster does.
    const interval = requireDurationAtLeast(field("checkpointInterval"), cluster.checkpointInterval ?? defaultCheckpointInterval, 10, "10 ms");
    if (!checkpointing) {
        return {};
    }
    // A checkpoint completes up to one interval after the one before plus its own duration, which a healthy one keeps below an interval.
    const twice = 2 * durationMillis(interval);
    const maxAgeMs = prometheusDurationMs(thresholds.checkpointMaxAge) as number;
    if (given && maxAgeMs < twice) {
        invalid(at("thresholds.checkpointMaxAge"), thresholds.checkpointMaxAge,
            `at least twice the checkpoint interval of cluster ${cluster.namespace}/${cluster.name} (${JSON.stringify(interval)}), ` +
            `${JSON.stringify(formatPrometheusDuration(twice))}: its healthy jobs complete a checkpoint only every interval`);
    }
    return { checkpointMaxAge: maxAgeMs >= twice ? thresholds.checkpointMaxAge : formatPrometheusDuration(twice) };
}

/** The PodMonitor of one Flink component: the named port `metrics`, the FlinkDeployment's name as label `flinkdeployment`. */
function flinkPodMonitor(name: string, component: "jobmanager" | "taskmanager", flinkNamespaces: string[]): PodMonitorPlan {
    return {
        name,
        spec: {
            selector: {
                matchLabels: { component },
                matchExpressions: [{ key: "type", operator: "In", values: [...flinkPodTypes] }],
            },
            namespaceSelector: { matchNames: [...flinkNamespaces] },
            podMetricsEndpoints: [{
                port: "metrics",
                relabelings: [
                    { action: "replace", sourceLabels: ["__meta_kubernetes_pod_label_app"], targetLabel: clusterLabel },
                    // A blue/green cluster's pods: `app` names the child (<name>-blue, <name>-green), the platform's label the cluster.
                    { action: "replace", sourceLabels: [`__meta_kubernetes_pod_label_${blueGreenClusterLabel.replace(/[^a-zA-Z0-9_]/g, "_")}`], regex: "(.+)", targetLabel: clusterLabel },
                ],
            }],
        },
    };
}

function toDashboardPlan(dashboard: Dashboard): DashboardPlan {
    return {
        configMapName: `${dashboard.name}-dashboard`,
        key: `${dashboard.name}.json`,
        json: JSON.stringify(dashboard.model, null, 2),
        uid: dashboard.uid,
        title: dashboard.title,
    };
}

/** `at` names a field in messages: `FlinkMonitoring: <field>`, or in FlinkPlatform `FlinkPlatform: monitoring.<field>`. */
export function planMonitoring(args: FlinkMonitoringArgs, at = (field: string) => `FlinkMonitoring: ${field}`): MonitoringPlan {
    const enabled = args.enabled ?? true;
    if (typeof enabled !== "boolean") {
        invalid(at("enabled"), enabled, "true or false");
    }
    const environment = requireEnum(at("environment"), args.environment ?? Environment.Dev, Environment);
    const namespace = requireDnsLabel(at("namespace"), args.namespace ?? defaultMonitoringNamespace);
    const base = {
        enabled, environment, namespace, protect: environment === Environment.Prod, flinkNamespaces: [] as string[],
        monitorObjectLabels: {}, dashboardObjectLabels: {}, podMonitors: [], ruleName: "", ruleGroups: [], dashboards: [], warnings: [] as string[],
    };
    if (!enabled) {
        return base;
    }

    const flinkNamespaces = args.flinkNamespaces;
    if (!Array.isArray(flinkNamespaces) || flinkNamespaces.length === 0) {
        invalid(at("flinkNamespaces"), flinkNamespaces, 'the namespaces Flink clusters run in (at least one), such as ["flink-jobs"]');
    }
    flinkNamespaces.forEach((ns, i) => requireDnsLabel(at(`flinkNamespaces[${i}]`), ns));
    requireUnique(at("flinkNamespaces"), flinkNamespaces);
    const operatorNamespace = requireDnsLabel(at("operatorNamespace"), args.operatorNamespace ?? defaultOperatorNamespace);
    const scrapeOperator = args.scrapeOperator ?? true;
    // The labels', the thresholds', the clusters' and the installed stack's problems in one error; the clusters need only a valid
    // checkpointMaxAge, the stack a valid dashboard label.
    const problems = new Problems();
    const monitorLabels = args.monitorLabels ?? defaultMonitorLabels;
    for (const [key, value] of Object.entries(monitorLabels)) {
        problems.attempt(() => requireLabel(at("monitorLabels"), key, value), undefined);
    }
    const dashboardLabel = { ...defaultDashboardLabel, ...args.dashboardLabel };
    const dashboardLabelValid = problems.attempt(() => { requireLabel(at("dashboardLabel"), dashboardLabel.key, dashboardLabel.value); return true; }, false);
    const runbookUrlBase = args.runbookUrlBase;
    if (runbookUrlBase !== undefined && (typeof runbookUrlBase !== "string" || !/^https?:\/\/\S+$/.test(runbookUrlBase))) {
        problems.attempt(() => invalid(at("runbookUrlBase"), runbookUrlBase, "an http(s) URL such as https://wiki.example.com/runbooks/flink"), undefined);
    }
    const stack = dashboardLabelValid ? problems.attempt(() => planStack(at, args, environment, namespace, dashboardLabel), undefined) : undefined;
    const checkedThresholds = problems.attempt(() => resolveThresholds(at, args.thresholds), undefined);
    const checkpointMaxAge = args.thresholds?.checkpointMaxAge ?? defaultThresholds.checkpointMaxAge;
    const checkedClusters = isPositivePrometheusDuration(checkpointMaxAge)
        ? problems.attempt(() => resolveClusters(at, args.clusters ?? [], flinkNamespaces, { ...defaultThresholds, checkpointMaxAge },
            args.thresholds?.checkpointMaxAge !== undefined), undefined)
        : undefined;
    problems.throwAny();
    // Both checked: a checkpointMaxAge that is not valid is a problem of the thresholds.
    const thresholds = checkedThresholds!;
    const clusters = checkedClusters!;

    const objectLabels = { ...platformLabels("flink-monitoring", environment), "flink-platform/environment": environment };
    const podMonitors = [
        flinkPodMonitor(podMonitorNames.jobManagers, "jobmanager", flinkNamespaces),
        flinkPodMonitor(podMonitorNames.taskManagers, "taskmanager", flinkNamespaces),
    ];
    if (scrapeOperator) {
        podMonitors.push({
            name: podMonitorNames.operator,
            spec: {
                selector: { matchLabels: { ...operatorPodSelector.matchLabels } },
                namespaceSelector: { matchNames: [operatorNamespace] },
                podMetricsEndpoints: [{ port: "metrics" }],
            },
        });
    }
    const job = (name: string) => `${namespace}/${name}`;
    const ruleGroups = alertGroups({
        environment,
        thresholds,
        scrapeJobs: {
            jobManagers: job(podMonitorNames.jobManagers),
            taskManagers: job(podMonitorNames.taskManagers),
            ...(scrapeOperator ? { operator: job(podMonitorNames.operator) } : {}),
        },
        clusters,
        ...(runbookUrlBase === undefined ? {} : { runbookUrlBase }),
    });

    const dashboards = platformDashboards(scrapeOperator);
    if (args.clusterDashboards ?? true) {
        dashboards.push(...clusters.filter((c) => c.bounded !== true).map((c) => clusterDashboard(c.namespace, c.name)));
    }

    return {
        ...base,
        flinkNamespaces,
        monitorObjectLabels: { ...objectLabels, ...monitorLabels },
        dashboardObjectLabels: { ...objectLabels, [dashboardLabel.key]: dashboardLabel.value },
        podMonitors,
        ruleName: `flink-platform-${environment}`,
        ruleGroups,
        dashboards: dashboards.map(toDashboardPlan),
        stack,
        warnings: clusters.filter((c) => c.rescalesCountAsRestarts === true).map((c) =>
            `Flink cluster ${c.namespace}/${c.name} rescales in place on Flink 1.20, which counts each rescale as a restart and has no ` +
            `numRescales to tell them apart, so FlinkJobRestarting leaves it out; FlinkJobFlapping still counts its restarts with the rescales: ` +
            `more than ${thresholds.flappingRestarts} in ${thresholds.flappingWindow}, failures and rescales together, page as flapping. ` +
            "Flink 2.0 and later count rescales apart."),
    };
}

function planStack(
    at: (f: string) => string, args: FlinkMonitoringArgs, environment: Environment, namespace: string, dashboardLabel: { key: string; value: string },
): PrometheusStackPlan | undefined {
    const stack = args.prometheusStack ?? {};
    if (!(stack.install ?? false)) {
        return undefined;
    }
    const version = requireReleaseNumber(at("prometheusStack.version"), stack.version ?? defaultPrometheusStackVersion);
    const releaseName = requireDnsLabel(at("prometheusStack.releaseName"), stack.releaseName ?? defaultPrometheusStackRelease);
    const retention = stack.retention ?? "10d";
    requirePrometheusDuration(at("prometheusStack.retention"), retention);
    const storageSize = stack.storageSize === undefined ? undefined : requireQuantity(at("prometheusStack.storageSize"), stack.storageSize);
    const grafana = stack.grafana ?? true;
    const alertmanager = planAlertmanager(at, stack.alertmanager);
    return {
        version,
        chart: planChartSource({
            at, name: "kube-prometheus-stack", version, versionField: "prometheusStack.version", defaultRepository: prometheusStackRepository,
            chartField: "prometheusStack.chart", chart: stack.chart, chartRepositoryField: "prometheusStack.chartRepository", chartRepository: stack.chartRepository,
        }),
        releaseName,
        grafana,
        values: prometheusStackValues({
            dashboardLabel,
            retention,
            storageSize,
            prometheusResources: resolveContainerResources(at("prometheusStack.prometheusResources"), stack.prometheusResources, defaultPrometheusResources),
            grafana,
            ...(alertmanager === undefined ? {} : { alertmanager: { configSecret: alertmanager.configSecret, secrets: alertmanager.secrets } }),
        }),
        ...(alertmanager === undefined ? {} : { receiverEgress: alertmanager.receiverEgress }),
        warnings: alertmanager === undefined ? [
            `${at("prometheusStack.alertmanager")}: is not set, so Alertmanager sends every alert to the kube-prometheus-stack chart's "null" ` +
            "receiver and no alert reaches anyone; set its configSecret to a Secret whose alertmanager.yaml routes them to your receivers",
        ] : [],
    };
}

/** A Kubernetes object name (DNS subdomain), as a Secret's. */
const objectName = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

function requireSecretName(field: string, value: unknown): string {
    if (value === undefined || value === "") {
        throw new RunError(`${field}: is required: the Secret in the monitoring namespace that holds Alertmanager's receivers (key alertmanager.yaml)`);
    }
    if (typeof value !== "string" || value.length > 253 || !objectName.test(value)) {
        invalid(field, value, "a Secret name: lowercase letters, digits, '-' or '.', such as \"alertmanager-receivers\"");
    }
    return value;
}

/** Alertmanager's Secrets and egress to its receivers; every problem at once. */
function planAlertmanager(at: (f: string) => string, args: AlertmanagerArgs | undefined) {
    if (args === undefined) return undefined;
    const field = (f: string) => at(`prometheusStack.alertmanager.${f}`);
    const problems = new Problems();
    const configSecret = problems.attempt(() => requireSecretName(field("configSecret"), args.configSecret), "");
    const secrets = problems.attempt(() => {
        const list = args.secrets ?? [];
        if (!Array.isArray(list)) invalid(field("secrets"), list, 'a list of Secret names such as ["alertmanager-slack"]');
        list.forEach((name, i) => requireSecretName(field(`secrets[${i}]`), name));
        requireUnique(field("secrets"), list);
        return list;
    }, []);
    const egress = args.receiverEgress ?? {};
    const cidrs = problems.attempt(() => {
        const list = egress.cidrs ?? defaultReceiverEgress.cidrs;
        if (!Array.isArray(list) || list.length === 0) invalid(field("receiverEgress.cidrs"), list, 'a list of at least one CIDR block such as ["0.0.0.0/0"]');
        return list.map((cidr, i) => requireCidr(field(`receiverEgress.cidrs[${i}]`), cidr));
    }, []);
    const ports = problems.attempt(() => {
        const list = egress.ports ?? defaultReceiverEgress.ports;
        if (!Array.isArray(list) || list.length === 0) invalid(field("receiverEgress.ports"), list, "a list of at least one TCP port such as [443]");
        return list.map((port, i) => requirePort(field(`receiverEgress.ports[${i}]`), port));
    }, []);
    problems.throwAny();
    return { configSecret, secrets, receiverEgress: { cidrs, ports } };
}
