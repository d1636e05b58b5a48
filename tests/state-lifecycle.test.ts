// The state lifecycle as configuration: the exact operator keys of `savepoints` and `upgrade` per environment
// (periodic savepoints and their history in prod, rollback with HA, savepoint on deletion with a savepoint
// directory, session jobs inheriting their cluster's), what the user sets, and every setting the operator
// could not follow refused with the field, the value and what is accepted.
import * as assert from "node:assert/strict";
import { FlinkCluster } from "../sdk/cluster";
import { FlinkClusterArgs, UpgradeMode } from "../sdk/flink/args/cluster";
import { isKnownFlinkKey } from "../sdk/flink/config-keys";
import { Environment } from "../sdk/flink/environment";
import { stateLifecycleKeys } from "../sdk/flink/state-lifecycle";
import { assertRefuses, byType, findResource, runProgram, runStack } from "./harness/mocks";

const deploymentType = "kubernetes:flink.apache.org/v1beta1:FlinkDeployment";
const sessionJobType = "kubernetes:flink.apache.org/v1beta1:FlinkSessionJob";
const run = (args: Partial<FlinkClusterArgs>) =>
    runProgram(() => new FlinkCluster("c", { name: "orders", namespace: "team-a", ...args } as FlinkClusterArgs));
/** The operator keys of the cluster's flinkConfiguration. */
const operatorKeys = async (args: Partial<FlinkClusterArgs>) => {
    const config = findResource((await run(args)).resources, deploymentType, "c-deployment").inputs.spec.flinkConfiguration as Record<string, string>;
    return Object.fromEntries(Object.entries(config).filter(([key]) => key.startsWith("kubernetes.operator.")));
};

const storage = { checkpointDir: "s3://bucket/team-a/orders/checkpoints", savepointDir: "s3://bucket/team-a/orders/savepoints" };
const haStorage = { ...storage, highAvailabilityDir: "s3://bucket/team-a/orders/ha" };
const job = { jarURI: "local:///opt/flink/usrlib/app.jar" };
const prod = { environment: Environment.Prod, storage: haStorage, job };
const sessionJob = { name: "wordcount", jarURI: "https://repo1.maven.org/maven2/org/apache/flink/flink-examples-streaming/2.2.0/flink-examples-streaming-2.2.0.jar" };
const at = 'FlinkCluster "orders": ';

