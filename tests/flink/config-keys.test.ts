import * as crypto from "node:crypto";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { isKnownFlinkKey, validateFlinkConfiguration } from "../../sdk/flink/config-keys";
import { FlinkVersion } from "../../sdk/flink/versions";

const field = 'FlinkCluster "orders": flinkConfiguration';
const keysDir = path.resolve(__dirname, "../../sdk/flink/keys");

/** Validates a one-entry map. */
function check(key: string, value: unknown = "x", version: FlinkVersion = FlinkVersion.V2_2): Record<string, string> {
    return validateFlinkConfiguration(field, version, { [key]: value });
}

function message(key: string, text: string): { message: string } {
    return { message: `${field}["${key}"]: ${text}` };
}

const credentialText = "credentials do not belong in flinkConfiguration, which is stored in plain text in the FlinkDeployment and its ConfigMap; use workload identity, or a Kubernetes Secret passed to the pods as environment variables";
const operatorOwnedText = "is set by the operator from the FlinkDeployment's namespace and name; remove it";
const systemText = "only the operator's own configuration may set it (FlinkOperator), not a FlinkDeployment";

function unknownText(v: string, suggestion?: string): string {
    return suggestion === undefined
        ? `is not a Flink ${v} configuration key (see the configuration page of the Flink ${v} documentation)`
        : `is not a Flink ${v} configuration key; did you mean "${suggestion}"?`;
}

function readList(file: string): string[] {
    return fs.readFileSync(path.join(keysDir, file), "utf8").split("\n").filter((line) => line.length > 0);
}

