/** The args of FlinkCluster: what a Flink cluster is, documented with its defaults. */
import type * as pulumi from "@pulumi/pulumi";
import type { Environment } from "../environment";
import type { StorageArgs } from "./storage";
import type { EgressRuleArgs } from "./namespace";
import type { FlinkVersion } from "../versions";

/** How the job is upgraded when its spec changes. */
export const UpgradeMode = {
    /** Take a savepoint, stop, start from it. Needs checkpoint and savepoint directories. */
    Savepoint: "savepoint",
    /** Stop and restart from the latest checkpoint (HA metadata). Needs a checkpoint directory. */
    LastState: "last-state",
    /** Stop and start empty: the job's state is lost. */
    Stateless: "stateless",
} as const;
export type UpgradeMode = (typeof UpgradeMode)[keyof typeof UpgradeMode];

/** Whether the job runs. */
export const JobState = {
    Running: "running",
    Suspended: "suspended",
} as const;
export type JobState = (typeof JobState)[keyof typeof JobState];

/** Where keyed state lives while the job runs. */
export const StateBackend = {
    /** On the JVM heap; fast, bounded by memory. */
    HashMap: "hashmap",
    /** RocksDB on local disk (the TaskManager's /tmp); large state, incremental checkpoints. */
    RocksDb: "rocksdb",
    /** ForSt, disaggregated state (Flink 2.x only). */
    ForSt: "forst",
} as const;
export type StateBackend = (typeof StateBackend)[keyof typeof StateBackend];

/** Checkpointing guarantee. */
export const CheckpointingMode = {
    ExactlyOnce: "EXACTLY_ONCE",
    AtLeastOnce: "AT_LEAST_ONCE",
} as const;
export type CheckpointingMode = (typeof CheckpointingMode)[keyof typeof CheckpointingMode];

/** What Flink does when a task fails. */
export const RestartStrategy = {
    ExponentialDelay: "exponential-delay",
    FixedDelay: "fixed-delay",
    FailureRate: "failure-rate",
    None: "none",
} as const;
export type RestartStrategy = (typeof RestartStrategy)[keyof typeof RestartStrategy];

/** How the operator deploys the cluster; cannot change after creation. */
export const DeploymentMode = {
    /** Flink's native Kubernetes integration: the JobManager creates TaskManager pods. */
    Native: "native",
    /** The operator creates JobManager and TaskManager Deployments (needed for reactive mode). */
    Standalone: "standalone",
} as const;
export type DeploymentMode = (typeof DeploymentMode)[keyof typeof DeploymentMode];

export interface JobManagerArgs {
    /** CPU cores (fractions allowed). Default: 1. */
    cpu?: number;
    /** Memory, a Kubernetes quantity of whole MiB ("2Gi", "1536Mi", "2.5Gi"); becomes `jobmanager.memory.process.size` and the container's request and limit; checked against Flink's memory model with the cluster's flinkConfiguration. Default: "2Gi". */
    memory?: string;
    /** Number of JobManagers; more than 1 needs high availability. Default: 2 with high availability (1 with single-node PVC storage), 1 without. */
    replicas?: number;
    /** Ephemeral storage request and limit (logs, /tmp). Default: "2Gi". */
    ephemeralStorage?: string;
}

export interface TaskManagerArgs {
    /** CPU cores (fractions allowed). Default: 2. */
    cpu?: number;
    /** Memory, a Kubernetes quantity of whole MiB ("4Gi", "3584Mi", "3.5Gi"); becomes `taskmanager.memory.process.size` and the container's request and limit; checked against Flink's memory model with the cluster's flinkConfiguration. Default: "4Gi". */
    memory?: string;
    /** `taskmanager.numberOfTaskSlots`. Default: 2. */
    taskSlots?: number;
    /** Number of TaskManagers. Default: derived by Flink from the job's parallelism and the slots (session clusters: 1). */
    replicas?: number;
    /** Ephemeral storage request and limit: RocksDB's local files spill into /tmp. Default: "10Gi" with RocksDB or ForSt, "2Gi" otherwise. */
    ephemeralStorage?: string;
}

/**
 * How `pulumi up` waits for a FlinkDeployment or FlinkSessionJob to run (the Kubernetes provider's
 * `pulumi.com/waitFor` and `pulumi.com/timeoutSeconds` annotations; see docs/research/pulumi-await.md).
 */
