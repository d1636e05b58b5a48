// The example programs (examples/<name>/), each run under mocks like `pulumi preview` would run it
// with the config a user sets, with exact assertions on what it registers and a schema check of
// every Kubernetes object.
import * as assert from "node:assert/strict";
import { byType, findResource, RegisteredResource, runStack } from "./harness/mocks";
import { validateRegistered } from "./harness/schemas";
import { awsExampleConfig } from "./stack-cases";

const deploymentType = "kubernetes:flink.apache.org/v1beta1:FlinkDeployment";
const sessionJobType = "kubernetes:flink.apache.org/v1beta1:FlinkSessionJob";
const chartType = "kubernetes:helm.sh/v4:Chart";
const serviceAccountType = "kubernetes:core/v1:ServiceAccount";
const networkPolicyType = "kubernetes:networking.k8s.io/v1:NetworkPolicy";

/** The JobManager and TaskManager pod templates of a FlinkDeployment. */
function podTemplates(deployment: RegisteredResource): Record<string, any>[] {
    return [deployment.inputs.spec.jobManager.podTemplate, deployment.inputs.spec.taskManager.podTemplate];
}

/** The environment variable `name` of the main container of a pod template. */
function env(template: Record<string, any>, name: string): Record<string, any> | undefined {
    return template.spec.containers[0].env.find((e: { name: string }) => e.name === name);
}

