import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { Environment } from "../sdk/flink/environment";
import { FlinkCluster } from "../sdk/cluster";
import { FlinkClusterArgs, JobState, SessionJobArgs, UpgradeMode } from "../sdk/flink/args/cluster";
import { isRestrictedHost } from "../sdk/flink/session-job-plan";
import { FlinkSessionJob } from "../sdk/session-job";
import { findResource, runProgram } from "./harness/mocks";
import { validateRegistered } from "./harness/schemas";

const jar = "https://artifacts.example.com/jobs/wordcount-1.0.jar";
const durable = { checkpointDir: "s3://b/team-a/sessions/checkpoints", savepointDir: "s3://b/team-a/sessions/savepoints" };

/** A session cluster "sessions" in team-a with the given session jobs. */
const run = (jobs: SessionJobArgs[], cluster: Partial<FlinkClusterArgs> = {}) =>
    runProgram(() => new FlinkCluster("c", { name: "sessions", namespace: "team-a", storage: durable, sessionJobs: jobs, ...cluster }));
const sessionJobOf = (resources: Awaited<ReturnType<typeof run>>["resources"], job: string) =>
    findResource(resources, "kubernetes:flink.apache.org/v1beta1:FlinkSessionJob", `c-${job}-session-job`);

describe("FlinkSessionJob", () => {
    it("runs a job on its session cluster: deploymentName from the cluster, savepoint upgrades with the cluster's storage", async () => {
        const { resources } = await run([{ name: "wordcount", jarURI: jar, entryClass: "org.example.WordCount", args: ["--out", "x"] }]);
        const job = sessionJobOf(resources, "wordcount");
        assert.equal(job.inputs.metadata.name, "wordcount");
        assert.equal(job.inputs.metadata.namespace, "team-a");
        assert.deepEqual(job.inputs.spec, {
            deploymentName: "sessions",
            job: { jarURI: jar, entryClass: "org.example.WordCount", args: ["--out", "x"], parallelism: 2, state: "running", upgradeMode: "savepoint" },
        });
        const deployment = findResource(resources, "kubernetes:flink.apache.org/v1beta1:FlinkDeployment", "c-deployment");
        assert.ok(job.options.dependsOn.includes(deployment.urn), "the session job waits for its FlinkDeployment");
        assert.equal(job.parent, findResource(resources, "flink-platform:index:FlinkCluster", "c").urn, "a child of its cluster, no component of its own");
        assert.deepEqual(await validateRegistered(resources), []);
    });

    it("keeps the session cluster's web submission on (the operator submits through it)", async () => {
        const { resources } = await run([{ name: "wordcount", jarURI: jar }]);
        const config = findResource(resources, "kubernetes:flink.apache.org/v1beta1:FlinkDeployment", "c-deployment").inputs.spec.flinkConfiguration;
        assert.equal(config["web.submit.enable"], undefined);
    });

    it("takes parallelism, state, upgrade mode and validated job configuration from args", async () => {
        const { resources } = await run([{
            name: "etl", jarURI: jar, parallelism: 6, state: JobState.Suspended, upgradeMode: UpgradeMode.LastState,
            flinkConfiguration: { "pipeline.max-parallelism": "256" }, initialSavepointPath: "s3://b/sp-1", allowNonRestoredState: true,
        }]);
        assert.deepEqual(sessionJobOf(resources, "etl").inputs.spec, {
            deploymentName: "sessions",
            flinkConfiguration: { "pipeline.max-parallelism": "256" },
            job: { jarURI: jar, parallelism: 6, state: "suspended", upgradeMode: "last-state", initialSavepointPath: "s3://b/sp-1", allowNonRestoredState: true },
        });
    });

    it("is created standalone with its cluster's reference: in the cluster's namespace, waiting for its FlinkDeployment", async () => {
        const { resources } = await runProgram(() => {
            const pool = new FlinkCluster("c", {
                name: "pool", namespace: "team-b", environment: Environment.Prod, storage: { ...durable, highAvailabilityDir: "s3://b/team-b/pool/ha" },
            });
            return new FlinkSessionJob("j", { cluster: pool.reference, job: { name: "report", jarURI: jar } });
        });
        const job = findResource(resources, "kubernetes:flink.apache.org/v1beta1:FlinkSessionJob", "j-session-job");
        assert.equal(job.inputs.spec.deploymentName, "pool");
        assert.equal(job.inputs.metadata.namespace, "team-b");
        assert.equal(job.options.protect, true, "a prod cluster's session jobs are protected like it");
        assert.ok(job.options.dependsOn.includes(findResource(resources, "kubernetes:flink.apache.org/v1beta1:FlinkDeployment", "c-deployment").urn));
    });

    it("takes a cluster reference that is an Output (as from another language), checked once known", async () => {
        const { resources } = await runProgram(() => {
            const pool = new FlinkCluster("c", { name: "pool", namespace: "team-b", storage: durable });
            return new FlinkSessionJob("j", { cluster: pulumi.output(pool.reference), job: { name: "report", jarURI: jar, parallelism: 3 } }, { protect: true });
        });
        const job = findResource(resources, "kubernetes:flink.apache.org/v1beta1:FlinkSessionJob", "j-session-job");
        assert.equal(job.options.protect, true, "protected through the component's own option");
        assert.equal(job.inputs.metadata.name, "report");
        assert.equal(job.inputs.metadata.namespace, "team-b");
        assert.deepEqual(job.inputs.spec, {
            deploymentName: "pool",
            job: { jarURI: jar, parallelism: 3, state: "running", upgradeMode: "savepoint" },
        });
    });

    it("knows which jar hosts the operator refuses", () => {
        for (const host of ["localhost", "10.1.2.3", "172.20.0.1", "192.168.1.10", "127.0.0.1", "169.254.169.254", "[::1]", "fd00::1", "minio.storage.svc", "minio.storage.svc.cluster.local", "nexus"]) {
            assert.equal(isRestrictedHost(host), true, host);
        }
        for (const host of ["repo1.maven.org", "8.8.8.8", "172.32.0.1", "artifacts.example.com"]) {
            assert.equal(isRestrictedHost(host), false, host);
        }
    });

    describe("rejects bad input", () => {
        // An Output that is known is checked with the plain value's message, which Pulumi prefixes with the property it serialized.
        const cases: [string, () => Promise<unknown>, string | RegExp][] = [
            ["a jar over http://", () => run([{ name: "wordcount", jarURI: "http://artifacts.example.com/wordcount.jar" }]),
                'FlinkSessionJob "wordcount": jarURI: "http://artifacts.example.com/wordcount.jar" is not valid; expected an https:// URL (the operator fetches session-job jars over https only, unless its allowed schemes are widened)'],
            ["a jar on a private address", () => run([{ name: "wordcount", jarURI: "https://10.0.0.5/wordcount.jar" }]),
                'FlinkSessionJob "wordcount": jarURI: "https://10.0.0.5/wordcount.jar" is not valid; expected an https:// URL on a public host (the operator refuses hosts that resolve to loopback, link-local or private addresses)'],
            ["a jar on a cluster-internal host", () => run([{ name: "wordcount", jarURI: "https://nexus.tools.svc.cluster.local/wordcount.jar" }]),
                'FlinkSessionJob "wordcount": jarURI: "https://nexus.tools.svc.cluster.local/wordcount.jar" is not valid; expected an https:// URL on a public host (the operator refuses hosts that resolve to loopback, link-local or private addresses)'],
            ["a session job aimed at an application cluster", () => runProgram(() => {
                const app = new FlinkCluster("app", { name: "orders-app", namespace: "team-c", job: { jarURI: "local:///opt/flink/usrlib/app.jar" }, storage: durable });
                return new FlinkSessionJob("j", { cluster: app.reference, job: { name: "extra", jarURI: jar } });
            }), 'FlinkSessionJob "extra": cluster: "orders-app" is an application cluster (it has a job); session jobs run on a session cluster'],
            ["an application cluster's reference as an Output", () => runProgram(() => {
                const app = new FlinkCluster("app", { name: "orders-app", namespace: "team-c", job: { jarURI: "local:///opt/flink/usrlib/app.jar" }, storage: durable });
                return new FlinkSessionJob("j", { cluster: pulumi.output(app.reference), job: { name: "extra", jarURI: jar } });
            }), /^error serializing property "outputs": error serializing property "metadata": FlinkSessionJob "extra": cluster: "orders-app" is an application cluster \(it has a job\); session jobs run on a session cluster$/],
            ["a session job given no cluster", () => runProgram(() => new FlinkSessionJob("j", { cluster: undefined as never, job: { name: "x", jarURI: jar } })),
                'FlinkSessionJob "j": cluster: is required'],
            ["a session job given a cluster's name instead of its reference", () => runProgram(() => new FlinkSessionJob("j", { cluster: "nowhere" as never, job: { name: "x", jarURI: jar } })),
                'FlinkSessionJob "j": cluster: "nowhere" is not valid; expected an object (FlinkClusterReference)'],
            ["no upgrade mode without durable storage", () => run([{ name: "wordcount", jarURI: jar }], { storage: undefined }),
                'FlinkSessionJob "wordcount": upgradeMode: has no default without durable storage; set storage.checkpointDir and storage.savepointDir (upgrades then take a savepoint), or upgradeMode "stateless" for a job whose state may be lost'],
            ["credentials in the job's configuration", () => run([{ name: "wordcount", jarURI: jar, flinkConfiguration: { "fs.s3a.secret.key": "x" } }]),
                'FlinkSessionJob "wordcount": flinkConfiguration["fs.s3a.secret.key"]: credentials do not belong in flinkConfiguration, which is stored in plain text in the FlinkDeployment and its ConfigMap; use workload identity, or a Kubernetes Secret passed to the pods as environment variables'],
            ["a name that is not a DNS-1123 label", () => run([{ name: "Word_Count", jarURI: jar }]),
                `FlinkSessionJob "Word_Count": name: "Word_Count" is not valid; expected a DNS-1123 label: at most 63 lowercase letters, digits or '-', starting and ending with a letter or digit`],
        ];
        for (const [what, program, message] of cases) {
            it(what, async () => {
                await assert.rejects(program(), { message });
                if (message instanceof RegExp) {
                    // Checked once known: a RunError, which Pulumi prints without a JavaScript stack trace.
                    await assert.rejects(program(), (err: Error) => pulumi.RunError.isInstance(err));
                }
            });
        }
    });
});
