import * as assert from "node:assert/strict";
import { Environment, NamespacePurpose } from "../sdk/flink/environment";
import { FlinkNamespace } from "../sdk/namespace";
import type { FlinkNamespaceArgs } from "../sdk/flink/args/namespace";
import { byType, findResource, RegisteredResource, runProgram } from "./harness/mocks";

const run = (args: FlinkNamespaceArgs) => runProgram(() => new FlinkNamespace("jobs", args));
const policy = (resources: RegisteredResource[], name: string) => findResource(resources, "kubernetes:networking.k8s.io/v1:NetworkPolicy", `jobs-${name}`).inputs;

const flinkPods = { matchExpressions: [{ key: "type", operator: "In", values: ["flink-native-kubernetes", "flink-standalone-kubernetes"] }] };
const jobManagers = { matchLabels: { component: "jobmanager" }, matchExpressions: flinkPods.matchExpressions };
const operatorPods = { matchLabels: { "app.kubernetes.io/name": "flink-kubernetes-operator" } };

describe("FlinkNamespace", () => {
    it("creates a Namespace with its explicit name, platform labels and pinned restricted Pod Security labels", async () => {
        const { resources } = await run({ name: "flink-jobs" });
        const namespace = findResource(resources, "kubernetes:core/v1:Namespace", "jobs-namespace");
        assert.deepEqual(namespace.inputs.metadata, {
            name: "flink-jobs",
            labels: {
                "app.kubernetes.io/name": "flink-jobs",
                "app.kubernetes.io/instance": "flink-jobs",
                "app.kubernetes.io/part-of": "flink-platform",
                "app.kubernetes.io/managed-by": "pulumi",
                "flink-platform/environment": "dev",
                "pod-security.kubernetes.io/enforce": "restricted",
                "pod-security.kubernetes.io/enforce-version": "v1.33",
                "pod-security.kubernetes.io/audit": "restricted",
                "pod-security.kubernetes.io/audit-version": "v1.33",
                "pod-security.kubernetes.io/warn": "restricted",
                "pod-security.kubernetes.io/warn-version": "v1.33",
            },
        });
        assert.equal(namespace.options.protect, false);
        assert.equal(namespace.options.retainOnDelete, false);
    });

    it("puts every object it holds into that namespace, as children of the component", async () => {
        const { resources } = await run({ name: "flink-jobs" });
        const component = findResource(resources, "flink-platform:index:FlinkNamespace", "jobs");
        const children = resources.filter((r) => r.parent === component.urn && r.type !== "kubernetes:core/v1:Namespace");
        assert.deepEqual(children.map((r) => r.type).sort(), [
            "kubernetes:core/v1:LimitRange",
            "kubernetes:core/v1:ResourceQuota",
            ...Array(5).fill("kubernetes:networking.k8s.io/v1:NetworkPolicy"),
        ]);
        for (const child of children) {
            assert.equal(child.inputs.metadata.namespace, "flink-jobs", `${child.name} namespace`);
        }
    });

    it("sizes the ResourceQuota per environment", async () => {
        const hard = async (environment: Environment) =>
            findResource((await run({ name: "flink-jobs", environment, network: { apiServerCidrs: ["10.0.0.1/32"] } })).resources,
                "kubernetes:core/v1:ResourceQuota", "jobs-quota").inputs.spec.hard;
        assert.deepEqual(await hard(Environment.Dev), {
            "requests.cpu": "8", "requests.memory": "16Gi", "limits.cpu": "8", "limits.memory": "16Gi",
            pods: "40", persistentvolumeclaims: "10", "requests.storage": "50Gi",
        });
        assert.deepEqual(await hard(Environment.Prod), {
            "requests.cpu": "64", "requests.memory": "256Gi", "limits.cpu": "64", "limits.memory": "256Gi",
            pods: "400", persistentvolumeclaims: "50", "requests.storage": "1Ti",
        });
    });

    it("takes quota and container defaults from args", async () => {
        const { resources } = await run({
            name: "flink-jobs",
            quota: { requestsCpu: "4", pods: 12 },
            containerDefaults: { cpuRequest: "50m", memoryLimit: "256Mi" },
        });
        const quota = findResource(resources, "kubernetes:core/v1:ResourceQuota", "jobs-quota").inputs;
        assert.equal(quota.metadata.name, "flink-platform-quota");
        assert.equal(quota.spec.hard["requests.cpu"], "4");
        assert.equal(quota.spec.hard.pods, "12");
        assert.equal(quota.spec.hard["limits.cpu"], "8");
        const limits = findResource(resources, "kubernetes:core/v1:LimitRange", "jobs-limits").inputs;
        assert.deepEqual(limits.spec.limits, [{
            type: "Container",
            defaultRequest: { cpu: "50m", memory: "128Mi" },
            default: { cpu: "500m", memory: "256Mi" },
        }]);
    });

    it("denies all traffic by default and allows DNS, the API server, the operator and Prometheus (Flink's own traffic is allowed per cluster)", async () => {
        const { resources } = await run({ name: "flink-jobs", network: { apiServerCidrs: ["172.18.0.2/32"], apiServerPorts: [6443] } });
        assert.deepEqual(byType(resources, "kubernetes:networking.k8s.io/v1:NetworkPolicy").map((r) => r.inputs.metadata.name).sort(),
            ["allow-apiserver", "allow-dns", "allow-monitoring", "allow-operator", "default-deny"]);
        assert.deepEqual(policy(resources, "default-deny").spec, { podSelector: {}, policyTypes: ["Ingress", "Egress"] });
        assert.deepEqual(policy(resources, "allow-dns").spec, {
            podSelector: {},
            policyTypes: ["Egress"],
            egress: [{
                to: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "kube-system" } }, podSelector: { matchLabels: { "k8s-app": "kube-dns" } } }],
                ports: [{ protocol: "UDP", port: 53 }, { protocol: "TCP", port: 53 }],
            }],
        });
        assert.deepEqual(policy(resources, "allow-apiserver").spec, {
            podSelector: flinkPods,
            policyTypes: ["Egress"],
            egress: [{ to: [{ ipBlock: { cidr: "172.18.0.2/32" } }], ports: [{ protocol: "TCP", port: 6443 }] }],
        });
        assert.deepEqual(policy(resources, "allow-operator").spec, {
            podSelector: jobManagers,
            policyTypes: ["Ingress"],
            ingress: [{
                from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "flink-operator" } }, podSelector: operatorPods }],
                ports: [{ protocol: "TCP", port: 8081 }],
            }],
        });
        assert.deepEqual(policy(resources, "allow-monitoring").spec, {
            podSelector: flinkPods,
            policyTypes: ["Ingress"],
            ingress: [{ from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "monitoring" } } }], ports: [{ protocol: "TCP", port: 9249 }] }],
        });
    });

    it("lets an operator namespace reach the JobManagers of its Flink namespaces and, with the webhook, accept API server calls", async () => {
        const args = { name: "flink-operator", purpose: NamespacePurpose.Operator, flinkNamespaces: ["team-a", "team-b"], operatorMetricsPort: 9999 };
        const withoutWebhook = (await run(args)).resources;
        assert.deepEqual(policy(withoutWebhook, "allow-flink-rest").spec, {
            podSelector: operatorPods,
            policyTypes: ["Egress"],
            egress: [{
                to: [{
                    namespaceSelector: { matchExpressions: [{ key: "kubernetes.io/metadata.name", operator: "In", values: ["team-a", "team-b"] }] },
                    podSelector: jobManagers,
                }],
                ports: [{ protocol: "TCP", port: 8081 }],
            }],
        });
        assert.deepEqual(policy(withoutWebhook, "allow-monitoring").spec.ingress[0].ports, [{ protocol: "TCP", port: 9999 }]);
        assert.equal(withoutWebhook.some((r) => r.name === "jobs-allow-webhook"), false);
        assert.equal(withoutWebhook.some((r) => r.name === "jobs-allow-operator"), false);

        const withWebhook = (await run({ ...args, operatorWebhook: true })).resources;
        assert.deepEqual(policy(withWebhook, "allow-webhook").spec,
            { podSelector: operatorPods, policyTypes: ["Ingress"], ingress: [{ ports: [{ protocol: "TCP", port: 9443 }] }] });
    });

    it("lets the operator download session-job jars over https from the artifact CIDRs", async () => {
        const args = { name: "flink-operator", purpose: NamespacePurpose.Operator, flinkNamespaces: ["team-a"] };
        assert.deepEqual(policy((await run(args)).resources, "allow-artifact-downloads").spec, {
            podSelector: operatorPods,
            policyTypes: ["Egress"],
            egress: [{ to: [{ ipBlock: { cidr: "0.0.0.0/0" } }], ports: [{ protocol: "TCP", port: 443 }] }],
        });
        const narrowed = await run({ ...args, network: { artifactCidrs: ["203.0.113.0/24"] } });
        assert.deepEqual(policy(narrowed.resources, "allow-artifact-downloads").spec.egress[0].to, [{ ipBlock: { cidr: "203.0.113.0/24" } }]);
    });

    it("lets the Ingress controller reach JobManagers on 8081 when its namespace is given", async () => {
        const { resources } = await run({ name: "flink-jobs", network: { ingressControllerNamespace: "ingress-nginx" } });
        assert.deepEqual(policy(resources, "allow-ingress-controller").spec, {
            podSelector: jobManagers,
            policyTypes: ["Ingress"],
            ingress: [{ from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "ingress-nginx" } } }], ports: [{ protocol: "TCP", port: 8081 }] }],
        });
    });

    it("lets Flink pods reach object storage and, with GKE Workload Identity, the node's metadata server", async () => {
        const none = await run({ name: "flink-jobs" });
        assert.equal(none.resources.some((r) => /allow-(object-storage|gke-metadata-server)$/.test(r.name)), false);
        const { resources } = await run({ name: "flink-jobs", objectStoragePorts: [443], gkeWorkloadIdentity: true, network: { objectStorageCidrs: ["199.36.153.8/30"] } });
        assert.deepEqual(policy(resources, "allow-object-storage").spec, {
            podSelector: flinkPods,
            policyTypes: ["Egress"],
            egress: [{ to: [{ ipBlock: { cidr: "199.36.153.8/30" } }], ports: [{ protocol: "TCP", port: 443 }] }],
        });
        assert.deepEqual(policy(resources, "allow-gke-metadata-server").spec, {
            podSelector: flinkPods,
            policyTypes: ["Egress"],
            egress: [
                { to: [{ ipBlock: { cidr: "169.254.169.254/32" } }], ports: [{ protocol: "TCP", port: 80 }, { protocol: "TCP", port: 8080 }] },
                { to: [{ ipBlock: { cidr: "169.254.169.252/32" } }], ports: [{ protocol: "TCP", port: 987 }, { protocol: "TCP", port: 988 }] },
            ],
        });
    });

    it("lets a cert-manager namespace accept webhook calls on 10250", async () => {
        const { resources } = await run({ name: "cert-manager", purpose: NamespacePurpose.CertManager });
        assert.deepEqual(policy(resources, "allow-webhook").spec,
            { podSelector: {}, policyTypes: ["Ingress"], ingress: [{ ports: [{ protocol: "TCP", port: 10250 }] }] });
        assert.deepEqual(policy(resources, "allow-monitoring").spec.ingress[0].ports, [{ protocol: "TCP", port: 9402 }]);
    });

    it("protects and retains the Namespace in prod", async () => {
        const { resources } = await run({ name: "flink-jobs", environment: Environment.Prod, network: { apiServerCidrs: ["10.0.0.0/16"] } });
        const namespace = findResource(resources, "kubernetes:core/v1:Namespace", "jobs-namespace");
        assert.equal(namespace.options.protect, true);
        assert.equal(namespace.options.retainOnDelete, true);
    });

    describe("rejects bad input", () => {
        const cases: [string, FlinkNamespaceArgs, string][] = [
            ["a name that is not a DNS-1123 label", { name: "Flink_Jobs" },
                `FlinkNamespace "Flink_Jobs": name: "Flink_Jobs" is not valid; expected a DNS-1123 label: at most 63 lowercase letters, digits or '-', starting and ending with a letter or digit`],
            ["a quantity with a space and a unit Kubernetes does not know", { name: "flink-jobs", quota: { requestsMemory: "2 GB" } },
                `FlinkNamespace "flink-jobs": quota.requestsMemory: "2 GB" is not valid; expected a non-negative Kubernetes quantity: a number with an optional suffix (m, k, M, G, T, Ki, Mi, Gi, Ti, …), such as "500m", "2", "4Gi"`],
            ["a negative quantity", { name: "flink-jobs", containerDefaults: { memoryLimit: "-1Gi" } },
                `FlinkNamespace "flink-jobs": containerDefaults.memoryLimit: "-1Gi" is not valid; expected a non-negative Kubernetes quantity: a number with an optional suffix (m, k, M, G, T, Ki, Mi, Gi, Ti, …), such as "500m", "2", "4Gi"`],
            ["a negative pod count", { name: "flink-jobs", quota: { pods: -1 } },
                `FlinkNamespace "flink-jobs": quota.pods: -1 is not valid; expected a whole number ≥ 0`],
            ["a default request above the default limit", { name: "flink-jobs", containerDefaults: { cpuRequest: "1", cpuLimit: "500m" } },
                `FlinkNamespace "flink-jobs": containerDefaults.cpuRequest: "1" is more than cpuLimit "500m"; a request cannot exceed its limit`],
            ["prod without the API server CIDRs", { name: "flink-jobs", environment: Environment.Prod },
                `FlinkNamespace "flink-jobs": network.apiServerCidrs: is required in prod; set the CIDRs of the API server endpoints (kubectl get endpointslices -n default -l kubernetes.io/service-name=kubernetes), such as ["10.0.0.0/16"]`],
            ["an API server address that is not a CIDR", { name: "flink-jobs", network: { apiServerCidrs: ["10.0.0.1"] } },
                `FlinkNamespace "flink-jobs": network.apiServerCidrs[0]: "10.0.0.1" is not valid; expected a CIDR block such as 10.0.0.0/16 or 172.20.0.1/32`],
            ["an unknown environment", { name: "flink-jobs", environment: "production" as Environment },
                `FlinkNamespace "jobs": environment: "production" is not valid; expected one of "dev", "staging", "prod"`],
            ["an operator namespace with no Flink namespace", { name: "flink-operator", purpose: NamespacePurpose.Operator },
                `FlinkNamespace "flink-operator": flinkNamespaces: [] is not valid; expected the Flink namespaces the operator watches (at least one)`],
        ];
        for (const [what, args, message] of cases) {
            it(what, async () => {
                await assert.rejects(run(args), { message });
            });
        }
    });
});
