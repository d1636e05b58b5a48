/** The args of FlinkMonitoring. */
import type { Environment } from "../environment";
import type { ContainerResourcesArgs, NetworkArgs } from "./namespace";

/** A Flink cluster that gets alerts (and a dashboard) of its own. */
export interface MonitoredClusterArgs {
    /** The cluster's namespace, one of flinkNamespaces. Required. */
    namespace: string;
    /** The FlinkDeployment's name. Required. */
    name: string;
    /** Alert (FlinkTaskManagersMissing) when fewer TaskManagers are registered for 10 minutes. Default: none (no such alert). */
    expectedTaskManagers?: number;
    /** Alert (FlinkJobsMissing) when fewer jobs run for 10 minutes: 1 for an application cluster, the session jobs for a session cluster; bounded and suspended jobs do not count (FlinkPlatform leaves them out). Default: none (no such alert). */
    expectedRunningJobs?: number;
    /**
     * The cluster's one job ends by itself (an application cluster with a bounded job): it gets no cluster alerts (the operator removes
     * a finished job's JobManager) and no overview dashboard, only checkpoint alerts of its own where its checkpointing calls for
     * them. Not with expectedTaskManagers or expectedRunningJobs. Default: false.
     */
    bounded?: boolean;
    /**
     * Whether the cluster's jobs checkpoint periodically (its checkpointing.enabled); false: no FlinkCheckpointTooOld for them, as a
     * job that does not checkpoint cannot be late with one. Default: true.
     */
    checkpointing?: boolean;
    /**
     * The cluster's checkpoint interval, a Flink duration as in its checkpointing.interval, such as "1 min" or "30 min". Its jobs
     * alert (FlinkCheckpointTooOld) after thresholds.checkpointMaxAge without a completed checkpoint, or, with the default
     * checkpointMaxAge, after twice this interval when that is longer; a checkpointMaxAge set shorter than twice the interval is an
     * error. Default: "1 min" (FlinkCluster's default).
     */
    checkpointInterval?: string;
    /**
     * Whether the cluster's jobs rescale in place on a Flink that counts each rescale as a restart: Flink 1.20 with the operator's
     * autoscaler (adaptive scheduler) or reactive mode. Flink 2.0 and later count rescales apart as well (numRescales), which the
     * restart alerts subtract; 1.20 has no such metric. True: FlinkJobRestarting leaves the cluster out, since every rescale would
     * warn as a restart, and a preview warning says so; FlinkJobFlapping still counts its restarts, rescales included.
     * Default: false (FlinkPlatform sets it for such clusters).
     */
    rescalesCountAsRestarts?: boolean;
    /**
     * Whether the cluster is a FlinkBlueGreenDeployment (its upgrade.strategy blue-green): its runbooks name that resource and its
     * children's pods (label flink-platform/blue-green-cluster) instead of a FlinkDeployment and `app`. Default: false (FlinkPlatform
     * sets it for such clusters).
     */
    blueGreen?: boolean;
}

