/**
 * One session cluster shared by several jobs: two FlinkSessionJobs declared
 * with the cluster (`clusters[].sessionJobs`), and one added afterwards with
 * `FlinkSessionJob`, the way a team adds its job to a session cluster the
 * platform already declares. State on a PVC, on a local cluster (kind,
 * minikube, k3d), without the webhook (no cert-manager needed).
 */
import * as pulumi from "@pulumi/pulumi";
import { CloudProfile, Environment, FlinkPlatform, FlinkSessionJob, PvcAccessMode, SessionJobArgs, StorageBackend } from "@flink-platform/flink-platform";

const config = new pulumi.Config();
/** A ReadWriteMany StorageClass for clusters with more than one node. Unset: a ReadWriteOnce claim on the default class, for one node. */
const storageClass = config.get("storageClass");
const singleNode = storageClass === undefined;

const namespace = "flink-sessions";
const cluster = "shared";
/** Flink's streaming examples from Maven Central: the operator downloads the jar over https. */
const examplesJar = "https://repo1.maven.org/maven2/org/apache/flink/flink-examples-streaming/2.2.0/flink-examples-streaming-2.2.0.jar";
/** The jobs declared with the cluster. */
const declaredJobs: SessionJobArgs[] = [
    // WordCount counts a built-in text and finishes: pulumi up waits for FINISHED.
    { name: "wordcount", jarURI: examplesJar, entryClass: "org.apache.flink.streaming.examples.wordcount.WordCount", parallelism: 1, bounded: true },
    { name: "top-speed", jarURI: examplesJar, entryClass: "org.apache.flink.streaming.examples.windowing.TopSpeedWindowing", parallelism: 1 },
];

const platform = new FlinkPlatform("flink", {
    environment: Environment.Dev,
    cloud: CloudProfile.Local,
    namespaces: [{ name: namespace }],
    // file:///flink-state/<namespace>/<cluster>/{ha,checkpoints,savepoints} on the claim flink-state.
    storage: {
        backend: StorageBackend.Pvc,
        pvc: singleNode
            ? { size: "5Gi", accessMode: PvcAccessMode.ReadWriteOnce, singleNode: true }
            : { size: "5Gi", storageClass, accessMode: PvcAccessMode.ReadWriteMany },
    },
    clusters: [{
        // A session cluster: no job of its own; TaskManagers come and go with the jobs' slots. HA is on (the claim holds its
        // metadata); a standby JobManager must run on another node, so one node runs one JobManager.
        name: cluster,
        namespace,
        jobManager: { memory: "1Gi", replicas: singleNode ? 1 : 2 },
        taskManager: { cpu: 1, memory: "2Gi", taskSlots: 2 },
        sessionJobs: declaredJobs,
    }],
});

// A job added on its own, after the platform: it takes the platform's reference to the session cluster.
const windowJoin = new FlinkSessionJob("window-join", {
    cluster: platform.clusterReferences[`${namespace}/${cluster}`],
    job: { name: "window-join", jarURI: examplesJar, entryClass: "org.apache.flink.streaming.examples.join.WindowJoin", parallelism: 1 },
});

export const namespaces = platform.namespaces;
export const operatorNamespace = platform.operatorNamespace;
/** "<namespace>/<cluster>" → REST service: `kubectl port-forward -n flink-sessions svc/shared-rest 8081`. */
export const clusters = platform.clusters;
export const stateDirectories = platform.stateDirectories;
/** The FlinkSessionJobs on the session cluster. */
export const sessionJobs = windowJoin.jobName.apply((added) => [...declaredJobs.map((job) => job.name), added]);
