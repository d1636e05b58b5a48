/**
 * flink-platform on GKE, staging: one Flink namespace whose ServiceAccount acts
 * as a Google service account (Workload Identity Federation for GKE), state in
 * GCS, the operator's admission webhook with cert-manager installed first, and
 * an HA application cluster.
 */
import * as pulumi from "@pulumi/pulumi";
import { CertManagerMode, CloudProfile, Environment, FlinkPlatform, StorageBackend } from "@flink-platform/flink-platform";

const config = new pulumi.Config();
const namespace = "flink-staging";
/** Unset: egress to any address on 443 (the gcp profile's API server port); staging allows it, prod would not. */
const apiServerCidr = config.get("apiServerCidr");

const platform = new FlinkPlatform("flink", {
    environment: Environment.Staging,
    cloud: CloudProfile.Gcp,
    namespaces: [{ name: namespace, workloadIdentity: { gcpServiceAccount: config.require("gcpServiceAccount") } }],
    operator: { webhook: { enabled: true, certManager: CertManagerMode.Install } },
    network: apiServerCidr === undefined ? {} : { apiServerCidrs: [apiServerCidr] },
    // gs://<bucket>/flink/<namespace>/<cluster>/{ha,checkpoints,savepoints}, through the flink-gs-fs-hadoop plugin and application default credentials.
    storage: { backend: StorageBackend.Gcs, gcs: { bucket: config.require("bucket") } },
    // PodMonitors, alerts and dashboards for an existing kube-prometheus-stack in "monitoring".
    monitoring: {},
    clusters: [{
        // HA comes with the storage: two JobManagers, savepoint upgrades.
        name: "state-machine",
        namespace,
        taskManager: { cpu: 1, memory: "4Gi", taskSlots: 2 },
        job: { jarURI: "local:///opt/flink/examples/streaming/StateMachineExample.jar", parallelism: 2 },
    }],
});

export const namespaces = platform.namespaces;
export const operatorNamespace = platform.operatorNamespace;
export const serviceAccounts = platform.serviceAccounts;
/** "<namespace>/<cluster>" → REST service: `kubectl port-forward -n <namespace> svc/<service> 8081`. */
export const clusters = platform.clusters;
export const stateDirectories = platform.stateDirectories;
