/**
 * flink-platform on EKS, prod-like: two Flink namespaces whose ServiceAccounts
 * assume their own IAM role (IRSA), state in S3 through Flink's Presto plugin,
 * the operator's admission webhook with the cluster's cert-manager, an HA
 * application cluster with the operator's autoscaler, and an HA session cluster
 * running one session job.
 */
import * as pulumi from "@pulumi/pulumi";
import { CertManagerMode, CloudProfile, Environment, FlinkPlatform, StorageBackend } from "@flink-platform/flink-platform";

const config = new pulumi.Config();
const bucket = config.require("bucket");
/** Unset: the pods' environment gives the region (the EKS IRSA webhook injects AWS_REGION). */
const region = config.get("region");
const apiServerCidr = config.require("apiServerCidr");
/** Prod pulls by digest (the policy pack's image-digest rule), such as "flink:2.2.1-java17@sha256:…". */
const flinkImage = config.require("flinkImage");
/** The digest of apache/flink-kubernetes-operator:1.15.0 ("sha256:…"). */
const operatorImageDigest = config.require("operatorImageDigest");
/** Where the payments job's data is: the subnets of an MSK cluster and of an RDS PostgreSQL instance. Unset: no such egress. */
const mskCidr = config.get("mskCidr");
const rdsCidr = config.get("rdsCidr");

const platform = new FlinkPlatform("flink", {
    environment: Environment.Prod,
    cloud: CloudProfile.Aws,
    namespaces: [
        { name: "flink-analytics", workloadIdentity: { awsRoleArn: config.require("analyticsRoleArn") } },
        { name: "flink-payments", workloadIdentity: { awsRoleArn: config.require("paymentsRoleArn") } },
    ],
    operator: { image: { digest: operatorImageDigest }, webhook: { enabled: true, certManager: CertManagerMode.Existing } },
    // PodMonitors, alerts and dashboards for an existing kube-prometheus-stack in "monitoring".
    monitoring: { monitorLabels: { release: config.get("prometheusRelease") ?? "kube-prometheus-stack" } },
    // Prod refuses to run without the API server's address: the NetworkPolicies allow egress to it, on 443 (the aws profile's port).
    network: { apiServerCidrs: [apiServerCidr] },
    // s3p://<bucket>/flink/<namespace>/<cluster>/{ha,checkpoints,savepoints}; each namespace authenticates with its own role.
    storage: { backend: StorageBackend.S3, s3: { bucket, region } },
    clusters: [
        {
            // An application cluster: two JobManagers (Kubernetes HA), savepoint upgrades, the operator's autoscaler.
            name: "payments",
            namespace: "flink-payments",
            image: flinkImage,
            jobManager: { replicas: 2 },
            taskManager: { cpu: 1, memory: "4Gi", taskSlots: 2 },
            job: {
                jarURI: "local:///opt/flink/examples/streaming/StateMachineExample.jar",
                parallelism: 2,
            },
            highAvailability: true,
            autoscaler: { enabled: true, minParallelism: 1, maxParallelism: 8, targetUtilization: 0.7 },
            // Its JobManagers (Kafka split enumeration) and TaskManagers reach MSK (9094 TLS, 9098 IAM) and PostgreSQL; nothing else leaves.
            egress: [
                ...(mskCidr === undefined ? [] : [{ name: "msk", cidrs: [mskCidr], ports: [9094, 9098] }]),
                ...(rdsCidr === undefined ? [] : [{ name: "rds", cidrs: [rdsCidr], ports: [5432] }]),
            ],
        },
        {
            // A session cluster (HA as well: prod requires it) with one session job, downloaded by the operator from Maven Central.
            name: "sessions",
            namespace: "flink-analytics",
            image: flinkImage,
            taskManager: { cpu: 1, memory: "4Gi", taskSlots: 2 },
            sessionJobs: [{
                name: "wordcount",
                jarURI: "https://repo1.maven.org/maven2/org/apache/flink/flink-examples-streaming/2.2.0/flink-examples-streaming-2.2.0.jar",
                entryClass: "org.apache.flink.streaming.examples.wordcount.WordCount",
                parallelism: 1,
                // It counts a built-in text and finishes: pulumi up waits for FINISHED.
                bounded: true,
            }],
        },
    ],
});

export const namespaces = platform.namespaces;
export const operatorNamespace = platform.operatorNamespace;
export const serviceAccounts = platform.serviceAccounts;
/** "<namespace>/<cluster>" → REST service: `kubectl port-forward -n <namespace> svc/<service> 8081`. */
export const clusters = platform.clusters;
export const stateDirectories = platform.stateDirectories;
