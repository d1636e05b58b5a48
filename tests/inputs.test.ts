// Fields users take from other resources or stacks accept pulumi Outputs: the value lands where a plain one
// would, an invalid known value fails with the plain value's message (a RunError, which Pulumi prints without a
// JavaScript stack), and an unknown value (at preview) is not an error. Choices take their string values.
import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { FlinkCluster } from "../sdk/cluster";
import { FlinkOperator } from "../sdk/operator";
import { FlinkPlatform } from "../sdk/platform";
import type { FlinkPlatformArgs } from "../sdk/flink/args/platform";
import { FlinkRbac } from "../sdk/rbac";
import { byType, findResource, runProgram } from "./harness/mocks";
import { validateRegistered } from "./harness/schemas";

const deploymentType = "kubernetes:flink.apache.org/v1beta1:FlinkDeployment";
const roleArn = "arn:aws:iam::123456789012:role/flink-team-a";
const digest = `sha256:${"c".repeat(64)}`;
/** An Output whose value is not known, as at preview before the resource it comes from exists. */
const unknown = () => pulumi.output(pulumi.unknown as unknown as string);

/** A prod platform on AWS whose bucket, role, image, API server CIDR and operator digest are Outputs, choices written as strings. */
function awsPlatform(overrides: Partial<FlinkPlatformArgs> = {}): FlinkPlatformArgs {
    return {
        environment: "prod",
        cloud: "aws",
        namespaces: [{ name: "team-a", workloadIdentity: { awsRoleArn: pulumi.output(roleArn) }, developers: { groups: [pulumi.output("team-a-devs")] } }],
        network: { apiServerCidrs: pulumi.output(["10.0.0.0/16"]), objectStorageCidrs: [pulumi.output("52.218.0.0/17")] },
        operator: { image: { digest: pulumi.output(digest) } },
        storage: { backend: "s3", s3: { bucket: pulumi.output("acme-flink-prod") } },
        clusters: [{
            name: "orders", namespace: "team-a", flinkVersion: "v2_2", image: pulumi.output("flink:2.2.1-java17"), stateBackend: "rocksdb",
            job: { jarURI: "local:///opt/flink/usrlib/orders.jar", upgradeMode: "savepoint" },
        }],
        ...overrides,
    };
}

const runPlatform = (args: FlinkPlatformArgs) => runProgram(() => {
    const platform = new FlinkPlatform("flink", args);
    return { stateDirectories: platform.stateDirectories };
});

/** The plain value's message, after whatever property path Pulumi puts before it when it serializes the Output. */
function sameMessage(message: string): RegExp {
    return new RegExp(`(^|: )${message.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`);
}