export interface AwaitArgs {
    /** Wait: for a running job, its job RUNNING (FINISHED when `bounded`) and the deployment STABLE; for a session cluster, its JobManager READY. A suspended job is not awaited. Off: manifests rendered for GitOps, very large stacks. Default: true. */
    enabled?: boolean;
    /** How long, a Flink duration of at least 1 s, such as "15 min". Default: "10 min" (a JobManager start and a savepoint-based upgrade). */
    timeout?: string;
}

/**
 * The savepoints the operator takes of a cluster's jobs (its session jobs inherit them) and the history it keeps:
 * operator keys of KubernetesOperatorConfigOptions (operator 1.15), set in the FlinkDeployment's flinkConfiguration.
 * Only for jobs that keep state, on a cluster with a savepoint directory.
 */
export interface SavepointArgs {
    /** Take a savepoint periodically (`kubernetes.operator.periodic.savepoint.interval`). Needs a savepoint directory. Default: true in prod with a savepoint directory, false elsewhere. */
    periodic?: boolean;
    /** How often, a Flink duration of at least 1 min (a savepoint copies the whole state), such as "6 h". Default: "6 h". */
    interval?: string;
    /** Savepoints older than this leave the history (`kubernetes.operator.savepoint.history.max.age`); the latest always stays. A Flink duration, more than 0. Default: "7 d" in prod, the operator's 24 h elsewhere. */
    maxAge?: string;
    /** At most this many savepoints in the history (`kubernetes.operator.savepoint.history.max.count`), at least 1. Default: 28 in prod (7 days of 6-hourly savepoints), the operator's 10 elsewhere. */
    maxCount?: number;
    /** Whether a savepoint leaving the history also has its files deleted (`kubernetes.operator.savepoint.dispose-on-delete`). Default: false: the files stay (bound them with the bucket's lifecycle rules). */
    disposeOnCleanup?: boolean;
    /** Take a savepoint when the job is deleted (`kubernetes.operator.job.savepoint-on-deletion`; a session job's too: FLINK-32551). Needs a savepoint directory. Default: true with a savepoint directory. */
    onDeletion?: boolean;
    /** Record savepoints and checkpoints as FlinkStateSnapshot resources in the cluster's namespace (`kubernetes.operator.snapshot.resource.enabled`; false: in the status, the legacy way). Default: true (the operator's). */
    snapshotResources?: boolean;
}

/** How a changed spec reaches the running job. */
export const UpgradeStrategy = {
    /** The operator upgrades the FlinkDeployment in place: the job stops, then starts again per `job.upgradeMode`. */
    InPlace: "in-place",
    /**
     * A FlinkBlueGreenDeployment (operator 1.14+): the operator takes a savepoint of the running job, starts the new
     * spec beside it as a second FlinkDeployment from that savepoint, and deletes the old one once the new one runs
     * stable. Application clusters with savepoint upgrades only; records may be processed twice during the switch.
     */
    BlueGreen: "blue-green",
} as const;
export type UpgradeStrategy = (typeof UpgradeStrategy)[keyof typeof UpgradeStrategy];

/** How the operator upgrades a cluster (a changed spec). */
export interface UpgradeArgs {
    /**
     * In place (one FlinkDeployment), or blue/green (a FlinkBlueGreenDeployment, whose children `<name>-blue` and
     * `<name>-green` take turns). Switching an existing cluster replaces its FlinkDeployment. Default: "in-place".
     */
    strategy?: UpgradeStrategy;
    /**
     * Blue/green only: how long the new deployment may take to run stable before the operator aborts the switch and
     * keeps the old one (`kubernetes.operator.bluegreen.abort.grace-period`), a Flink duration of at least 1 s. Default: the operator's 10 min.
     */
    abortGracePeriod?: string;
    /**
     * Blue/green only: how long the old deployment keeps running after the new one runs stable
     * (`kubernetes.operator.bluegreen.deployment-deletion.delay`), a Flink duration. Default: the operator's 0 ms.
     */
    deletionDelay?: string;
    /**
     * Roll back to the last stable spec when an upgrade does not become stable within `readinessTimeout`
     * (`kubernetes.operator.deployment.rollback.enabled`). Needs high availability; not with blue/green upgrades. Default: true in prod with high availability (in place), false elsewhere.
     */
    rollback?: boolean;
    /** How long an upgraded cluster may take to become stable before it is rolled back (`kubernetes.operator.deployment.readiness.timeout`), a Flink duration of at least 1 s. Only with rollback. Default: the operator's 5 min. */
    readinessTimeout?: string;
    /**
     * A last-state upgrade goes from the latest checkpoint only when it is at most this old; otherwise the operator takes a
     * savepoint first (`kubernetes.operator.job.upgrade.last-state.max.allowed.checkpoint.age`). At least the checkpoint interval;
     * needs a savepoint directory; only for last-state upgrades. Default: twice the checkpoint interval in prod (with a savepoint directory), none elsewhere.
     */
    maxCheckpointAge?: string;
}

