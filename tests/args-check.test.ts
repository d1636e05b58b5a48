// The config contract: the dev stack run under mocks with the stack config a user might write, checked
// against the args schema generated from the args interfaces. Unknown fields and keys are refused with
// "did you mean", wrong types name the path, the value and what is accepted, numbers and booleans written
// as strings get the value meant, and every problem of the stack comes at once, as a RunError.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as pulumi from "@pulumi/pulumi";
import {
    argsSchemaFile, argsValidatorsDeclarations, argsValidatorsFile, generateArgsSchema, validatorsCode, validatorsDeclarations,
} from "../sdk/scripts/args-schema";
import { checkArgs, checked } from "../sdk/flink/args-check";
import { assertRefuses, byType, findResource, runStack } from "./harness/mocks";

const deploymentType = "kubernetes:flink.apache.org/v1beta1:FlinkDeployment";

/** The dev stack's clusters (Pulumi.dev.yaml), to change one field at a time. */
const sessions = () => ({
    name: "sessions", namespace: "flink-jobs", jobManager: { memory: "1Gi" }, taskManager: { cpu: 1, memory: "2Gi" },
    sessionJobs: [{ name: "wordcount", jarURI: "https://repo1.maven.org/maven2/org/apache/flink/flink-examples-streaming/2.2.0/flink-examples-streaming-2.2.0.jar", parallelism: 1 }],
});
const stateMachine = () => ({
    name: "state-machine", namespace: "flink-jobs", jobManager: { memory: "1Gi" }, taskManager: { cpu: 1, memory: "2Gi" },
    job: { jarURI: "local:///opt/flink/examples/streaming/StateMachineExample.jar", parallelism: 2 },
});
const pvc = { backend: "pvc", pvc: { size: "5Gi", accessMode: "ReadWriteOnce", singleNode: true } };

