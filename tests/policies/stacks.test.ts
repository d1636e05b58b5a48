import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { internalErrorPrefix } from "../../policies/lib/policy";
import { RegisteredResource, runProgram } from "../harness/mocks";
import { stacks } from "../stack-cases";
import { types } from "./fixtures";
import { insecureProgram } from "./insecure-program";
import { envConfig, evaluatePack, lines, reconcileConfig, readConfigFile, registered } from "./runner";

const repoRoot = path.resolve(__dirname, "..", "..");

const restrictedFlink = (pod: string) => [
    `pss-restricted: ${pod}: Privilege Escalation: container "flink-main-container" must set securityContext.allowPrivilegeEscalation=false`,
    `pss-restricted: ${pod}: Running as Non-root: pod or container "flink-main-container" must set securityContext.runAsNonRoot=true`,
    `pss-restricted: ${pod}: Seccomp: pod or container "flink-main-container" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"`,
    `pss-restricted: ${pod}: Capabilities: container "flink-main-container" must drop ALL capabilities (securityContext.capabilities.drop: ["ALL"])`,
];

const prodRegistries = "docker.io/library/flink, docker.io/apache/flink, docker.io/apache/flink-kubernetes-operator, "
    + "ghcr.io/apache/flink-kubernetes-operator, quay.io/jetstack, quay.io/oauth2-proxy/oauth2-proxy, registry.acme.example, acme.azurecr.io";

/** Every violation the insecure program gets at the prod config, advisory ones included. */
const insecureViolations = [
    // The privileged pod.
    'pss-baseline: pod: Privileged Containers: container "shell" must not set securityContext.privileged=true',
    'pss-baseline: pod: HostPath Volumes: volume "host" must not use hostPath',
    'pss-restricted: pod: Volume Types: volume "host" must not use hostPath (allowed: configMap, csi, downwardAPI, emptyDir, ephemeral, image, persistentVolumeClaim, projected, secret)',
    'pss-restricted: pod: Privilege Escalation: container "shell" must set securityContext.allowPrivilegeEscalation=false',
    'pss-restricted: pod: Running as Non-root: pod or container "shell" must set securityContext.runAsNonRoot=true',
    'pss-restricted: pod: Seccomp: pod or container "shell" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"',
    'pss-restricted: pod: Capabilities: container "shell" must drop ALL capabilities (securityContext.capabilities.drop: ["ALL"])',
    'container-resources: pod: container "shell" sets no resources.requests.cpu, resources.requests.memory, resources.limits.cpu, resources.limits.memory',
    'image-tag: pod: container "shell": image "ubuntu:latest" uses the latest tag; pin a version tag or a digest',
    `image-registry: pod: container "shell": image "ubuntu:latest" (docker.io/library/ubuntu) is not from an allowed registry (${prodRegistries})`,
    'image-digest: pod: container "shell": image "ubuntu:latest" is not pinned by a sha256 digest',
    'pod-service-account: pod: runs as the namespace\'s "default" ServiceAccount; set serviceAccountName to a dedicated one',
    'pod-service-account: pod: mounts the token of ServiceAccount "insecure/default": neither the pod nor a ServiceAccount of the stack sets '
        + "automountServiceAccountToken: false; set it on either, or list the ServiceAccount in apiClients if the pod calls the Kubernetes API",
    // The NodePort Service.
    "service-exposure: type NodePort opens the Service on every node's address; use ClusterIP (and an Ingress or an internal load balancer)",
    // The wildcard ClusterRole and its binding to system:anonymous.
    "rbac-no-wildcards: rules[0] uses a wildcard in verbs, resources, apiGroups; list them explicitly",
    "rbac-no-secret-read: rules[0] lets it read secrets (*); workloads get credentials from their own mounted Secrets or workload identity",
    'rbac-no-escalation: rules[0] grants every verb ("*") on "*", which includes escalate and bind on roles and clusterroles, and impersonate on users, '
        + "groups, serviceaccounts, uids and userextras: the holder can gain permissions it does not have",
    "rbac-no-escalation: rules[0] grants pods/exec (*) through resources \"*\": a shell in any pod of its scope (with that pod's ServiceAccount and mounted Secrets)",
    'rbac-no-escalation: rules[0] grants pods/attach (*) through resources "*": the stdin and output of the running process of any container in its scope, '
        + "a shell where that process is one (with that pod's ServiceAccount and mounted Secrets)",
    'rbac-no-escalation: rules[0] grants pods/portforward (*) through resources "*": connections to any port of any pod in its scope from inside the pod, '
        + "ports bound to localhost included, past NetworkPolicies",
    'rbac-no-escalation: rules[0] grants pods/ephemeralcontainers (*) through resources "*": adding a container with any image and command to a running pod, '
        + "sharing its ServiceAccount, volumes and Secrets",
    'rbac-no-escalation: rules[0] grants nodes/proxy (*) through resources "*": the kubelet API, which runs commands in every pod of the node '
        + "(a websocket GET is enough), past admission control and audit logging",
    'rbac-no-privileged-bindings: subjects[0] binds User "system:anonymous"',
    // The FlinkDeployment: keys in its configuration, a LoadBalancer REST service, stateless upgrades, no HA, no pod templates.
    ...restrictedFlink("JobManager pod"),
    ...restrictedFlink("TaskManager pod"),
    'image-digest: spec.image: image "flink:2.2.1-java17" is not pinned by a sha256 digest',
    'flink-no-credentials: flinkConfiguration["s3.access-key"] holds a credential in plain text (in the resource and the ConfigMap Flink mounts); '
        + "use workload identity, or a Kubernetes Secret passed to the pods as environment variables",
    'flink-no-credentials: flinkConfiguration["s3.secret-key"] holds a credential in plain text (in the resource and the ConfigMap Flink mounts); '
        + "use workload identity, or a Kubernetes Secret passed to the pods as environment variables",
    'flink-rest-exposure: flinkConfiguration["kubernetes.rest-service.exposed.type"] is "LoadBalancer": the REST API has no authentication and runs submitted code; '
        + "keep it ClusterIP or Headless_ClusterIP and reach it through an authenticating Ingress",
    "flink-durable-state: high availability is off: set high-availability.type: kubernetes and high-availability.storageDir",
    "flink-durable-state: high-availability.storageDir is not set",
    "flink-durable-state: execution.checkpointing.dir is not set",
    "flink-durable-state: execution.checkpointing.savepoint-dir is not set",
    'flink-upgrade-mode: spec.job.upgradeMode is "stateless": an upgrade discards the job\'s state; use savepoint or last-state',
    "flink-internal-tls: security.ssl.internal.enabled is not true: traffic between the JobManager and TaskManagers is not encrypted",
    // The namespace they run in.
    'namespace-quota-and-limits: namespace "insecure" has workloads but no ResourceQuota',
    'namespace-quota-and-limits: namespace "insecure" has workloads but no LimitRange',
    'namespace-default-deny: namespace "insecure" has workloads but no default-deny NetworkPolicy for ingress and egress (podSelector: {}, policyTypes without rules)',
    'flink-pod-monitor: FlinkDeployment "insecure/leaky": no PodMonitor selects its JobManager and TaskManager pods',
];

