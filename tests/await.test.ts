// `pulumi up` waits for Flink: the exact pulumi.com/waitFor and timeoutSeconds annotations per kind of
// resource (application cluster, bounded job, session cluster, session job, suspended), awaiting off, a
// timeout of its own, and a timeout that is not a duration refused.
import * as assert from "node:assert/strict";
import { assertRefuses, byType, RegisteredResource, runStack } from "./harness/mocks";

const deploymentType = "kubernetes:flink.apache.org/v1beta1:FlinkDeployment";
const sessionJobType = "kubernetes:flink.apache.org/v1beta1:FlinkSessionJob";
const annotationsOf = (resources: RegisteredResource[], type: string) =>
    Object.fromEntries(byType(resources, type).map((r) => [r.inputs.metadata.name, r.inputs.metadata.annotations]));
const waitFor = (...conditions: string[]) => ({ "pulumi.com/waitFor": JSON.stringify(conditions), "pulumi.com/timeoutSeconds": "600" });
const stable = "jsonpath={.status.lifecycleState}=STABLE";
const app = (name: string, job: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) => ({
    name, namespace: "flink-jobs", jobManager: { memory: "1Gi" }, taskManager: { cpu: 1, memory: "2Gi" },
    job: { jarURI: "local:///opt/flink/examples/streaming/StateMachineExample.jar", ...job }, ...extra,
});
const sessions = (extra: Record<string, unknown> = {}) => ({
    name: "sessions", namespace: "flink-jobs", jobManager: { memory: "1Gi" }, taskManager: { cpu: 1, memory: "2Gi" },
    sessionJobs: [
        { name: "wordcount", jarURI: "https://repo1.maven.org/maven2/org/apache/flink/flink-examples-streaming/2.2.0/flink-examples-streaming-2.2.0.jar", bounded: true },
        { name: "top-speed", jarURI: "https://repo1.maven.org/maven2/org/apache/flink/flink-examples-streaming/2.2.0/flink-examples-streaming-2.2.0.jar" },
        { name: "paused", jarURI: "https://repo1.maven.org/maven2/org/apache/flink/flink-examples-streaming/2.2.0/flink-examples-streaming-2.2.0.jar", state: "suspended" },
    ],
    ...extra,
});

describe("await: pulumi up waits until Flink runs", function () {
    this.timeout(120_000);

    it("waits per kind: a running job RUNNING, a bounded job FINISHED, a session cluster's JobManager READY, a suspended job not at all", async () => {
        const { resources } = await runStack("dev", {
            clusters: [app("running"), app("batch", { bounded: true }), app("paused", { state: "suspended" }), sessions()],
        });
        assert.deepEqual(annotationsOf(resources, deploymentType), {
            running: waitFor(stable, "jsonpath={.status.jobStatus.state}=RUNNING"),
            batch: waitFor(stable, "jsonpath={.status.jobStatus.state}=FINISHED"),
            paused: undefined,
            sessions: waitFor(stable, "jsonpath={.status.jobManagerDeploymentStatus}=READY"),
        });
        assert.deepEqual(annotationsOf(resources, sessionJobType), {
            wordcount: waitFor(stable, "jsonpath={.status.jobStatus.state}=FINISHED"),
            "top-speed": waitFor(stable, "jsonpath={.status.jobStatus.state}=RUNNING"),
            paused: undefined,
        });
    });

    it("takes the cluster's timeout for its session jobs, lets a job set its own, and waits for nothing when turned off", async () => {
        const { resources } = await runStack("dev", {
            clusters: [sessions({ await: { timeout: "25 min" } }), app("quiet", {}, { await: { enabled: false } })],
        });
        const deployments = annotationsOf(resources, deploymentType);
        assert.equal(deployments.sessions["pulumi.com/timeoutSeconds"], "1500");
        assert.equal(deployments.quiet, undefined);
        const jobs = annotationsOf(resources, sessionJobType);
        assert.deepEqual([jobs.wordcount["pulumi.com/timeoutSeconds"], jobs["top-speed"]["pulumi.com/timeoutSeconds"]], ["1500", "1500"]);
        const own = await runStack("dev", { clusters: [sessions({ await: { enabled: false }, sessionJobs: [{ ...sessions().sessionJobs[1], await: { timeout: "90 s" } }] })] });
        assert.deepEqual(annotationsOf(own.resources, sessionJobType), { "top-speed": { ...waitFor(stable, "jsonpath={.status.jobStatus.state}=RUNNING"), "pulumi.com/timeoutSeconds": "90" } });
        assert.equal(annotationsOf(own.resources, deploymentType).sessions, undefined);
    });

    it("awaits the dev stack's Flink resources, WordCount until it finishes", async () => {
        const { resources } = await runStack("dev");
        assert.deepEqual(annotationsOf(resources, sessionJobType), { wordcount: waitFor(stable, "jsonpath={.status.jobStatus.state}=FINISHED") });
        assert.deepEqual(annotationsOf(resources, deploymentType), {
            sessions: waitFor(stable, "jsonpath={.status.jobManagerDeploymentStatus}=READY"),
            "state-machine": waitFor(stable, "jsonpath={.status.jobStatus.state}=RUNNING"),
        });
    });

    it("refuses a timeout under a second or not a duration", async () => {
        await assertRefuses(runStack("dev", { clusters: [app("running", {}, { await: { timeout: "500 ms" } })] }),
            'clusters[0] (flink-jobs/running): FlinkCluster "running": await.timeout: "500 ms" is not valid; expected a Flink duration of at least 1 s');
        await assertRefuses(runStack("dev", { clusters: [app("running", {}, { await: { timeout: "soon" } })] }),
            'clusters[0] (flink-jobs/running): FlinkCluster "running": await.timeout: "soon" is not valid; expected a Flink duration: a whole number and a unit (ms, s, min, h, d), such as "30 s" or "1 min"');
    });
});