describe("state lifecycle: savepoints and upgrades as configuration", function () {
    this.timeout(120_000);

    it("every key it sets is an operator 1.15 resource key", () => {
        for (const key of Object.keys(stateLifecycleKeys)) assert.ok(isKnownFlinkKey("v2_2", key), key);
    });

    describe("per-environment defaults", () => {
        it("prod: savepoints every 6 h, a week of history (28), rollback with HA, a savepoint on deletion", async () => {
            assert.deepEqual(await operatorKeys(prod), {
                "kubernetes.operator.periodic.savepoint.interval": "6 h",
                "kubernetes.operator.savepoint.history.max.age": "7 d",
                "kubernetes.operator.savepoint.history.max.count": "28",
                "kubernetes.operator.job.savepoint-on-deletion": "true",
                "kubernetes.operator.deployment.rollback.enabled": "true",
            });
        });

        it("prod session cluster: the same savepoints for its session jobs (they inherit the cluster's keys), no rollback of a session cluster", async () => {
            const { resources } = await run({ environment: Environment.Prod, storage: haStorage, sessionJobs: [sessionJob] });
            const config = findResource(resources, deploymentType, "c-deployment").inputs.spec.flinkConfiguration;
            assert.deepEqual(Object.fromEntries(Object.entries(config).filter(([key]) => key.startsWith("kubernetes.operator."))), {
                "kubernetes.operator.periodic.savepoint.interval": "6 h",
                "kubernetes.operator.savepoint.history.max.age": "7 d",
                "kubernetes.operator.savepoint.history.max.count": "28",
                "kubernetes.operator.job.savepoint-on-deletion": "true",
            });
            assert.equal(byType(resources, sessionJobType)[0].inputs.spec.flinkConfiguration, undefined);
        });

        it("dev and staging: only a savepoint on deletion, with a savepoint directory; nothing without one", async () => {
            assert.deepEqual(await operatorKeys({ storage, job }), { "kubernetes.operator.job.savepoint-on-deletion": "true" });
            assert.deepEqual(await operatorKeys({ environment: Environment.Staging, storage: haStorage, job }), { "kubernetes.operator.job.savepoint-on-deletion": "true" });
            assert.deepEqual(await operatorKeys({ storage: { checkpointDir: storage.checkpointDir }, job }), {});
        });

        it("a stateless job gets no savepoints, in prod neither", async () => {
            assert.deepEqual(await operatorKeys({ ...prod, job: { ...job, stateful: false, upgradeMode: UpgradeMode.Stateless } }),
                { "kubernetes.operator.deployment.rollback.enabled": "true" });
        });

        it("prod last-state upgrades accept a checkpoint at most twice the checkpoint interval old", async () => {
            assert.equal((await operatorKeys({ ...prod, job: { ...job, upgradeMode: UpgradeMode.LastState }, checkpointing: { interval: "5 min" } }))[
                "kubernetes.operator.job.upgrade.last-state.max.allowed.checkpoint.age"], "600000 ms");
        });
    });

    it("takes what the user sets, in any environment", async () => {
        assert.deepEqual(await operatorKeys({
            storage: haStorage, job: { ...job, upgradeMode: UpgradeMode.LastState },
            savepoints: { interval: "1 h", maxAge: "3 d", maxCount: 5, disposeOnCleanup: true, snapshotResources: false, onDeletion: false },
            upgrade: { rollback: true, readinessTimeout: "10 min", maxCheckpointAge: "5 min" },
        }), {
            "kubernetes.operator.periodic.savepoint.interval": "1 h",
            "kubernetes.operator.savepoint.history.max.age": "3 d",
            "kubernetes.operator.savepoint.history.max.count": "5",
            "kubernetes.operator.savepoint.dispose-on-delete": "true",
            "kubernetes.operator.snapshot.resource.enabled": "false",
            "kubernetes.operator.job.savepoint-on-deletion": "false",
            "kubernetes.operator.deployment.rollback.enabled": "true",
            "kubernetes.operator.deployment.readiness.timeout": "10 min",
            "kubernetes.operator.job.upgrade.last-state.max.allowed.checkpoint.age": "5 min",
        });
        assert.deepEqual(await operatorKeys({ ...prod, savepoints: { periodic: false }, upgrade: { rollback: false } }), {
            "kubernetes.operator.job.savepoint-on-deletion": "true",
            "kubernetes.operator.deployment.rollback.enabled": "false",
        });
    });

    it("the prod stack takes periodic savepoints with a retention and rolls back failed upgrades; dev takes a savepoint on deletion only", async () => {
        const keysOf = async (stack: string) => Object.fromEntries(byType((await runStack(stack)).resources, deploymentType).map((d) => [d.inputs.metadata.name,
            Object.fromEntries(Object.entries(d.inputs.spec.flinkConfiguration as Record<string, string>).filter(([key]) => key in stateLifecycleKeys))]));
        const periodic = {
            "kubernetes.operator.periodic.savepoint.interval": "6 h",
            "kubernetes.operator.savepoint.history.max.age": "7 d",
            "kubernetes.operator.savepoint.history.max.count": "28",
            "kubernetes.operator.job.savepoint-on-deletion": "true",
        };
        assert.deepEqual(await keysOf("prod"), { payments: { ...periodic, "kubernetes.operator.deployment.rollback.enabled": "true" }, sessions: periodic });
        const onDeletion = { "kubernetes.operator.job.savepoint-on-deletion": "true" };
        assert.deepEqual(await keysOf("dev"), { sessions: onDeletion, "state-machine": onDeletion });
    });

    it("removing a cluster runs through the operator's finalizer: every FlinkDeployment waits for the operator chart and its namespace, so Pulumi deletes it first", async () => {
        const { resources } = await runStack("prod");
        const urnOf = (type: string, name: string) => findResource(resources, type, name).urn;
        const chart = urnOf("kubernetes:helm.sh/v4:Chart", "flink-operator-chart");
        const deployments = byType(resources, deploymentType);
        assert.deepEqual(deployments.map((d) => d.inputs.metadata.name).sort(), ["payments", "sessions"]);
        for (const deployment of deployments) {
            const namespace = urnOf("kubernetes:core/v1:Namespace", `flink-${deployment.inputs.metadata.namespace}-namespace`);
            assert.ok(deployment.options.dependsOn.includes(namespace), `${deployment.name} waits for its Namespace`);
            assert.ok(deployment.options.dependsOn.includes(chart), `${deployment.name} waits for the operator chart`);
        }
    });

    describe("refuses what the operator could not follow, every problem at once", () => {
        const cases: [string, Partial<FlinkClusterArgs>, string][] = [
            ["periodic savepoints without a savepoint directory", { storage: { checkpointDir: storage.checkpointDir }, job, savepoints: { periodic: true } },
                `${at}savepoints.periodic: needs a savepoint directory (execution.checkpointing.savepoint-dir); set storage.savepointDir or stateStorage`],
            ["an interval without a savepoint directory", { storage: { checkpointDir: storage.checkpointDir }, job, savepoints: { interval: "1 h" } },
                `${at}savepoints.interval: needs a savepoint directory (execution.checkpointing.savepoint-dir); set storage.savepointDir or stateStorage`],
            ["a savepoint on deletion without a savepoint directory", { storage: { checkpointDir: storage.checkpointDir }, job, savepoints: { onDeletion: true } },
                `${at}savepoints.onDeletion: needs a savepoint directory (execution.checkpointing.savepoint-dir); set storage.savepointDir or stateStorage`],
            ["an interval with periodic savepoints off", { storage, job, savepoints: { periodic: false, interval: "1 h" } },
                `${at}savepoints.interval: applies only with periodic savepoints; remove it or set savepoints.periodic: true`],
            ["periodic savepoints of a stateless job", { storage, job: { ...job, stateful: false }, savepoints: { periodic: true } },
                `${at}savepoints.periodic: the job keeps no state (job.stateful: false); remove it`],
            ["an interval under a minute", { storage, job, savepoints: { interval: "30 s" } },
                `${at}savepoints.interval: "30 s" is not valid; expected a Flink duration of at least 1 min`],
            ["an interval that is not a duration", { storage, job, savepoints: { interval: "hourly" } },
                `${at}savepoints.interval: "hourly" is not valid; expected a Flink duration: a whole number and a unit (ms, s, min, h, d), such as "30 s" or "1 min"`],
            ["a history of zero savepoints", { storage, job, savepoints: { maxCount: 0 } },
                `${at}savepoints.maxCount: 0 is not valid; expected a whole number ≥ 1`],
            ["a history of age zero", { storage, job, savepoints: { maxAge: "0 ms" } },
                `${at}savepoints.maxAge: "0 ms" is not valid; expected a Flink duration of at least 1 ms`],
            ["rollback without high availability", { storage, job, upgrade: { rollback: true } },
                `${at}upgrade.rollback: needs high availability (the operator rolls back from the HA metadata); set storage.highAvailabilityDir or stateStorage`],
            ["a readiness timeout without rollback", { storage, job, upgrade: { readinessTimeout: "10 min" } },
                `${at}upgrade.readinessTimeout: applies only with upgrade.rollback; remove it or set upgrade.rollback: true`],
            ["a checkpoint age for savepoint upgrades", { storage, job, upgrade: { maxCheckpointAge: "5 min" } },
                `${at}upgrade.maxCheckpointAge: applies only to last-state upgrades; this cluster's upgrade mode is savepoint`],
            ["a checkpoint age under the checkpoint interval", { storage, job: { ...job, upgradeMode: UpgradeMode.LastState }, upgrade: { maxCheckpointAge: "30 s" } },
                `${at}upgrade.maxCheckpointAge: "30 s" is not valid; expected a Flink duration of at least the checkpoint interval (60000 ms), or every upgrade takes a savepoint`],
            ["a checkpoint age without a savepoint directory", { storage: { checkpointDir: storage.checkpointDir }, job: { ...job, upgradeMode: UpgradeMode.LastState }, upgrade: { maxCheckpointAge: "5 min" } },
                `${at}upgrade.maxCheckpointAge: needs a savepoint directory (execution.checkpointing.savepoint-dir); set storage.savepointDir or stateStorage`],
            ["an operator key a field sets, in flinkConfiguration", { storage, job, flinkConfiguration: { "kubernetes.operator.periodic.savepoint.interval": "1 h" } },
                `${at}flinkConfiguration["kubernetes.operator.periodic.savepoint.interval"]: "1 h" is not valid; expected no value here: it is set by savepoints.interval; set that field instead`],
        ];
        for (const [what, args, message] of cases) {
            it(what, () => assertRefuses(run(args), message));
        }

        it("all of a cluster's lifecycle problems in one error", () => assertRefuses(
            run({ storage, job, savepoints: { maxCount: 0, maxAge: "never" }, upgrade: { rollback: true } }),
            "3 problems:\n" +
            `  - ${at}savepoints.maxAge: "never" is not valid; expected a Flink duration: a whole number and a unit (ms, s, min, h, d), such as "30 s" or "1 min"\n` +
            `  - ${at}savepoints.maxCount: 0 is not valid; expected a whole number ≥ 1\n` +
            `  - ${at}upgrade.rollback: needs high availability (the operator rolls back from the HA metadata); set storage.highAvailabilityDir or stateStorage`));
    });
});
