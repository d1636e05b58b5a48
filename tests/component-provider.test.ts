/**
 * The components as `pulumi package add` users (Python, Go, .NET, Java, YAML) construct them: the
 * engine starts the sdk as a component provider and calls its `Construct` with the inputs the user's
 * program registered. This test goes through the same code path in-process, under mocks:
 * `ComponentProvider.construct` from `@pulumi/pulumi/provider/experimental`, with inputs serialized
 * as the engine sends them (output values kept, so secrets and Outputs stay at their leaf positions
 * with their dependencies) and deserialized by the provider server's own `deserializeInputs`.
 * Choices are sent as their string values, as other languages' SDKs generated from the schema send them.
 * Values users take from other resources (a bucket, a role ARN, an image, a digest, CIDRs, a ServiceAccount
 * name, the session job's cluster reference) are sent as Outputs of a resource of the user's program; a known
 * invalid one fails with the plain value's message.
 */
import * as assert from "node:assert/strict";
import { createRequire } from "node:module";
import * as path from "node:path";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { ComponentProvider, getPulumiComponents } from "@pulumi/pulumi/provider/experimental";
import * as sdk from "../sdk/index";
import { byType, findResource, ProgramResult, runProgram } from "./harness/mocks";

// Internals of @pulumi/pulumi the provider host uses (absent from its type declarations).
const pulumiRequire = createRequire(require.resolve("@pulumi/pulumi"));
const providerServer: { deserializeInputs(inputs: unknown, dependencies: unknown): Promise<pulumi.Inputs> } = pulumiRequire("./provider/server");
const providerProto = pulumiRequire("./proto/provider_pb");
const structProto = pulumiRequire("google-protobuf/google/protobuf/struct_pb");
const runtimeState: { getStore(): { supportsOutputValues: boolean } } = pulumiRequire("./runtime/state");

/**
 * The inputs `construct` receives when a program in another language registers the component with
 * `inputs`: serialized as the engine passes them to the provider (with output values: known values,
 * secrecy and dependencies per leaf), into a ConstructRequest, then deserialized by the provider host.
 */
async function asSentByEngine(inputs: pulumi.Inputs): Promise<pulumi.Inputs> {
    // The mock monitor reports no support for output values; the engine's Construct call has it.
    const store = runtimeState.getStore();
    const supported = store.supportsOutputValues;
    store.supportsOutputValues = true;
    let serialized: Record<string, unknown>;
    let dependencies: Map<string, Set<pulumi.Resource>>;
    try {
        [serialized, dependencies] = await pulumi.runtime.serializeResourceProperties("construct", inputs, { keepOutputValues: true });
    } finally {
        store.supportsOutputValues = supported;
    }
    const request = new providerProto.ConstructRequest();
    request.setInputs(structProto.Struct.fromJavaScript(serialized));
    for (const [key, resources] of dependencies) {
        const urns = await Promise.all([...resources].map((r) => new Promise<string>((resolve) => r.urn.apply(resolve))));
        const deps = new providerProto.ConstructRequest.PropertyDependencies();
        deps.setUrnsList(urns);
        request.getInputdependenciesMap().set(key, deps);
    }
    return providerServer.deserializeInputs(request.getInputs(), request.getInputdependenciesMap());
}

/** The resource options the provider host passes to `construct` for a Construct request without options. */
const constructOptions = (): pulumi.ComponentResourceOptions => ({
    aliases: [], dependsOn: [], protect: false, providers: {}, parent: undefined, ignoreChanges: [], replaceOnChanges: [], retainOnDelete: false,
});

let provider: ComponentProvider;
let schema: { resources: Record<string, { inputProperties: Record<string, { plain?: boolean }> }>; types: Record<string, { properties?: Record<string, { plain?: boolean }> }> };

interface Constructed {
    /** The component's URN. */
    urn: string;
    /** The component's URN as `construct` returned it: an Output that depends on the component. */
    urnOutput: pulumi.Output<string>;
    /** The state `construct` returns (the component's outputs), resolved. */
    state: Record<string, unknown>;
    /** The state's outputs that are secret. */
    secretOutputs: string[];
}

/** An Output's value; rejects when the Output fails (its `apply` callback would then never run, and awaiting it would hang). */
const valueOf = <T>(output: pulumi.Output<T>): Promise<T> => (output as unknown as { promise(): Promise<T> }).promise();

