/**
 * Grafana dashboards for Flink (JSON dashboard model, provisioned by the Grafana
 * sidecar from labeled ConfigMaps). Pure: returns each dashboard as an object;
 * the component serializes it. Every query names only metrics in
 * `exportedMetrics` (./metrics.ts); a test parses every `targets[].expr` and
 * templating query to check it.
 *
 * Every dashboard has the variables `datasource` (a Prometheus data source),
 * `namespace` and `cluster` (the FlinkDeployment, label `flinkdeployment`; for
 * the operator dashboard the operator's `resourcens` / `resourcename`). A
 * per-cluster dashboard fixes `namespace` and `cluster` as hidden constants.
 */
import { createHash } from "node:crypto";
import { clusterLabel, jmDeploymentStatuses } from "./metrics";

/** A Grafana dashboard ready to be serialized into a ConfigMap. */
export interface Dashboard {
    /** File name stem: the ConfigMap data key is `<name>.json`. */
    name: string;
    uid: string;
    title: string;
    model: Record<string, unknown>;
}

interface Target {
    expr: string;
    legend: string;
}

interface PanelSpec {
    title: string;
    description: string;
    type: "timeseries" | "stat";
    unit: string;
    targets: Target[];
    /** Grid width out of 24. Default: 12. */
    width?: number;
}

const datasource = { type: "prometheus", uid: "${datasource}" };
const schemaVersion = 39;

/** Selector for Flink metrics, scoped to the dashboard's variables. */
const flink = `{namespace=~"$namespace", ${clusterLabel}=~"$cluster"}`;
/** Selector for operator metrics scoped per resource namespace (namespace-level groups). */
const operatorNs = `{resourcens=~"$namespace"}`;
/** Selector for operator metrics scoped per resource. */
const operatorResource = `{resourcens=~"$namespace", resourcename=~"$cluster"}`;

const byJob = `namespace, ${clusterLabel}, job_name`;
const byCluster = `namespace, ${clusterLabel}`;
const jobLegend = `{{namespace}}/{{${clusterLabel}}} {{job_name}}`;
const taskLegend = `{{${clusterLabel}}} {{job_name}} / {{task_name}}`;
const clusterLegend = `{{namespace}}/{{${clusterLabel}}}`;
const podLegend = "{{pod}}";

function target(expr: string, legend: string): Target {
    return { expr, legend };
}

/** Lays panels out left to right, wrapping at 24 columns, and gives them ids, data source and targets. */
function layout(specs: PanelSpec[]): Record<string, unknown>[] {
    let x = 0;
    let y = 0;
    let rowHeight = 0;
    return specs.map((spec, index) => {
        const w = spec.width ?? 12;
        const h = spec.type === "stat" ? 4 : 8;
        if (x + w > 24) {
            x = 0;
            y += rowHeight;
            rowHeight = 0;
        }
        const gridPos = { x, y, w, h };
        x += w;
        rowHeight = Math.max(rowHeight, h);
        return {
            id: index + 1,
            type: spec.type,
            title: spec.title,
            description: spec.description,
            gridPos,
            datasource,
            targets: spec.targets.map((t, i) => ({
                refId: String.fromCharCode(65 + i),
                datasource,
                expr: t.expr,
                legendFormat: t.legend,
                range: true,
            })),
            fieldConfig: { defaults: { unit: spec.unit }, overrides: [] },
            options: spec.type === "stat"
                ? { reduceOptions: { calcs: ["lastNotNull"], fields: "", values: false }, colorMode: "value", graphMode: "area", textMode: "auto" }
                : { legend: { displayMode: "list", placement: "bottom", showLegend: true }, tooltip: { mode: "multi", sort: "desc" } },
        };
    });
}

interface Variables {
    /** Query for the namespace variable's values: label_values(<metric>, <label>). */
    namespaceQuery: string;
    clusterQuery: string;
}