/** The job of an application cluster. */
export interface JobArgs {
    /** The job jar, such as "local:///opt/flink/usrlib/app.jar" (inside the image). Required. */
    jarURI: string;
    /** Main class. Default: the jar manifest's. */
    entryClass?: string;
    /** Program arguments. Default: none. */
    args?: string[];
    /** Job parallelism, > 0 unless taskManager.replicas is set. Default: taskManager.taskSlots when taskManager.replicas is not set. */
    parallelism?: number;
    /** Running or suspended. Default: running. */
    state?: JobState;
    /** Upgrade mode. Default: savepoint with a savepoint directory, last-state with only a checkpoint directory; without durable storage it must be set (stateless). */
    upgradeMode?: UpgradeMode;
    /** Whether the job keeps state that must survive upgrades; prod refuses stateless upgrades of stateful jobs. Default: true. */
    stateful?: boolean;
    /** Start from this savepoint or retained checkpoint path. Default: none. */
    initialSavepointPath?: string;
    /** Allow a savepoint with state no operator claims. Default: false. */
    allowNonRestoredState?: boolean;
    /** The job ends by itself (a batch or a bounded streaming job): `pulumi up` waits for FINISHED, not RUNNING. Default: false. */
    bounded?: boolean;
}

/** A job submitted to a session cluster. */
export interface SessionJobArgs {
    /** The FlinkSessionJob's name, a DNS-1123 label. Required. */
    name: string;
    /** The job jar, an https:// URL on a public host (the operator downloads it). Required. */
    jarURI: string;
    /** Main class. Default: the jar manifest's. */
    entryClass?: string;
    /** Program arguments. Default: none. */
    args?: string[];
    /** Job parallelism. Default: the session cluster's taskManager.taskSlots. */
    parallelism?: number;
    /** Running or suspended. Default: running. */
    state?: JobState;
    /** Upgrade mode. Default: savepoint with a savepoint directory on the session cluster, last-state with a checkpoint directory; otherwise it must be set (stateless). */
    upgradeMode?: UpgradeMode;
    /** Whether the job keeps state that must survive upgrades; prod refuses stateless upgrades of stateful jobs. Default: true. */
    stateful?: boolean;
    /** Start from this savepoint path. Default: none. */
    initialSavepointPath?: string;
    /** Allow a savepoint with state no operator claims. Default: false. */
    allowNonRestoredState?: boolean;
    /** Extra Flink configuration for this job, validated like the cluster's. Default: none. */
    flinkConfiguration?: { [key: string]: string };
    /** The job ends by itself (a batch or a bounded streaming job, such as Flink's WordCount example): `pulumi up` waits for FINISHED, not RUNNING. Default: false. */
    bounded?: boolean;
    /** How `pulumi up` waits for it. Default: the cluster's `await` on a cluster of the same program; else waits, 10 min. */
    await?: AwaitArgs;
}

export interface CheckpointingArgs {
    /** Checkpoint periodically (application clusters). Default: true. */
    enabled?: boolean;
    /** `execution.checkpointing.interval`, a Flink duration. Default: "1 min". */
    interval?: string;
    /** `execution.checkpointing.mode`. Default: EXACTLY_ONCE. */
    mode?: CheckpointingMode;
    /** `execution.checkpointing.timeout`. Default: Flink's (10 min). */
    timeout?: string;
    /** `execution.checkpointing.min-pause` between checkpoints. Default: Flink's (0 ms). */
    minPause?: string;
    /** `execution.checkpointing.tolerable-failed-checkpoints`. Default: Flink's (0). */
    tolerableFailures?: number;
    /** `execution.checkpointing.num-retained`. Default: Flink's (1). */
    retained?: number;
}