/** Alert thresholds. Durations are Prometheus durations as Prometheus parses them: whole numbers each with a unit, units in the order y, w, d, h, m, s, ms and each once ("5m", "1h30m"). */
export interface AlertThresholdsArgs {
    /** FlinkJobNotRunning: how long a job may be out of RUNNING. Default: "5m". */
    jobNotRunningFor?: string;
    /** FlinkJobRestarting: the window restarts are counted in. Default: "15m". */
    restartWindow?: string;
    /** FlinkJobRestarting: restarts within restartWindow that are still fine. Default: 0 (any restart warns). */
    maxRestarts?: number;
    /** FlinkJobFlapping: the window restarts are counted in. Default: "1h". */
    flappingWindow?: string;
    /** FlinkJobFlapping: restarts within flappingWindow above which the job is flapping. Default: 5. */
    flappingRestarts?: number;
    /** FlinkCheckpointsFailing: the window failed checkpoints are counted in. Default: "15m". */
    checkpointFailureWindow?: string;
    /**
     * FlinkCheckpointsFailing: failed checkpoints (and savepoints) within the window that are still fine. Counted only after the
     * job completed a checkpoint since it last started or restarted, within its checkpoint age (checkpointMaxAge, or twice a listed
     * cluster's longer interval) before the window: checkpoints triggered while tasks start or restore state fail without Flink
     * counting them against execution.checkpointing.tolerable-failed-checkpoints. Default: 0.
     */
    maxFailedCheckpoints?: number;
    /** FlinkCheckpointSlow: the longest acceptable checkpoint, in seconds. Default: 300. */
    checkpointDurationSeconds?: number;
    /**
     * FlinkCheckpointTooOld: the longest a job may go without completing a checkpoint (or savepoint), restarts included (a job
     * deployed less than this ago is not late yet). Set, it must be at least twice the
     * checkpoint interval of every listed cluster that checkpoints (a checkpoint completes up to one interval after the one before,
     * plus its own duration); left at the default, a listed cluster whose interval is longer than half of it waits twice its interval.
     * Default: "30m".
     */
    checkpointMaxAge?: string;
    /** FlinkBackpressure: back-pressured milliseconds per second (1 to 1000) above which a task counts as back-pressured. Default: 500. */
    backpressureMsPerSecond?: number;
    /** FlinkBackpressure: how long the backpressure must last. Default: "15m". */
    backpressureFor?: string;
    /** FlinkJvmHeapPressure: heap used / heap max above which a JVM is under pressure (for 15 minutes). Default: 0.9. */
    heapUsedRatio?: number;
    /** FlinkOperatorReconcileErrors: how long reconciliations of one resource must keep failing (more than maxReconcileErrors in every 5 minutes); one that fails once and then succeeds does not alert. Default: "15m". */
    reconcileErrorWindow?: string;
    /** FlinkOperatorReconcileErrors: failed reconciliations of one resource within 5 minutes that are still fine. Default: 0. */
    maxReconcileErrors?: number;
}

/** The label the Grafana dashboard sidecar looks for on ConfigMaps. */
export interface DashboardLabelArgs {
    /** Label key. Default: "grafana_dashboard" (kube-prometheus-stack's grafana.sidecar.dashboards.label). */
    key?: string;
    /** Label value. Default: "1" (kube-prometheus-stack's grafana.sidecar.dashboards.labelValue). */
    value?: string;
}

/** Where the Alertmanager of the installed kube-prometheus-stack sends alerts. */
export interface AlertmanagerArgs {
    /**
     * A Secret in the monitoring namespace whose key `alertmanager.yaml` is Alertmanager's configuration: its route and receivers
     * (a webhook, Slack, PagerDuty, …), with the receivers' credentials in it or as `*_file` paths into `secrets`. Becomes the
     * chart's alertmanager.alertmanagerSpec.configSecret (with useExistingSecret: the chart's own configuration, whose only receiver
     * is "null", is not created). A Secret or key that is missing makes prometheus-operator run Alertmanager with one empty
     * receiver. Required.
     */
    configSecret: string;
    /** More Secrets of the monitoring namespace, mounted at /etc/alertmanager/secrets/<name>/ (alertmanagerSpec.secrets), for receivers' `*_file` fields such as Slack's api_url_file or PagerDuty's routing_key_file. Default: none. */
    secrets?: string[];
    /** Where Alertmanager may connect to reach its receivers (a NetworkPolicy allow-alertmanager-receivers; the monitoring namespace denies other egress). Default: see AlertmanagerEgressArgs. */
    receiverEgress?: AlertmanagerEgressArgs;
}

/** The addresses and ports of Alertmanager's receivers. */
export interface AlertmanagerEgressArgs {
    /** CIDR blocks. Default: ["0.0.0.0/0"] (hosted receivers such as Slack or PagerDuty have no fixed addresses). */
    cidrs?: string[];
    /** TCP ports. Default: [443]. */
    ports?: number[];
}