const flinkVariables: Variables = {
    namespaceQuery: "label_values(flink_jobmanager_numRegisteredTaskManagers, namespace)",
    clusterQuery: `label_values(flink_jobmanager_numRegisteredTaskManagers{namespace=~"$namespace"}, ${clusterLabel})`,
};

const operatorVariables: Variables = {
    namespaceQuery: "label_values(flink_k8soperator_namespace_Count, resourcens)",
    clusterQuery: 'label_values(flink_k8soperator_namespace_resource_JOSDK_Reconciliation_Count{resourcens=~"$namespace"}, resourcename)',
};

function queryVariable(name: string, label: string, query: string) {
    return {
        name,
        label,
        type: "query",
        datasource,
        definition: query,
        query: { query, refId: `${name}-values` },
        refresh: 2,
        includeAll: true,
        multi: true,
        allValue: ".*",
        current: {},
        options: [],
        regex: "",
        sort: 1,
        hide: 0,
    };
}

function constantVariable(name: string, label: string, value: string) {
    return { name, label, type: "constant", query: value, hide: 2, current: { text: value, value }, options: [] };
}

function templating(variables: Variables | { namespace: string; cluster: string }) {
    const source = { name: "datasource", label: "Data source", type: "datasource", query: "prometheus", current: {}, options: [], regex: "", hide: 0, refresh: 1 };
    const list = "namespaceQuery" in variables
        ? [queryVariable("namespace", "Namespace", variables.namespaceQuery), queryVariable("cluster", "Flink cluster", variables.clusterQuery)]
        : [constantVariable("namespace", "Namespace", variables.namespace), constantVariable("cluster", "Flink cluster", variables.cluster)];
    return { list: [source, ...list] };
}

function dashboard(name: string, uid: string, title: string, panels: PanelSpec[], variables: Variables | { namespace: string; cluster: string }): Dashboard {
    return {
        name,
        uid,
        title,
        model: {
            uid,
            title,
            tags: ["flink", "flink-platform"],
            timezone: "utc",
            editable: false,
            graphTooltip: 1,
            refresh: "30s",
            schemaVersion,
            version: 1,
            time: { from: "now-6h", to: "now" },
            annotations: { list: [] },
            links: [{ type: "dashboards", tags: ["flink"], asDropdown: true, title: "Flink dashboards", includeVars: true, keepTime: true }],
            templating: templating(variables),
            panels: layout(panels),
        },
    };
}

// Panels, one list per concern.

const jobHealthPanels: PanelSpec[] = [
    {
        title: "Running jobs",
        description: "Jobs in state RUNNING per cluster (JobManager metric numRunningJobs).",
        type: "stat",
        unit: "short",
        width: 6,
        targets: [target(`sum(max by (${byCluster}) (flink_jobmanager_numRunningJobs${flink}))`, "running jobs")],
    },
    {
        title: "Jobs not running",
        description: "Jobs whose time in RUNNING is 0: created, initializing, restarting, failing or cancelling.",
        type: "stat",
        unit: "short",
        width: 6,
        targets: [target(`count(max by (${byJob}) (flink_jobmanager_job_runningTime${flink}) == 0) or vector(0)`, "jobs not running")],
    },
    {
        title: "Restarts (1h)",
        description: "Job restarts in the last hour, including restarts for rescaling.",
        type: "stat",
        unit: "short",
        width: 6,
        targets: [target(`sum(increase(flink_jobmanager_job_numRestarts${flink}[1h]))`, "restarts")],
    },
    {
        title: "Registered TaskManagers",
        description: "TaskManagers registered with the JobManagers.",
        type: "stat",
        unit: "short",
        width: 6,
        targets: [target(`sum(max by (${byCluster}) (flink_jobmanager_numRegisteredTaskManagers${flink}))`, "TaskManagers")],
    },
    {
        title: "Time in RUNNING",
        description: "Time since each job last entered RUNNING (0 while it is not running).",
        type: "timeseries",
        unit: "ms",
        targets: [target(`max by (${byJob}) (flink_jobmanager_job_runningTime${flink})`, jobLegend)],
    },
    {
        title: "Time restarting or failing",
        description: "Time since each job entered RESTARTING or FAILING (0 otherwise).",
        type: "timeseries",
        unit: "ms",
        targets: [
            target(`max by (${byJob}) (flink_jobmanager_job_restartingTime${flink})`, `restarting ${jobLegend}`),
            target(`max by (${byJob}) (flink_jobmanager_job_failingTime${flink})`, `failing ${jobLegend}`),
        ],
    },
    {
        title: "Restarts",
        description: "Restarts per job within each interval (numRestarts counts full, fine-grained and rescaling restarts).",
        type: "timeseries",
        unit: "short",
        targets: [target(`sum by (${byJob}) (increase(flink_jobmanager_job_numRestarts${flink}[$__rate_interval]))`, jobLegend)],
    },
    {
        title: "Time initializing",
        description: "Time since each job entered INITIALIZING or CREATED (restoring state shows here).",
        type: "timeseries",
        unit: "ms",
        targets: [
            target(`max by (${byJob}) (flink_jobmanager_job_initializingTime${flink})`, `initializing ${jobLegend}`),
            target(`max by (${byJob}) (flink_jobmanager_job_createdTime${flink})`, `created ${jobLegend}`),
        ],
    },
];