describe("flink/config-keys", () => {
    describe("validateFlinkConfiguration", () => {
        it("returns {} for an undefined configuration", () => {
            assert.deepEqual(validateFlinkConfiguration(field, FlinkVersion.V2_2, undefined), {});
            assert.deepEqual(validateFlinkConfiguration(field, FlinkVersion.V2_2, {}), {});
        });

        it("returns strings, numbers and booleans as strings", () => {
            assert.deepEqual(validateFlinkConfiguration(field, FlinkVersion.V2_2, {
                "execution.checkpointing.interval": "30s",
                "taskmanager.numberOfTaskSlots": 4,
                "taskmanager.memory.managed.fraction": 0.25,
                "web.submit.enable": false,
            }), {
                "execution.checkpointing.interval": "30s",
                "taskmanager.numberOfTaskSlots": "4",
                "taskmanager.memory.managed.fraction": "0.25",
                "web.submit.enable": "false",
            });
        });

        it("rule 1: rejects values that are not a string, number or boolean", () => {
            for (const value of [{ a: 1 }, ["1", "2"], null]) {
                assert.throws(() => check("parallelism.default", value),
                    message("parallelism.default", `${JSON.stringify(value)} is not valid; expected a string, number or boolean`));
            }
            // The value is checked before the key.
            assert.throws(() => check("kubernetes.namespace", { a: 1 }),
                message("kubernetes.namespace", '{"a":1} is not valid; expected a string, number or boolean'));
        });

        it("rule 2: rejects the keys the operator sets from the FlinkDeployment's namespace and name", () => {
            for (const key of ["kubernetes.namespace", "kubernetes.cluster-id", "high-availability.cluster-id"]) {
                assert.throws(() => check(key), message(key, operatorOwnedText));
            }
            assert.deepEqual(check("high-availability.type", "kubernetes"), { "high-availability.type": "kubernetes" });
            assert.deepEqual(check("high-availability.storageDir", "s3://b/ha"), { "high-availability.storageDir": "s3://b/ha" });
        });

        it("rule 3: rejects credentials", () => {
            const credentials = [
                "s3.access-key", "s3.secret-key", "s3.access.key", "s3.secret.key",
                "fs.s3a.access.key", "fs.s3a.secret.key", "fs.s3a.session.token",
                "s3a.access.key", "s3a.secret.key",
                "presto.s3.access-key", "presto.s3.secret-key",
                "fs.s3a.bucket.orders.secret.key",
                "fs.azure.account.key.myacct.blob.core.windows.net",
                "fs.azure.sas.container.myacct.blob.core.windows.net",
                "fs.azure.account.oauth2.client.secret",
                "fs.oss.accessKeyId", "fs.oss.accessKeySecret",
                "security.ssl.internal.keystore-password",
                "security.ssl.internal.key-password",
                "security.ssl.internal.truststore-password",
                "security.ssl.rest.keystore-password",
                "security.ssl.rest.key-password",
                "security.ssl.rest.truststore-password",
                "metrics.reporter.influxdb.password",
                "metrics.reporter.otel.exporter.Token",
                "properties.sasl.jaas.config",
                "containerized.master.env.AWS_SECRET_ACCESS_KEY",
                "containerized.taskmanager.env.DB_Password",
                "containerized.taskmanager.env.GITHUB_TOKEN",
                "containerized.master.env.API_KEY",
            ];
            for (const key of credentials) {
                assert.throws(() => check(key), message(key, credentialText));
            }
        });

        it("rule 3: accepts Secret names and references, token switches and non-secret plugin settings", () => {
            const settings: [FlinkVersion, string][] = [
                [FlinkVersion.V2_2, "kubernetes.secrets"],
                [FlinkVersion.V2_2, "kubernetes.env.secretKeyRef"],
                [FlinkVersion.V2_2, "kubernetes.container.image.pull-secrets"],
                [FlinkVersion.V2_2, "security.delegation.tokens.enabled"],
                [FlinkVersion.V2_2, "security.delegation.token.provider.hadoopfs.enabled"],
                [FlinkVersion.V2_2, "security.kerberos.fetch.delegation-token"],
                [FlinkVersion.V2_2, "security.kerberos.tokens.renewal.time-ratio"],
                [FlinkVersion.V1_20, "security.delegation.tokens.renewal.time-ratio"],
                [FlinkVersion.V1_20, "security.ssl.internal.keystore"],
                [FlinkVersion.V2_2, "metrics.reporter.influxdb.username"],
                [FlinkVersion.V2_2, "s3.endpoint"],
                [FlinkVersion.V2_2, "s3.path.style.access"],
                [FlinkVersion.V2_2, "fs.azure.account.keyprovider.myacct.blob.core.windows.net"],
                [FlinkVersion.V2_2, "containerized.master.env.JAVA_TOOL_OPTIONS"],
                [FlinkVersion.V2_2, "containerized.taskmanager.env.AWS_REGION"],
            ];
            for (const [version, key] of settings) {
                assert.deepEqual(check(key, "v", version), { [key]: "v" }, key);
            }
        });

        it("rule 4: rejects operator system keys", () => {
            for (const key of [
                "kubernetes.operator.reconcile.interval",
                "kubernetes.operator.watched.namespaces",
                "kubernetes.operator.user.artifacts.allowed-schemes",
                "kubernetes.operator.leader-election.enabled",
                "kubernetes.operator.leader-election.anything",
                "kubernetes.operator.metrics.reporter.prom.port",
            ]) {
                assert.throws(() => check(key), message(key, systemText));
            }
        });

        it("rule 4: accepts operator resource-level keys", () => {
            for (const key of [
                "job.autoscaler.enabled",
                "job.autoscaler.utilization.target",
                "kubernetes.operator.periodic.savepoint.interval",
                "kubernetes.operator.job.upgrade.last-state-fallback.enabled",
                "kubernetes.operator.plugins.listeners.audit.class",
            ]) {
                assert.deepEqual(check(key, "v"), { [key]: "v" }, key);
                assert.deepEqual(check(key, "v", FlinkVersion.V1_20), { [key]: "v" }, key);
            }
        });

        it("rule 5: rejects memory and CPU keys the operator derives from resource", () => {
            const derived: [string, string, string][] = [
                ["jobmanager.memory.process.size", "jobManager.memory", "the process size"],
                ["jobmanager.memory.flink.size", "jobManager.memory", "the process size"],
                ["taskmanager.memory.process.size", "taskManager.memory", "the process size"],
                ["taskmanager.memory.flink.size", "taskManager.memory", "the process size"],
                ["kubernetes.jobmanager.cpu.amount", "jobManager.cpu", "the CPU amount"],
                ["kubernetes.taskmanager.cpu.amount", "taskManager.cpu", "the CPU amount"],
            ];
            for (const [key, resource, derives] of derived) {
                assert.throws(() => check(key, "2g"),
                    message(key, `contradicts ${resource}, from which the operator derives ${derives}; set ${resource} instead`));
            }
            assert.deepEqual(check("taskmanager.memory.managed.fraction", 0.4), { "taskmanager.memory.managed.fraction": "0.4" });
            assert.deepEqual(check("kubernetes.taskmanager.cpu.limit-factor", 2), { "kubernetes.taskmanager.cpu.limit-factor": "2" });
        });

        it("rule 6: suggests the nearest key for a typo", () => {
            assert.throws(() => check("execution.checkpointing.intervall"),
                message("execution.checkpointing.intervall", unknownText("2.2", "execution.checkpointing.interval")));
            assert.throws(() => check("taskmanager.numberOfTaskSlot", 4, FlinkVersion.V1_20),
                message("taskmanager.numberOfTaskSlot", unknownText("1.20", "taskmanager.numberOfTaskSlots")));
        });

        it("rule 6: points at the documentation when nothing is close", () => {
            assert.throws(() => check("no.such.key.at.all", "x", FlinkVersion.V2_0),
                message("no.such.key.at.all", unknownText("2.0")));
            // Never suggests a key another rule would refuse.
            assert.throws(() => check("kubernetes.namespaces"), message("kubernetes.namespaces", unknownText("2.2")));
            // Unknown operator keys are unknown, not system keys.
            assert.throws(() => check("kubernetes.operator.no-such-key"),
                message("kubernetes.operator.no-such-key", unknownText("2.2")));
        });

        it("accepts placeholder patterns, filesystem prefixes and deprecated aliases", () => {
            for (const key of [
                "metrics.reporter.prom.port",
                "metrics.reporter.prom.factory.class",
                "metrics.reporter.prom.filter.includes",
                "traces.reporter.otel.factory.class",
                "external-resource.gpu.amount",
                "flink.hadoop.dfs.replication",
                "s3.endpoint",
                "presto.s3.endpoint",
                "fs.s3a.aws.credentials.provider",
                "gs.project.id",
                "fs.azure.account.keyprovider.myacct.blob.core.windows.net",
                "fs.oss.endpoint",
                "state.checkpoints.dir",
                "state.savepoints.dir",
            ]) {
                for (const version of Object.values(FlinkVersion)) {
                    assert.deepEqual(check(key, "v", version), { [key]: "v" }, `${key} on ${version}`);
                }
            }
        });

        it("checks a key against its version's list", () => {
            // Only in the 1.20 list (renamed in 2.0).
            const old = "jobmanager.adaptive-scheduler.resource-wait-timeout";
            assert.deepEqual(check(old, "5min", FlinkVersion.V1_20), { [old]: "5min" });
            assert.throws(() => check(old, "5min", FlinkVersion.V2_1),
                message(old, unknownText("2.1", "jobmanager.adaptive-scheduler.submission.resource-wait-timeout")));
            // Only in the 2.0 list.
            assert.deepEqual(check("env.java.home", "/opt/java", FlinkVersion.V2_0), { "env.java.home": "/opt/java" });
            assert.throws(() => check("env.java.home", "/opt/java", FlinkVersion.V1_20),
                message("env.java.home", unknownText("1.20")));
            assert.deepEqual(check("state.backend.forst.local-dir", "/tmp", FlinkVersion.V2_2), { "state.backend.forst.local-dir": "/tmp" });
            assert.throws(() => check("state.backend.forst.local-dir", "/tmp", FlinkVersion.V1_20),
                message("state.backend.forst.local-dir", unknownText("1.20", "state.backend.rocksdb.localdir")));
        });

        it("refuses every bad entry at once", () => {
            assert.throws(() => validateFlinkConfiguration(field, FlinkVersion.V2_2, {
                "parallelism.default": 2,
                "s3.secret-key": "x",
                "kubernetes.namespace": "flink",
            }), { message: [
                "2 problems:",
                `  - ${message("s3.secret-key", credentialText).message}`,
                `  - ${field}["kubernetes.namespace"]: is set by the operator from the FlinkDeployment's namespace and name; remove it`,
            ].join("\n") });
        });

        it("accepts or refuses with rules 2 to 5 every key in the lists, never as unknown", () => {
            for (const [version, list] of [[FlinkVersion.V1_20, "1.20"], [FlinkVersion.V2_2, "2.0"]] as const) {
                const keys = [
                    ...readList(`flink-${list}-option-keys.txt`),
                    ...readList(`flink-${list}-deprecated-keys.txt`),
                    ...readList("operator-1.15-resource-keys.txt"),
                ].map((key) => key.replace(/<[^<>]+>|#/g, "x"));
                for (const key of keys) {
                    assert.equal(isKnownFlinkKey(version, key), true, key);
                    try {
                        check(key, "v", version);
                    } catch (e) {
                        assert.doesNotMatch((e as Error).message, /is not a Flink/, key);
                    }
                }
            }
        });
    });

    describe("isKnownFlinkKey", () => {
        it("knows option, deprecated, pattern, prefixed and operator resource keys", () => {
            assert.equal(isKnownFlinkKey(FlinkVersion.V2_2, "execution.checkpointing.dir"), true);
            assert.equal(isKnownFlinkKey(FlinkVersion.V2_2, "state.checkpoints.dir"), true);
            assert.equal(isKnownFlinkKey(FlinkVersion.V2_2, "metrics.reporter.prom.port"), true);
            assert.equal(isKnownFlinkKey(FlinkVersion.V2_2, "s3.endpoint"), true);
            assert.equal(isKnownFlinkKey(FlinkVersion.V2_2, "job.autoscaler.enabled"), true);
            assert.equal(isKnownFlinkKey(FlinkVersion.V1_20, "kubernetes.operator.plugins.listeners.audit.class"), true);
        });

        it("does not know typos, bare prefixes, other versions' keys or operator system keys", () => {
            assert.equal(isKnownFlinkKey(FlinkVersion.V2_2, "execution.checkpointing.intervall"), false);
            assert.equal(isKnownFlinkKey(FlinkVersion.V2_2, "s3."), false);
            assert.equal(isKnownFlinkKey(FlinkVersion.V2_2, "metrics.reporter..port"), false);
            assert.equal(isKnownFlinkKey(FlinkVersion.V1_20, "env.java.home"), false);
            assert.equal(isKnownFlinkKey(FlinkVersion.V2_0, "jobmanager.adaptive-scheduler.resource-wait-timeout"), false);
            assert.equal(isKnownFlinkKey(FlinkVersion.V2_2, "kubernetes.operator.reconcile.interval"), false);
        });
    });

    describe("key lists", () => {
        /** The sha256 of each verified list in ../shared/reference: the copies must not drift, also where that folder is absent. */
        const referenceDigests: Record<string, string> = {
            "flink-1.20-deprecated-keys.txt": "2dbac75176c0f65a5770e4d528511b8e4fda75f5c072987b888550d75532fe02",
            "flink-1.20-option-keys.txt": "733bdebaf588671236bc2cbe618b6ad4145c9df1b0c07a8cee2c3aa25070deab",
            "flink-2.0-deprecated-keys.txt": "e0ffe344526fffec457e8614ed94cc91e32bb479b894bbc2f2f1aa467fff8f41",
            "flink-2.0-option-keys.txt": "2689d2f8bf0b61131a27cde024b0f684c2455feb3388d568ede4071b3d7ebbe0",
            "operator-1.15-resource-keys.txt": "0a6a19421c54cc3fee4bca1e17bd113a9774a43376dc1a7d8c6faf09707eb2f9",
            "operator-1.15-system-keys.txt": "d21ef97fbe1f83f6fc8fe281aa9f6d0b227083aa4f7a820365590d8d87babf0d",
        };
        const digest = (file: string) => crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex");

        it("are the verified reference lists, byte for byte", () => {
            const files = fs.readdirSync(keysDir).sort();
            assert.deepEqual(files, Object.keys(referenceDigests).sort());
            for (const file of files) {
                assert.equal(digest(path.join(keysDir, file)), referenceDigests[file], file);
            }
        });

        it("match ../shared/reference where it is beside the checkout (CI and development machines have it)", () => {
            const reference = path.resolve(__dirname, "../../../shared/reference");
            const present = Object.keys(referenceDigests).filter((file) => fs.existsSync(path.join(reference, file)));
            for (const file of present) {
                assert.equal(digest(path.join(reference, file)), referenceDigests[file], `shared/reference/${file} changed: copy it into sdk/flink/keys and update its digest`);
            }
        });
    });
});
