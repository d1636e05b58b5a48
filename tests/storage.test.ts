import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { FlinkCluster } from "../sdk/cluster";
import type { FlinkClusterArgs } from "../sdk/flink/args/cluster";
import { Environment } from "../sdk/flink/environment";
import { FlinkVersion } from "../sdk/flink/versions";
import { FlinkPlatform } from "../sdk/platform";
import type { FlinkPlatformArgs } from "../sdk/flink/args/platform";
import { FlinkStorage } from "../sdk/storage";
import type { FlinkStorageArgs } from "../sdk/flink/args/storage";
import { PvcAccessMode, StorageArgs, StorageBackend } from "../sdk/flink/args/storage";
import { byType, findResource, RegisteredResource, runProgram } from "./harness/mocks";
import { validateRegistered } from "./harness/schemas";

const deploymentType = "kubernetes:flink.apache.org/v1beta1:FlinkDeployment";
const irsa = { awsRoleArn: "arn:aws:iam::123456789012:role/flink-team-a" };

/** A cluster "orders" in team-a with the given state storage. */
const runCluster = (stateStorage: StorageArgs, extra: Partial<FlinkClusterArgs> = {}) =>
    runProgram(() => new FlinkCluster("c", { name: "orders", namespace: "team-a", stateStorage, job: { jarURI: "local:///opt/flink/usrlib/app.jar" }, ...extra }));
const specOf = async (stateStorage: StorageArgs, extra: Partial<FlinkClusterArgs> = {}) =>
    findResource((await runCluster(stateStorage, extra)).resources, deploymentType, "c-deployment").inputs.spec;
const mainContainers = (spec: any) => [spec.jobManager.podTemplate.spec, spec.taskManager.podTemplate.spec];
const runStorage = (args: Partial<FlinkStorageArgs>) => runProgram(() => new FlinkStorage("s", { namespace: "team-a", storage: { backend: StorageBackend.Pvc }, ...args }));