const throughputPanels: PanelSpec[] = [
    {
        title: "Records in per second, by task",
        description: "Records each task receives per second (numRecordsInPerSecond, summed over subtasks).",
        type: "timeseries",
        unit: "cps",
        targets: [target(`sum by (${byJob}, task_name) (flink_taskmanager_job_task_numRecordsInPerSecond${flink})`, taskLegend)],
    },
    {
        title: "Records out per second, by task",
        description: "Records each task emits per second (numRecordsOutPerSecond, summed over subtasks).",
        type: "timeseries",
        unit: "cps",
        targets: [target(`sum by (${byJob}, task_name) (flink_taskmanager_job_task_numRecordsOutPerSecond${flink})`, taskLegend)],
    },
    {
        title: "Records in per second, by job",
        description: "Sum over the job's tasks: every record counts once per task it passes.",
        type: "timeseries",
        unit: "cps",
        targets: [target(`sum by (${byJob}) (flink_taskmanager_job_task_numRecordsInPerSecond${flink})`, jobLegend)],
    },
    {
        title: "Bytes out per second, by task",
        description: "Bytes each task emits to the network per second.",
        type: "timeseries",
        unit: "Bps",
        targets: [target(`sum by (${byJob}, task_name) (flink_taskmanager_job_task_numBytesOutPerSecond${flink})`, taskLegend)],
    },
];

const checkpointPanels: PanelSpec[] = [
    {
        title: "Last checkpoint duration",
        description: "Time the last completed checkpoint took.",
        type: "timeseries",
        unit: "ms",
        targets: [target(`max by (${byJob}) (flink_jobmanager_job_lastCheckpointDuration${flink})`, jobLegend)],
    },
    {
        title: "Last checkpoint size",
        description: "Checkpointed size of the last checkpoint (incremental size with RocksDB/ForSt) and its full size.",
        type: "timeseries",
        unit: "bytes",
        targets: [
            target(`max by (${byJob}) (flink_jobmanager_job_lastCheckpointSize${flink})`, `checkpointed ${jobLegend}`),
            target(`max by (${byJob}) (flink_jobmanager_job_lastCheckpointFullSize${flink})`, `full ${jobLegend}`),
        ],
    },
    {
        title: "Completed and failed checkpoints",
        description: "Checkpoints completed and failed within each interval.",
        type: "timeseries",
        unit: "short",
        targets: [
            target(`sum by (${byJob}) (increase(flink_jobmanager_job_numberOfCompletedCheckpoints${flink}[$__rate_interval]))`, `completed ${jobLegend}`),
            target(`sum by (${byJob}) (increase(flink_jobmanager_job_numberOfFailedCheckpoints${flink}[$__rate_interval]))`, `failed ${jobLegend}`),
        ],
    },
    {
        title: "Checkpoints in progress",
        description: "Checkpoints triggered and not yet completed or failed.",
        type: "timeseries",
        unit: "short",
        targets: [target(`max by (${byJob}) (flink_jobmanager_job_numberOfInProgressCheckpoints${flink})`, jobLegend)],
    },
];