describe("examples", () => {
    describe("aws: EKS, prod-like", () => {
        const config = awsExampleConfig;
        const run = (overrides: Record<string, unknown> = {}) => runStack("prod", { ...config, ...overrides }, "examples/aws");
        const dirs = (namespace: string, cluster: string) => ({
            highAvailability: `s3p://acme-flink-prod/flink/${namespace}/${cluster}/ha`,
            checkpoints: `s3p://acme-flink-prod/flink/${namespace}/${cluster}/checkpoints`,
            savepoints: `s3p://acme-flink-prod/flink/${namespace}/${cluster}/savepoints`,
        });

        it("with mskCidr and rdsCidr, the payments cluster's pods may reach MSK on 9094 and 9098 and PostgreSQL on 5432; without, no such rule", async () => {
            const policyOf = (resources: RegisteredResource[]) => byType(resources, "kubernetes:networking.k8s.io/v1:NetworkPolicy")
                .find((r) => r.inputs.metadata.name === "flink-cluster-payments-network")?.inputs.spec.egress;
            assert.deepEqual(policyOf((await run({ mskCidr: "10.0.64.0/20", rdsCidr: "10.0.80.17/32" })).resources).slice(1), [
                { to: [{ ipBlock: { cidr: "10.0.64.0/20" } }], ports: [{ protocol: "TCP", port: 9094 }, { protocol: "TCP", port: 9098 }] },
                { to: [{ ipBlock: { cidr: "10.0.80.17/32" } }], ports: [{ protocol: "TCP", port: 5432 }] },
            ]);
            assert.equal(policyOf((await run()).resources).length, 1);
        });

        it("exports the namespaces, ServiceAccounts, REST services and s3p:// state directories", async () => {
            const { outputs } = await run();
            assert.deepEqual(outputs, {
                namespaces: ["flink-analytics", "flink-payments"],
                operatorNamespace: "flink-operator",
                serviceAccounts: { "flink-analytics": "flink", "flink-payments": "flink" },
                clusters: { "flink-payments/payments": "payments-rest", "flink-analytics/sessions": "sessions-rest" },
                stateDirectories: {
                    "flink-payments/payments": dirs("flink-payments", "payments"),
                    "flink-analytics/sessions": dirs("flink-analytics", "sessions"),
                },
            });
        });

        it("annotates each namespace's ServiceAccount with its own IAM role (IRSA)", async () => {
            const { resources } = await run();
            for (const [namespace, role] of [["flink-analytics", config.analyticsRoleArn], ["flink-payments", config.paymentsRoleArn]]) {
                const account = findResource(resources, serviceAccountType, `flink-${namespace}-rbac-service-account`);
                assert.equal(account.inputs.metadata.namespace, namespace);
                assert.equal(account.inputs.metadata.name, "flink");
                assert.deepEqual(account.inputs.metadata.annotations, { "eks.amazonaws.com/role-arn": role });
            }
        });

        it("installs the operator with its webhook, on the cluster's cert-manager", async () => {
            const { resources } = await run();
            assert.deepEqual(byType(resources, chartType).map((r) => r.inputs.chart).sort(), ["flink-kubernetes-operator"]);
            const operator = findResource(resources, chartType, "flink-operator-chart");
            assert.equal(operator.inputs.values.webhook.create, true);
            assert.equal(operator.inputs.values.webhook.keystore.passwordSecretRef.name, "flink-operator-webhook-keystore");
        });

        it("runs the payments application cluster with two JobManagers, Kubernetes HA in S3, savepoint upgrades and the autoscaler", async () => {
            const { resources } = await run();
            const deployment = findResource(resources, deploymentType, "flink-flink-payments/payments-deployment");
            const spec = deployment.inputs.spec;
            assert.equal(deployment.inputs.metadata.namespace, "flink-payments");
            assert.equal(spec.serviceAccount, "flink");
            assert.equal(spec.jobManager.replicas, 2);
            const flinkConfig = spec.flinkConfiguration;
            assert.equal(flinkConfig["high-availability.type"], "kubernetes");
            assert.equal(flinkConfig["high-availability.storageDir"], "s3p://acme-flink-prod/flink/flink-payments/payments/ha");
            assert.equal(flinkConfig["execution.checkpointing.dir"], "s3p://acme-flink-prod/flink/flink-payments/payments/checkpoints");
            assert.equal(flinkConfig["execution.checkpointing.savepoint-dir"], "s3p://acme-flink-prod/flink/flink-payments/payments/savepoints");
            assert.equal(flinkConfig["job.autoscaler.enabled"], "true");
            assert.equal(flinkConfig["job.autoscaler.vertex.min-parallelism"], "1");
            assert.equal(flinkConfig["job.autoscaler.vertex.max-parallelism"], "8");
            assert.equal(flinkConfig["job.autoscaler.utilization.target"], "0.7");
            assert.equal(flinkConfig["jobmanager.scheduler"], "adaptive");
            assert.deepEqual(spec.job, {
                jarURI: "local:///opt/flink/examples/streaming/StateMachineExample.jar", parallelism: 2, state: "running", upgradeMode: "savepoint",
            });
            for (const template of podTemplates(deployment)) {
                assert.deepEqual(env(template, "ENABLE_BUILT_IN_PLUGINS"), { name: "ENABLE_BUILT_IN_PLUGINS", value: "flink-s3-fs-presto-2.2.1.jar" });
                assert.deepEqual(env(template, "AWS_REGION"), { name: "AWS_REGION", value: "eu-west-1" });
                assert.equal(env(template, "AWS_ACCESS_KEY_ID"), undefined, "IRSA, no static keys");
            }
            assert.equal(deployment.options.protect, true);
            assert.equal(findResource(resources, "kubernetes:policy/v1:PodDisruptionBudget", "flink-flink-payments/payments-jobmanager-budget")
                .inputs.spec.maxUnavailable, 1);
        });

        it("runs the sessions cluster with HA and its session job, both protected", async () => {
            const { resources } = await run();
            const deployment = findResource(resources, deploymentType, "flink-flink-analytics/sessions-deployment");
            assert.equal(deployment.inputs.spec.job, undefined);
            assert.equal(deployment.inputs.spec.jobManager.replicas, 2);
            assert.equal(deployment.inputs.spec.flinkConfiguration["high-availability.storageDir"], "s3p://acme-flink-prod/flink/flink-analytics/sessions/ha");
            const job = findResource(resources, sessionJobType, "flink-flink-analytics/wordcount-session-job");
            assert.equal(job.inputs.metadata.namespace, "flink-analytics");
            assert.equal(job.inputs.spec.deploymentName, "sessions");
            assert.equal(job.inputs.spec.job.upgradeMode, "savepoint");
            assert.equal(job.options.protect, true);
            assert.equal(byType(resources, sessionJobType).length, 1);
        });

        it("allows API server egress to the configured CIDR on 443 only", async () => {
            const { resources } = await run();
            for (const namespace of ["flink-analytics", "flink-payments"]) {
                assert.deepEqual(findResource(resources, networkPolicyType, `flink-${namespace}-allow-apiserver`).inputs.spec.egress,
                    [{ to: [{ ipBlock: { cidr: "10.0.0.0/16" } }], ports: [{ protocol: "TCP", port: 443 }] }]);
            }
        });

        it("leaves AWS_REGION to the pods' environment without a region", async () => {
            const { region: _region, ...withoutRegion } = config;
            const { resources } = await runStack("prod", withoutRegion, "examples/aws");
            for (const template of podTemplates(findResource(resources, deploymentType, "flink-flink-payments/payments-deployment"))) {
                assert.equal(env(template, "AWS_REGION"), undefined);
            }
        });

        it("stops at preview without the bucket", async () => {
            const { bucket: _bucket, ...withoutBucket } = config;
            await assert.rejects(runStack("prod", withoutBucket, "examples/aws"), { message: /Missing required configuration variable 'flink-platform-aws:bucket'/ });
        });

        it("registers only valid Kubernetes objects", async () => {
            const { resources } = await run();
            assert.deepEqual(await validateRegistered(resources), []);
        });
    });

    describe("gcp: GKE, staging", () => {
        const gsa = "flink-staging@acme-data.iam.gserviceaccount.com";
        const run = (overrides: Record<string, unknown> = {}) =>
            runStack("staging", { bucket: "acme-flink-staging", gcpServiceAccount: gsa, ...overrides }, "examples/gcp");
        const base = "gs://acme-flink-staging/flink/flink-staging/state-machine";

        it("exports the namespace, ServiceAccount, REST service and gs:// state directories", async () => {
            const { outputs } = await run();
            assert.deepEqual(outputs, {
                namespaces: ["flink-staging"],
                operatorNamespace: "flink-operator",
                serviceAccounts: { "flink-staging": "flink" },
                clusters: { "flink-staging/state-machine": "state-machine-rest" },
                stateDirectories: {
                    "flink-staging/state-machine": { highAvailability: `${base}/ha`, checkpoints: `${base}/checkpoints`, savepoints: `${base}/savepoints` },
                },
            });
        });

        it("annotates the ServiceAccount with the Google service account and creates no key Secret", async () => {
            const { resources } = await run();
            assert.deepEqual(findResource(resources, serviceAccountType, "flink-flink-staging-rbac-service-account").inputs.metadata.annotations,
                { "iam.gke.io/gcp-service-account": gsa });
            assert.deepEqual(byType(resources, "kubernetes:core/v1:Secret").map((r) => r.name), ["flink-operator-webhook-keystore"]);
        });

        it("runs an HA application cluster on GCS through the flink-gs-fs-hadoop plugin and application default credentials", async () => {
            const { resources } = await run();
            const deployment = findResource(resources, deploymentType, "flink-flink-staging/state-machine-deployment");
            assert.equal(deployment.inputs.spec.jobManager.replicas, 2);
            assert.equal(deployment.inputs.spec.flinkConfiguration["high-availability.storageDir"], `${base}/ha`);
            assert.equal(deployment.inputs.spec.flinkConfiguration["execution.checkpointing.dir"], `${base}/checkpoints`);
            assert.equal(deployment.inputs.spec.job.upgradeMode, "savepoint");
            for (const template of podTemplates(deployment)) {
                assert.deepEqual(env(template, "ENABLE_BUILT_IN_PLUGINS"), { name: "ENABLE_BUILT_IN_PLUGINS", value: "flink-gs-fs-hadoop-2.2.1.jar" });
                assert.ok(template.spec.containers[0].volumeMounts.some((m: { mountPath: string }) => m.mountPath === "/opt/flink/plugins/flink-gs-fs-hadoop-2.2.1"));
                assert.equal(env(template, "GOOGLE_APPLICATION_CREDENTIALS"), undefined, "Workload Identity, no key file");
            }
            assert.equal(deployment.options.protect, false);
        });

        it("installs cert-manager and the operator with its webhook; staging quotas", async () => {
            const { resources } = await run();
            assert.deepEqual(byType(resources, chartType).map((r) => r.inputs.chart).sort(), ["cert-manager", "flink-kubernetes-operator"]);
            assert.equal(findResource(resources, chartType, "flink-operator-chart").inputs.values.webhook.create, true);
            assert.equal(findResource(resources, "kubernetes:core/v1:ResourceQuota", "flink-flink-staging-quota").inputs.spec.hard["requests.cpu"], "32");
        });

        it("lets Flink pods reach the GKE metadata server, which hands out the Workload Identity tokens", async () => {
            const { resources } = await run();
            const policy = findResource(resources, networkPolicyType, "flink-flink-staging-allow-gke-metadata-server");
            assert.equal(policy.inputs.metadata.namespace, "flink-staging");
            assert.deepEqual(policy.inputs.spec, {
                podSelector: { matchExpressions: [{ key: "type", operator: "In", values: ["flink-native-kubernetes", "flink-standalone-kubernetes"] }] },
                policyTypes: ["Egress"],
                egress: [
                    { to: [{ ipBlock: { cidr: "169.254.169.254/32" } }], ports: [{ protocol: "TCP", port: 80 }, { protocol: "TCP", port: 8080 }] },
                    { to: [{ ipBlock: { cidr: "169.254.169.252/32" } }], ports: [{ protocol: "TCP", port: 987 }, { protocol: "TCP", port: 988 }] },
                ],
            });
        });

        it("allows API server egress on 443, to any address by default and to apiServerCidr when set", async () => {
            const egress = async (overrides: Record<string, unknown>) =>
                findResource((await run(overrides)).resources, networkPolicyType, "flink-flink-staging-allow-apiserver").inputs.spec.egress;
            assert.deepEqual(await egress({}), [{ to: [{ ipBlock: { cidr: "0.0.0.0/0" } }], ports: [{ protocol: "TCP", port: 443 }] }]);
            assert.deepEqual(await egress({ apiServerCidr: "172.16.0.0/28" }), [{ to: [{ ipBlock: { cidr: "172.16.0.0/28" } }], ports: [{ protocol: "TCP", port: 443 }] }]);
        });

        it("registers only valid Kubernetes objects", async () => {
            const { resources } = await run();
            assert.deepEqual(await validateRegistered(resources), []);
        });
    });

    describe("azure: AKS, staging", () => {
        const clientId = "11111111-2222-3333-4444-555555555555";
        const tenantId = "66666666-7777-8888-9999-000000000000";
        const storage = { storageAccount: "acmeflinkstaging", container: "flink-state" };
        const workloadIdentity = { ...storage, azureClientId: clientId, azureTenantId: tenantId, image: "acme.azurecr.io/flink/flink-azure:2.2.1-hadoop3.4", flinkRelease: "2.2.1" };
        const run = (config: Record<string, unknown>) => runStack("staging", config, "examples/azure");
        const host = "acmeflinkstaging.dfs.core.windows.net";

        it("with workload identity: abfss:// directories, the ServiceAccount's client and tenant id, the pod label, ABFS OAuth", async () => {
            const { resources, outputs } = await run(workloadIdentity);
            const base = `abfss://flink-state@${host}/flink/flink-staging/state-machine`;
            assert.deepEqual(outputs.stateDirectories, {
                "flink-staging/state-machine": { highAvailability: `${base}/ha`, checkpoints: `${base}/checkpoints`, savepoints: `${base}/savepoints` },
            });
            assert.deepEqual(outputs.clusters, { "flink-staging/state-machine": "state-machine-rest" });
            assert.deepEqual(findResource(resources, serviceAccountType, "flink-flink-staging-rbac-service-account").inputs.metadata.annotations,
                { "azure.workload.identity/client-id": clientId, "azure.workload.identity/tenant-id": tenantId });
            const deployment = findResource(resources, deploymentType, "flink-flink-staging/state-machine-deployment");
            const spec = deployment.inputs.spec;
            assert.equal(spec.image, "acme.azurecr.io/flink/flink-azure:2.2.1-hadoop3.4");
            assert.equal(spec.jobManager.replicas, 2);
            assert.equal(spec.flinkConfiguration["high-availability.storageDir"], `${base}/ha`);
            assert.equal(spec.flinkConfiguration[`fs.azure.account.auth.type.${host}`], "OAuth");
            assert.equal(spec.flinkConfiguration[`fs.azure.account.oauth.provider.type.${host}`], "org.apache.flink.fs.shaded.hadoop3.org.apache.hadoop.fs.azurebfs.oauth2.WorkloadIdentityTokenProvider");
            assert.equal(spec.flinkConfiguration[`fs.azure.account.oauth2.client.id.${host}`], clientId);
            assert.equal(spec.flinkConfiguration[`fs.azure.account.oauth2.msi.tenant.${host}`], tenantId);
            for (const template of podTemplates(deployment)) {
                assert.equal(template.metadata.labels["azure.workload.identity/use"], "true");
                assert.deepEqual(env(template, "ENABLE_BUILT_IN_PLUGINS"), { name: "ENABLE_BUILT_IN_PLUGINS", value: "flink-azure-fs-hadoop-2.2.1.jar" });
                assert.equal(env(template, "AZURE_STORAGE_KEY"), undefined);
            }
            assert.equal(byType(resources, "kubernetes:core/v1:Secret").some((r) => r.inputs.metadata.name === "flink-storage-credentials"), false);
        });

        it("uses the cluster's cert-manager for the webhook: only the operator chart is installed", async () => {
            const { resources } = await run(workloadIdentity);
            assert.deepEqual(byType(resources, chartType).map((r) => r.inputs.chart), ["flink-kubernetes-operator"]);
            assert.equal(findResource(resources, chartType, "flink-operator-chart").inputs.values.webhook.create, true);
        });

        it("with the account key instead: wasbs:// directories, a Secret the pods read it from, no workload identity", async () => {
            const { resources, outputs } = await run({ ...storage, storageAccountKey: { secure: "AAEAAQ==" } });
            const base = "wasbs://flink-state@acmeflinkstaging.blob.core.windows.net/flink/flink-staging/state-machine";
            assert.deepEqual(outputs.stateDirectories, {
                "flink-staging/state-machine": { highAvailability: `${base}/ha`, checkpoints: `${base}/checkpoints`, savepoints: `${base}/savepoints` },
            });
            const secret = findResource(resources, "kubernetes:core/v1:Secret", "flink-flink-staging-storage-credentials");
            assert.equal(secret.inputs.metadata.namespace, "flink-staging");
            assert.deepEqual(secret.inputs.stringData, { AZURE_STORAGE_KEY: "secure-placeholder:flink-platform-azure:storageAccountKey" });
            assert.deepEqual(secret.secretInputs, ["stringData"]);
            assert.deepEqual(findResource(resources, serviceAccountType, "flink-flink-staging-rbac-service-account").inputs.metadata.annotations, {});
            const deployment = findResource(resources, deploymentType, "flink-flink-staging/state-machine-deployment");
            assert.equal(deployment.inputs.spec.image, "flink:2.2.1-java17");
            for (const template of podTemplates(deployment)) {
                assert.equal(template.metadata.labels["azure.workload.identity/use"], undefined);
                assert.deepEqual(env(template, "AZURE_STORAGE_KEY"),
                    { name: "AZURE_STORAGE_KEY", valueFrom: { secretKeyRef: { name: "flink-storage-credentials", key: "AZURE_STORAGE_KEY" } } });
            }
            assert.deepEqual(await validateRegistered(resources), []);
        });

        it("refuses neither or both of workload identity and the account key", async () => {
            await assert.rejects(run(storage), { message: /set azureClientId \(and azureTenantId\) for Azure Workload Identity, or the account key/ });
            await assert.rejects(run({ ...storage, azureClientId: clientId, storageAccountKey: { secure: "AAEAAQ==" } }),
                { message: /azureClientId and storageAccountKey are both set/ });
        });

        it("registers only valid Kubernetes objects", async () => {
            const { resources } = await run(workloadIdentity);
            assert.deepEqual(await validateRegistered(resources), []);
        });
    });

    describe("session-jobs: one session cluster, several FlinkSessionJobs", () => {
        const run = (overrides: Record<string, unknown> = {}) => runStack("dev", overrides, "examples/session-jobs");
        const base = "file:///flink-state/flink-sessions/shared";

        it("exports the session cluster, its state directories and its jobs", async () => {
            const { outputs } = await run();
            assert.deepEqual(outputs, {
                namespaces: ["flink-sessions"],
                operatorNamespace: "flink-operator",
                clusters: { "flink-sessions/shared": "shared-rest" },
                stateDirectories: { "flink-sessions/shared": { highAvailability: `${base}/ha`, checkpoints: `${base}/checkpoints`, savepoints: `${base}/savepoints` } },
                sessionJobs: ["wordcount", "top-speed", "window-join"],
            });
        });

        it("points every FlinkSessionJob, declared with the cluster or added with FlinkSessionJob, at the session cluster", async () => {
            const { resources } = await run();
            const jobs = byType(resources, sessionJobType);
            assert.deepEqual(jobs.map((j) => j.inputs.metadata.name).sort(), ["top-speed", "window-join", "wordcount"]);
            const deployment = findResource(resources, deploymentType, "flink-flink-sessions/shared-deployment");
            for (const job of jobs) {
                assert.equal(job.inputs.metadata.namespace, "flink-sessions", job.name);
                assert.equal(job.inputs.spec.deploymentName, "shared", job.name);
                assert.equal(job.inputs.spec.job.parallelism, 1, job.name);
                assert.equal(job.inputs.spec.job.upgradeMode, "savepoint", job.name);
                assert.ok(job.options.dependsOn.includes(deployment.urn), `${job.name} waits for the session cluster`);
            }
            assert.equal(findResource(resources, sessionJobType, "window-join-session-job").inputs.spec.job.entryClass,
                "org.apache.flink.streaming.examples.join.WindowJoin");
            const platform = findResource(resources, "flink-platform:index:FlinkPlatform", "flink");
            assert.notEqual(findResource(resources, "flink-platform:index:FlinkSessionJob", "window-join").parent, platform.urn, "created outside the platform");
        });

        it("keeps state on a ReadWriteOnce claim with one HA JobManager on one node", async () => {
            const { resources } = await run();
            const claim = findResource(resources, "kubernetes:core/v1:PersistentVolumeClaim", "flink-flink-sessions-storage-state");
            assert.deepEqual(claim.inputs.spec, { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "5Gi" } } });
            assert.equal(claim.options.retainOnDelete, true);
            const spec = findResource(resources, deploymentType, "flink-flink-sessions/shared-deployment").inputs.spec;
            assert.equal(spec.job, undefined);
            assert.equal(spec.jobManager.replicas, 1);
            assert.equal(spec.flinkConfiguration["high-availability.type"], "kubernetes");
            assert.equal(spec.flinkConfiguration["high-availability.storageDir"], `${base}/ha`);
            assert.equal(byType(resources, chartType).length, 1, "the operator, without cert-manager");
            assert.equal(findResource(resources, chartType, "flink-operator-chart").inputs.values.webhook.create, false);
        });

        it("with a ReadWriteMany StorageClass: a shared claim and two JobManagers", async () => {
            const { resources } = await run({ storageClass: "nfs-client" });
            assert.deepEqual(findResource(resources, "kubernetes:core/v1:PersistentVolumeClaim", "flink-flink-sessions-storage-state").inputs.spec,
                { accessModes: ["ReadWriteMany"], resources: { requests: { storage: "5Gi" } }, storageClassName: "nfs-client" });
            assert.equal(findResource(resources, deploymentType, "flink-flink-sessions/shared-deployment").inputs.spec.jobManager.replicas, 2);
        });

        it("registers only valid Kubernetes objects", async () => {
            const { resources } = await run();
            assert.deepEqual(await validateRegistered(resources), []);
        });
    });

    describe("existing-operator: FlinkCluster where the operator already runs", () => {
        const run = (overrides: Record<string, unknown> = {}) => runStack("dev", overrides, "examples/existing-operator");

        it("exports the namespace, ServiceAccount, REST service and the operator it relies on", async () => {
            const { outputs } = await run();
            assert.deepEqual(outputs, {
                namespaces: ["flink-team"],
                serviceAccounts: { "flink-team": "flink" },
                clusters: { "flink-team/state-machine": "state-machine-rest" },
                operator: { namespace: "flink-operator", mustWatch: "flink-team" },
            });
        });

        it("installs no operator: no Helm chart, no operator namespace, no platform", async () => {
            const { resources } = await run();
            assert.deepEqual(byType(resources, chartType), []);
            assert.deepEqual(byType(resources, "kubernetes:core/v1:Namespace").map((r) => r.inputs.metadata.name), ["flink-team"]);
            assert.deepEqual(resources.filter((r) => r.type === "flink-platform:index:FlinkPlatform" || r.type === "flink-platform:index:FlinkOperator"), []);
        });

        it("runs the FlinkDeployment in the namespace as the job ServiceAccount, after the namespace and its RBAC", async () => {
            const { resources } = await run();
            const deployment = findResource(resources, deploymentType, "flink-team-state-machine-deployment");
            assert.equal(deployment.inputs.metadata.namespace, "flink-team");
            assert.equal(deployment.inputs.spec.serviceAccount, "flink");
            assert.deepEqual(deployment.inputs.spec.job, {
                jarURI: "local:///opt/flink/examples/streaming/StateMachineExample.jar", parallelism: 2, state: "running", upgradeMode: "stateless",
            });
            const account = findResource(resources, serviceAccountType, "flink-team-rbac-service-account");
            assert.equal(account.inputs.metadata.name, "flink");
            assert.equal(account.inputs.metadata.namespace, "flink-team");
            for (const dependency of [
                findResource(resources, "kubernetes:core/v1:Namespace", "flink-team-namespace"),
                account,
                findResource(resources, "kubernetes:rbac.authorization.k8s.io/v1:Role", "flink-team-rbac-job-role"),
                findResource(resources, "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding", "flink-team-rbac-job-binding"),
            ]) {
                assert.ok(deployment.options.dependsOn.includes(dependency.urn), dependency.name);
            }
        });

        it("lets the existing operator's pods reach the JobManager, in the operator namespace given", async () => {
            const ingress = async (overrides: Record<string, unknown>) =>
                findResource((await run(overrides)).resources, networkPolicyType, "flink-team-allow-operator").inputs.spec.ingress;
            const from = (namespace: string) => [{
                from: [{
                    namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": namespace } },
                    podSelector: { matchLabels: { "app.kubernetes.io/name": "flink-kubernetes-operator" } },
                }],
                ports: [{ protocol: "TCP", port: 8081 }],
            }];
            assert.deepEqual(await ingress({}), from("flink-operator"));
            assert.deepEqual(await ingress({ operatorNamespace: "flink-system" }), from("flink-system"));
        });

        it("registers only valid Kubernetes objects", async () => {
            const { resources } = await run();
            assert.deepEqual(await validateRegistered(resources), []);
        });
    });
});