describe("durable storage", () => {
    describe("pvc", () => {
        it("FlinkStorage creates the namespace's state claim, kept on destroy and protected in prod", async () => {
            const { resources } = await runStorage({ storage: { backend: StorageBackend.Pvc, pvc: { storageClass: "efs-sc", size: "50Gi" } } });
            const claim = findResource(resources, "kubernetes:core/v1:PersistentVolumeClaim", "s-state");
            assert.deepEqual(claim.inputs.metadata.name, "flink-state");
            assert.deepEqual(claim.inputs.metadata.namespace, "team-a");
            assert.deepEqual(claim.inputs.spec, { accessModes: ["ReadWriteMany"], resources: { requests: { storage: "50Gi" } }, storageClassName: "efs-sc" });
            assert.equal(claim.options.retainOnDelete, true);
            assert.equal(claim.options.protect, false);
            const prod = await runStorage({ environment: Environment.Prod });
            const prodClaim = findResource(prod.resources, "kubernetes:core/v1:PersistentVolumeClaim", "s-state");
            assert.deepEqual([prodClaim.options.retainOnDelete, prodClaim.options.protect], [true, true]);
            assert.deepEqual(prodClaim.inputs.spec, { accessModes: ["ReadWriteMany"], resources: { requests: { storage: "20Gi" } } });
            assert.deepEqual(await validateRegistered(resources), []);
        });

        it("accepts ReadWriteOnce on a declared single-node cluster, with a warning", async () => {
            const warnings: string[] = [];
            const original = pulumi.log.warn;
            (pulumi.log as { warn: typeof pulumi.log.warn }).warn = async (message: string) => { warnings.push(message); };
            try {
                const { resources } = await runStorage({ storage: { backend: StorageBackend.Pvc, pvc: { accessMode: PvcAccessMode.ReadWriteOnce, singleNode: true } } });
                assert.deepEqual(findResource(resources, "kubernetes:core/v1:PersistentVolumeClaim", "s-state").inputs.spec.accessModes, ["ReadWriteOnce"]);
            } finally {
                (pulumi.log as { warn: typeof pulumi.log.warn }).warn = original;
            }
            assert.deepEqual(warnings, ['FlinkStorage "team-a": storage.pvc.accessMode: ReadWriteOnce works only while every Flink pod runs on the one node of a local cluster']);
        });

        it("on a single-node cluster keeps one JobManager (HA recovers it) and does not demand node spread", async () => {
            const spec = await specOf({ backend: StorageBackend.Pvc, pvc: { accessMode: PvcAccessMode.ReadWriteOnce, singleNode: true } });
            assert.equal(spec.flinkConfiguration["high-availability.type"], "kubernetes");
            assert.equal(spec.jobManager.replicas, 1);
            const forced = await specOf({ backend: StorageBackend.Pvc, pvc: { accessMode: PvcAccessMode.ReadWriteOnce, singleNode: true } }, { jobManager: { replicas: 2 } });
            assert.equal(forced.jobManager.podTemplate.spec.topologySpreadConstraints[0].whenUnsatisfiable, "ScheduleAnyway");
        });

        it("a cluster keeps HA metadata, checkpoints and savepoints under its own directories on the mounted claim", async () => {
            const spec = await specOf({ backend: StorageBackend.Pvc });
            const config = spec.flinkConfiguration;
            assert.equal(config["high-availability.type"], "kubernetes");
            assert.equal(config["high-availability.storageDir"], "file:///flink-state/team-a/orders/ha");
            assert.equal(config["execution.checkpointing.dir"], "file:///flink-state/team-a/orders/checkpoints");
            assert.equal(config["execution.checkpointing.savepoint-dir"], "file:///flink-state/team-a/orders/savepoints");
            assert.equal(spec.jobManager.replicas, 2);
            assert.equal(spec.job.upgradeMode, "savepoint");
            for (const pod of mainContainers(spec)) {
                assert.deepEqual(pod.volumes.at(-1), { name: "flink-state", persistentVolumeClaim: { claimName: "flink-state" } });
                assert.deepEqual(pod.containers[0].volumeMounts.at(-1), { name: "flink-state", mountPath: "/flink-state" });
                assert.equal(pod.containers[0].env.some((e: { name: string }) => e.name === "ENABLE_BUILT_IN_PLUGINS"), false);
            }
        });
    });

    describe("s3", () => {
        const s3 = { bucket: "acme-flink", region: "eu-west-1" };

        it("with IRSA: s3p:// directories, the Presto plugin enabled under the read-only root, no credentials anywhere", async () => {
            const spec = await specOf({ backend: StorageBackend.S3, s3, credentials: { workloadIdentity: irsa } });
            assert.equal(spec.flinkConfiguration["high-availability.storageDir"], "s3p://acme-flink/flink/team-a/orders/ha");
            assert.equal(spec.flinkConfiguration["execution.checkpointing.dir"], "s3p://acme-flink/flink/team-a/orders/checkpoints");
            assert.equal(spec.flinkConfiguration["execution.checkpointing.savepoint-dir"], "s3p://acme-flink/flink/team-a/orders/savepoints");
            for (const pod of mainContainers(spec)) {
                const container = pod.containers[0];
                assert.deepEqual(container.env.slice(3), [
                    { name: "ENABLE_BUILT_IN_PLUGINS", value: "flink-s3-fs-presto-2.2.1.jar" },
                    { name: "AWS_REGION", value: "eu-west-1" },
                ]);
                assert.deepEqual(pod.volumes.at(-1), { name: "fs-plugin", emptyDir: { sizeLimit: "1Mi" } });
                assert.deepEqual(container.volumeMounts.at(-1), { name: "fs-plugin", mountPath: "/opt/flink/plugins/flink-s3-fs-presto-2.2.1" });
                assert.equal(container.volumeMounts.some((m: { mountPath: string }) => m.mountPath === "/opt/flink/plugins"), false);
            }
            assert.equal(Object.keys(spec.flinkConfiguration).some((k) => k.startsWith("s3.")), false);
        });

        it("names the plugin jar after the Flink release of the image", async () => {
            const spec = await specOf({ backend: StorageBackend.S3, s3, credentials: { workloadIdentity: irsa } }, { flinkVersion: FlinkVersion.V1_20 });
            assert.deepEqual(spec.jobManager.podTemplate.spec.containers[0].env[3], { name: "ENABLE_BUILT_IN_PLUGINS", value: "flink-s3-fs-presto-1.20.4.jar" });
            const custom = await specOf({ backend: StorageBackend.S3, s3, credentials: { workloadIdentity: irsa } }, { image: "registry.example.com/orders:7", flinkRelease: "2.2.0" });
            assert.deepEqual(custom.taskManager.podTemplate.spec.containers[0].env[3], { name: "ENABLE_BUILT_IN_PLUGINS", value: "flink-s3-fs-presto-2.2.0.jar" });
        });

        it("with keys for MinIO: a Secret FlinkStorage creates from Pulumi secrets, read as env vars; the endpoint in the configuration", async () => {
            const storage = {
                backend: StorageBackend.S3,
                s3: { bucket: "flink-state", endpoint: "http://minio.example.com:9000", pathStyleAccess: true },
                credentials: { accessKeyId: pulumi.secret("minio"), secretAccessKey: pulumi.secret("minio123") },
            };
            const { resources } = await runStorage({ storage });
            const secret = findResource(resources, "kubernetes:core/v1:Secret", "s-credentials");
            assert.equal(secret.inputs.metadata.name, "flink-storage-credentials");
            assert.equal(secret.inputs.metadata.namespace, "team-a");
            assert.deepEqual(secret.inputs.stringData, { AWS_ACCESS_KEY_ID: "minio", AWS_SECRET_ACCESS_KEY: "minio123" });
            assert.deepEqual(secret.secretInputs, ["stringData"]);
            assert.deepEqual(findResource(resources, "flink-platform:index:FlinkStorage", "s").inputs, {}, "no credentials in component state");

            const spec = await specOf(storage);
            assert.equal(spec.flinkConfiguration["s3.endpoint"], "http://minio.example.com:9000");
            assert.equal(spec.flinkConfiguration["s3.path.style.access"], "true");
            assert.equal(JSON.stringify(spec.flinkConfiguration).includes("minio123"), false);
            assert.deepEqual(spec.taskManager.podTemplate.spec.containers[0].env.slice(4), [
                { name: "AWS_ACCESS_KEY_ID", valueFrom: { secretKeyRef: { name: "flink-storage-credentials", key: "AWS_ACCESS_KEY_ID" } } },
                { name: "AWS_SECRET_ACCESS_KEY", valueFrom: { secretKeyRef: { name: "flink-storage-credentials", key: "AWS_SECRET_ACCESS_KEY" } } },
            ]);
        });

        it("reads an existing Secret without creating one", async () => {
            const storage = { backend: StorageBackend.S3, s3, credentials: { existingSecretName: "s3-keys" } };
            assert.equal(byType((await runStorage({ storage })).resources, "kubernetes:core/v1:Secret").length, 0);
            const env = (await specOf(storage)).jobManager.podTemplate.spec.containers[0].env;
            assert.deepEqual(env.at(-1), { name: "AWS_SECRET_ACCESS_KEY", valueFrom: { secretKeyRef: { name: "s3-keys", key: "AWS_SECRET_ACCESS_KEY" } } });
        });
    });

    describe("gcs", () => {
        it("with Workload Identity: gs:// directories and the GCS plugin", async () => {
            const spec = await specOf({ backend: StorageBackend.Gcs, gcs: { bucket: "acme-flink", prefix: "platform/flink" }, credentials: { workloadIdentity: { gcpServiceAccount: "flink-jobs@acme.iam.gserviceaccount.com" } } });
            assert.equal(spec.flinkConfiguration["execution.checkpointing.dir"], "gs://acme-flink/platform/flink/team-a/orders/checkpoints");
            assert.deepEqual(spec.jobManager.podTemplate.spec.containers[0].env.slice(3), [{ name: "ENABLE_BUILT_IN_PLUGINS", value: "flink-gs-fs-hadoop-2.2.1.jar" }]);
        });

        it("with a key: the JSON mounted read-only from the Secret and GOOGLE_APPLICATION_CREDENTIALS pointing at it", async () => {
            const storage = { backend: StorageBackend.Gcs, gcs: { bucket: "acme-flink" }, credentials: { serviceAccountKey: pulumi.secret("{\"type\":\"service_account\"}") } };
            const secret = findResource((await runStorage({ storage })).resources, "kubernetes:core/v1:Secret", "s-credentials");
            assert.deepEqual(Object.keys(secret.inputs.stringData), ["credentials.json"]);
            const pod = (await specOf(storage)).taskManager.podTemplate.spec;
            assert.deepEqual(pod.containers[0].env.at(-1), { name: "GOOGLE_APPLICATION_CREDENTIALS", value: "/var/run/secrets/flink-storage/credentials.json" });
            assert.deepEqual(pod.volumes.at(-1), { name: "storage-credentials", secret: { secretName: "flink-storage-credentials", items: [{ key: "credentials.json", path: "credentials.json" }] } });
            assert.deepEqual(pod.containers[0].volumeMounts.at(-1), { name: "storage-credentials", mountPath: "/var/run/secrets/flink-storage", readOnly: true });
        });
    });

    describe("azure", () => {
        const azure = { account: "acmeflink", container: "state" };

        const workloadIdentity = { workloadIdentity: { azureClientId: "00000000-1111-2222-3333-444444444444", azureTenantId: "55555555-6666-7777-8888-999999999999" } };
        /** An image whose Azure plugin is built on Hadoop 3.4 (FLINK-36694): the official ones are not. */
        const hadoop34 = { image: "acme.azurecr.io/flink/flink-azure:2.2.1-hadoop3.4", flinkRelease: "2.2.1" };

        it("with Workload Identity on an image built on Hadoop 3.4: abfss:// directories and ABFS OAuth through the projected token, by the plugin's shaded provider", async () => {
            const spec = await specOf({ backend: StorageBackend.Azure, azure, credentials: workloadIdentity }, hadoop34);
            const config = spec.flinkConfiguration;
            assert.equal(config["execution.checkpointing.dir"], "abfss://state@acmeflink.dfs.core.windows.net/flink/team-a/orders/checkpoints");
            assert.deepEqual(Object.fromEntries(Object.entries(config).filter(([k]) => k.startsWith("fs.azure."))), {
                "fs.azure.account.auth.type.acmeflink.dfs.core.windows.net": "OAuth",
                "fs.azure.account.oauth.provider.type.acmeflink.dfs.core.windows.net": "org.apache.flink.fs.shaded.hadoop3.org.apache.hadoop.fs.azurebfs.oauth2.WorkloadIdentityTokenProvider",
                "fs.azure.account.oauth2.client.id.acmeflink.dfs.core.windows.net": "00000000-1111-2222-3333-444444444444",
                "fs.azure.account.oauth2.msi.tenant.acmeflink.dfs.core.windows.net": "55555555-6666-7777-8888-999999999999",
                "fs.azure.account.oauth2.token.file.acmeflink.dfs.core.windows.net": "/var/run/secrets/azure/tokens/azure-identity-token",
            });
        });

        it("refuses Workload Identity on an official image, whose Azure plugin (Hadoop 3.3) has no WorkloadIdentityTokenProvider", async () => {
            for (const image of [undefined, "flink:1.20.4-java17", "apache/flink:2.2.1-java17"]) {
                const flinkVersion = image?.includes("1.20") ? "v1_20" as const : undefined;
                await assert.rejects(runCluster({ backend: StorageBackend.Azure, azure, credentials: workloadIdentity }, { image, flinkVersion }), (err: Error) => {
                    assert.equal(err.message, `FlinkCluster "orders": image: ${JSON.stringify(image ?? "flink:2.2.1-java17")} cannot use Azure workload identity: ` +
                        "the official image's Azure plugin (flink-azure-fs-hadoop, Hadoop 3.3) has no WorkloadIdentityTokenProvider, which came with Hadoop 3.4; " +
                        "set image to one whose plugin is built on Hadoop 3.4 (and flinkRelease to its Flink release), or authenticate with an account key " +
                        "(credentials.accountKey or existingSecretName)");
                    assert.ok(pulumi.RunError.isInstance(err));
                    return true;
                });
            }
        });

        it("with an account key: wasbs:// and the key from the Secret through Flink's environment key provider", async () => {
            const spec = await specOf({ backend: StorageBackend.Azure, azure, credentials: { existingSecretName: "azure-key" } });
            assert.equal(spec.flinkConfiguration["execution.checkpointing.savepoint-dir"], "wasbs://state@acmeflink.blob.core.windows.net/flink/team-a/orders/savepoints");
            assert.equal(spec.flinkConfiguration["fs.azure.account.keyprovider.acmeflink.blob.core.windows.net"], "org.apache.flink.fs.azurefs.EnvironmentVariableKeyProvider");
            assert.deepEqual(spec.jobManager.podTemplate.spec.containers[0].env.at(-1),
                { name: "AZURE_STORAGE_KEY", valueFrom: { secretKeyRef: { name: "azure-key", key: "AZURE_STORAGE_KEY" } } });
        });
    });

    describe("in the platform", () => {
        const platform = (args: Partial<FlinkPlatformArgs>) => runProgram(() => new FlinkPlatform("p", {
            namespaces: [{ name: "team-a", workloadIdentity: irsa }, { name: "team-b", workloadIdentity: { awsRoleArn: "arn:aws:iam::123456789012:role/flink-team-b" } }],
            storage: { backend: StorageBackend.S3, s3: { bucket: "acme-flink", endpoint: "https://s3.eu-west-1.amazonaws.com" } },
            clusters: [{ name: "orders", namespace: "team-a", job: { jarURI: "local:///opt/flink/usrlib/app.jar" } }, { name: "orders", namespace: "team-b" }],
            ...args,
        }));

        it("gives each namespace's clusters their own directories, that namespace's workload identity, and egress to the store", async () => {
            const { resources } = await platform({});
            const dirs = byType(resources, deploymentType).map((d) => d.inputs.spec.flinkConfiguration["high-availability.storageDir"]).sort();
            assert.deepEqual(dirs, ["s3p://acme-flink/flink/team-a/orders/ha", "s3p://acme-flink/flink/team-b/orders/ha"]);
            assert.deepEqual(findResource(resources, "kubernetes:core/v1:ServiceAccount", "p-team-b-rbac-service-account").inputs.metadata.annotations,
                { "eks.amazonaws.com/role-arn": "arn:aws:iam::123456789012:role/flink-team-b" });
            const egress = findResource(resources, "kubernetes:networking.k8s.io/v1:NetworkPolicy", "p-team-a-allow-object-storage").inputs.spec;
            assert.deepEqual(egress.egress, [{ to: [{ ipBlock: { cidr: "0.0.0.0/0" } }], ports: [{ protocol: "TCP", port: 443 }] }]);
            assert.equal(byType(resources, "kubernetes:core/v1:Secret").length, 0);
            assert.deepEqual(await validateRegistered(resources), []);
        });

        it("opens the custom port of an S3-compatible endpoint", async () => {
            const { resources } = await platform({ storage: { backend: StorageBackend.S3, s3: { bucket: "acme-flink", endpoint: "http://minio.example.com:9000" } } });
            assert.deepEqual(findResource(resources, "kubernetes:networking.k8s.io/v1:NetworkPolicy", "p-team-b-allow-object-storage").inputs.spec.egress[0].ports,
                [{ protocol: "TCP", port: 9000 }]);
        });

        it("creates each namespace's state claim before its clusters, with no egress rule for a PVC", async () => {
            const { resources } = await platform({ storage: { backend: StorageBackend.Pvc } });
            const claims = byType(resources, "kubernetes:core/v1:PersistentVolumeClaim");
            assert.deepEqual(claims.map((c) => c.inputs.metadata.namespace).sort(), ["team-a", "team-b"]);
            const deployment = findResource(resources, deploymentType, "p-team-a/orders-deployment");
            assert.ok(deployment.options.dependsOn.includes(findResource(resources, "kubernetes:core/v1:PersistentVolumeClaim", "p-team-a-storage-state").urn));
            assert.equal(resources.some((r) => r.name.endsWith("allow-object-storage")), false);
        });

        describe("rejects bad input", () => {
            const cases: [string, Partial<FlinkPlatformArgs>, string][] = [
                ["no backend and no cloud profile", { storage: { s3: { bucket: "acme" } } },
                    'FlinkPlatform: storage.backend (namespace "team-a"): is required; one of "s3", "gcs", "azure", "pvc" (FlinkPlatform takes its cloud profile\'s)'],
                ["an unknown backend", { storage: { backend: "hdfs" as StorageBackend } },
                    'FlinkPlatform: storage.backend: "hdfs" is not valid; expected one of "azure", "s3", "gcs", "pvc"'],
                ["an unknown scheme for a directory", { clusters: [{ name: "orders", namespace: "team-a", storage: { checkpointDir: "hdfs://nn/flink" } }] },
                    'clusters[0] (team-a/orders): FlinkCluster "orders": storage.checkpointDir: "hdfs://nn/flink" is not valid; expected a URI on durable shared storage: s3://, s3p://, s3a://, gs://, abfs://, abfss://, wasb://, wasbs://, oss://, or file:///flink-state/… on the state PVC'],
                ["an S3 bucket name S3 refuses", { storage: { backend: StorageBackend.S3, s3: { bucket: "Acme_Flink" } } },
                    'FlinkPlatform: storage.s3.bucket (namespace "team-a"): "Acme_Flink" is not valid; expected an S3 bucket name: 3-63 lowercase letters, digits, \'.\' or \'-\', starting and ending with a letter or digit, not an IP address'],
                ["a GCS bucket name GCS refuses", { namespaces: [{ name: "team-a" }], storage: { backend: StorageBackend.Gcs, gcs: { bucket: "goog-flink" } }, clusters: [] },
                    'FlinkPlatform: storage.gcs.bucket: "goog-flink" is not valid; expected a GCS bucket name: 3-63 lowercase letters, digits, \'-\', \'_\' or \'.\', starting and ending with a letter or digit, not starting with "goog"'],
                ["an Azure container name Azure refuses", { namespaces: [{ name: "team-a" }], storage: { backend: StorageBackend.Azure, azure: { account: "acmeflink", container: "flink--state" } }, clusters: [] },
                    "FlinkPlatform: storage.azure.container: \"flink--state\" is not valid; expected a container name: 3-63 lowercase letters, digits and single '-', starting and ending with a letter or digit"],
                ["ReadWriteOnce in prod", { environment: Environment.Prod, network: { apiServerCidrs: ["10.0.0.0/16"] }, storage: { backend: StorageBackend.Pvc, pvc: { accessMode: PvcAccessMode.ReadWriteOnce, singleNode: true } } },
                    'FlinkPlatform: storage.pvc.accessMode (namespace "team-a"): "ReadWriteOnce" mounts on one node only, and prod spreads JobManagers and TaskManagers over nodes; use ReadWriteMany (EFS, Filestore, Azure Files, NFS) or object storage'],
                ["ReadWriteOnce on a cluster not declared single-node", { storage: { backend: StorageBackend.Pvc, pvc: { accessMode: PvcAccessMode.ReadWriteOnce } } },
                    'FlinkPlatform: storage.pvc.accessMode (namespace "team-a"): "ReadWriteOnce" mounts on one node only; use ReadWriteMany, or set pvc.singleNode on a single-node local cluster'],
                ["both workload identity and static keys", { storage: { backend: StorageBackend.S3, s3: { bucket: "acme-flink" }, credentials: { accessKeyId: "a", secretAccessKey: "b" } } },
                    'FlinkPlatform: storage.credentials (namespace "team-a"): both workload identity (awsRoleArn) and static credentials (accessKeyId, secretAccessKey) are given; use one: workload identity is preferred'],
                ["the workload identity of another cloud", { namespaces: [{ name: "team-a", workloadIdentity: { gcpServiceAccount: "flink-jobs@acme.iam.gserviceaccount.com" } }], clusters: [] },
                    "FlinkPlatform: storage.credentials.workloadIdentity: gcpServiceAccount is the workload identity of another cloud; backend s3 needs awsRoleArn"],
                ["object storage in prod with no credentials at all", { environment: Environment.Prod, network: { apiServerCidrs: ["10.0.0.0/16"] }, namespaces: [{ name: "team-a" }], clusters: [] },
                    "FlinkPlatform: storage.credentials: prod needs workload identity (the namespace's workloadIdentity) or a credentials Secret for s3, rather than whatever the nodes' identity allows"],
                ["two clusters sharing a directory", { clusters: [
                    { name: "orders", namespace: "team-a", storage: { checkpointDir: "s3p://acme-flink/shared" } },
                    { name: "billing", namespace: "team-a", storage: { checkpointDir: "s3p://acme-flink/shared" } },
                ] }, 'FlinkPlatform: clusters[1].storage.checkpointDir: "s3p://acme-flink/shared" overlaps clusters[0].storage.checkpointDir "s3p://acme-flink/shared"; every cluster needs HA, checkpoint and savepoint directories of its own'],
                ["a directory inside another cluster's", { clusters: [
                    { name: "orders", namespace: "team-a" },
                    { name: "billing", namespace: "team-a", storage: { savepointDir: "s3p://acme-flink/flink/team-a/orders/ha/billing" } },
                ] }, 'FlinkPlatform: clusters[1].storage.savepointDir: "s3p://acme-flink/flink/team-a/orders/ha/billing" overlaps clusters[0].storage.highAvailabilityDir "s3p://acme-flink/flink/team-a/orders/ha"; every cluster needs HA, checkpoint and savepoint directories of its own'],
                ["prod clusters without durable storage (every cluster at once)", { environment: Environment.Prod, network: { apiServerCidrs: ["10.0.0.0/16"] }, storage: undefined },
                    ["2 problems:", ...["team-a", "team-b"].map((ns, i) => `  - clusters[${i}] (${ns}/orders): FlinkCluster "orders": storage: prod requires high availability and durable storage, ` +
                        "but checkpointDir, savepointDir, highAvailabilityDir are missing; give the platform a storage backend (s3, gcs, azure or pvc) or set the directories")].join("\n")],
                ["a custom image without its Flink release", { clusters: [{ name: "orders", namespace: "team-a", image: "registry.example.com/orders:7" }] },
                    'clusters[0] (team-a/orders): FlinkCluster "orders": flinkRelease: is required with a custom image and s3 storage: the filesystem plugin jar is named after the Flink release inside the image, such as 2.2.0'],
            ];
            for (const [what, args, message] of cases) {
                it(what, async () => {
                    await assert.rejects(platform(args), { message });
                });
            }
        });
    });

    it("keeps credentials out of the stack outputs and component state", async () => {
        const { resources } = await runProgram(() => new FlinkPlatform("p", {
            namespaces: [{ name: "team-a" }],
            storage: { backend: StorageBackend.S3, s3: { bucket: "acme-flink" }, credentials: { accessKeyId: pulumi.secret("AKIA-EXAMPLE"), secretAccessKey: pulumi.secret("s3cr3t") } },
        }));
        const components = resources.filter((r: RegisteredResource) => r.type.startsWith("flink-platform:"));
        assert.equal(components.some((r) => JSON.stringify(r.inputs).includes("s3cr3t")), false);
        const outsideSecret = resources.filter((r) => r.type !== "kubernetes:core/v1:Secret");
        assert.equal(outsideSecret.some((r) => JSON.stringify(r.inputs).includes("s3cr3t")), false);
        assert.deepEqual(findResource(resources, "kubernetes:core/v1:Secret", "p-team-a-storage-credentials").secretInputs, ["stringData"]);
    });
});