const backpressurePanels: PanelSpec[] = [
    {
        title: "Back-pressured time, by task",
        description: "Milliseconds per second the task's busiest subtask is back-pressured (1000 = always).",
        type: "timeseries",
        unit: "ms",
        targets: [target(`max by (${byJob}, task_name) (flink_taskmanager_job_task_backPressuredTimeMsPerSecond${flink})`, taskLegend)],
    },
    {
        title: "Busy time, by task",
        description: "Milliseconds per second the task's busiest subtask is busy; the first busy task downstream of back-pressured ones is the bottleneck.",
        type: "timeseries",
        unit: "ms",
        targets: [target(`max by (${byJob}, task_name) (flink_taskmanager_job_task_busyTimeMsPerSecond${flink})`, taskLegend)],
    },
    {
        title: "Idle time, by task",
        description: "Milliseconds per second the task's least idle subtask has no data to process.",
        type: "timeseries",
        unit: "ms",
        targets: [target(`min by (${byJob}, task_name) (flink_taskmanager_job_task_idleTimeMsPerSecond${flink})`, taskLegend)],
    },
    {
        title: "Back-pressured subtasks",
        description: "Subtasks reporting isBackPressured.",
        type: "timeseries",
        unit: "short",
        targets: [target(`sum by (${byJob}, task_name) (flink_taskmanager_job_task_isBackPressured${flink})`, taskLegend)],
    },
    {
        title: "Output buffer usage, by task",
        description: "Usage of the output network buffers (near 1: the downstream does not keep up).",
        type: "timeseries",
        unit: "percentunit",
        targets: [target(`max by (${byJob}, task_name) (flink_taskmanager_job_task_Shuffle_Netty_Output_Buffers_outPoolUsage${flink})`, taskLegend)],
    },
    {
        title: "Input buffer usage, by task",
        description: "Usage of the input network buffers.",
        type: "timeseries",
        unit: "percentunit",
        targets: [target(`max by (${byJob}, task_name) (flink_taskmanager_job_task_Shuffle_Netty_Input_Buffers_inPoolUsage${flink})`, taskLegend)],
    },
];

function heapPanel(component: "jobmanager" | "taskmanager", title: string): PanelSpec {
    return {
        title,
        description: "Heap in use per pod (live objects and garbage not yet collected), and the heap's maximum.",
        type: "timeseries",
        unit: "bytes",
        targets: [
            target(`max by (namespace, pod) (flink_${component}_Status_JVM_Memory_Heap_Used${flink})`, `used ${podLegend}`),
            target(`max by (namespace, pod) (flink_${component}_Status_JVM_Memory_Heap_Max${flink})`, `max ${podLegend}`),
        ],
    };
}

