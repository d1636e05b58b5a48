/**
 * flink-platform on AKS, staging: one Flink namespace, state in Azure Storage,
 * the operator's admission webhook with the cluster's cert-manager, and an HA
 * application cluster. Pods authenticate with Azure Workload Identity
 * (abfss://, the ServiceAccount's managed identity) or, when the secret
 * `storageAccountKey` is set, with the account key (wasbs://).
 *
 * Flink's azure plugin is built on Hadoop 3.3.4 up to Flink 2.2, which has no
 * WorkloadIdentityTokenProvider: workload identity needs an image whose plugin
 * is built on Hadoop 3.4 (config `image` and `flinkRelease`); on an official
 * image the platform refuses it at preview.
 */
import * as pulumi from "@pulumi/pulumi";
import { CertManagerMode, CloudProfile, Environment, FlinkPlatform, StorageBackend, WorkloadIdentityArgs } from "@flink-platform/flink-platform";

const config = new pulumi.Config();
const namespace = "flink-staging";
const clientId = config.get("azureClientId");
const tenantId = config.get("azureTenantId");
const accountKey = config.getSecret("storageAccountKey");
/** A custom image, such as one whose azure plugin is built on Hadoop 3.4; its Flink release names the plugin jar. Default: flink:2.2.1-java17. */
const image = config.get("image");
const flinkRelease = config.get("flinkRelease");
/** Unset: egress to any address on 443 (the azure profile's API server port); staging allows it, prod would not. */
const apiServerCidr = config.get("apiServerCidr");

if (clientId === undefined && accountKey === undefined) {
    throw new Error("flink-platform-azure: set azureClientId (and azureTenantId) for Azure Workload Identity, " +
        "or the account key with `pulumi config set --secret storageAccountKey <key>`");
}
if (clientId !== undefined && accountKey !== undefined) {
    throw new Error("flink-platform-azure: azureClientId and storageAccountKey are both set; use one: workload identity (preferred) or the account key");
}
const workloadIdentity: WorkloadIdentityArgs | undefined = clientId === undefined ? undefined : {
    azureClientId: clientId,
    ...(tenantId === undefined ? {} : { azureTenantId: tenantId }),
};

const platform = new FlinkPlatform("flink", {
    environment: Environment.Staging,
    cloud: CloudProfile.Azure,
    // With workload identity the ServiceAccount gets the client and tenant id annotations, and Flink pods the label azure.workload.identity/use.
    namespaces: [{ name: namespace, workloadIdentity }],
    operator: { webhook: { enabled: true, certManager: CertManagerMode.Existing } },
    network: apiServerCidr === undefined ? {} : { apiServerCidrs: [apiServerCidr] },
    // abfss://<container>@<account>.dfs.core.windows.net/flink/<namespace>/<cluster>/… with workload identity,
    // wasbs://<container>@<account>.blob.core.windows.net/flink/… with the account key (a Secret in the namespace).
    storage: {
        backend: StorageBackend.Azure,
        azure: { account: config.require("storageAccount"), container: config.require("container") },
        ...(accountKey === undefined ? {} : { credentials: { accountKey } }),
    },
    // PodMonitors, alerts and dashboards for an existing kube-prometheus-stack in "monitoring".
    monitoring: {},
    clusters: [{
        // HA comes with the storage: two JobManagers, savepoint upgrades.
        name: "state-machine",
        namespace,
        ...(image === undefined ? {} : { image }),
        ...(flinkRelease === undefined ? {} : { flinkRelease }),
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