/** Durable directories (s3://, gs://, abfss://, file:// on a shared volume). */
export interface ClusterStorageArgs {
    /** `execution.checkpointing.dir`; may be an Output (of a bucket). Default: none (checkpoints stay on the JobManager). */
    checkpointDir?: pulumi.Input<string>;
    /** `execution.checkpointing.savepoint-dir`; may be an Output. Default: none. */
    savepointDir?: pulumi.Input<string>;
    /** `high-availability.storageDir`; may be an Output. Default: none (no high availability). */
    highAvailabilityDir?: pulumi.Input<string>;
}

export interface RestartStrategyArgs {
    /** `restart-strategy.type`. Default: exponential-delay. */
    type?: RestartStrategy;
    /** fixed-delay: attempts; failure-rate: failures per interval; exponential-delay: attempts before the job fails (`restart-strategy.exponential-delay.attempts-before-reset-backoff`). Default: Flink's. */
    attempts?: number;
    /** fixed-delay and failure-rate: delay between attempts; exponential-delay: initial backoff. A Flink duration. Default: Flink's. */
    delay?: string;
    /** exponential-delay: maximum backoff; failure-rate: the interval. A Flink duration. Default: Flink's. */
    maxDelay?: string;
}

/** The operator's job autoscaler (application clusters, native mode). */
export interface AutoscalerArgs {
    /** Turn it on. Default: false. */
    enabled?: boolean;
    /** `job.autoscaler.vertex.min-parallelism`. Default: the operator's (1). */
    minParallelism?: number;
    /** `job.autoscaler.vertex.max-parallelism`. Default: the operator's. */
    maxParallelism?: number;
    /** `job.autoscaler.utilization.target`, from 0 (exclusive) to 1. Default: the operator's (0.7). */
    targetUtilization?: number;
    /** `job.autoscaler.metrics.window`, a Flink duration. Default: the operator's. */
    metricsWindow?: string;
    /** `job.autoscaler.stabilization.interval`, a Flink duration. Default: the operator's. */
    stabilizationInterval?: string;
}

/** Reactive mode: standalone deployment, TaskManagers scaled by a HorizontalPodAutoscaler, the job follows. */
export interface ReactiveArgs {
    /** Turn it on (application clusters; forces standalone mode). Default: false. */
    enabled?: boolean;
    /** Fewest TaskManagers. Default: 1. */
    minReplicas?: number;
    /** Most TaskManagers. Required when enabled. */
    maxReplicas?: number;
    /** Average TaskManager CPU utilization the autoscaler aims for, in percent. Default: 70. */
    targetCpuUtilization?: number;
}

/** The Flink web UI and REST API through an Ingress (`spec.ingress`). The REST API has no authentication of its own. */
export interface IngressArgs {
    /** Host name, such as "orders.flink.example.com"; may be an Output (of a DNS record). Required. */
    host: pulumi.Input<string>;
    /** Secret holding the TLS certificate for the host; may be an Output (of a cert-manager Certificate). Required. */
    tlsSecretName: pulumi.Input<string>;
    /** IngressClass. Default: the cluster's default class. */
    className?: string;
    /** Annotations; one must make the controller authenticate requests (such as nginx.ingress.kubernetes.io/auth-url). Default: none. */
    annotations?: { [key: string]: string };
    /** Set when an authenticating proxy in front of the controller protects the host instead of an annotation. Default: false. */
    behindAuthenticatingProxy?: boolean;
}

/** The Gateway (Gateway API) a route attaches to, by an HTTPS listener: TLS ends at the Gateway. */
export interface GatewayListenerArgs {
    /** The Gateway's name. Required. */
    name: string;
    /** The Gateway's namespace. Required. */
    namespace: string;
    /** The Gateway's HTTPS listener (the route's `parentRefs[].sectionName`), which terminates TLS. Required: a route is never served without TLS. */
    listener: string;
    /**
     * The namespace the Gateway's data-plane pods run in, which the proxy accepts traffic from: differs from the
     * Gateway's with Envoy Gateway ("envoy-gateway-system"). Default: the Gateway's namespace (Istio, Contour, NGINX Gateway Fabric).
     */
    trafficNamespace?: string;
    /**
     * Addresses the Gateway's traffic comes from, instead of a namespace, where a cloud load balancer sends it straight
     * to the pods (GKE Gateway: ["35.191.0.0/16", "130.211.0.0/22"]); the list, or each CIDR, may be an Output. Default: none.
     */
    sourceCidrs?: pulumi.Input<pulumi.Input<string>[]>;
}

