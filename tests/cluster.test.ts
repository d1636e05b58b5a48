import * as assert from "node:assert/strict";
import { FlinkCluster } from "../sdk/cluster";
import { DeploymentMode, FlinkClusterArgs, JobState, RestartStrategy, StateBackend, UpgradeMode } from "../sdk/flink/args/cluster";
import { isKnownFlinkKey } from "../sdk/flink/config-keys";
import { Environment } from "../sdk/flink/environment";
import { log4jConsoleProperties } from "../sdk/flink/logging";
import { FlinkVersion } from "../sdk/flink/versions";
import { byType, findResource, RegisteredResource, runProgram } from "./harness/mocks";
import { validateRegistered } from "./harness/schemas";
import { restrictedContainer } from "./expected";

const run = (args: Partial<FlinkClusterArgs>) =>
    runProgram(() => new FlinkCluster("c", { name: "orders", namespace: "team-a", ...args } as FlinkClusterArgs));
const deploymentOf = (resources: RegisteredResource[]) => findResource(resources, "kubernetes:flink.apache.org/v1beta1:FlinkDeployment", "c-deployment");
const specOf = async (args: Partial<FlinkClusterArgs>) => deploymentOf((await run(args)).resources).inputs.spec;

const storage = { checkpointDir: "s3://bucket/team-a/orders/checkpoints", savepointDir: "s3://bucket/team-a/orders/savepoints" };
const haStorage = { ...storage, highAvailabilityDir: "s3://bucket/team-a/orders/ha" };
const application = { job: { jarURI: "local:///opt/flink/usrlib/app.jar", entryClass: "com.acme.Orders", args: ["--topic", "orders"] }, storage };

