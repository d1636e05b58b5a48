import * as assert from "node:assert/strict";
import { container, deployment, flinkDeployment, namespaceGuards, patch, pod, podSpec, types } from "./fixtures";
import { evaluatePack, messages, policyNamed, reconcileConfig, registered } from "./runner";

describe("policies: resources", () => {
    it("container-resources: passes containers with cpu and memory requests and limits, and FlinkDeployments with resource cpu and memory", async () => {
        assert.deepEqual(await messages("container-resources", [pod(), deployment(), flinkDeployment()]), []);
    });

    it("container-resources: reports missing and invalid requests and limits; ephemeral containers cannot have any and are skipped", async () => {
        const spec = podSpec({
            initContainers: [container("setup", { resources: { requests: { cpu: "lots" } } })],
            containers: [container("app", { resources: { limits: undefined } })],
            ephemeralContainers: [{ name: "debug", image: "busybox:1.36" }],
        });
        assert.deepEqual(await messages("container-resources", pod(spec)), [
            'pod: init container "setup" has an invalid resources.requests.cpu "lots"',
            'pod: container "app" sets no resources.limits.cpu, resources.limits.memory',
        ]);
    });

    it("container-resources: FlinkDeployment resource fields and pod template sidecars (Flink sizes its main container itself)", async () => {
        const resource = flinkDeployment({
            spec: {
                jobManager: { resource: undefined },
                taskManager: {
                    resource: { cpu: "two", memory: "lots" },
                    podTemplate: { spec: { containers: [{ name: "flink-main-container" }, { name: "sidecar", image: "fluent-bit:3.1" }] } },
                },
            },
        });
        assert.deepEqual(await messages("container-resources", resource), [
            'TaskManager pod: container "sidecar" sets no resources.requests.cpu, resources.requests.memory, resources.limits.cpu, resources.limits.memory',
            "spec.jobManager.resource sets no cpu, memory",
            'spec.taskManager.resource.cpu "two" is not a positive number of CPUs',
            'spec.taskManager.resource.memory "lots" is not a memory size',
        ]);
        assert.deepEqual(await messages("container-resources", flinkDeployment({ spec: { taskManager: { resource: { cpu: "2", memory: "4096m" } } } })), [],
            "numbers as strings and Flink memory sizes are accepted");
    });

    it("resource-maxima: per container, limits else requests", async () => {
        assert.deepEqual(await messages("resource-maxima", [pod(), flinkDeployment()]), []);
        const big = pod(podSpec({ containers: [container("app", { resources: { limits: { cpu: "16", memory: "64Gi" } } })] }));
        assert.deepEqual(await messages("resource-maxima", big), [
            'pod: container "app" asks for 16 CPU, above maxContainerCpu 8',
            'pod: container "app" asks for 64Gi of memory, above maxContainerMemory 32Gi',
        ]);
        const requestsOnly = pod(podSpec({ containers: [container("app", { resources: { limits: undefined, requests: { cpu: 6 } } })] }));
        assert.deepEqual(await messages("resource-maxima", requestsOnly, { maxContainerCpu: "4" }), ['pod: container "app" asks for 6 CPU, above maxContainerCpu 4']);
    });

    it("resource-maxima: FlinkDeployment components with their limit factor, and TaskManagers × replicas per cluster", async () => {
        const resource = flinkDeployment({
            spec: {
                flinkConfiguration: { "kubernetes.jobmanager.cpu.limit-factor": "2.5" },
                jobManager: { resource: { cpu: 4, memory: "16g" } },
                taskManager: { resource: { cpu: 2, memory: "8Gi" } },
                job: { parallelism: 66 },
            },
        });
        assert.deepEqual(await messages("resource-maxima", resource), [
            "JobManager: 10 CPU per container (spec.jobManager.resource.cpu × limit factor), above maxContainerCpu 8",
            "TaskManagers: 66 CPU (2 × 33 TaskManagers), above maxClusterCpu 64",
            "TaskManagers: 264Gi of memory (8Gi × 33 TaskManagers), above maxClusterMemory 256Gi",
        ]);
    });

    it("resource-maxima: TaskManager count from replicas, the autoscaler's maximum parallelism, or unknown for a session cluster", async () => {
        const replicas = flinkDeployment({ spec: { taskManager: { replicas: "40" } } });
        assert.deepEqual(await messages("resource-maxima", replicas), ["TaskManagers: 80 CPU (2 × 40 TaskManagers), above maxClusterCpu 64"]);
        const autoscaled = flinkDeployment({ spec: { flinkConfiguration: { "job.autoscaler.enabled": "true", "job.autoscaler.vertex.max-parallelism": "80" } } });
        assert.deepEqual(await messages("resource-maxima", autoscaled), ["TaskManagers: 80 CPU (2 × 40 TaskManagers), above maxClusterCpu 64"]);
        const session = flinkDeployment({ spec: { job: undefined, taskManager: { resource: { cpu: 8 } } } });
        assert.deepEqual(await messages("resource-maxima", session), [], "a session cluster's TaskManagers are bounded by the namespace quota only");
    });

    it("namespace-quota-and-limits: every namespace with workloads has a ResourceQuota and a LimitRange", async () => {
        assert.deepEqual(await messages("namespace-quota-and-limits", [pod(), ...namespaceGuards("apps")]), []);
        // A chart's outputs (what stack policies get in a real deployment) carry no inputs: its rendered objects count instead.
        assert.deepEqual(await messages("namespace-quota-and-limits", { type: types.chart, inputs: { resources: ["urn:x"] } }), []);
        const resources = [
            { type: types.namespace, name: "apps-ns", inputs: { metadata: { name: "apps" } } },
            pod(),
            { type: types.chart, name: "prometheus", inputs: { chart: "kube-prometheus-stack", namespace: "monitoring", values: {} } },
            flinkDeployment(),
            namespaceGuards("flink-jobs")[0],
        ].map(registered);
        const config = reconcileConfig({}, [policyNamed("namespace-quota-and-limits")]);
        const { violations } = await evaluatePack(resources, config, { policies: [policyNamed("namespace-quota-and-limits")] });
        assert.deepEqual(violations.map((v) => [v.message, v.urn?.split("::").pop()]), [
            ['namespace "apps" has workloads but no ResourceQuota', "apps-ns"],
            ['namespace "apps" has workloads but no LimitRange', "apps-ns"],
            ['namespace "monitoring" has workloads but no ResourceQuota', "prometheus"],
            ['namespace "monitoring" has workloads but no LimitRange', "prometheus"],
            ['namespace "flink-jobs" has workloads but no LimitRange', "flink-jobs-orders"],
        ]);
    });

    it("namespace-quota-and-limits: an object without a namespace lands in the provider's default namespace, else \"default\"", async () => {
        const provider = { type: "pulumi:providers:kubernetes", name: "team", urn: "urn:pulumi:test::test::pulumi:providers:kubernetes::team", inputs: { namespace: "team" } };
        const inTeam = patch(pod(), { inputs: { metadata: { namespace: undefined } } });
        const resources = [
            provider,
            { ...inTeam, name: "in-team", provider: `${provider.urn}::team-id` },
            { ...inTeam, name: "in-default" },
            ...namespaceGuards("team"),
        ];
        assert.deepEqual(await messages("namespace-quota-and-limits", resources), [
            'namespace "default" has workloads but no ResourceQuota',
            'namespace "default" has workloads but no LimitRange',
        ]);
        assert.deepEqual(await messages("namespace-quota-and-limits", resources, { exemptNamespaces: ["def*"] }), []);
    });
});