/** OpenID Connect login in front of a cluster's web UI and REST API (oauth2-proxy's `oidc` provider). */
export interface OidcArgs {
    /** The issuer, an https URL such as "https://login.example.com/realms/acme". Required. */
    issuerUrl: string;
    /** The OIDC client id; may be an Output. Required. */
    clientId: pulumi.Input<string>;
    /**
     * A Secret in the cluster's namespace with the keys `client-secret` (the OIDC client's secret) and
     * `cookie-secret` (32 random bytes, base64: `openssl rand -base64 32 | tr -- '+/' '-_'`); may be an Output. Required.
     */
    secretName: pulumi.Input<string>;
    /** Groups (the ID token's `groups` claim) whose members may use the cluster. Required, at least one. */
    allowedGroups: string[];
    /** CIDRs the proxy reaches the issuer at (https, 443); the list, or each CIDR, may be an Output. Default: ["0.0.0.0/0"]. */
    issuerCidrs?: pulumi.Input<pulumi.Input<string>[]>;
}

/**
 * The web UI and REST API on a Gateway API HTTPRoute, behind an authenticating proxy the
 * platform deploys in the cluster's namespace (oauth2-proxy): the REST API accepts job
 * submissions and cancellations, so nothing but the proxy reaches it.
 */
export interface RouteArgs {
    /** The Gateway and its HTTPS listener. Required. */
    gateway: GatewayListenerArgs;
    /** The host name, such as "orders.flink.example.com"; may be an Output. Required. */
    host: pulumi.Input<string>;
    /** Who may log in. Required. */
    oidc: OidcArgs;
    /** The oauth2-proxy image; the policy pack requires a digest in prod ("…@sha256:…"). Default: "quay.io/oauth2-proxy/oauth2-proxy:v7.15.3". */
    proxyImage?: string;
}

export interface TolerationArgs {
    /** Taint key. Default: all keys (with operator Exists). */
    key?: string;
    /** Equal or Exists. Default: Equal. */
    operator?: string;
    /** Taint value. Default: none. */
    value?: string;
    /** NoSchedule, PreferNoSchedule or NoExecute. Default: all effects. */
    effect?: string;
}

export interface SchedulingArgs {
    /** Node labels the pods must match. Default: none. */
    nodeSelector?: { [key: string]: string };
    /** Taints the pods tolerate. Default: none. */
    tolerations?: TolerationArgs[];
    /** PriorityClass of the pods. Default: none. */
    priorityClassName?: string;
    /** Node label that names a zone, for spreading. Default: "topology.kubernetes.io/zone". */
    zoneTopologyKey?: string;
}

