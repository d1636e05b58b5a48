/**
 * A Flink cluster on a Kubernetes cluster where the Flink Kubernetes Operator
 * already runs, installed by someone else: no FlinkPlatform and no operator
 * chart, only what one FlinkDeployment needs. FlinkNamespace (Pod Security,
 * quota, NetworkPolicies that let the existing operator reach the JobManager),
 * FlinkRbac (the ServiceAccount the pods run as, with the Role the JobManager
 * needs) and FlinkCluster (the FlinkDeployment). The operator must watch the
 * namespace: see README.md.
 */
import * as pulumi from "@pulumi/pulumi";
import { Environment, FlinkCluster, FlinkNamespace, FlinkRbac, UpgradeMode } from "@flink-platform/flink-platform";

const config = new pulumi.Config();
const namespaceName = config.get("namespace") ?? "flink-team";
/** Where the existing operator runs: its pods (label app.kubernetes.io/name=flink-kubernetes-operator) may reach JobManagers on 8081. */
const operatorNamespace = config.get("operatorNamespace") ?? "flink-operator";
const environment = (config.get("environment") ?? Environment.Dev) as Environment;
/** Unset: egress to any address on the API server ports (refused in prod). */
const apiServerCidr = config.get("apiServerCidr");
const serviceAccountName = "flink";

const namespace = new FlinkNamespace(namespaceName, {
    name: namespaceName,
    environment,
    network: {
        operatorNamespace,
        ...(apiServerCidr === undefined ? {} : { apiServerCidrs: [apiServerCidr] }),
    },
});

const rbac = new FlinkRbac(`${namespaceName}-rbac`, {
    namespace: namespace.namespaceName,
    serviceAccountName,
});

// The FlinkDeployment waits for its namespace and its ServiceAccount and Role; the operator is not part of this program.
const cluster = new FlinkCluster(`${namespaceName}-state-machine`, {
    name: "state-machine",
    namespace: namespaceName,
    environment,
    serviceAccountName,
    jobManager: { memory: "1Gi" },
    taskManager: { cpu: 1, memory: "2Gi", taskSlots: 2 },
    job: {
        jarURI: "local:///opt/flink/examples/streaming/StateMachineExample.jar",
        parallelism: 2,
        // No durable storage here, so no savepoints to upgrade from: the example job's state may be lost on upgrade.
        upgradeMode: UpgradeMode.Stateless,
        stateful: false,
    },
}, { dependsOn: [namespace.namespace, rbac] });

export const namespaces = [namespaceName];
export const serviceAccounts = pulumi.all([namespace.namespaceName, rbac.serviceAccountName]).apply(([ns, sa]) => ({ [ns]: sa }));
/** "<namespace>/<cluster>" → REST service: `kubectl port-forward -n <namespace> svc/<service> 8081`. */
export const clusters = pulumi.all([cluster.namespace, cluster.deploymentName, cluster.restServiceName])
    .apply(([ns, name, rest]) => ({ [`${ns}/${name}`]: rest }));
/** The operator this program relies on: where it runs (its pods may reach the JobManagers) and the namespace it must watch. */
export const operator = { namespace: operatorNamespace, mustWatch: namespaceName };