/** kube-prometheus-stack, installed by this component for clusters that have no Prometheus. */
export interface PrometheusStackArgs {
    /** Install kube-prometheus-stack (Prometheus Operator and its CRDs, Prometheus, Alertmanager, Grafana, kube-state-metrics; no node-exporter). Default: false. */
    install?: boolean;
    /** Chart version. Default: "88.5.3". */
    version?: string;
    /** Helm repository of the chart, such as a mirror of the default; not with chart. Default: "https://prometheus-community.github.io/helm-charts". */
    chartRepository?: string;
    /**
     * The chart, for air-gapped installs, instead of a Helm repository: a local chart (a directory or a .tgz, at a path starting with
     * ./, ../ or /, relative to the Pulumi project; its own version is used) or an OCI reference without a tag, such as
     * "oci://registry.example.com/charts/kube-prometheus-stack" (pulled at version). Not with chartRepository.
     * Default: none (the chart from chartRepository).
     */
    chart?: string;
    /** Helm release name (prefixes the objects' names). Default: "kube-prometheus-stack". */
    releaseName?: string;
    /** How long Prometheus keeps data. Default: "10d". */
    retention?: string;
    /** Size of a PersistentVolumeClaim for Prometheus' data, such as "50Gi". Default: none (an emptyDir: data is lost when the pod restarts). */
    storageSize?: string;
    /** Prometheus container resources. Default: requests 500m/2Gi, limits 2/4Gi. */
    prometheusResources?: ContainerResourcesArgs;
    /** Install Grafana (with the dashboard sidecar and a random admin password in Secret grafana-admin-credentials). Default: true. */
    grafana?: boolean;
    /**
     * Where Alertmanager sends alerts: its configuration from a Secret of yours. Default: none: the chart's configuration, whose only
     * receiver is "null", so no alert reaches anyone; `pulumi preview` warns about it.
     */
    alertmanager?: AlertmanagerArgs;
}

export interface FlinkMonitoringArgs {
    /** Create the monitoring objects. False creates nothing, for clusters without the Prometheus Operator's CRDs. Default: true. */
    enabled?: boolean;
    /** The environment: names the PrometheusRule, labels every alert, protects the monitoring namespace and CRDs in prod. Default: dev. */
    environment?: Environment;
    /** Where the PodMonitors, the PrometheusRule and the dashboard ConfigMaps go (and kube-prometheus-stack when installed); Prometheus must run here (network.monitoringNamespace). Default: "monitoring". */
    namespace?: string;
    /** The cluster around the monitoring namespace, for its NetworkPolicies when kube-prometheus-stack is installed (FlinkPlatform fills it). Default: see NetworkArgs. */
    network?: NetworkArgs;
    /** The namespaces Flink clusters run in; their JobManagers and TaskManagers are scraped. Required, non-empty (FlinkPlatform fills it). */
    flinkNamespaces?: string[];
    /** The Flink Kubernetes Operator's namespace. Default: "flink-operator". */
    operatorNamespace?: string;
    /** Scrape the operator (its chart must set metrics.port, as FlinkOperator does), alert on it and install its dashboard; false: none of the three. Default: true. */
    scrapeOperator?: boolean;
    /** Clusters that get alerts of their own (metrics missing, TaskManagers or jobs missing) and an overview dashboard. Default: none. */
    clusters?: MonitoredClusterArgs[];
    /** One overview dashboard per listed cluster, besides the dashboards for all clusters. Default: true. */
    clusterDashboards?: boolean;
    /** Alert thresholds. Default: see AlertThresholdsArgs. */
    thresholds?: AlertThresholdsArgs;
    /** The label that makes Grafana's sidecar load the dashboard ConfigMaps. Default: grafana_dashboard: "1". */
    dashboardLabel?: DashboardLabelArgs;
    /** Labels on the PodMonitors and the PrometheusRule that the Prometheus' podMonitorSelector and ruleSelector match. Default: {release: "kube-prometheus-stack"} (an existing kube-prometheus-stack release of that name). */
    monitorLabels?: { [key: string]: string };
    /** Base URL of the runbooks; each alert then gets the annotation runbook_url "<base>/<alert name in lower case>". Default: none (the runbook annotation only). */
    runbookUrlBase?: string;
    /** kube-prometheus-stack, for clusters that have no Prometheus. Default: not installed. */
    prometheusStack?: PrometheusStackArgs;
}