describe("Inputs where users have Outputs", () => {
    it("puts Output values where plain ones go: role annotation, bucket paths, image, CIDRs, digest, group", async () => {
        const { resources, outputs } = await runPlatform(awsPlatform());
        assert.deepEqual(findResource(resources, "kubernetes:core/v1:ServiceAccount", "flink-team-a-rbac-service-account").inputs.metadata.annotations,
            { "eks.amazonaws.com/role-arn": roleArn });
        const spec = findResource(resources, deploymentType, "flink-team-a/orders-deployment").inputs.spec;
        assert.equal(spec.image, "flink:2.2.1-java17");
        assert.equal(spec.flinkConfiguration["execution.checkpointing.dir"], "s3p://acme-flink-prod/flink/team-a/orders/checkpoints");
        assert.equal(spec.flinkConfiguration["high-availability.storageDir"], "s3p://acme-flink-prod/flink/team-a/orders/ha");
        assert.deepEqual(spec.jobManager.podTemplate.spec.containers[0].env.find((e: { name: string }) => e.name === "ENABLE_BUILT_IN_PLUGINS"),
            { name: "ENABLE_BUILT_IN_PLUGINS", value: "flink-s3-fs-presto-2.2.1.jar" });
        assert.deepEqual(outputs.stateDirectories, { "team-a/orders": {
            highAvailability: "s3p://acme-flink-prod/flink/team-a/orders/ha",
            checkpoints: "s3p://acme-flink-prod/flink/team-a/orders/checkpoints",
            savepoints: "s3p://acme-flink-prod/flink/team-a/orders/savepoints",
        } });
        const policy = (name: string) => findResource(resources, "kubernetes:networking.k8s.io/v1:NetworkPolicy", name).inputs.spec;
        assert.deepEqual(policy("flink-team-a-allow-apiserver").egress[0].to, [{ ipBlock: { cidr: "10.0.0.0/16" } }]);
        assert.deepEqual(policy("flink-team-a-allow-object-storage").egress[0].to, [{ ipBlock: { cidr: "52.218.0.0/17" } }]);
        assert.equal(findResource(resources, "kubernetes:helm.sh/v4:Chart", "flink-operator-chart").inputs.values.image.digest, digest);
        assert.deepEqual(findResource(resources, "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding", "flink-team-a-rbac-developer-binding").inputs.subjects,
            [{ kind: "Group", name: "team-a-devs", apiGroup: "rbac.authorization.k8s.io" }]);
        assert.deepEqual(await validateRegistered(resources), []);
    });

    it("gives the FlinkDeployment the same spec whether its values were Outputs or plain", async () => {
        const plain = awsPlatform({
            namespaces: [{ name: "team-a", workloadIdentity: { awsRoleArn: roleArn }, developers: { groups: ["team-a-devs"] } }],
            network: { apiServerCidrs: ["10.0.0.0/16"], objectStorageCidrs: ["52.218.0.0/17"] },
            operator: { image: { digest } },
            storage: { backend: "s3", s3: { bucket: "acme-flink-prod" } },
            clusters: [{ ...awsPlatform().clusters![0], image: "flink:2.2.1-java17" }],
        });
        const spec = async (args: FlinkPlatformArgs) => findResource((await runPlatform(args)).resources, deploymentType, "flink-team-a/orders-deployment").inputs.spec;
        assert.deepEqual(await spec(awsPlatform()), await spec(plain));
    });

    it("takes a ServiceAccount name and an ingress TLS Secret from other resources", async () => {
        const { resources } = await runProgram(() => {
            const rbac = new FlinkRbac("rbac", { namespace: "team-a", serviceAccountName: "jobs" });
            return new FlinkCluster("c", {
                name: "orders", namespace: "team-a", serviceAccountName: rbac.serviceAccountName,
                storage: { checkpointDir: pulumi.output("s3://b/orders/checkpoints"), savepointDir: "s3://b/orders/savepoints" },
                ingress: { host: pulumi.output("orders.flink.example.com"), tlsSecretName: pulumi.output("orders-tls"), behindAuthenticatingProxy: true },
            });
        });
        const spec = findResource(resources, deploymentType, "c-deployment").inputs.spec;
        assert.equal(spec.serviceAccount, "jobs");
        assert.equal(spec.flinkConfiguration["execution.checkpointing.dir"], "s3://b/orders/checkpoints");
        assert.deepEqual(spec.ingress.tls, [{ hosts: ["orders.flink.example.com"], secretName: "orders-tls" }]);
        assert.equal(spec.ingress.template, "orders.flink.example.com");
    });

    it("names the Azure account in Flink's keys once the account is known", async () => {
        const { resources } = await runProgram(() => new FlinkCluster("c", {
            name: "orders", namespace: "team-a", image: "acme.azurecr.io/flink:2.2.1", flinkRelease: "2.2.1",
            stateStorage: {
                backend: "azure", azure: { account: pulumi.output("acmeflink"), container: pulumi.output("state") },
                credentials: { workloadIdentity: { azureClientId: pulumi.output("11111111-2222-3333-4444-555555555555") } },
            },
        }));
        const config = findResource(resources, deploymentType, "c-deployment").inputs.spec.flinkConfiguration;
        assert.equal(config["execution.checkpointing.dir"], "abfss://state@acmeflink.dfs.core.windows.net/flink/team-a/orders/checkpoints");
        assert.equal(config["fs.azure.account.auth.type.acmeflink.dfs.core.windows.net"], "OAuth");
        assert.equal(config["fs.azure.account.oauth2.client.id.acmeflink.dfs.core.windows.net"], "11111111-2222-3333-4444-555555555555");
    });

    it("does not check values that are unknown at preview", async () => {
        const { resources } = await runPlatform(awsPlatform({
            namespaces: [{ name: "team-a", workloadIdentity: { awsRoleArn: unknown() } }],
            network: { apiServerCidrs: unknown() as never },
            storage: { backend: "s3", s3: { bucket: unknown() } },
            operator: { image: { digest: unknown() } },
        }));
        assert.equal(byType(resources, deploymentType).length, 1);
    });

    it("accepts choices as their enum members and their string values alike", async () => {
        const asStrings = await runProgram(() => new FlinkCluster("c", {
            name: "orders", namespace: "team-a", environment: "staging", flinkVersion: "v1_20", mode: "standalone", stateBackend: "hashmap",
            checkpointing: { mode: "AT_LEAST_ONCE" }, restartStrategy: { type: "fixed-delay", attempts: 3 },
            job: { jarURI: "local:///opt/flink/usrlib/orders.jar", upgradeMode: "stateless", state: "suspended" },
        }));
        const spec = findResource(asStrings.resources, deploymentType, "c-deployment").inputs.spec;
        assert.equal(spec.flinkVersion, "v1_20");
        assert.equal(spec.mode, "standalone");
        assert.equal(spec.flinkConfiguration["state.backend.type"], "hashmap");
        assert.equal(spec.flinkConfiguration["execution.checkpointing.mode"], "AT_LEAST_ONCE");
        assert.deepEqual([spec.job.upgradeMode, spec.job.state], ["stateless", "suspended"]);
    });

    describe("refuses an invalid known Output with the plain value's message", () => {
        /** Each case takes the invalid value as it is (plain) or as an Output. */
        type Wrap = <T>(value: T) => pulumi.Input<T>;
        const cases: [string, (wrap: Wrap) => Partial<FlinkPlatformArgs>, string][] = [
            ["an S3 bucket", (wrap) => ({ storage: { backend: "s3", s3: { bucket: wrap("Acme_Bucket") } } }),
                'FlinkPlatform: storage.s3.bucket: "Acme_Bucket" is not valid; expected an S3 bucket name: 3-63 lowercase letters, digits, \'.\' or \'-\', starting and ending with a letter or digit, not an IP address'],
            // The platform's FlinkRbac takes the namespace as an Output of the Namespace, so it names itself.
            ["a role ARN", (wrap) => ({ namespaces: [{ name: "team-a", workloadIdentity: { awsRoleArn: wrap("flink-role") } }] }),
                'FlinkRbac "flink-team-a-rbac": workloadIdentity.awsRoleArn: "flink-role" is not valid; expected an IAM role ARN such as arn:aws:iam::123456789012:role/flink'],
            ["an image tagged latest", (wrap) => ({ clusters: [{ ...awsPlatform().clusters![0], image: wrap("flink:latest") }] }),
                'FlinkCluster "orders": image: "flink:latest" is not valid; expected an official image with a version tag such as flink:2.2.1-java17, never latest'],
            ["a CIDR in a list", (wrap) => ({ network: { apiServerCidrs: wrap(["10.0.0.0/33"]) } }),
                'FlinkNamespace "team-a": network.apiServerCidrs[0]: "10.0.0.0/33" is not valid; expected a CIDR block such as 10.0.0.0/16 or 172.20.0.1/32'],
            ["an empty list of CIDRs", (wrap) => ({ network: { apiServerCidrs: wrap([] as string[]) } }),
                'FlinkNamespace "team-a": network.apiServerCidrs: [] is not valid; expected a list of at least one CIDR block'],
            ["an operator digest", (wrap) => ({ operator: { image: { digest: wrap("sha256:abc") } } }),
                'FlinkOperator: image.digest: "sha256:abc" is not valid; expected sha256: followed by 64 lowercase hex digits'],
            ["a group bound to everyone", (wrap) => ({ namespaces: [{ name: "team-a", workloadIdentity: { awsRoleArn: roleArn }, developers: { groups: [wrap("system:authenticated")] } }] }),
                'FlinkRbac "flink-team-a-rbac": developers.groups[0]: "system:authenticated" is not valid; expected a user or group name other than system:anonymous, system:unauthenticated, system:authenticated, system:masters'],
            ["two clusters sharing a directory", (wrap) => ({
                storage: { backend: "s3", s3: { bucket: "acme-flink-prod" } },
                clusters: [
                    { ...awsPlatform().clusters![0], storage: { checkpointDir: wrap("s3://shared/checkpoints") } },
                    { ...awsPlatform().clusters![0], name: "billing", storage: { checkpointDir: wrap("s3://shared/checkpoints/") } },
                ],
            }), 'FlinkPlatform: clusters[1].storage.checkpointDir: "s3://shared/checkpoints" overlaps clusters[0].storage.checkpointDir "s3://shared/checkpoints"; every cluster needs HA, checkpoint and savepoint directories of its own'],
        ];
        for (const [what, overrides, message] of cases) {
            it(what, async () => {
                // A plain value fails while the platform plans, after the cluster's label (`clusters[0] (team-a/orders): `); an Output once known.
                await assert.rejects(runPlatform(awsPlatform(overrides((value) => value))), { message: sameMessage(message) });
                await assert.rejects(runPlatform(awsPlatform(overrides(pulumi.output as Wrap))), (err: Error) => {
                    assert.match(err.message, sameMessage(message));
                    assert.ok(pulumi.RunError.isInstance(err), `${err.name} is a RunError`);
                    return true;
                });
            });
        }

        it("an existing Secret name and an ingress TLS Secret", async () => {
            await assert.rejects(runProgram(() => new FlinkCluster("c", {
                name: "orders", namespace: "team-a", ingress: { host: "orders.example.com", tlsSecretName: pulumi.output("Orders_TLS"), behindAuthenticatingProxy: true },
            })), { message: sameMessage(`FlinkCluster "orders": ingress.tlsSecretName: "Orders_TLS" is not valid; expected a DNS-1123 label: at most 63 lowercase letters, digits or '-', starting and ending with a letter or digit`) });
            await assert.rejects(runProgram(() => new FlinkCluster("c", {
                name: "orders", namespace: "team-a",
                stateStorage: { backend: "s3", s3: { bucket: "acme" }, credentials: { existingSecretName: pulumi.output("S3 Keys") } },
            })), { message: sameMessage(`FlinkCluster "orders": stateStorage.credentials.existingSecretName: "S3 Keys" is not valid; expected a DNS-1123 label: at most 63 lowercase letters, digits or '-', starting and ending with a letter or digit`) });
        });

        it("an operator tag", async () => {
            await assert.rejects(runProgram(() => new FlinkOperator("op", { watchNamespaces: ["team-a"], image: { tag: pulumi.output("latest") } })),
                { message: sameMessage('FlinkOperator: image.tag: "latest" is not valid; expected a pinned tag such as "1.15.0", never "latest"') });
        });
    });
});