/** Constructs `flink-platform:index:<type>` through the provider, with `inputs` as the engine sends them. */
async function construct(type: string, name: string, inputs: pulumi.Inputs): Promise<Constructed> {
    const result = await provider.construct(name, `flink-platform:index:${type}`, await asSentByEngine(inputs), constructOptions());
    const state: Record<string, unknown> = {};
    const secretOutputs: string[] = [];
    for (const [key, value] of Object.entries(result.state ?? {})) {
        const output = pulumi.output(value);
        state[key] = await valueOf(output);
        if (await pulumi.isSecret(output)) secretOutputs.push(key);
    }
    const urnOutput = pulumi.output(result.urn);
    return { urn: await valueOf(urnOutput), urnOutput, state, secretOutputs };
}

/** Runs `program` under mocks; returns what it registered and what it returned. */
async function run<T>(program: () => Promise<T>): Promise<ProgramResult & { returned: T }> {
    let returned: T | undefined;
    const result = await runProgram(async () => {
        returned = await program();
    });
    return { ...result, returned: returned as T };
}

/** Every key of `expected` has exactly that value in `state` (outputs added later are not failures here). */
function assertState(state: Record<string, unknown>, expected: Record<string, unknown>): void {
    assert.deepEqual(Object.fromEntries(Object.keys(expected).map((key) => [key, state[key]])), expected);
}

const urnOf = (type: string, name: string) => `urn:pulumi:dev::flink-platform::${type}::${name}`;
const role = "arn:aws:iam::123456789012:role/flink-team-a";
const appJar = "local:///opt/flink/usrlib/orders.jar";

/** A resource of the user's program whose output the component gets: an IAM access key (its id is "<name>-id" under mocks). */
class AccessKey extends pulumi.CustomResource {
    constructor(name: string) {
        super("aws:iam/accessKey:AccessKey", name, { user: "flink" });
    }
}

/**
 * A resource of the user's program (another provider's, such as a bucket, an IAM role or an image build) whose
 * outputs the component gets: under mocks its outputs echo its inputs, so `output(key)` resolves to `props[key]`.
 */
class UserResource extends pulumi.CustomResource {
    constructor(type: string, name: string, props: Record<string, string>) {
        super(type, name, props);
    }

    output(key: string): pulumi.Output<string> {
        return (this as unknown as Record<string, pulumi.Output<string>>)[key];
    }
}

const urnOfResource = (resource: pulumi.Resource) => new Promise<string>((resolve) => resource.urn.apply(resolve));

/**
 * What a Python or Go program passes on when it hands a component's output to another component: an Output of the
 * whole value (as its SDK deserialized the returned state), depending on the component that returned it.
 */
const asOutputOf = <T>(component: Constructed, value: T): pulumi.Output<T> => component.urnOutput.apply(() => value);

/** The plain value's message, after the property path Pulumi may put before it when it serializes an Output (`error serializing property "…": `). */
function sameMessage(message: string): RegExp {
    return new RegExp(`(^|: )${message.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`);
}