const jvmPanels: PanelSpec[] = [
    heapPanel("jobmanager", "JobManager heap"),
    heapPanel("taskmanager", "TaskManager heap"),
    {
        title: "JVM CPU load",
        description: "Recent CPU usage of each JVM, from 0 to 1: its share of all the CPUs it sees, so 1 means every CPU busy with its threads, not one core (Status.JVM.CPU.Load, OperatingSystemMXBean.getProcessCpuLoad).",
        type: "timeseries",
        unit: "percentunit",
        targets: [
            target(`max by (namespace, pod) (flink_jobmanager_Status_JVM_CPU_Load${flink})`, `JobManager ${podLegend}`),
            target(`max by (namespace, pod) (flink_taskmanager_Status_JVM_CPU_Load${flink})`, `TaskManager ${podLegend}`),
        ],
    },
    {
        title: "Metaspace and direct memory",
        description: "Metaspace (grows with class loading: repeated job submission on a session cluster can leak it) and direct buffers.",
        type: "timeseries",
        unit: "bytes",
        targets: [
            target(`max by (namespace, pod) (flink_taskmanager_Status_JVM_Memory_Metaspace_Used${flink})`, `metaspace ${podLegend}`),
            target(`max by (namespace, pod) (flink_taskmanager_Status_JVM_Memory_Direct_MemoryUsed${flink})`, `direct ${podLegend}`),
        ],
    },
    {
        title: "Managed memory",
        description: "TaskManager managed memory used (RocksDB/ForSt, batch operators) and total.",
        type: "timeseries",
        unit: "bytes",
        targets: [
            target(`max by (namespace, pod) (flink_taskmanager_Status_Flink_Memory_Managed_Used${flink})`, `used ${podLegend}`),
            target(`max by (namespace, pod) (flink_taskmanager_Status_Flink_Memory_Managed_Total${flink})`, `total ${podLegend}`),
        ],
    },
    {
        title: "Threads",
        description: "Live JVM threads per pod.",
        type: "timeseries",
        unit: "short",
        targets: [
            target(`max by (namespace, pod) (flink_jobmanager_Status_JVM_Threads_Count${flink})`, `JobManager ${podLegend}`),
            target(`max by (namespace, pod) (flink_taskmanager_Status_JVM_Threads_Count${flink})`, `TaskManager ${podLegend}`),
        ],
    },
];

const slotPanels: PanelSpec[] = [
    {
        title: "Task slots",
        description: "Total and available task slots per cluster.",
        type: "timeseries",
        unit: "short",
        targets: [
            target(`max by (${byCluster}) (flink_jobmanager_taskSlotsTotal${flink})`, `total ${clusterLegend}`),
            target(`max by (${byCluster}) (flink_jobmanager_taskSlotsAvailable${flink})`, `available ${clusterLegend}`),
        ],
    },
    {
        title: "Slot usage",
        description: "Share of task slots in use.",
        type: "timeseries",
        unit: "percentunit",
        targets: [target(
            `1 - max by (${byCluster}) (flink_jobmanager_taskSlotsAvailable${flink}) / max by (${byCluster}) (flink_jobmanager_taskSlotsTotal${flink})`,
            clusterLegend,
        )],
    },
    {
        title: "TaskManagers",
        description: "Registered TaskManagers, and TaskManagers requested from Kubernetes that have not started (native mode).",
        type: "timeseries",
        unit: "short",
        targets: [
            target(`max by (${byCluster}) (flink_jobmanager_numRegisteredTaskManagers${flink})`, `registered ${clusterLegend}`),
            target(`max by (${byCluster}) (flink_jobmanager_numPendingTaskManagers${flink})`, `pending ${clusterLegend}`),
        ],
    },
    {
        title: "Running jobs",
        description: "Running jobs per cluster.",
        type: "timeseries",
        unit: "short",
        targets: [target(`max by (${byCluster}) (flink_jobmanager_numRunningJobs${flink})`, clusterLegend)],
    },
];