describe("policies: the whole pack on the stacks and examples, with the engine's arguments", () => {
    const registeredBy = new Map<string, RegisteredResource[]>();

    before(async () => {
        for (const stack of stacks.filter((s) => fs.existsSync(path.join(repoRoot, s.file)))) {
            registeredBy.set(stack.label, (await stack.run()).resources);
        }
    });

    for (const stack of stacks) {
        it(`${stack.label}: passes every mandatory policy at the ${stack.env} config`, async function () {
            const resources = registeredBy.get(stack.label);
            if (resources === undefined) {
                this.skip(); // No Pulumi.<stack>.yaml (yet).
            }
            const { violations } = await evaluatePack(resources, envConfig(stack.env));
            assert.deepEqual(violations.filter((v) => v.message.startsWith(internalErrorPrefix)), []);
            assert.deepEqual(lines(violations.filter((v) => v.level === "mandatory")), []);
        });
    }

    it("covers every example program", () => {
        const examples = fs.readdirSync(path.join(repoRoot, "examples")).filter((dir) => fs.existsSync(path.join(repoRoot, "examples", dir, "Pulumi.yaml")));
        assert.deepEqual(examples.map((dir) => `examples/${dir}`).filter((label) => !stacks.some((s) => s.label === label)), []);
    });

    it("flink-pod-monitor: the dev stack's FlinkDeployments are covered once a PodMonitor selects their pods (as monitoring adds)", async () => {
        const resources = registeredBy.get("dev")!;
        const config = reconcileConfig({ ...readConfigFile("dev"), "flink-pod-monitor": "mandatory" });
        const before = await evaluatePack(resources, config);
        assert.deepEqual(lines(before.violations.filter((v) => v.policy === "flink-pod-monitor")), [
            'flink-pod-monitor: FlinkDeployment "flink-jobs/sessions": no PodMonitor selects its JobManager and TaskManager pods',
            'flink-pod-monitor: FlinkDeployment "flink-jobs/state-machine": no PodMonitor selects its JobManager and TaskManager pods',
        ]);
        const podMonitor = registered({
            type: types.podMonitor,
            name: "flink-jobs-flink",
            inputs: {
                apiVersion: "monitoring.coreos.com/v1",
                kind: "PodMonitor",
                metadata: { name: "flink", namespace: "monitoring" },
                spec: {
                    namespaceSelector: { matchNames: ["flink-jobs"] },
                    selector: { matchExpressions: [{ key: "type", operator: "In", values: ["flink-native-kubernetes", "flink-standalone-kubernetes"] }] },
                    podMetricsEndpoints: [{ port: "metrics" }],
                },
            },
        });
        const after = await evaluatePack([...resources, podMonitor], config);
        assert.deepEqual(after.violations.filter((v) => v.policy === "flink-pod-monitor"), []);
    });

    for (const env of ["staging", "prod"]) {
        it(`flink-pod-monitor: the ${env} stack's own PodMonitors (monitoring) cover every FlinkDeployment`, async function () {
            const resources = registeredBy.get(env);
            if (resources === undefined) this.skip();
            assert.ok(resources.some((r) => r.type === types.podMonitor), "the stack has PodMonitors");
            const { violations } = await evaluatePack(resources, reconcileConfig({ ...readConfigFile(env), "flink-pod-monitor": "mandatory" }));
            assert.deepEqual(violations.filter((v) => v.policy === "flink-pod-monitor"), []);
        });
    }

    it("a deliberately insecure stack fails with exactly the expected violations at the prod config", async () => {
        const { resources } = await runProgram(insecureProgram, { stack: "prod" });
        const { violations } = await evaluatePack(resources, envConfig("prod"));
        assert.deepEqual(lines(violations), [...insecureViolations].sort());
        const advisory = violations.filter((v) => v.level === "advisory").map((v) => v.policy).sort();
        assert.deepEqual(advisory, ["flink-internal-tls"]);
    });
});