describe("FlinkCluster", () => {
    it("a session cluster by default: official 2.2 image, the job ServiceAccount, native mode, sized JobManager and TaskManager", async () => {
        const { resources } = await run({});
        const deployment = deploymentOf(resources).inputs;
        assert.deepEqual(deployment.metadata, {
            name: "orders",
            namespace: "team-a",
            labels: {
                "app.kubernetes.io/name": "flink-cluster",
                "app.kubernetes.io/instance": "orders",
                "app.kubernetes.io/part-of": "flink-platform",
                "app.kubernetes.io/managed-by": "pulumi",
            },
            // pulumi up waits until the operator reports the session cluster's JobManager ready, for 10 minutes at most.
            annotations: {
                "pulumi.com/waitFor": '["jsonpath={.status.lifecycleState}=STABLE","jsonpath={.status.jobManagerDeploymentStatus}=READY"]',
                "pulumi.com/timeoutSeconds": "600",
            },
        });
        const spec = deployment.spec;
        assert.equal(spec.flinkVersion, "v2_2");
        assert.equal(spec.image, "flink:2.2.1-java17");
        assert.equal(spec.imagePullPolicy, "IfNotPresent");
        assert.equal(spec.serviceAccount, "flink");
        assert.equal(spec.mode, "native");
        assert.equal(spec.job, undefined);
        assert.equal(spec.ingress, undefined);
        assert.deepEqual({ replicas: spec.jobManager.replicas, resource: spec.jobManager.resource }, { replicas: 1, resource: { cpu: 1, memory: "2Gi", ephemeralStorage: "2Gi" } });
        assert.deepEqual({ replicas: spec.taskManager.replicas, resource: spec.taskManager.resource }, { replicas: undefined, resource: { cpu: 2, memory: "4Gi", ephemeralStorage: "10Gi" } });
        assert.deepEqual(spec.logConfiguration, { "log4j-console.properties": log4jConsoleProperties });
        assert.equal(deploymentOf(resources).options.protect, false);
        assert.deepEqual(await validateRegistered(resources), []);
    });

    it("configures checkpointing, RocksDB, restarts, metrics and a ClusterIP REST service, and no memory keys", async () => {
        assert.deepEqual((await specOf({})).flinkConfiguration, {
            "taskmanager.numberOfTaskSlots": "2",
            "kubernetes.rest-service.exposed.type": "ClusterIP",
            "metrics.reporter.prom.factory.class": "org.apache.flink.metrics.prometheus.PrometheusReporterFactory",
            "metrics.reporter.prom.port": "9249",
            "state.backend.type": "rocksdb",
            "execution.checkpointing.interval": "1 min",
            "execution.checkpointing.mode": "EXACTLY_ONCE",
            "execution.checkpointing.externalized-checkpoint-retention": "RETAIN_ON_CANCELLATION",
            "execution.checkpointing.incremental": "true",
            "restart-strategy.type": "exponential-delay",
        });
    });

    it("hardens JobManager and TaskManager pods, with emptyDirs where Flink writes and the image's plugins left visible", async () => {
        const spec = await specOf({ taskManager: { ephemeralStorage: "20Gi" } });
        for (const [component, manager, tmpSize] of [["jobmanager", spec.jobManager, "2Gi"], ["taskmanager", spec.taskManager, "20Gi"]]) {
            const pod = manager.podTemplate.spec;
            assert.deepEqual(pod.securityContext, { runAsNonRoot: true, runAsUser: 9999, runAsGroup: 9999, fsGroup: 9999, seccompProfile: { type: "RuntimeDefault" } });
            assert.equal(pod.containers.length, 1);
            const container = pod.containers[0];
            assert.equal(container.name, "flink-main-container");
            assert.deepEqual(container.securityContext, restrictedContainer);
            assert.deepEqual(container.ports, [{ name: "metrics", containerPort: 9249, protocol: "TCP" }]);
            assert.deepEqual(container.volumeMounts, [
                { name: "tmp", mountPath: "/tmp" },
                { name: "flink-logs", mountPath: "/opt/flink/log" },
                { name: "flink-artifacts", mountPath: "/opt/flink/artifacts" },
            ]);
            assert.deepEqual(pod.volumes, [
                { name: "tmp", emptyDir: { sizeLimit: tmpSize } },
                { name: "flink-logs", emptyDir: { sizeLimit: "1Gi" } },
                { name: "flink-artifacts", emptyDir: { sizeLimit: "2Gi" } },
            ]);
            assert.deepEqual(container.env, [
                { name: "POD_NAMESPACE", valueFrom: { fieldRef: { fieldPath: "metadata.namespace" } } },
                { name: "FLINK_CLUSTER", value: "orders" },
                { name: "FLINK_COMPONENT", value: component },
            ]);
            assert.deepEqual(pod.topologySpreadConstraints, [
                { maxSkew: 1, topologyKey: "kubernetes.io/hostname", whenUnsatisfiable: "ScheduleAnyway", labelSelector: { matchLabels: { app: "orders", component } } },
                { maxSkew: 1, topologyKey: "topology.kubernetes.io/zone", whenUnsatisfiable: "ScheduleAnyway", labelSelector: { matchLabels: { app: "orders", component } } },
            ]);
        }
        assert.equal(spec.podTemplate, undefined, "no shared base template: JobManager and TaskManager templates are complete");
    });

    it("logs one JSON object per line with namespace, cluster and component", () => {
        const pattern = log4jConsoleProperties.split("\n").find((line) => line.startsWith("appender.console.layout.pattern"));
        assert.equal(pattern, "appender.console.layout.pattern = {" +
            `"time":"%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX}{UTC}","level":"%p","logger":"%enc{%c}{JSON}","thread":"%enc{%t}{JSON}",` +
            `"namespace":"\${env:POD_NAMESPACE:-}","cluster":"\${env:FLINK_CLUSTER:-}","component":"\${env:FLINK_COMPONENT:-}",` +
            `"message":"%enc{%m}{JSON}","exception":"%enc{%throwable}{JSON}"}%n`);
    });

    it("an application cluster: the job, savepoint upgrades with durable storage, no submit or cancel through REST, a savepoint before deletion", async () => {
        const spec = await specOf(application);
        assert.deepEqual(spec.job, {
            jarURI: "local:///opt/flink/usrlib/app.jar",
            entryClass: "com.acme.Orders",
            args: ["--topic", "orders"],
            parallelism: 2,
            state: "running",
            upgradeMode: "savepoint",
        });
        const config = spec.flinkConfiguration;
        assert.equal(config["execution.checkpointing.dir"], storage.checkpointDir);
        assert.equal(config["execution.checkpointing.savepoint-dir"], storage.savepointDir);
        assert.equal(config["web.submit.enable"], "false");
        assert.equal(config["web.cancel.enable"], "false");
        assert.equal(config["kubernetes.operator.job.savepoint-on-deletion"], "true");
        assert.equal(config["high-availability.type"], undefined);
    });

    it("picks last-state with only a checkpoint directory, and takes an explicit mode and state", async () => {
        assert.equal((await specOf({ job: application.job, storage: { checkpointDir: storage.checkpointDir } })).job.upgradeMode, "last-state");
        const job = (await specOf({ ...application, job: { ...application.job, upgradeMode: UpgradeMode.LastState, state: JobState.Suspended, parallelism: 6 } })).job;
        assert.deepEqual([job.upgradeMode, job.state, job.parallelism], ["last-state", "suspended", 6]);
    });

    it("with HA: Kubernetes HA, two JobManagers that must land on different nodes, and a PodDisruptionBudget", async () => {
        const { resources } = await run({ ...application, storage: haStorage });
        const spec = deploymentOf(resources).inputs.spec;
        assert.equal(spec.flinkConfiguration["high-availability.type"], "kubernetes");
        assert.equal(spec.flinkConfiguration["high-availability.storageDir"], haStorage.highAvailabilityDir);
        assert.equal(spec.jobManager.replicas, 2);
        assert.equal(spec.jobManager.podTemplate.spec.topologySpreadConstraints[0].whenUnsatisfiable, "DoNotSchedule");
        assert.equal(spec.taskManager.podTemplate.spec.topologySpreadConstraints[0].whenUnsatisfiable, "ScheduleAnyway");
        const budget = findResource(resources, "kubernetes:policy/v1:PodDisruptionBudget", "c-jobmanager-budget").inputs;
        assert.deepEqual(budget.metadata.name, "orders-jobmanager");
        assert.deepEqual(budget.metadata.namespace, "team-a");
        assert.deepEqual(budget.spec, { maxUnavailable: 1, selector: { matchLabels: { app: "orders", component: "jobmanager" } } });
        assert.equal(byType(resources, "kubernetes:policy/v1:PodDisruptionBudget").length, 1);
        assert.deepEqual(await validateRegistered(resources), []);
    });

    it("without HA creates no PodDisruptionBudget (one JobManager has nothing to protect)", async () => {
        const { resources } = await run(application);
        assert.equal(byType(resources, "kubernetes:policy/v1:PodDisruptionBudget").length, 0);
    });

    it("the operator's autoscaler with bounds, on the adaptive scheduler", async () => {
        const config = (await specOf({
            ...application,
            autoscaler: { enabled: true, minParallelism: 2, maxParallelism: 16, targetUtilization: 0.6, metricsWindow: "10 min", stabilizationInterval: "5 min" },
        })).flinkConfiguration;
        assert.deepEqual(Object.fromEntries(Object.entries(config).filter(([k]) => k.startsWith("job.autoscaler") || k === "jobmanager.scheduler")), {
            "job.autoscaler.enabled": "true",
            "jobmanager.scheduler": "adaptive",
            "job.autoscaler.vertex.min-parallelism": "2",
            "job.autoscaler.vertex.max-parallelism": "16",
            "job.autoscaler.utilization.target": "0.6",
            "job.autoscaler.metrics.window": "10 min",
            "job.autoscaler.stabilization.interval": "5 min",
        });
    });

    it("reactive mode: standalone, scheduler-mode reactive, a HorizontalPodAutoscaler on the FlinkDeployment's scale subresource", async () => {
        const { resources } = await run({ ...application, taskManager: { replicas: 2 }, reactive: { enabled: true, minReplicas: 2, maxReplicas: 10, targetCpuUtilization: 60 } });
        const spec = deploymentOf(resources).inputs.spec;
        assert.equal(spec.mode, "standalone");
        assert.equal(spec.flinkConfiguration["scheduler-mode"], "reactive");
        const hpa = findResource(resources, "kubernetes:autoscaling/v2:HorizontalPodAutoscaler", "c-autoscaler").inputs;
        assert.deepEqual(hpa.spec, {
            scaleTargetRef: { apiVersion: "flink.apache.org/v1beta1", kind: "FlinkDeployment", name: "orders" },
            minReplicas: 2,
            maxReplicas: 10,
            metrics: [{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 60 } } }],
        });
        assert.equal(hpa.metadata.namespace, "team-a");
        assert.deepEqual(findResource(resources, "kubernetes:policy/v1:PodDisruptionBudget", "c-taskmanager-budget").inputs.spec.selector,
            { matchLabels: { app: "orders", component: "taskmanager" } });
        assert.deepEqual(await validateRegistered(resources), []);
    });

    it("an Ingress with TLS and authentication, on a host without path rewriting", async () => {
        const annotations = { "nginx.ingress.kubernetes.io/auth-url": "https://oauth2.example.com/oauth2/auth" };
        const spec = await specOf({ ingress: { host: "orders.flink.example.com", tlsSecretName: "orders-tls", className: "nginx", annotations } });
        assert.deepEqual(spec.ingress, {
            template: "orders.flink.example.com",
            className: "nginx",
            annotations,
            tls: [{ hosts: ["orders.flink.example.com"], secretName: "orders-tls" }],
        });
        assert.equal(spec.flinkConfiguration["kubernetes.rest-service.exposed.type"], "ClusterIP");
    });

    it("places pods by node selector, tolerations and priority class", async () => {
        const spec = await specOf({
            scheduling: {
                nodeSelector: { pool: "flink" },
                tolerations: [{ key: "dedicated", operator: "Equal", value: "flink", effect: "NoSchedule" }],
                priorityClassName: "flink-critical",
                zoneTopologyKey: "topology.gke.io/zone",
            },
        });
        for (const manager of [spec.jobManager, spec.taskManager]) {
            const pod = manager.podTemplate.spec;
            assert.deepEqual(pod.nodeSelector, { pool: "flink" });
            assert.deepEqual(pod.tolerations, [{ key: "dedicated", operator: "Equal", value: "flink", effect: "NoSchedule" }]);
            assert.equal(pod.priorityClassName, "flink-critical");
            assert.equal(pod.topologySpreadConstraints[1].topologyKey, "topology.gke.io/zone");
        }
    });

    it("takes the state backend, checkpointing and restart strategy from args", async () => {
        const config = (await specOf({
            stateBackend: StateBackend.HashMap,
            checkpointing: { interval: "30 s", timeout: "5 min", minPause: "10 s", tolerableFailures: 3, retained: 2 },
            restartStrategy: { type: RestartStrategy.FixedDelay, attempts: 5, delay: "20 s" },
        })).flinkConfiguration;
        assert.equal(config["state.backend.type"], "hashmap");
        assert.equal(config["execution.checkpointing.incremental"], undefined);
        assert.equal(config["execution.checkpointing.interval"], "30 s");
        assert.equal(config["execution.checkpointing.timeout"], "5 min");
        assert.equal(config["execution.checkpointing.min-pause"], "10 s");
        assert.equal(config["execution.checkpointing.tolerable-failed-checkpoints"], "3");
        assert.equal(config["execution.checkpointing.num-retained"], "2");
        assert.equal(config["restart-strategy.type"], "fixed-delay");
        assert.equal(config["restart-strategy.fixed-delay.attempts"], "5");
        assert.equal(config["restart-strategy.fixed-delay.delay"], "20 s");
        const off = (await specOf({ checkpointing: { enabled: false } })).flinkConfiguration;
        assert.equal(Object.keys(off).some((k) => k.startsWith("execution.checkpointing")), false);
    });

    it("merges extra Flink configuration last", async () => {
        const config = (await specOf({ flinkConfiguration: { "kubernetes.rest-service.exposed.type": "Headless_ClusterIP", "pipeline.max-parallelism": "128" } })).flinkConfiguration;
        assert.equal(config["kubernetes.rest-service.exposed.type"], "Headless_ClusterIP");
        assert.equal(config["pipeline.max-parallelism"], "128");
    });

    it("emits only configuration keys valid for each supported Flink version", async () => {
        for (const flinkVersion of Object.values(FlinkVersion)) {
            const config = (await specOf({
                ...application,
                flinkVersion,
                storage: haStorage,
                checkpointing: { timeout: "5 min", minPause: "1 s", tolerableFailures: 1, retained: 2 },
                autoscaler: { enabled: true, minParallelism: 1, maxParallelism: 8, targetUtilization: 0.7, metricsWindow: "5 min", stabilizationInterval: "1 min" },
            })).flinkConfiguration;
            for (const type of Object.values(RestartStrategy)) {
                const restart = (await specOf({ flinkVersion, restartStrategy: { type, ...(type === "none" ? {} : type === "exponential-delay" ? { delay: "1 s", maxDelay: "1 min" } : { attempts: 3, delay: "1 s", ...(type === "failure-rate" ? { maxDelay: "5 min" } : {}) }) } })).flinkConfiguration;
                Object.assign(config, restart);
            }
            Object.assign(config, (await specOf({ ...application, flinkVersion, reactive: { enabled: true, maxReplicas: 3 } })).flinkConfiguration);
            const unknown = Object.keys(config).filter((key) => !isKnownFlinkKey(flinkVersion, key));
            assert.deepEqual(unknown, [], flinkVersion);
        }
    });

    it("uses each version's official image and accepts an official image whose tag matches", async () => {
        assert.equal((await specOf({ flinkVersion: FlinkVersion.V1_20 })).image, "flink:1.20.4-java17");
        assert.equal((await specOf({ flinkVersion: FlinkVersion.V2_0, image: "apache/flink:2.0.2-scala_2.12-java17" })).image, "apache/flink:2.0.2-scala_2.12-java17");
        assert.equal((await specOf({ image: "registry.example.com/flink/orders:1.4.0" })).image, "registry.example.com/flink/orders:1.4.0");
    });

    it("protects the FlinkDeployment in prod", async () => {
        const { resources } = await run({ ...application, storage: haStorage, environment: Environment.Prod });
        assert.equal(deploymentOf(resources).options.protect, true);
    });

    it("waits for what its opts depend on (the operator, the namespace, the ServiceAccount)", async () => {
        const { resources } = await runProgram(() => {
            const k8s = require("@pulumi/kubernetes");
            const namespace = new k8s.core.v1.Namespace("ns", { metadata: { name: "team-a" } });
            return new FlinkCluster("c", { name: "orders", namespace: "team-a" }, { dependsOn: [namespace] });
        });
        const namespace = findResource(resources, "kubernetes:core/v1:Namespace", "ns");
        assert.deepEqual(deploymentOf(resources).options.dependsOn, [namespace.urn]);
    });

    describe("rejects bad input", () => {
        const cases: [string, Partial<FlinkClusterArgs>, string][] = [
            ["memory with a space and a unit Kubernetes does not know", { taskManager: { memory: "2 GB" } },
                'FlinkCluster "orders": taskManager.memory: "2 GB" is not valid; expected a Kubernetes memory quantity such as "2Gi", "1536Mi" or "2.5Gi"'],
            ["negative memory", { jobManager: { memory: "-1Gi" } },
                'FlinkCluster "orders": jobManager.memory: "-1Gi" is not valid; expected a Kubernetes memory quantity such as "2Gi", "1536Mi" or "2.5Gi"'],
            ["no cpu", { taskManager: { cpu: 0 } }, 'FlinkCluster "orders": taskManager.cpu: 0 is not valid; expected a number greater than 0'],
            ["negative cpu", { jobManager: { cpu: -1 } }, 'FlinkCluster "orders": jobManager.cpu: -1 is not valid; expected a number greater than 0'],
            ["parallelism 0 without TaskManager replicas", { job: { ...application.job, parallelism: 0 }, storage },
                'FlinkCluster "orders": job.parallelism: 0 is not valid; expected a whole number ≥ 1 (Flink sizes the TaskManagers from it unless taskManager.replicas is set)'],
            ["standby JobManagers without HA", { jobManager: { replicas: 2 } },
                'FlinkCluster "orders": jobManager.replicas: 2 standby JobManagers need high availability; set storage.highAvailabilityDir or use 1 replica'],
            ["HA without a directory", { highAvailability: true },
                'FlinkCluster "orders": highAvailability: is on without storage.highAvailabilityDir; Kubernetes HA keeps JobManager metadata in durable storage, so set the directory'],
            ["last-state without a checkpoint directory", { job: { ...application.job, upgradeMode: UpgradeMode.LastState } },
                'FlinkCluster "orders": job.upgradeMode: "last-state" needs a checkpoint directory (execution.checkpointing.dir); set storage.checkpointDir'],
            ["savepoint without a savepoint directory", { job: { ...application.job, upgradeMode: UpgradeMode.Savepoint }, storage: { checkpointDir: storage.checkpointDir } },
                'FlinkCluster "orders": job.upgradeMode: "savepoint" needs a savepoint directory (execution.checkpointing.savepoint-dir); set storage.savepointDir'],
            ["a job without durable storage and no upgrade mode", { job: application.job },
                'FlinkCluster "orders": job.upgradeMode: has no default without durable storage; set storage.checkpointDir and storage.savepointDir (upgrades then take a savepoint), or upgradeMode "stateless" for a job whose state may be lost'],
            ["stateless upgrades of a stateful job in prod", { job: { ...application.job, upgradeMode: UpgradeMode.Stateless }, storage: haStorage, environment: Environment.Prod },
                'FlinkCluster "orders": job.upgradeMode: "stateless" would drop the state of a stateful job on every upgrade, which prod refuses; use savepoint or last-state with durable storage, or mark the job stateful: false'],
            ["an unknown Flink version", { flinkVersion: "v1_18" as FlinkVersion },
                'FlinkCluster "c": flinkVersion: "v1_18" is not valid; expected one of "v1_20", "v2_0", "v2_1", "v2_2"'],
            ["an official image of another version", { flinkVersion: FlinkVersion.V2_2, image: "flink:1.20.4-java17" },
                'FlinkCluster "orders": image: "flink:1.20.4-java17" is not valid; expected an image of Flink 2.2 (flinkVersion v2_2), such as flink:2.2.1-java17'],
            ["the latest image", { image: "flink:latest" },
                'FlinkCluster "orders": image: "flink:latest" is not valid; expected an official image with a version tag such as flink:2.2.1-java17, never latest'],
            ["an untagged custom image", { image: "registry.example.com/flink/orders" },
                'FlinkCluster "orders": image: "registry.example.com/flink/orders" is not valid; expected an image with a pinned tag or digest, never latest'],
            ["ForSt on Flink 1.20", { flinkVersion: FlinkVersion.V1_20, stateBackend: StateBackend.ForSt },
                'FlinkCluster "orders": stateBackend: "forst" is not valid; expected "hashmap" or "rocksdb" on Flink 1.20 (ForSt needs Flink 2.x)'],
            ["an Ingress without TLS", { ingress: { host: "orders.flink.example.com", annotations: { "nginx.ingress.kubernetes.io/auth-url": "https://auth" } } as never },
                'FlinkCluster "c": ingress.tlsSecretName: is required'],
            ["an Ingress without authentication", { ingress: { host: "orders.flink.example.com", tlsSecretName: "orders-tls" } },
                'FlinkCluster "orders": ingress: the Flink REST API has no authentication and runs submitted code; add an annotation that makes the Ingress controller authenticate (one of nginx.ingress.kubernetes.io/auth-url, nginx.ingress.kubernetes.io/auth-type, alb.ingress.kubernetes.io/auth-type, traefik.ingress.kubernetes.io/router.middlewares, haproxy-ingress.github.io/auth-url, konghq.com/plugins), or set behindAuthenticatingProxy when a proxy in front of it does'],
            ["a REST service exposed outside the cluster", { flinkConfiguration: { "kubernetes.rest-service.exposed.type": "LoadBalancer" } },
                'FlinkCluster "orders": flinkConfiguration["kubernetes.rest-service.exposed.type"]: "LoadBalancer" is not valid; expected "ClusterIP" or "Headless_ClusterIP": the REST API has no authentication; expose it through ingress'],
            ["Flink pods in the host network", { flinkConfiguration: { "kubernetes.hostnetwork.enabled": "true" } },
                'FlinkCluster "orders": flinkConfiguration["kubernetes.hostnetwork.enabled"]: "true" is not valid; expected "false": Flink pods do not run in the host network'],
            ["an unknown Flink key", { flinkConfiguration: { "execution.checkpointing.intervall": "10 s" } },
                'FlinkCluster "orders": flinkConfiguration["execution.checkpointing.intervall"]: is not a Flink 2.2 configuration key; did you mean "execution.checkpointing.interval"?'],
            ["a key the operator sets", { flinkConfiguration: { "kubernetes.cluster-id": "x" } },
                `FlinkCluster "orders": flinkConfiguration["kubernetes.cluster-id"]: is set by the operator from the FlinkDeployment's namespace and name; remove it`],
            ["credentials in the configuration", { flinkConfiguration: { "s3.secret-key": "hunter2" } },
                'FlinkCluster "orders": flinkConfiguration["s3.secret-key"]: credentials do not belong in flinkConfiguration, which is stored in plain text in the FlinkDeployment and its ConfigMap; use workload identity, or a Kubernetes Secret passed to the pods as environment variables'],
            ["a memory key that contradicts the container size", { flinkConfiguration: { "taskmanager.memory.process.size": "8g" } },
                'FlinkCluster "orders": flinkConfiguration["taskmanager.memory.process.size"]: contradicts taskManager.memory, from which the operator derives the process size; set taskManager.memory instead'],
            ["a name longer than 45 characters", { name: "a".repeat(46) },
                `FlinkCluster "${"a".repeat(46)}": name: "${"a".repeat(46)}" is not valid; expected lowercase letters, digits or '-', starting with a letter and ending with a letter or digit, at most 45 characters (the operator's rule for FlinkDeployment names)`],
            ["a name that does not start with a letter", { name: "1-orders" },
                `FlinkCluster "1-orders": name: "1-orders" is not valid; expected lowercase letters, digits or '-', starting with a letter and ending with a letter or digit, at most 45 characters (the operator's rule for FlinkDeployment names)`],
            ["reactive mode on a session cluster", { reactive: { enabled: true, maxReplicas: 4 } },
                'FlinkCluster "orders": reactive: scales the job of an application cluster; this is a session cluster (no job)'],
            ["reactive mode in native mode", { ...application, mode: DeploymentMode.Native, reactive: { enabled: true, maxReplicas: 4 } },
                'FlinkCluster "orders": mode: "native" is not valid; expected "standalone" with reactive mode (the HorizontalPodAutoscaler scales the TaskManager Deployment)'],
            ["reactive mode without a maximum", { ...application, reactive: { enabled: true } },
                'FlinkCluster "orders": reactive.maxReplicas: is required with reactive mode; set the most TaskManagers the autoscaler may run'],
            ["both autoscalers", { ...application, reactive: { enabled: true, maxReplicas: 4 }, autoscaler: { enabled: true } },
                'FlinkCluster "orders": reactive: and autoscaler are both enabled; choose the operator\'s autoscaler (native) or reactive mode (standalone)'],
            ["a restart setting of another strategy", { restartStrategy: { type: RestartStrategy.None, attempts: 3 } },
                'FlinkCluster "orders": restartStrategy.attempts: does not apply to the none strategy; remove it'],
            ["a malformed duration", { checkpointing: { interval: "10 seconds later" } },
                'FlinkCluster "orders": checkpointing.interval: "10 seconds later" is not valid; expected a Flink duration: a whole number and a unit (ms, s, min, h, d), such as "30 s" or "1 min"'],
            ["session jobs on an application cluster", { ...application, sessionJobs: [{ name: "x", jarURI: "https://example.com/x.jar", upgradeMode: UpgradeMode.Stateless }] },
                'FlinkCluster "orders": sessionJobs: session jobs run on a session cluster; this is an application cluster (it has a job)'],
        ];
        for (const [what, args, message] of cases) {
            it(what, async () => {
                await assert.rejects(run(args), { message });
            });
        }
    });
});