const operatorPanels: PanelSpec[] = [
    {
        title: "Managed resources",
        description: "FlinkDeployments and FlinkSessionJobs the operator manages, per namespace.",
        type: "timeseries",
        unit: "short",
        targets: [target(`max by (resourcens, resourcetype) (flink_k8soperator_namespace_Count${operatorNs})`, "{{resourcetype}} {{resourcens}}")],
    },
    {
        title: "JobManager deployment status",
        description: "FlinkDeployments per JobManager deployment status.",
        type: "timeseries",
        unit: "short",
        targets: jmDeploymentStatuses.map((status) =>
            target(`sum(flink_k8soperator_namespace_JmDeploymentStatus_${status}_Count${operatorNs})`, status)),
    },
    {
        title: "Lifecycle states",
        description: "Resources per lifecycle state (FAILED: terminally failed jobs).",
        type: "timeseries",
        unit: "short",
        targets: (["STABLE", "DEPLOYED", "UPGRADING", "SUSPENDED", "ROLLED_BACK", "FAILED"] as const).map((state) =>
            target(`sum by (resourcetype) (flink_k8soperator_namespace_Lifecycle_State_${state}_Count${operatorNs})`, `${state} {{resourcetype}}`)),
    },
    {
        title: "Reconciliations",
        description: "Reconciliations per second, and failed ones, per resource.",
        type: "timeseries",
        unit: "ops",
        targets: [
            target(`sum by (resourcens, resourcename) (rate(flink_k8soperator_namespace_resource_JOSDK_Reconciliation_Count${operatorResource}[$__rate_interval]))`,
                "{{resourcens}}/{{resourcename}}"),
            target(`sum by (resourcens, resourcename) (rate(flink_k8soperator_namespace_resource_JOSDK_Reconciliation_failed_Count${operatorResource}[$__rate_interval]))`,
                "failed {{resourcens}}/{{resourcename}}"),
        ],
    },
    {
        title: "Operator heap",
        description: "Heap used by the operator and its maximum.",
        type: "timeseries",
        unit: "bytes",
        targets: [
            target("max by (pod) (flink_k8soperator_Status_JVM_Memory_Heap_Used)", `used ${podLegend}`),
            target("max by (pod) (flink_k8soperator_Status_JVM_Memory_Heap_Max)", `max ${podLegend}`),
        ],
    },
    {
        title: "Operator CPU load",
        description: "Recent CPU usage of the operator's JVM, from 0 to 1: 1 means every CPU it sees busy with its threads, not one core.",
        type: "timeseries",
        unit: "percentunit",
        targets: [target("max by (pod) (flink_k8soperator_Status_JVM_CPU_Load)", podLegend)],
    },
];

/** The dashboards for all clusters; the operator's only where it is scraped (`operator`), as it would stay empty. */
export function platformDashboards(operator = true): Dashboard[] {
    const dashboards = [
        dashboard("flink-job-health", "flink-job-health", "Flink / Job health", jobHealthPanels, flinkVariables),
        dashboard("flink-throughput", "flink-throughput", "Flink / Records in and out", throughputPanels, flinkVariables),
        dashboard("flink-checkpoints", "flink-checkpoints", "Flink / Checkpoints", checkpointPanels, flinkVariables),
        dashboard("flink-backpressure", "flink-backpressure", "Flink / Backpressure", backpressurePanels, flinkVariables),
        dashboard("flink-jvm", "flink-jvm", "Flink / JVM", jvmPanels, flinkVariables),
        dashboard("flink-taskmanager-slots", "flink-taskmanager-slots", "Flink / TaskManagers and slots", slotPanels, flinkVariables),
    ];
    if (operator) {
        dashboards.push(dashboard("flink-operator", "flink-operator", "Flink / Kubernetes Operator", operatorPanels, operatorVariables));
    }
    return dashboards;
}

/** Grafana uids are at most 40 characters: a short hash of namespace and name. */
function clusterUid(namespace: string, name: string): string {
    return `flink-cluster-${createHash("sha256").update(`${namespace}/${name}`).digest("hex").slice(0, 16)}`;
}

/**
 * One overview dashboard for one cluster: job health, checkpoints, backpressure, slots, with namespace and
 * cluster fixed. Named `flink-cluster.<namespace>.<name>`: neither part holds a dot, so no two clusters collide.
 */
export function clusterDashboard(namespace: string, name: string): Dashboard {
    const panels = [...jobHealthPanels, ...checkpointPanels, ...backpressurePanels.slice(0, 2), ...slotPanels.slice(0, 3)];
    return dashboard(`flink-cluster.${namespace}.${name}`, clusterUid(namespace, name), `Flink / ${namespace}/${name}`, panels, { namespace, cluster: name });
}