describe("the config contract: stack config checked against the args schema", function () {
    this.timeout(120_000);

    it("the schema and its compiled validators are generated from the args interfaces as they are now (npm run schema -w sdk)", async () => {
        const schema = await generateArgsSchema();
        assert.deepEqual(JSON.parse(fs.readFileSync(argsSchemaFile, "utf8")), schema, "sdk/flink/args-schema.json is stale: run npm run schema -w sdk");
        assert.equal(fs.readFileSync(argsValidatorsFile, "utf8"), validatorsCode(schema), "sdk/flink/args-validators.js is stale: run npm run schema -w sdk");
        assert.equal(fs.readFileSync(argsValidatorsDeclarations, "utf8"), validatorsDeclarations());
    });

    describe("refuses, with the exact message, as a RunError", () => {
        const cases: [string, Record<string, unknown>, string][] = [
            ["a misspelt taskManager", { clusters: [{ ...stateMachine(), taskmanager: { cpu: 4 } }] },
                'FlinkPlatform: clusters[0].taskmanager: unknown field; did you mean "taskManager"?'],
            ["a misspelt jobManager", { clusters: [{ ...stateMachine(), jobManger: { cpu: 2 } }] },
                'FlinkPlatform: clusters[0].jobManger: unknown field; did you mean "jobManager"?'],
            ["sessionjobs in lower case", { clusters: [{ ...sessions(), sessionjobs: [] }] },
                'FlinkPlatform: clusters[0].sessionjobs: unknown field; did you mean "sessionJobs"?'],
            ["a misspelt memory", { clusters: [{ ...stateMachine(), taskManager: { memmory: "4Gi" } }] },
                'FlinkPlatform: clusters[0].taskManager.memmory: unknown field; did you mean "memory"?'],
            ["a misspelt S3 region", { storage: { backend: "s3", s3: { bucket: "acme", regin: "eu-west-1" } } },
                'FlinkPlatform: storage.s3.regin: unknown field; did you mean "region"?'],
            ["developer for developers", { namespaces: [{ name: "flink-jobs", developer: { groups: ["devs"] } }] },
                'FlinkPlatform: namespaces[0].developer: unknown field; did you mean "developers"?'],
            ["a misspelt checkpoint interval", { clusters: [{ ...stateMachine(), checkpointing: { intervall: "30 s" } }] },
                'FlinkPlatform: clusters[0].checkpointing.intervall: unknown field; did you mean "interval"?'],
            ["webhooks for webhook", { operator: { webhooks: { enabled: true } } },
                'FlinkPlatform: operator.webhooks: unknown field; did you mean "webhook"?'],
            ["a field nothing is near", { clusters: [{ ...stateMachine(), colour: "blue" }] },
                'FlinkPlatform: clusters[0].colour: unknown field; expected one of "name", "namespace", "environment", "flinkVersion", "image", "serviceAccountName", "podLabels", "mode", "jobManager", "taskManager", "job", "sessionJobs", "checkpointing", "stateBackend", "restartStrategy", "stateStorage", "storage", "flinkRelease", "highAvailability", "autoscaler", "reactive", "ingress", "route", "savepoints", "upgrade", "await", "scheduling", "egress", "artifactCidrs", "flinkConfiguration", "protect"'],
            ["a boolean that is neither true nor false", { clusters: [{ ...stateMachine(), autoscaler: { enabled: "yes" } }] },
                'FlinkPlatform: clusters[0].autoscaler.enabled: "yes" is not valid; expected true or false (in YAML write it unquoted; `pulumi config set --path` stores every value as a string, which is read as the boolean it spells)'],
            ["a number that is not one", { clusters: [{ ...stateMachine(), taskManager: { cpu: "two" } }] },
                'FlinkPlatform: clusters[0].taskManager.cpu: "two" is not valid; expected a number (in YAML write it unquoted; `pulumi config set --path` stores every value as a string, which is read as the number it spells)'],
            ["an empty job (YAML null)", { clusters: [{ ...stateMachine(), job: null }] },
                "FlinkPlatform: clusters[0].job: null is not valid; expected an object (JobArgs)"],
            ["an empty storage (YAML null)", { storage: null },
                "FlinkPlatform: storage: null is not valid; expected an object (StorageArgs)"],
            ["a null list item", { clusters: [null] },
                "FlinkPlatform: clusters[0]: null is not valid; expected an object (FlinkClusterArgs)"],
            ["clusters written as a map", { clusters: { "state-machine": stateMachine() } },
                `FlinkPlatform: clusters: ${JSON.stringify({ "state-machine": stateMachine() })} is not valid; expected a list`],
            ["a choice not on the list", { clusters: [{ ...stateMachine(), stateBackend: "rocks" }] },
                'FlinkPlatform: clusters[0].stateBackend: "rocks" is not valid; expected one of "hashmap", "rocksdb", "forst"'],
            ["a cluster without a namespace", { clusters: [{ name: "orphan" }] },
                "FlinkPlatform: clusters[0].namespace: is required"],
            ["every problem at once", {
                clusters: [{ ...stateMachine(), taskmanager: {}, jobManager: { cpu: "lots" } }, { ...sessions(), sessionjobs: [] }],
                storage: { ...pvc, pvc: { ...pvc.pvc, sise: "1Gi" } },
            }, [
                "FlinkPlatform: 4 invalid fields:",
                '  - storage.pvc.sise: unknown field; did you mean "size"?',
                '  - clusters[0].taskmanager: unknown field; did you mean "taskManager"?',
                '  - clusters[0].jobManager.cpu: "lots" is not valid; expected a number (in YAML write it unquoted; `pulumi config set --path` stores every value as a string, which is read as the number it spells)',
                '  - clusters[1].sessionjobs: unknown field; did you mean "sessionJobs"?',
            ].join("\n")],
            ["a checkpoint interval under Flink's 10 ms", { clusters: [{ ...stateMachine(), checkpointing: { interval: "5 ms" } }] },
                'clusters[0] (flink-jobs/state-machine): FlinkCluster "state-machine": checkpointing.interval: "5 ms" is not valid; expected a Flink duration of at least 10 ms'],
            ["task slots in flinkConfiguration", { clusters: [{ ...stateMachine(), flinkConfiguration: { "taskmanager.numberOfTaskSlots": "4" } }] },
                'clusters[0] (flink-jobs/state-machine): FlinkCluster "state-machine": flinkConfiguration["taskmanager.numberOfTaskSlots"]: "4" is not valid; expected no value here: it is set by taskManager.taskSlots; set that field instead'],
            ["high availability off in flinkConfiguration", { clusters: [{ ...stateMachine(), flinkConfiguration: { "high-availability.type": "NONE" } }] },
                'clusters[0] (flink-jobs/state-machine): FlinkCluster "state-machine": flinkConfiguration["high-availability.type"]: "NONE" is not valid; expected no value here: it is set by highAvailability; set that field instead'],
            ["a checkpoint directory in flinkConfiguration (its deprecated key)", { clusters: [{ ...stateMachine(), flinkConfiguration: { "state.checkpoints.dir": "s3://shared/cp" } }] },
                'clusters[0] (flink-jobs/state-machine): FlinkCluster "state-machine": flinkConfiguration["state.checkpoints.dir"]: "s3://shared/cp" is not valid; expected no value here: it is set by storage.checkpointDir; set that field instead'],
            ["another metrics port", { clusters: [{ ...stateMachine(), flinkConfiguration: { "metrics.reporter.prom.port": "9250" } }] },
                'clusters[0] (flink-jobs/state-machine): FlinkCluster "state-machine": flinkConfiguration["metrics.reporter.prom.port"]: "9250" is not valid; expected nothing: the platform\'s Prometheus reporter listens on 9249, which its PodMonitors and NetworkPolicies use; remove it'],
            ["no API server ports (a rule without ports allows every port)", { network: { apiServerPorts: [] } },
                'FlinkNamespace "flink-jobs": network.apiServerPorts: [] is not valid; expected a list of at least one port'],
            ["one session job name on two session clusters of a namespace", { clusters: [sessions(), { ...sessions(), name: "more-sessions" }] },
                'FlinkPlatform: clusters[1].sessionJobs[0].name: "wordcount" is also the name of clusters[0].sessionJobs[0] in namespace "flink-jobs"; FlinkSessionJob names are unique per namespace'],
            ["a TaskManager too small for Flink's memory model", { clusters: [{ ...stateMachine(), taskManager: { memory: "512Mi" } }] },
                "clusters[0] (flink-jobs/state-machine): FlinkCluster \"state-machine\": taskManager.memory: \"512Mi\" is too small for the TaskManager in Flink 2.0: it leaves a task heap of -281.6 MiB: Total Flink Memory 64 MiB (the process size less JVM overhead 192 MiB and JVM metaspace 256 MiB) less framework heap 128 MiB, framework off-heap 128 MiB, task off-heap 0 B, managed memory 25.6 MiB (taskmanager.memory.managed.fraction 0.4) and network memory 64 MiB; the smallest container that works is 982Mi"],
            ["a JobManager too small for Flink's memory model", { clusters: [{ ...stateMachine(), jobManager: { memory: "256Mi" } }] },
                "clusters[0] (flink-jobs/state-machine): FlinkCluster \"state-machine\": jobManager.memory: \"256Mi\" is too small for the JobManager in Flink 2.0: it leaves Total Flink Memory of -192 MiB after JVM metaspace 256 MiB and JVM overhead 192 MiB; the smallest container that works is 577Mi"],
            ["a TaskManager too small on Flink 1.20", { clusters: [{ ...stateMachine(), flinkVersion: "v1_20", taskManager: { memory: "600Mi" } }] },
                "clusters[0] (flink-jobs/state-machine): FlinkCluster \"state-machine\": taskManager.memory: \"600Mi\" is too small for the TaskManager in Flink 1.20: it leaves a task heap of -228.8 MiB: Total Flink Memory 152 MiB (the process size less JVM overhead 192 MiB and JVM metaspace 256 MiB) less framework heap 128 MiB, framework off-heap 128 MiB, task off-heap 0 B, managed memory 60.8 MiB (taskmanager.memory.managed.fraction 0.4) and network memory 64 MiB; the smallest container that works is 982Mi"],
            ["a task heap larger than the container", { clusters: [{ ...stateMachine(), flinkConfiguration: { "taskmanager.memory.task.heap.size": "3g" } }] },
                "clusters[0] (flink-jobs/state-machine): FlinkCluster \"state-machine\": taskManager.memory: \"2Gi\" is too small for the TaskManager in Flink 2.0: it leaves network memory of -2375.68 MiB, below its minimum 64 MiB (taskmanager.memory.network.min): Total Flink Memory 1587.2 MiB (the process size less JVM overhead 204.8 MiB and JVM metaspace 256 MiB) less task heap 3 GiB (taskmanager.memory.task.heap.size), framework heap 128 MiB, framework off-heap 128 MiB, task off-heap 0 B and managed memory 634.88 MiB (taskmanager.memory.managed.fraction 0.4); the smallest container that works with these flinkConfiguration settings is 6566Mi"],
            ["a decimal-SI size that is no whole number of MiB", { clusters: [{ ...stateMachine(), taskManager: { memory: "2G" } }] },
                "clusters[0] (flink-jobs/state-machine): FlinkCluster \"state-machine\": taskManager.memory: \"2G\" is not valid; expected a whole number of MiB such as \"1536Mi\", \"2Gi\" or \"2.5Gi\" (the operator rounds the container down to whole MiB)"],
            ["a cluster running as a ServiceAccount the platform gave no RBAC", { clusters: [{ ...stateMachine(), serviceAccountName: "jobs" }] },
                'FlinkPlatform: clusters[0].serviceAccountName: "jobs" has no RBAC in namespace "flink-jobs" (the JobManager could not create TaskManager pods); the platform\'s ServiceAccount there is "flink": remove the field, or set namespaces[0].serviceAccountName'],
            // More of what users write, at every level (the config as JSON, as the stack YAML holds it).
            ["monitoring thresholds misspelt", {"monitoring": {"thresholdz": {}}},
                "FlinkPlatform: monitoring.thresholdz: unknown field; did you mean \"thresholds\"?"],
            ["monitoring null", {"monitoring": null},
                "FlinkPlatform: monitoring: null is not valid; expected an object (FlinkMonitoringArgs)"],
            ["a misspelt network field", {"network": {"apiServerCidr": ["10.0.0.0/16"]}},
                "FlinkPlatform: network.apiServerCidr: unknown field; did you mean \"apiServerCidrs\"?"],
            ["a misspelt operator image field", {"operator": {"image": {"digets": "sha256:x"}}},
                "FlinkPlatform: operator.image.digets: unknown field; did you mean \"digest\"?"],
            ["a misspelt pvc field", {"storage": {"backend": "pvc", "pvc": {"storageclass": "standard", "accessMode": "ReadWriteOnce", "singleNode": true}}},
                "FlinkPlatform: storage.pvc.storageclass: unknown field; did you mean \"storageClass\"?"],
            ["quota pods not a number", {"namespaces": [{"name": "flink-jobs", "quota": {"pods": "many"}}]},
                "FlinkPlatform: namespaces[0].quota.pods: \"many\" is not valid; expected a number (in YAML write it unquoted; `pulumi config set --path` stores every value as a string, which is read as the number it spells)"],
            ["namespaces as a map", {"namespaces": {"flink-jobs": {}}},
                "FlinkPlatform: namespaces: {\"flink-jobs\":{}} is not valid; expected a list"],
            ["sessionJobs as a map", {"clusters": [{"name": "state-machine", "namespace": "flink-jobs", "jobManager": {"memory": "1Gi"}, "taskManager": {"cpu": 1, "memory": "2Gi"}, "sessionJobs": {"wordcount": {}}}]},
                "FlinkPlatform: clusters[0].sessionJobs: {\"wordcount\":{}} is not valid; expected a list"],
            ["tolerations as a map", {"clusters": [{"name": "state-machine", "namespace": "flink-jobs", "jobManager": {"memory": "1Gi"}, "taskManager": {"cpu": 1, "memory": "2Gi"}, "job": {"jarURI": "local:///opt/flink/examples/streaming/StateMachineExample.jar", "parallelism": 2}, "scheduling": {"tolerations": {"key": "x"}}}]},
                "FlinkPlatform: clusters[0].scheduling.tolerations: {\"key\":\"x\"} is not valid; expected a list"],
            ["s3 null", {"storage": {"backend": "s3", "s3": null}},
                "FlinkPlatform: storage.s3: null is not valid; expected an object (S3StorageArgs)"],
            ["ingress null", {"clusters": [{"name": "state-machine", "namespace": "flink-jobs", "jobManager": {"memory": "1Gi"}, "taskManager": {"cpu": 1, "memory": "2Gi"}, "job": {"jarURI": "local:///opt/flink/examples/streaming/StateMachineExample.jar", "parallelism": 2}, "ingress": null}]},
                "FlinkPlatform: clusters[0].ingress: null is not valid; expected an object (IngressArgs)"],
            ["artifactCidrs empty", {"network": {"artifactCidrs": []}},
                "FlinkNamespace \"flink-jobs\": network.artifactCidrs: [] is not valid; expected a list of at least one CIDR block"],
            ["objectStorageCidrs empty", {"network": {"objectStorageCidrs": []}},
                "FlinkNamespace \"flink-jobs\": network.objectStorageCidrs: [] is not valid; expected a list of at least one CIDR block"],
            ["environment production", {"environment": "production"},
                "FlinkPlatform: environment: \"production\" is not valid; expected one of \"dev\", \"staging\", \"prod\""],
            ["cloud aliyun", {"cloud": "aliyun"},
                "FlinkPlatform: cloud: \"aliyun\" is not valid; expected one of \"aws\", \"gcp\", \"azure\", \"local\""],
            ["flinkVersion 1.20", {"clusters": [{"name": "state-machine", "namespace": "flink-jobs", "jobManager": {"memory": "1Gi"}, "taskManager": {"cpu": 1, "memory": "2Gi"}, "job": {"jarURI": "local:///opt/flink/examples/streaming/StateMachineExample.jar", "parallelism": 2}, "flinkVersion": "1.20"}]},
                "FlinkPlatform: clusters[0].flinkVersion: \"1.20\" is not valid; expected one of \"v1_20\", \"v2_0\", \"v2_1\", \"v2_2\""],
            ["JobManager too small on 1.20", {"clusters": [{"name": "state-machine", "namespace": "flink-jobs", "jobManager": {"memory": "512Mi"}, "taskManager": {"cpu": 1, "memory": "2Gi"}, "job": {"jarURI": "local:///opt/flink/examples/streaming/StateMachineExample.jar", "parallelism": 2}, "flinkVersion": "v1_20"}]},
                "clusters[0] (flink-jobs/state-machine): FlinkCluster \"state-machine\": jobManager.memory: \"512Mi\" is too small for the JobManager in Flink 1.20: it leaves a JVM heap of -64 MiB (Flink needs more than 0): Total Flink Memory 64 MiB after JVM overhead 192 MiB and JVM metaspace 256 MiB, less off-heap memory 128 MiB; the smallest container that works is 577Mi"],
            ["scheduler-mode in flinkConfiguration", {"clusters": [{"name": "state-machine", "namespace": "flink-jobs", "jobManager": {"memory": "1Gi"}, "taskManager": {"cpu": 1, "memory": "2Gi"}, "job": {"jarURI": "local:///opt/flink/examples/streaming/StateMachineExample.jar", "parallelism": 2}, "flinkConfiguration": {"scheduler-mode": "reactive"}}]},
                "clusters[0] (flink-jobs/state-machine): FlinkCluster \"state-machine\": flinkConfiguration[\"scheduler-mode\"]: \"reactive\" is not valid; expected no value here: it is set by reactive.enabled; set that field instead"],
            ["state.backend in flinkConfiguration", {"clusters": [{"name": "state-machine", "namespace": "flink-jobs", "jobManager": {"memory": "1Gi"}, "taskManager": {"cpu": 1, "memory": "2Gi"}, "job": {"jarURI": "local:///opt/flink/examples/streaming/StateMachineExample.jar", "parallelism": 2}, "flinkConfiguration": {"state.backend": "hashmap"}}]},
                "clusters[0] (flink-jobs/state-machine): FlinkCluster \"state-machine\": flinkConfiguration[\"state.backend\"]: \"hashmap\" is not valid; expected no value here: it is set by stateBackend; set that field instead"],
            ["checkpoint timeout 5 ms", {"clusters": [{"name": "state-machine", "namespace": "flink-jobs", "jobManager": {"memory": "1Gi"}, "taskManager": {"cpu": 1, "memory": "2Gi"}, "job": {"jarURI": "local:///opt/flink/examples/streaming/StateMachineExample.jar", "parallelism": 2}, "checkpointing": {"timeout": "5 ms"}}]},
                "clusters[0] (flink-jobs/state-machine): FlinkCluster \"state-machine\": checkpointing.timeout: \"5 ms\" is not valid; expected a Flink duration of at least 10 ms"],
            ["misspelt top-level storage key", {"storge": {"backend": "pvc"}},
                "stack config: flink-platform:storge: unknown key; did you mean flink-platform:storage?"],
            ["a session job field misspelt", {"clusters": [{"name": "state-machine", "namespace": "flink-jobs", "jobManager": {"memory": "1Gi"}, "taskManager": {"cpu": 1, "memory": "2Gi"}, "sessionJobs": [{"name": "wc", "jarUri": "https://repo1.maven.org/x.jar"}]}]},
                "FlinkPlatform: 2 invalid fields:\n  - clusters[0].sessionJobs[0].jarURI: is required\n  - clusters[0].sessionJobs[0].jarUri: unknown field; did you mean \"jarURI\"?"],
            ["a job field misspelt", {"clusters": [{"name": "state-machine", "namespace": "flink-jobs", "jobManager": {"memory": "1Gi"}, "taskManager": {"cpu": 1, "memory": "2Gi"}, "job": {"jarURI": "local:///x.jar", "paralellism": 2}}]},
                "FlinkPlatform: clusters[0].job.paralellism: unknown field; did you mean \"parallelism\"?"],
            ["webhook enabled not a boolean", {"operator": {"webhook": {"enabled": "no"}}},
                "FlinkPlatform: operator.webhook.enabled: \"no\" is not valid; expected true or false (in YAML write it unquoted; `pulumi config set --path` stores every value as a string, which is read as the boolean it spells)"],
            ["workloadIdentity misspelt", {"namespaces": [{"name": "flink-jobs", "workloadIdentity": {"awsRoleARN": "arn:aws:iam::123456789012:role/x"}}]},
                "FlinkPlatform: namespaces[0].workloadIdentity.awsRoleARN: unknown field; did you mean \"awsRoleArn\"?"],
            ["taskSlots a fraction string", {"clusters": [{"name": "state-machine", "namespace": "flink-jobs", "jobManager": {"memory": "1Gi"}, "taskManager": {"cpu": 1, "memory": "2Gi", "taskSlots": "1.5"}, "job": {"jarURI": "local:///opt/flink/examples/streaming/StateMachineExample.jar", "parallelism": 2}}]},
                "clusters[0] (flink-jobs/state-machine): FlinkCluster \"state-machine\": taskManager.taskSlots: 1.5 is not valid; expected a whole number \u2265 1"],
            ["memory as a number", {"clusters": [{"name": "state-machine", "namespace": "flink-jobs", "jobManager": {"memory": "1Gi"}, "taskManager": {"cpu": 1, "memory": 2048}, "job": {"jarURI": "local:///opt/flink/examples/streaming/StateMachineExample.jar", "parallelism": 2}}]},
                "clusters[0] (flink-jobs/state-machine): FlinkCluster \"state-machine\": taskManager.memory: \"2048\" is not valid; expected a whole number of MiB such as \"1536Mi\", \"2Gi\" or \"2.5Gi\" (the operator rounds the container down to whole MiB)"],
            ["podLabels as a list", {"clusters": [{"name": "state-machine", "namespace": "flink-jobs", "jobManager": {"memory": "1Gi"}, "taskManager": {"cpu": 1, "memory": "2Gi"}, "job": {"jarURI": "local:///opt/flink/examples/streaming/StateMachineExample.jar", "parallelism": 2}, "podLabels": ["team=a"]}]},
                "FlinkPlatform: clusters[0].podLabels: [\"team=a\"] is not valid; expected an object"],
            ["reactive maxReplicas not a number", {"clusters": [{"name": "state-machine", "namespace": "flink-jobs", "jobManager": {"memory": "1Gi"}, "taskManager": {"cpu": 1, "memory": "2Gi"}, "job": {"jarURI": "local:///opt/flink/examples/streaming/StateMachineExample.jar", "parallelism": 2}, "reactive": {"enabled": true, "maxReplicas": "ten"}}]},
                "FlinkPlatform: clusters[0].reactive.maxReplicas: \"ten\" is not valid; expected a number (in YAML write it unquoted; `pulumi config set --path` stores every value as a string, which is read as the number it spells)"],
            ["operator version misspelt", {"operator": {"versoin": "1.15.0"}},
                "FlinkPlatform: operator.versoin: unknown field; did you mean \"version\"?"],
            ["viewer for viewers", {"namespaces": [{"name": "flink-jobs", "viewer": {"groups": ["x"]}}]},
                "FlinkPlatform: namespaces[0].viewer: unknown field; did you mean \"viewers\"?"],
            ["a restart strategy not on the list", {"clusters": [{"name": "state-machine", "namespace": "flink-jobs", "jobManager": {"memory": "1Gi"}, "taskManager": {"cpu": 1, "memory": "2Gi"}, "job": {"jarURI": "local:///opt/flink/examples/streaming/StateMachineExample.jar", "parallelism": 2}, "restartStrategy": {"type": "always"}}]},
                "FlinkPlatform: clusters[0].restartStrategy.type: \"always\" is not valid; expected one of \"exponential-delay\", \"fixed-delay\", \"failure-rate\", \"none\""],
            ["autoscaler targetUtilisation (British spelling)", {"clusters": [{"name": "state-machine", "namespace": "flink-jobs", "jobManager": {"memory": "1Gi"}, "taskManager": {"cpu": 1, "memory": "2Gi"}, "job": {"jarURI": "local:///opt/flink/examples/streaming/StateMachineExample.jar", "parallelism": 2}, "autoscaler": {"enabled": true, "targetUtilisation": 0.6}}]},
                "FlinkPlatform: clusters[0].autoscaler.targetUtilisation: unknown field; did you mean \"targetUtilization\"?"],
            ["existingSecret for existingSecretName", {"storage": {"backend": "s3", "s3": {"bucket": "acme"}, "credentials": {"existingSecret": "keys"}}},
                "FlinkPlatform: storage.credentials.existingSecret: unknown field; did you mean \"existingSecretName\"?"],
            ["tlsSecret for tlsSecretName", {"network": {"ingressControllerNamespace": "ingress"}, "clusters": [{"name": "state-machine", "namespace": "flink-jobs", "jobManager": {"memory": "1Gi"}, "taskManager": {"cpu": 1, "memory": "2Gi"}, "job": {"jarURI": "local:///opt/flink/examples/streaming/StateMachineExample.jar", "parallelism": 2}, "ingress": {"host": "a.example.com", "tlsSecret": "a-tls"}}]},
                "FlinkPlatform: 2 invalid fields:\n  - clusters[0].ingress.tlsSecretName: is required\n  - clusters[0].ingress.tlsSecret: unknown field; did you mean \"tlsSecretName\"?"],
            ["dnsPodLabels as a list", {"network": {"dnsPodLabels": ["k8s-app=kube-dns"]}},
                "FlinkPlatform: network.dnsPodLabels: [\"k8s-app=kube-dns\"] is not valid; expected an object"],
            ["monitoring clusterDashboards not a boolean", {"monitoring": {"clusterDashboards": "yes"}},
                "FlinkPlatform: monitoring.clusterDashboards: \"yes\" is not valid; expected true or false (in YAML write it unquoted; `pulumi config set --path` stores every value as a string, which is read as the boolean it spells)"],
            ["a checkpointing mode in lower case", {"clusters": [{"name": "state-machine", "namespace": "flink-jobs", "jobManager": {"memory": "1Gi"}, "taskManager": {"cpu": 1, "memory": "2Gi"}, "job": {"jarURI": "local:///opt/flink/examples/streaming/StateMachineExample.jar", "parallelism": 2}, "checkpointing": {"mode": "exactly_once"}}]},
                "FlinkPlatform: clusters[0].checkpointing.mode: \"exactly_once\" is not valid; expected one of \"EXACTLY_ONCE\", \"AT_LEAST_ONCE\""],
            ["operator.install as a number", {"operator": {"install": 0}},
                "FlinkPlatform: operator.install: 0 is not valid; expected true or false"],
            ["memory that is no whole number of MiB", {"clusters": [{"name": "state-machine", "namespace": "flink-jobs", "jobManager": {"memory": "1Gi"}, "taskManager": {"cpu": 1, "memory": "1.1Gi"}, "job": {"jarURI": "local:///opt/flink/examples/streaming/StateMachineExample.jar", "parallelism": 2}}]},
                "clusters[0] (flink-jobs/state-machine): FlinkCluster \"state-machine\": taskManager.memory: \"1.1Gi\" is not valid; expected a whole number of MiB such as \"1536Mi\", \"2Gi\" or \"2.5Gi\" (the operator rounds the container down to whole MiB)"],
            ["two clusters each with its own problem, both at once", {
                clusters: [{ ...stateMachine(), checkpointing: { interval: "5 ms" } }, { ...sessions(), flinkConfiguration: { "state.backend.type": "hashmap" } }],
            }, [
                "2 problems:",
                '  - clusters[0] (flink-jobs/state-machine): FlinkCluster "state-machine": checkpointing.interval: "5 ms" is not valid; expected a Flink duration of at least 10 ms',
                '  - clusters[1] (flink-jobs/sessions): FlinkCluster "sessions": flinkConfiguration["state.backend.type"]: "hashmap" is not valid; expected no value here: it is set by stateBackend; set that field instead',
            ].join("\n")],
            ["every relational problem of one cluster at once (interval, restart attempts, keys, memory, session jobs on an application cluster)", { clusters: [{
                ...stateMachine(), checkpointing: { interval: "5 ms" }, restartStrategy: { type: "none", attempts: 3 }, taskManager: { cpu: 1, memory: "512Mi" },
                flinkConfiguration: { "taskmanager.numberOfTaskSlots": "4", "parallelism.defualt": "2" }, sessionJobs: [{ name: "x", jarURI: "https://a/b.jar" }],
            }] }, [
                "6 problems:",
                "  - clusters[0] (flink-jobs/state-machine): FlinkCluster \"state-machine\": checkpointing.interval: \"5 ms\" is not valid; expected a Flink duration of at least 10 ms",
                "  - clusters[0] (flink-jobs/state-machine): FlinkCluster \"state-machine\": restartStrategy.attempts: does not apply to the none strategy; remove it",
                "  - clusters[0] (flink-jobs/state-machine): FlinkCluster \"state-machine\": flinkConfiguration[\"parallelism.defualt\"]: is not a Flink 2.2 configuration key; did you mean \"parallelism.default\"?",
                "  - clusters[0] (flink-jobs/state-machine): FlinkCluster \"state-machine\": flinkConfiguration[\"taskmanager.numberOfTaskSlots\"]: \"4\" is not valid; expected no value here: it is set by taskManager.taskSlots; set that field instead",
                "  - clusters[0] (flink-jobs/state-machine): FlinkCluster \"state-machine\": taskManager.memory: \"512Mi\" is too small for the TaskManager in Flink 2.0: it leaves a task heap of -281.6 MiB: Total Flink Memory 64 MiB (the process size less JVM overhead 192 MiB and JVM metaspace 256 MiB) less framework heap 128 MiB, framework off-heap 128 MiB, task off-heap 0 B, managed memory 25.6 MiB (taskmanager.memory.managed.fraction 0.4) and network memory 64 MiB; the smallest container that works is 982Mi",
                "  - clusters[0] (flink-jobs/state-machine): FlinkCluster \"state-machine\": sessionJobs: session jobs run on a session cluster; this is an application cluster (it has a job)",
            ].join("\n")],
            ["every problem across clusters at once (a name used twice, a ServiceAccount without RBAC, an unknown namespace, each directory clash) with each cluster's own", { clusters: [
                { ...stateMachine(), storage: { checkpointDir: "s3://b/shared/cp", savepointDir: "s3://b/shared/sp" } },
                { ...stateMachine(), name: "other", storage: { checkpointDir: "s3://b/shared/cp", savepointDir: "s3://b/shared" } },
                { ...stateMachine(), name: "other", serviceAccountName: "jobs", checkpointing: { interval: "5 ms" } },
                { ...stateMachine(), name: "lost", namespace: "nowhere" },
            ] }, [
                "8 problems:",
                "  - FlinkPlatform: clusters[2].name: \"other\" is used twice in namespace \"flink-jobs\"; FlinkDeployment names are unique per namespace",
                "  - FlinkPlatform: clusters[2].serviceAccountName: \"jobs\" has no RBAC in namespace \"flink-jobs\" (the JobManager could not create TaskManager pods); the platform's ServiceAccount there is \"flink\": remove the field, or set namespaces[0].serviceAccountName",
                "  - FlinkPlatform: clusters[3].namespace: \"nowhere\" is not valid; expected one of the platform's namespaces (\"flink-jobs\")",
                "  - clusters[2] (flink-jobs/other): FlinkCluster \"other\": checkpointing.interval: \"5 ms\" is not valid; expected a Flink duration of at least 10 ms",
                "  - FlinkPlatform: clusters[2].storage.highAvailabilityDir: \"file:///flink-state/flink-jobs/other/ha\" overlaps clusters[1].storage.highAvailabilityDir \"file:///flink-state/flink-jobs/other/ha\"; every cluster needs HA, checkpoint and savepoint directories of its own",
                "  - FlinkPlatform: clusters[1].storage.savepointDir: \"s3://b/shared\" overlaps clusters[0].storage.checkpointDir \"s3://b/shared/cp\"; every cluster needs HA, checkpoint and savepoint directories of its own",
                "  - FlinkPlatform: clusters[1].storage.checkpointDir: \"s3://b/shared/cp\" overlaps clusters[0].storage.checkpointDir \"s3://b/shared/cp\"; every cluster needs HA, checkpoint and savepoint directories of its own",
                "  - FlinkPlatform: clusters[1].storage.savepointDir: \"s3://b/shared\" overlaps clusters[0].storage.savepointDir \"s3://b/shared/sp\"; every cluster needs HA, checkpoint and savepoint directories of its own",
            ].join("\n")],
            ["a directory clash named by the clusters' own indices when a cluster before them is not placed", { clusters: [
                { ...stateMachine(), name: "lost", namespace: "nowhere" },
                { ...stateMachine(), storage: { checkpointDir: "s3://b/shared/cp", savepointDir: "s3://b/a/sp" } },
                { ...stateMachine(), name: "other", storage: { checkpointDir: "s3://b/shared/cp", savepointDir: "s3://b/b/sp" } },
            ] }, [
                "2 problems:",
                '  - FlinkPlatform: clusters[0].namespace: "nowhere" is not valid; expected one of the platform\'s namespaces ("flink-jobs")',
                '  - FlinkPlatform: clusters[2].storage.checkpointDir: "s3://b/shared/cp" overlaps clusters[1].storage.checkpointDir "s3://b/shared/cp"; every cluster needs HA, checkpoint and savepoint directories of its own',
            ].join("\n")],
            ["the operator's and monitoring's problems with the clusters', each named by the field the user wrote", {
                clusters: [{ ...stateMachine(), savepoints: { maxCount: 0 } }, { ...sessions(), upgrade: { strategy: "blue-green" } }],
                operator: { webhook: { enabled: false }, chart: "https://example.com/chart.tgz" },
                monitoring: { thresholds: { restartWindow: "30s1m" } },
            }, [
                "4 problems:",
                '  - clusters[0] (flink-jobs/state-machine): FlinkCluster "state-machine": savepoints.maxCount: 0 is not valid; expected a whole number ≥ 1',
                '  - clusters[1] (flink-jobs/sessions): FlinkCluster "sessions": upgrade.strategy: "blue-green" upgrades the job of an application cluster (the operator starts the new deployment\'s job from a savepoint of the old one\'s); this is a session cluster (no job): upgrade it in place',
                '  - FlinkPlatform: operator.chart: "https://example.com/chart.tgz" is not valid; expected a local chart (a directory or a .tgz) at a path starting with ./, ../ or /, or an OCI reference oci://<registry>/<path>/flink-kubernetes-operator without a tag or digest (the chart version is operator.version); a Helm repository goes in operator.chartRepository',
                '  - FlinkPlatform: monitoring.thresholds.restartWindow: "30s1m" is not valid; expected a Prometheus duration: whole numbers each followed by a unit, the units in the order y, w, d, h, m, s, ms and each at most once, such as "5m", "90s" or "1h30m", longer than 0',
            ].join("\n")],
            ["a misspelt stack config key", { cluster: [stateMachine()] },
                "stack config: flink-platform:cluster: unknown key; did you mean flink-platform:clusters?"],
        ];
        for (const [what, overrides, message] of cases) {
            it(what, () => assertRefuses(runStack("dev", overrides), message));
        }
    });

    describe("takes numbers and booleans written as strings as the value meant", () => {
        it("cpu \"0.5\" (as pulumi config set --path stores 0.5) is 0.5", async () => {
            const { resources } = await runStack("dev", { clusters: [{ ...stateMachine(), taskManager: { cpu: "0.5", memory: "2Gi", taskSlots: "4" } }] });
            const spec = findResource(resources, deploymentType, "flink-flink-jobs/state-machine-deployment").inputs.spec;
            assert.equal(spec.taskManager.resource.cpu, 0.5);
            assert.equal(spec.flinkConfiguration["taskmanager.numberOfTaskSlots"], "4");
        });

        it("highAvailability \"false\" is false, never truthy", async () => {
            const { resources } = await runStack("dev", { clusters: [{ ...stateMachine(), highAvailability: "false" }] });
            const config = findResource(resources, deploymentType, "flink-flink-jobs/state-machine-deployment").inputs.spec.flinkConfiguration;
            assert.equal(config["high-availability.type"], undefined);
        });

        it("operator.install \"false\" installs no operator", async () => {
            const { resources } = await runStack("dev", { operator: { install: "false" } });
            assert.deepEqual(byType(resources, "kubernetes:helm.sh/v4:Chart"), []);
        });

        it("restartStrategy.attempts with exponential-delay sets the attempts before the job fails", async () => {
            const { resources } = await runStack("dev", { clusters: [{ ...stateMachine(), restartStrategy: { type: "exponential-delay", attempts: "5" } }] });
            const config = findResource(resources, deploymentType, "flink-flink-jobs/state-machine-deployment").inputs.spec.flinkConfiguration;
            assert.equal(config["restart-strategy.exponential-delay.attempts-before-reset-backoff"], "5");
        });

        it("memory \"2.5Gi\" (a decimal Kubernetes accepts) is emitted as 2560Mi, which the operator and Flink read alike", async () => {
            const { resources } = await runStack("dev", { clusters: [{ ...stateMachine(), taskManager: { cpu: 1, memory: "2.5Gi" } }] });
            assert.equal(findResource(resources, deploymentType, "flink-flink-jobs/state-machine-deployment").inputs.spec.taskManager.resource.memory, "2560Mi");
        });

        it("a number where a string goes (pipeline.max-parallelism: 128 in YAML) is that string", async () => {
            const { resources } = await runStack("dev", { clusters: [{ ...stateMachine(), flinkConfiguration: { "pipeline.max-parallelism": 128 } }] });
            const config = findResource(resources, deploymentType, "flink-flink-jobs/state-machine-deployment").inputs.spec.flinkConfiguration;
            assert.equal(config["pipeline.max-parallelism"], "128");
        });

        it("webhook.enabled \"false\" and quota.pods \"40\" are false and 40", async () => {
            const { resources } = await runStack("dev", { operator: { webhook: { enabled: "false" } }, namespaces: [{ name: "flink-jobs", quota: { pods: "40" } }] });
            assert.equal(findResource(resources, "kubernetes:helm.sh/v4:Chart", "flink-operator-chart").inputs.values.webhook.create, false);
            assert.equal(findResource(resources, "kubernetes:core/v1:ResourceQuota", "flink-flink-jobs-quota").inputs.spec.hard.pods, "40");
        });

        it("clusters whose 0.1.0 resource names were one (namespace team + cluster a-x, namespace team-a + cluster x) get names of their own, and no alias to the shared one", async () => {
            const { resources } = await runStack("dev", {
                namespaces: [{ name: "team" }, { name: "team-a" }],
                clusters: [{ ...stateMachine(), namespace: "team", name: "a-x" }, { ...stateMachine(), namespace: "team-a", name: "x" }],
            });
            const deployments = byType(resources, deploymentType);
            assert.deepEqual(deployments.map((d) => [d.name, d.inputs.metadata.namespace, d.inputs.metadata.name, d.aliases]),
                [["flink-team/a-x-deployment", "team", "a-x", []], ["flink-team-a/x-deployment", "team-a", "x", []]]);
        });

        it("session jobs whose 0.1.0 names were one (cluster a + job b-x, cluster a-b + job x) get names of their own; the clusters keep their aliases", async () => {
            const job = sessions().sessionJobs[0];
            const { resources } = await runStack("dev", {
                clusters: [{ ...sessions(), name: "a", sessionJobs: [{ ...job, name: "b-x" }] }, { ...sessions(), name: "a-b", sessionJobs: [{ ...job, name: "x" }] }],
            });
            // The name at the end of each alias's engine URN (a whole URN or a { name } spec, resolved as the engine does).
            const aliasNames = (r: { aliases?: { urn: string }[] }) => (r.aliases ?? []).map((alias) => alias.urn.split("::").pop());
            assert.deepEqual(byType(resources, "kubernetes:flink.apache.org/v1beta1:FlinkSessionJob").map((r) => [r.name, r.inputs.spec.deploymentName, aliasNames(r)]),
                [["flink-flink-jobs/b-x-session-job", "a", []], ["flink-flink-jobs/x-session-job", "a-b", []]]);
            assert.deepEqual(byType(resources, deploymentType).map((r) => [r.name, aliasNames(r)]),
                [["flink-flink-jobs/a-deployment", ["flink-flink-jobs-a-deployment"]], ["flink-flink-jobs/a-b-deployment", ["flink-flink-jobs-a-b-deployment"]]]);
            // A FlinkPlatform at the top of its stack gives whole URNs (no spec for the engine to complete), the old ones exactly.
            assert.deepEqual(byType(resources, deploymentType).map((r) => r.aliases), [
                [{ urn: "urn:pulumi:dev::flink-platform::flink-platform:index:FlinkPlatform$kubernetes:flink.apache.org/v1beta1:FlinkDeployment::flink-flink-jobs-a-deployment" }],
                [{ urn: "urn:pulumi:dev::flink-platform::flink-platform:index:FlinkPlatform$kubernetes:flink.apache.org/v1beta1:FlinkDeployment::flink-flink-jobs-a-b-deployment" }],
            ]);
        });

        it("checkpointing.enabled \"false\" turns checkpointing off", async () => {
            const { resources } = await runStack("dev", { clusters: [{ ...stateMachine(), checkpointing: { enabled: "false" } }] });
            const config = findResource(resources, deploymentType, "flink-flink-jobs/state-machine-deployment").inputs.spec.flinkConfiguration;
            assert.equal(config["execution.checkpointing.interval"], undefined);
        });
    });

    describe("each field is checked once, where the user wrote it", () => {
        it("args a component builds from its own checked args (marked checked) are taken as they are; the same args unmarked are checked", () => {
            const args = { name: "team-a", environemnt: "dev" };
            assert.throws(() => checkArgs("FlinkNamespace", "ns", { ...args }), (err: Error) => pulumi.RunError.isInstance(err)
                && err.message === 'FlinkNamespace "ns": environemnt: unknown field; did you mean "environment"?');
            const marked = checked({ ...args });
            assert.equal(checkArgs("FlinkNamespace", "ns", marked), marked);
            assert.deepEqual(Object.keys(marked), ["name", "environemnt"], "the mark is no field of the args");
        });
    });
});