export interface FlinkClusterArgs {
    /** The FlinkDeployment's name: lowercase letters, digits and '-', starting with a letter, at most 45 characters (39 with blue/green upgrades). Required. */
    name: string;
    /** Namespace it runs in. Required. */
    namespace: string;
    /** The environment: prod protects the cluster and refuses stateless upgrades of stateful jobs. Default: dev. */
    environment?: Environment;
    /** Flink version. Default: v2_2. */
    flinkVersion?: FlinkVersion;
    /** Image; an official flink/apache/flink tag must match flinkVersion; may be an Output (of an image build or a registry lookup). Default: the official image of the version (flink:2.2.1-java17 for 2.2). */
    image?: pulumi.Input<string>;
    /** ServiceAccount the pods run as (FlinkRbac's `serviceAccountName`, an Output). Default: "flink". */
    serviceAccountName?: pulumi.Input<string>;
    /** Extra pod labels (such as Azure Workload Identity's). Default: none. */
    podLabels?: { [key: string]: string };
    /** Native or standalone. Default: native (standalone with reactive mode). */
    mode?: DeploymentMode;
    /** JobManager size and count. Default: see JobManagerArgs. */
    jobManager?: JobManagerArgs;
    /** TaskManager size and count. Default: see TaskManagerArgs. */
    taskManager?: TaskManagerArgs;
    /** The job: present makes an application cluster, absent a session cluster. Default: none (session cluster). */
    job?: JobArgs;
    /** Jobs to run on this session cluster (FlinkSessionJob). Default: none. */
    sessionJobs?: SessionJobArgs[];
    /** Checkpointing. Default: on, every minute, exactly once, retained on cancellation. */
    checkpointing?: CheckpointingArgs;
    /** State backend. Default: rocksdb (incremental checkpoints). */
    stateBackend?: StateBackend;
    /** Restart strategy. Default: exponential-delay. */
    restartStrategy?: RestartStrategyArgs;
    /** Where state lives (the platform's storage): gives the cluster `<base>/<namespace>/<name>/{ha,checkpoints,savepoints}`, the filesystem plugin and credentials. Default: none. */
    stateStorage?: StorageArgs;
    /** Explicit checkpoint, savepoint and HA directories; each overrides the one derived from stateStorage. Default: none. */
    storage?: ClusterStorageArgs;
    /** The Flink release inside a custom image, such as "2.2.1": names the filesystem plugin jar. Default: read from an official image's tag. */
    flinkRelease?: string;
    /** Kubernetes HA for the JobManager (`high-availability.type: kubernetes`); needs an HA directory; prod requires it. Default: true when there is an HA directory. */
    highAvailability?: boolean;
    /** The operator's job autoscaler. Default: off. */
    autoscaler?: AutoscalerArgs;
    /** Reactive mode with a HorizontalPodAutoscaler. Default: off. */
    reactive?: ReactiveArgs;
    /** Ingress for the web UI and REST API. Default: none (REST service ClusterIP only). */
    ingress?: IngressArgs;
    /** The web UI and REST API on a Gateway API HTTPRoute behind oauth2-proxy. Default: none. */
    route?: RouteArgs;
    /** Periodic savepoints, their history, a savepoint on deletion. Default: see SavepointArgs (every 6 h in prod). */
    savepoints?: SavepointArgs;
    /** In place or blue/green, rollback of failed upgrades, the checkpoint age a last-state upgrade accepts. Default: see UpgradeArgs (in place; rollback in prod with HA). */
    upgrade?: UpgradeArgs;
    /** How `pulumi up` waits for the FlinkDeployment and its session jobs. Default: waits, 10 min. */
    await?: AwaitArgs;
    /** Node placement and priority. Default: spread across nodes and zones, no selector. */
    scheduling?: SchedulingArgs;
    /**
     * Where this cluster's JobManagers and TaskManagers may connect to, beside the namespace's rules: the
     * sources and sinks of its job (a Kafka source enumerates splits on the JobManager). Default: none.
     */
    egress?: EgressRuleArgs[];
    /**
     * CIDRs the JobManager may download an http(s) `job.jarURI` from, on the URL's port; the list, or each
     * CIDR, may be an Output. Default: ["0.0.0.0/0"]; in FlinkPlatform, network.artifactCidrs.
     */
    artifactCidrs?: pulumi.Input<pulumi.Input<string>[]>;
    /** Extra Flink configuration, merged last and validated against the version's keys. Default: none. */
    flinkConfiguration?: { [key: string]: string };
    /** Protect the FlinkDeployment (the FlinkBlueGreenDeployment with blue/green upgrades) from deletion by Pulumi. Default: true in prod. */
    protect?: boolean;
}

/**
 * A Flink cluster as its session jobs see it. Read it from `FlinkCluster.reference`
 * or `FlinkPlatform.clusterReferences["<namespace>/<name>"]`; it is not meant to be written by hand.
 */
export interface FlinkClusterReference {
    /** The FlinkDeployment's name, an Output of the FlinkDeployment: a session job waits for it. Required. */
    deploymentName: pulumi.Input<string>;
    /** The FlinkDeployment's name as given (for messages). Required. */
    name: string;
    /** The namespace the cluster runs in; its session jobs go there too. Required. */
    namespace: string;
    /** True for a session cluster (no job of its own): only those run session jobs. Required. */
    session: boolean;
    /** The cluster's environment: prod refuses stateless upgrades of stateful jobs. Required. */
    environment: Environment;
    /** The cluster's Flink version: a session job's flinkConfiguration is checked against its keys. Required. */
    flinkVersion: FlinkVersion;
    /** Task slots per TaskManager: a session job's default parallelism. Required. */
    taskSlots: number;
    /** Whether the cluster has a checkpoint directory (last-state and savepoint upgrades need one). Required. */
    hasCheckpointDir: boolean;
    /** Whether the cluster has a savepoint directory (savepoint upgrades need one). Required. */
    hasSavepointDir: boolean;
    /** Whether the cluster is protected from deletion; its session jobs are too. Required. */
    protect: boolean;
}