describe("the components through the component provider (pulumi package add)", function () {
    this.timeout(120_000);

    before(async () => {
        provider = new ComponentProvider({
            name: "flink-platform", version: "0.1.0", dirname: path.resolve(__dirname, "../sdk"), components: getPulumiComponents(sdk),
        });
        // construct infers the schema (its outputs come from it) on first use; do it once, here.
        schema = JSON.parse(await provider.getSchema());
    });

    // A field typed plain in TypeScript is `plain: true` in the schema: the SDKs generated for other languages
    // then take a plain value there and cannot pass an Output. Every field below takes an Output (or a secret);
    // "[]" names a list's entries, which are Inputs also where the list itself is plain (RoleSubjectsArgs).
    it("the fields users take from other resources, and those this test sends Outputs and secrets to, are Inputs in the inferred schema", () => {
        type Property = { plain?: boolean; items?: Property };
        const property = (field: string): Property | undefined => {
            const [owner, name] = field.replace(/\[\]$/, "").split(".");
            const resource = schema.resources[`flink-platform:index:${owner}`] as { inputProperties: Record<string, Property> } | undefined;
            const found: Property | undefined = resource !== undefined
                ? resource.inputProperties[name]
                : (schema.types[`flink-platform:index:${owner}`]?.properties as Record<string, Property> | undefined)?.[name];
            return field.endsWith("[]") ? found?.items : found;
        };
        const fields = [
            "FlinkRbac.namespace",
            "StorageCredentialsArgs.accessKeyId", "StorageCredentialsArgs.secretAccessKey", "StorageCredentialsArgs.serviceAccountKey",
            "StorageCredentialsArgs.accountKey", "StorageCredentialsArgs.existingSecretName",
            "WorkloadIdentityArgs.awsRoleArn", "WorkloadIdentityArgs.gcpServiceAccount", "WorkloadIdentityArgs.azureClientId", "WorkloadIdentityArgs.azureTenantId",
            "RoleSubjectsArgs.groups[]", "RoleSubjectsArgs.users[]",
            "S3StorageArgs.bucket", "GcsStorageArgs.bucket", "AzureStorageArgs.account", "AzureStorageArgs.container",
            "FlinkCluster.image", "FlinkCluster.serviceAccountName", "FlinkClusterArgs.image", "FlinkClusterArgs.serviceAccountName",
            "ClusterStorageArgs.checkpointDir", "ClusterStorageArgs.savepointDir", "ClusterStorageArgs.highAvailabilityDir",
            "IngressArgs.host", "IngressArgs.tlsSecretName",
            "OperatorImageArgs.repository", "OperatorImageArgs.tag", "OperatorImageArgs.digest",
            "NetworkArgs.apiServerCidrs", "NetworkArgs.apiServerCidrs[]", "NetworkArgs.artifactCidrs", "NetworkArgs.artifactCidrs[]",
            "NetworkArgs.objectStorageCidrs", "NetworkArgs.objectStorageCidrs[]",
            "FlinkSessionJob.cluster",
        ];
        assert.deepEqual(fields.filter((field) => property(field) === undefined), [], "fields missing from the schema");
        assert.deepEqual(fields.filter((field) => property(field)?.plain === true), [], "fields the schema marks plain");
        assert.equal("namespace" in schema.resources["flink-platform:index:FlinkSessionJob"].inputProperties, false,
            "FlinkSessionJob takes its cluster's reference, not a namespace and a cluster name");
    });

    it("FlinkNamespace: the Namespace, its quota and NetworkPolicies, with CIDRs that are Outputs of another resource; state namespace and namespaceName", async () => {
        let vpcUrn = "";
        const { resources, returned } = await run(async () => {
            const vpc = new UserResource("aws:ec2/vpc:Vpc", "cluster-vpc", { cidrBlock: "10.0.0.0/16", s3PrefixListCidr: "52.218.0.0/17" });
            vpcUrn = await urnOfResource(vpc);
            return construct("FlinkNamespace", "jobs", {
                name: "team-a", environment: "staging", labels: { team: "a" }, objectStoragePorts: [443],
                // An entry of the list an Output, and a whole list an Output.
                network: { apiServerCidrs: [vpc.output("cidrBlock")], objectStorageCidrs: vpc.output("s3PrefixListCidr").apply((cidr) => [cidr]) },
            });
        });
        assert.equal(returned.urn, urnOf("flink-platform:index:FlinkNamespace", "jobs"));
        const namespace = findResource(resources, "kubernetes:core/v1:Namespace", "jobs-namespace");
        assert.equal(namespace.parent, returned.urn);
        assert.equal(namespace.inputs.metadata.name, "team-a");
        assert.equal(namespace.inputs.metadata.labels.team, "a");
        assert.equal(namespace.inputs.metadata.labels["flink-platform/environment"], "staging");
        assert.equal(namespace.inputs.metadata.labels["pod-security.kubernetes.io/enforce"], "restricted");
        assert.equal(findResource(resources, "kubernetes:core/v1:ResourceQuota", "jobs-quota").inputs.spec.hard["requests.cpu"], "32");
        const apiServer = findResource(resources, "kubernetes:networking.k8s.io/v1:NetworkPolicy", "jobs-allow-apiserver");
        assert.deepEqual(apiServer.inputs.spec.egress[0].to, [{ ipBlock: { cidr: "10.0.0.0/16" } }]);
        assert.deepEqual(apiServer.propertyDependencies.spec, [vpcUrn]);
        const objectStorage = findResource(resources, "kubernetes:networking.k8s.io/v1:NetworkPolicy", "jobs-allow-object-storage");
        assert.deepEqual(objectStorage.inputs.spec.egress[0], { to: [{ ipBlock: { cidr: "52.218.0.0/17" } }], ports: [{ protocol: "TCP", port: 443 }] });
        assert.deepEqual(objectStorage.propertyDependencies.spec, [vpcUrn]);
        assertState(returned.state, { namespaceName: "team-a" });
        assert.ok(pulumi.Resource.isInstance(returned.state.namespace), "state.namespace is the Namespace (a resource reference)");
        assert.equal(await new Promise((resolve) => (returned.state.namespace as pulumi.Resource).urn.apply(resolve)), namespace.urn);
    });

    it("FlinkRbac: the namespace an Output of another resource lands in every object, with its dependency", async () => {
        let namespaceUrn = "";
        const { resources, returned } = await run(async () => {
            const namespace = new k8s.core.v1.Namespace("team-a", { metadata: { name: "team-a" } });
            namespaceUrn = await new Promise<string>((resolve) => namespace.urn.apply(resolve));
            return construct("FlinkRbac", "rbac", {
                namespace: namespace.metadata.name,
                workloadIdentity: { awsRoleArn: role },
                developers: { groups: ["data-eng"] },
            });
        });
        const account = findResource(resources, "kubernetes:core/v1:ServiceAccount", "rbac-service-account");
        assert.equal(account.inputs.metadata.name, "flink");
        assert.equal(account.inputs.metadata.namespace, "team-a");
        assert.deepEqual(account.inputs.metadata.annotations, { "eks.amazonaws.com/role-arn": role });
        assert.deepEqual(account.propertyDependencies.metadata, [namespaceUrn]);
        const roles = byType(resources, "kubernetes:rbac.authorization.k8s.io/v1:Role");
        assert.deepEqual(roles.map((r) => [r.inputs.metadata.name, r.inputs.metadata.namespace]).sort(), [["flink", "team-a"], ["flink-developer", "team-a"]]);
        assert.deepEqual(findResource(resources, "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding", "rbac-job-binding").inputs.subjects,
            [{ kind: "ServiceAccount", name: "flink", namespace: "team-a" }]);
        assert.deepEqual(findResource(resources, "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding", "rbac-developer-binding").inputs.subjects,
            [{ apiGroup: "rbac.authorization.k8s.io", kind: "Group", name: "data-eng" }]);
        assertState(returned.state, { serviceAccountName: "flink", podLabels: {} });
    });

    describe("FlinkStorage: a credential that is an Output of another resource and one that is a secret land in the Secret, which stays secret", () => {
        // backend, its storage args given the user's AccessKey, the Secret's stringData, a value that must appear nowhere else.
        const cases: [string, (key: AccessKey) => pulumi.Inputs, Record<string, string>, string][] = [
            ["s3", (key) => ({ backend: "s3", s3: { bucket: "acme-flink" }, credentials: { accessKeyId: key.id, secretAccessKey: pulumi.secret("s3cr3t") } }),
                { AWS_ACCESS_KEY_ID: "flink-key-id", AWS_SECRET_ACCESS_KEY: "s3cr3t" }, "s3cr3t"],
            ["gcs", (key) => ({ backend: "gcs", gcs: { bucket: "acme-flink" }, credentials: { serviceAccountKey: pulumi.secret(key.id.apply((id) => `{"private_key_id":"${id}"}`)) } }),
                { "credentials.json": '{"private_key_id":"flink-key-id"}' }, "private_key_id"],
            ["azure", (key) => ({ backend: "azure", azure: { account: "acmeflink", container: "state" }, credentials: { accountKey: pulumi.secret(key.id) } }),
                { AZURE_STORAGE_KEY: "flink-key-id" }, "flink-key-id"],
        ];
        for (const [backend, storage, stringData, secretValue] of cases) {
            it(backend, async () => {
                let keyUrn = "";
                const { resources, returned } = await run(async () => {
                    const key = new AccessKey("flink-key");
                    keyUrn = await new Promise<string>((resolve) => key.urn.apply(resolve));
                    return construct("FlinkStorage", "storage", { namespace: "team-a", environment: "staging", storage: storage(key) });
                });
                const secret = findResource(resources, "kubernetes:core/v1:Secret", "storage-credentials");
                assert.equal(secret.inputs.metadata.name, "flink-storage-credentials");
                assert.equal(secret.inputs.metadata.namespace, "team-a");
                assert.equal(secret.inputs.type, "Opaque");
                assert.deepEqual(secret.inputs.stringData, stringData);
                assert.deepEqual(secret.secretInputs, ["stringData"]);
                assert.deepEqual(secret.propertyDependencies.stringData, [keyUrn]);
                assert.deepEqual(resources.filter((r) => r !== secret && JSON.stringify(r.inputs).includes(secretValue)).map((r) => r.name), [],
                    "no credential outside the Secret (the component's own state included)");
                assertState(returned.state, { secretName: "flink-storage-credentials" });
                assert.deepEqual(returned.secretOutputs, []);
            });
        }
    });

    it("FlinkOperator: the chart with an image digest that is an Output of another resource, and the watched namespaces; state namespace and version", async () => {
        const digest = `sha256:${"b".repeat(64)}`;
        let mirrorUrn = "";
        const { resources, returned } = await run(async () => {
            // The operator image mirrored into the user's registry: its digest comes from the mirror.
            const mirror = new UserResource("docker:index/registryImage:RegistryImage", "operator-mirror", {
                name: "registry.example.com/apache/flink-kubernetes-operator:1.15.0", sha256Digest: digest,
            });
            mirrorUrn = await urnOfResource(mirror);
            return construct("FlinkOperator", "operator", {
                watchNamespaces: ["team-a"], environment: "staging",
                image: { repository: "registry.example.com/apache/flink-kubernetes-operator", digest: mirror.output("sha256Digest") },
            });
        });
        const chart = findResource(resources, "kubernetes:helm.sh/v4:Chart", "operator-chart");
        assert.equal(chart.inputs.chart, "flink-kubernetes-operator");
        assert.equal(chart.inputs.version, "1.15.0");
        assert.equal(chart.inputs.namespace, "flink-operator");
        assert.deepEqual(chart.inputs.values.image,
            { repository: "registry.example.com/apache/flink-kubernetes-operator", tag: "1.15.0", pullPolicy: "IfNotPresent", digest });
        assert.deepEqual(chart.propertyDependencies.values, [mirrorUrn]);
        assert.deepEqual(chart.inputs.values.watchNamespaces, ["team-a"]);
        assert.equal(findResource(resources, "kubernetes:core/v1:Namespace", "operator-namespace-namespace").inputs.metadata.name, "flink-operator");
        assertState(returned.state, { namespace: "flink-operator", version: "1.15.0" });
    });

    it("FlinkCluster: the FlinkDeployment with an image and a ServiceAccount name that are Outputs of other resources; state deploymentName, namespace and restServiceName", async () => {
        const image = "registry.example.com/flink/orders:1.4.0";
        let imageUrn = "";
        let accountUrn = "";
        const { resources, returned } = await run(async () => {
            const build = new UserResource("docker-build:index:Image", "orders-image", { ref: image });
            const account = new k8s.core.v1.ServiceAccount("flink-jobs", { metadata: { name: "flink-jobs", namespace: "team-a" } });
            [imageUrn, accountUrn] = await Promise.all([urnOfResource(build), urnOfResource(account)]);
            return construct("FlinkCluster", "orders", {
                name: "orders", namespace: "team-a", environment: "staging", job: { jarURI: appJar },
                image: build.output("ref"), serviceAccountName: account.metadata.name,
                storage: { checkpointDir: "s3://acme-flink/team-a/orders/checkpoints", savepointDir: "s3://acme-flink/team-a/orders/savepoints" },
            });
        });
        const deployment = findResource(resources, "kubernetes:flink.apache.org/v1beta1:FlinkDeployment", "orders-deployment");
        assert.equal(deployment.parent, returned.urn);
        assert.deepEqual([deployment.inputs.metadata.name, deployment.inputs.metadata.namespace], ["orders", "team-a"]);
        assert.equal(deployment.inputs.spec.image, image);
        assert.equal(deployment.inputs.spec.serviceAccount, "flink-jobs");
        assert.deepEqual([...deployment.propertyDependencies.spec].sort(), [accountUrn, imageUrn].sort());
        assert.equal(deployment.inputs.spec.job.jarURI, appJar);
        assert.equal(deployment.inputs.spec.job.upgradeMode, "savepoint");
        assert.equal(deployment.inputs.spec.flinkConfiguration["execution.checkpointing.dir"], "s3://acme-flink/team-a/orders/checkpoints");
        assert.equal(deployment.inputs.spec.flinkConfiguration["execution.checkpointing.savepoint-dir"], "s3://acme-flink/team-a/orders/savepoints");
        assertState(returned.state, { deploymentName: "orders", namespace: "team-a", restServiceName: "orders-rest" });
    });

    it("FlinkSessionJob: on a session cluster constructed through the provider before it, given the reference from that cluster's state", async () => {
        let clusterUrn = "";
        let clusterReference: unknown;
        const { resources, returned } = await run(async () => {
            const cluster = await construct("FlinkCluster", "sessions", {
                name: "sessions", namespace: "team-b", environment: "staging",
                storage: { checkpointDir: "s3://acme-flink/team-b/sessions/checkpoints", savepointDir: "s3://acme-flink/team-b/sessions/savepoints" },
            });
            clusterUrn = cluster.urn;
            clusterReference = cluster.state.reference;
            const job = { name: "wordcount", jarURI: "https://artifacts.example.com/jobs/wordcount-1.0.jar" };
            return construct("FlinkSessionJob", "wordcount", { cluster: asOutputOf(cluster, cluster.state.reference), job });
        });
        assert.deepEqual(clusterReference, {
            deploymentName: "sessions", name: "sessions", namespace: "team-b", session: true, environment: "staging", flinkVersion: "v2_2",
            taskSlots: 2, hasCheckpointDir: true, hasSavepointDir: true, protect: false,
        });
        const sessionJob = findResource(resources, "kubernetes:flink.apache.org/v1beta1:FlinkSessionJob", "wordcount-session-job");
        assert.equal(sessionJob.parent, returned.urn);
        assert.deepEqual([sessionJob.inputs.metadata.name, sessionJob.inputs.metadata.namespace], ["wordcount", "team-b"]);
        assert.equal(sessionJob.inputs.spec.deploymentName, "sessions");
        assert.deepEqual(sessionJob.inputs.spec.job, {
            jarURI: "https://artifacts.example.com/jobs/wordcount-1.0.jar", parallelism: 2, state: "running", upgradeMode: "savepoint",
        });
        // The reference depends on the cluster component, which stands for its FlinkDeployment and NetworkPolicy: the job waits for them.
        const deployment = findResource(resources, "kubernetes:flink.apache.org/v1beta1:FlinkDeployment", "sessions-deployment");
        const networkPolicy = findResource(resources, "kubernetes:networking.k8s.io/v1:NetworkPolicy", "sessions-network-policy");
        assert.deepEqual([deployment.parent, networkPolicy.parent], [clusterUrn, clusterUrn]);
        assert.deepEqual([...sessionJob.propertyDependencies.spec].sort(), [deployment.urn, networkPolicy.urn].sort());
        assertState(returned.state, { jobName: "wordcount" });
    });

    it("FlinkMonitoring: PodMonitors, the PrometheusRule and dashboards; state namespace, ruleName and dashboardUids", async () => {
        const { resources, returned } = await run(() => construct("FlinkMonitoring", "monitoring", {
            flinkNamespaces: ["team-a"], environment: "staging", clusters: [{ namespace: "team-a", name: "orders", expectedRunningJobs: 1 }],
        }));
        assert.deepEqual(byType(resources, "kubernetes:monitoring.coreos.com/v1:PodMonitor").map((m) => m.inputs.metadata.name).sort(),
            ["flink-jobmanagers", "flink-kubernetes-operator", "flink-taskmanagers"]);
        const rule = findResource(resources, "kubernetes:monitoring.coreos.com/v1:PrometheusRule", "monitoring-rules");
        assert.deepEqual([rule.inputs.metadata.name, rule.inputs.metadata.namespace], ["flink-platform-staging", "monitoring"]);
        assert.deepEqual(findResource(resources, "kubernetes:monitoring.coreos.com/v1:PodMonitor", "monitoring-flink-jobmanagers").inputs.spec.namespaceSelector,
            { matchNames: ["team-a"] });
        const dashboardUids = returned.state.dashboardUids as string[];
        assertState(returned.state, { namespace: "monitoring", ruleName: "flink-platform-staging" });
        assert.deepEqual(dashboardUids.slice(0, 7),
            ["flink-job-health", "flink-throughput", "flink-checkpoints", "flink-backpressure", "flink-jvm", "flink-taskmanager-slots", "flink-operator"]);
        assert.match(dashboardUids[7], /^flink-cluster-[0-9a-f]{16}$/);
        assert.equal(dashboardUids.length, 8);
        assert.equal(byType(resources, "kubernetes:core/v1:ConfigMap").length, 8, "a dashboard ConfigMap per uid");
    });

    it("FlinkPlatform: a credential Output and a secret reach the namespace's Secret; state with namespaces, clusters and state directories", async () => {
        let keyUrn = "";
        const { resources, returned } = await run(async () => {
            const key = new AccessKey("flink-key");
            keyUrn = await new Promise<string>((resolve) => key.urn.apply(resolve));
            return construct("FlinkPlatform", "platform", {
                environment: "staging",
                namespaces: [{ name: "team-a", developers: { groups: ["data-eng"] } }],
                storage: { backend: "s3", s3: { bucket: "acme-flink" }, credentials: { accessKeyId: key.id, secretAccessKey: pulumi.secret("s3cr3t") } },
                clusters: [{ name: "orders", namespace: "team-a", job: { jarURI: appJar } }],
            });
        });
        const secret = findResource(resources, "kubernetes:core/v1:Secret", "platform-team-a-storage-credentials");
        assert.deepEqual([secret.inputs.metadata.name, secret.inputs.metadata.namespace], ["flink-storage-credentials", "team-a"]);
        assert.deepEqual(secret.inputs.stringData, { AWS_ACCESS_KEY_ID: "flink-key-id", AWS_SECRET_ACCESS_KEY: "s3cr3t" });
        assert.deepEqual(secret.secretInputs, ["stringData"]);
        assert.deepEqual(secret.propertyDependencies.stringData, [keyUrn]);
        assert.deepEqual(resources.filter((r) => r !== secret && JSON.stringify(r.inputs).includes("s3cr3t")).map((r) => r.name), []);

        const deployment = findResource(resources, "kubernetes:flink.apache.org/v1beta1:FlinkDeployment", "platform-team-a/orders-deployment");
        assert.deepEqual([deployment.inputs.metadata.name, deployment.inputs.metadata.namespace], ["orders", "team-a"]);
        assert.equal(deployment.inputs.spec.flinkConfiguration["execution.checkpointing.dir"], "s3p://acme-flink/flink/team-a/orders/checkpoints");
        assert.deepEqual(deployment.inputs.spec.jobManager.podTemplate.spec.containers[0].env.filter((e: { name: string }) => e.name.startsWith("AWS_")), [
            { name: "AWS_ACCESS_KEY_ID", valueFrom: { secretKeyRef: { name: "flink-storage-credentials", key: "AWS_ACCESS_KEY_ID" } } },
            { name: "AWS_SECRET_ACCESS_KEY", valueFrom: { secretKeyRef: { name: "flink-storage-credentials", key: "AWS_SECRET_ACCESS_KEY" } } },
        ]);
        assert.deepEqual(findResource(resources, "kubernetes:helm.sh/v4:Chart", "platform-operator-chart").inputs.values.watchNamespaces, ["team-a"]);

        assertState(returned.state, {
            namespaces: ["team-a"],
            operatorNamespace: "flink-operator",
            serviceAccounts: { "team-a": "flink" },
            clusters: { "team-a/orders": "orders-rest" },
            stateDirectories: {
                "team-a/orders": {
                    highAvailability: "s3p://acme-flink/flink/team-a/orders/ha",
                    checkpoints: "s3p://acme-flink/flink/team-a/orders/checkpoints",
                    savepoints: "s3p://acme-flink/flink/team-a/orders/savepoints",
                },
            },
            dashboards: [],
        });
        assert.deepEqual(returned.secretOutputs, []);
    });

    it("FlinkPlatform: an S3 bucket and a role ARN that are Outputs of other resources land in the FlinkDeployment's state directories and the ServiceAccount's annotation", async () => {
        // A secret storage credential cannot join them here: the platform refuses workload identity and static
        // credentials in one namespace. The test above sends the secret credential.
        let bucketUrn = "";
        let roleUrn = "";
        const { resources, returned } = await run(async () => {
            const bucket = new UserResource("aws:s3/bucket:Bucket", "flink-state", { bucket: "acme-flink-staging" });
            const iamRole = new UserResource("aws:iam/role:Role", "flink-team-a", { arn: role });
            [bucketUrn, roleUrn] = await Promise.all([urnOfResource(bucket), urnOfResource(iamRole)]);
            return construct("FlinkPlatform", "platform", {
                environment: "staging", cloud: "aws",
                namespaces: [{ name: "team-a", workloadIdentity: { awsRoleArn: iamRole.output("arn") } }],
                storage: { backend: "s3", s3: { bucket: bucket.output("bucket") } },
                clusters: [{ name: "orders", namespace: "team-a", job: { jarURI: appJar } }],
            });
        });
        const account = findResource(resources, "kubernetes:core/v1:ServiceAccount", "platform-team-a-rbac-service-account");
        assert.deepEqual([account.inputs.metadata.name, account.inputs.metadata.namespace], ["flink", "team-a"]);
        assert.deepEqual(account.inputs.metadata.annotations, { "eks.amazonaws.com/role-arn": role });
        assert.ok(account.propertyDependencies.metadata.includes(roleUrn), "the ServiceAccount depends on the role");

        const deployment = findResource(resources, "kubernetes:flink.apache.org/v1beta1:FlinkDeployment", "platform-team-a/orders-deployment");
        assert.deepEqual([deployment.inputs.metadata.name, deployment.inputs.metadata.namespace], ["orders", "team-a"]);
        assert.equal(deployment.inputs.spec.serviceAccount, "flink");
        const config = deployment.inputs.spec.flinkConfiguration;
        assert.equal(config["execution.checkpointing.dir"], "s3p://acme-flink-staging/flink/team-a/orders/checkpoints");
        assert.equal(config["execution.checkpointing.savepoint-dir"], "s3p://acme-flink-staging/flink/team-a/orders/savepoints");
        assert.equal(config["high-availability.storageDir"], "s3p://acme-flink-staging/flink/team-a/orders/ha");
        assert.ok(deployment.propertyDependencies.spec.includes(bucketUrn), "the FlinkDeployment depends on the bucket");
        assert.deepEqual(byType(resources, "kubernetes:core/v1:Secret").filter((s) => s.inputs.metadata.namespace === "team-a").map((s) => s.name), [],
            "workload identity: no credentials Secret");

        assertState(returned.state, {
            serviceAccounts: { "team-a": "flink" },
            clusters: { "team-a/orders": "orders-rest" },
            stateDirectories: {
                "team-a/orders": {
                    highAvailability: "s3p://acme-flink-staging/flink/team-a/orders/ha",
                    checkpoints: "s3p://acme-flink-staging/flink/team-a/orders/checkpoints",
                    savepoints: "s3p://acme-flink-staging/flink/team-a/orders/savepoints",
                },
            },
        });
    });

    describe("a known invalid Output fails construct with the plain value's message", () => {
        // component, its inputs given the invalid value (plain, or an Output of another resource), the plain value's message.
        const cases: [string, string, (value: pulumi.Input<string>) => pulumi.Inputs, string][] = [
            ["FlinkPlatform", "Acme_Bucket", (bucket) => ({
                environment: "staging", namespaces: [{ name: "team-a" }], storage: { backend: "s3", s3: { bucket } },
                clusters: [{ name: "orders", namespace: "team-a", job: { jarURI: appJar } }],
            }), 'FlinkPlatform: storage.s3.bucket: "Acme_Bucket" is not valid; expected an S3 bucket name: ' +
                "3-63 lowercase letters, digits, '.' or '-', starting and ending with a letter or digit, not an IP address"],
            ["FlinkRbac", "flink-role", (awsRoleArn) => ({ namespace: "team-a", workloadIdentity: { awsRoleArn } }),
                'FlinkRbac "team-a": workloadIdentity.awsRoleArn: "flink-role" is not valid; expected an IAM role ARN such as arn:aws:iam::123456789012:role/flink'],
            ["FlinkOperator", "sha256:abc", (digest) => ({ watchNamespaces: ["team-a"], image: { digest } }),
                'FlinkOperator: image.digest: "sha256:abc" is not valid; expected sha256: followed by 64 lowercase hex digits'],
            ["FlinkNamespace", "10.0.0.0/33", (cidr) => ({ name: "team-a", network: { apiServerCidrs: [cidr] } }),
                'FlinkNamespace "team-a": network.apiServerCidrs[0]: "10.0.0.0/33" is not valid; expected a CIDR block such as 10.0.0.0/16 or 172.20.0.1/32'],
            ["FlinkCluster", "flink:latest", (image) => ({ name: "orders", namespace: "team-a", image, job: { jarURI: appJar, upgradeMode: "stateless" } }),
                'FlinkCluster "orders": image: "flink:latest" is not valid; expected an official image with a version tag such as flink:2.2.1-java17, never latest'],
        ];
        for (const [type, value, inputs, message] of cases) {
            it(`${type}: ${JSON.stringify(value)}`, async () => {
                await assert.rejects(run(() => construct(type, "invalid", inputs(value))), { message });
                await assert.rejects(run(async () => {
                    const source = new UserResource("test:index:Source", "source", { value });
                    return construct(type, "invalid", inputs(source.output("value")));
                }), (err: Error) => {
                    assert.match(err.message, sameMessage(message));
                    assert.ok(pulumi.RunError.isInstance(err), `${err.name} is a RunError (Pulumi prints it without a JavaScript stack)`);
                    return true;
                });
            });
        }
    });
});
