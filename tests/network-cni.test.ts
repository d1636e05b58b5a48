// Networks as they are on real clusters (issue 14): `network.cni` "cilium" adds a CiliumNetworkPolicy for the API
// server where Cilium ignores an ipBlock (an API server on the nodes' host network, cilium/cilium#20550), and
// `network.nodeLocalDns` lets every pod reach NodeLocal DNSCache on its link-local address.
import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import type { ICiliumNetworkPolicy } from "@kubernetes-models/cilium/cilium.io/v2/CiliumNetworkPolicy" with { "resolution-mode": "import" };
import { Cni } from "../sdk/flink/args/namespace";
import type { CiliumNetworkPolicySpec } from "../sdk/flink/crd-specs";
import { NamespacePurpose } from "../sdk/flink/environment";
import { FlinkNamespace } from "../sdk/namespace";
import type { FlinkNamespaceArgs } from "../sdk/flink/args/namespace";
import { byType, findResource, RegisteredResource, runProgram, runStack } from "./harness/mocks";
import { Connection, NetworkPolicyEvaluator, Pod } from "./harness/network-policy";
import { validateRegistered } from "./harness/schemas";

const ciliumType = "kubernetes:cilium.io/v2:CiliumNetworkPolicy";

// The spec type the sdk imports (the Rule alone) is the CRD's spec type, both ways (a type-check, nothing at runtime).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const specTypeIsTheCrds: Same<CiliumNetworkPolicySpec, NonNullable<ICiliumNetworkPolicy["spec"]>> = true;
void specTypeIsTheCrds;
const policyType = "kubernetes:networking.k8s.io/v1:NetworkPolicy";

const run = (args: FlinkNamespaceArgs) => runProgram(() => new FlinkNamespace("jobs", args));
const policy = (resources: RegisteredResource[], name: string) => findResource(resources, policyType, `jobs-${name}`).inputs;

const flinkPods = { matchExpressions: [{ key: "type", operator: "In", values: ["flink-native-kubernetes", "flink-standalone-kubernetes"] }] };
const operatorPods = { matchLabels: { "app.kubernetes.io/name": "flink-kubernetes-operator" } };
const objectLabels = (purpose: string, name: string) => ({
    "app.kubernetes.io/name": purpose,
    "app.kubernetes.io/instance": name,
    "app.kubernetes.io/part-of": "flink-platform",
    "app.kubernetes.io/managed-by": "pulumi",
    "flink-platform/environment": "dev",
});
const dnsPorts = [{ protocol: "UDP", port: 53 }, { protocol: "TCP", port: 53 }];
const clusterDnsRule = {
    to: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "kube-system" } }, podSelector: { matchLabels: { "k8s-app": "kube-dns" } } }],
    ports: dnsPorts,
};

describe("network.cni: Cilium", () => {
    it("cilium: a Flink namespace also allows its Flink pods to the kube-apiserver entity on every API server port", async () => {
        const { resources } = await run({ name: "flink-jobs", network: { cni: Cni.Cilium, apiServerCidrs: ["172.18.0.2/32"], apiServerPorts: [6443, 443] } });
        assert.deepEqual(byType(resources, ciliumType).map((r) => r.name), ["jobs-allow-apiserver-entity"]);
        const cilium = findResource(resources, ciliumType, "jobs-allow-apiserver-entity");
        assert.deepEqual(cilium.inputs, {
            apiVersion: "cilium.io/v2",
            kind: "CiliumNetworkPolicy",
            metadata: { name: "allow-apiserver-entity", namespace: "flink-jobs", labels: objectLabels("flink-jobs", "flink-jobs") },
            spec: {
                endpointSelector: flinkPods,
                egress: [{ toEntities: ["kube-apiserver"], toPorts: [{ ports: [{ port: "6443", protocol: "TCP" }, { port: "443", protocol: "TCP" }] }] }],
            },
        });
        const component = findResource(resources, "flink-platform:index:FlinkNamespace", "jobs");
        assert.equal(cilium.parent, component.urn);
        // The NetworkPolicy stays: Cilium also enforces it, and other addresses of the API server still match by ipBlock.
        assert.deepEqual(policy(resources, "allow-apiserver").spec, {
            podSelector: flinkPods,
            policyTypes: ["Egress"],
            egress: [{ to: [{ ipBlock: { cidr: "172.18.0.2/32" } }], ports: [{ protocol: "TCP", port: 6443 }, { protocol: "TCP", port: 443 }] }],
        });
        assert.deepEqual(await validateRegistered(resources), []);
    });

    it("cilium: the operator's namespace selects the operator's pods; cert-manager's and monitoring's select every pod", async () => {
        const network = { cni: Cni.Cilium, apiServerPorts: [443] };
        const egress = [{ toEntities: ["kube-apiserver"], toPorts: [{ ports: [{ port: "443", protocol: "TCP" }] }] }];
        const specOf = async (args: FlinkNamespaceArgs) => findResource((await run(args)).resources, ciliumType, "jobs-allow-apiserver-entity").inputs.spec;
        assert.deepEqual(await specOf({ name: "flink-operator", purpose: NamespacePurpose.Operator, flinkNamespaces: ["team-a"], network }),
            { endpointSelector: operatorPods, egress });
        assert.deepEqual(await specOf({ name: "cert-manager", purpose: NamespacePurpose.CertManager, network }), { endpointSelector: {}, egress });
        assert.deepEqual(await specOf({ name: "monitoring", purpose: NamespacePurpose.Monitoring, flinkNamespaces: ["team-a"], network }), { endpointSelector: {}, egress });
    });

    it("cilium, whole stack: every namespace the platform creates gets one beside its allow-apiserver, valid against Cilium's CRD schema", async () => {
        const { resources } = await runStack("dev", {
            network: { cni: "cilium" },
            operator: { webhook: { enabled: true, certManager: "install" } },
            monitoring: { prometheusStack: { install: true } },
        });
        const namespacesOf = (type: string, name: string) =>
            byType(resources, type).filter((r) => r.inputs.metadata.name === name).map((r) => r.inputs.metadata.namespace).sort();
        const withApiserver = namespacesOf(policyType, "allow-apiserver");
        assert.deepEqual(withApiserver, ["cert-manager", "flink-jobs", "flink-operator", "monitoring"]);
        assert.deepEqual(namespacesOf(ciliumType, "allow-apiserver-entity"), withApiserver);
        assert.equal(byType(resources, ciliumType).length, withApiserver.length);
        // The local profile's API server ports, as allow-apiserver has them.
        for (const cilium of byType(resources, ciliumType)) {
            assert.deepEqual(cilium.inputs.spec.egress[0].toPorts[0].ports.map((p: { port: string }) => p.port), ["443", "6443", "8443"], cilium.name);
        }
        assert.deepEqual((await validateRegistered(resources)).filter((m) => m.startsWith(ciliumType)), []);
    });

    it("other, or unset: no CiliumNetworkPolicy anywhere", async () => {
        for (const network of [{}, { cni: Cni.Other }]) {
            const { resources } = await run({ name: "flink-jobs", network });
            assert.deepEqual(byType(resources, ciliumType), [], JSON.stringify(network));
        }
        const { resources } = await runStack("dev", { operator: { webhook: { enabled: true, certManager: "install" } }, monitoring: { prometheusStack: { install: true } } });
        assert.deepEqual(byType(resources, ciliumType), []);
    });
});

describe("network.nodeLocalDns: NodeLocal DNSCache", () => {
    it("allow-dns also allows UDP and TCP 53 to the address alone (/32), beside the cluster DNS", async () => {
        const { resources } = await run({ name: "flink-jobs", network: { nodeLocalDns: "169.254.20.10" } });
        assert.deepEqual(policy(resources, "allow-dns").spec, {
            podSelector: {},
            policyTypes: ["Egress"],
            egress: [clusterDnsRule, { to: [{ ipBlock: { cidr: "169.254.20.10/32" } }], ports: dnsPorts }],
        });
    });

    it("an IPv6 address becomes a /128", async () => {
        const { resources } = await run({ name: "flink-jobs", network: { nodeLocalDns: "fd00::a" } });
        assert.deepEqual(policy(resources, "allow-dns").spec.egress[1], { to: [{ ipBlock: { cidr: "fd00::a/128" } }], ports: dnsPorts });
    });

    it("unset: allow-dns has the cluster DNS rule only", async () => {
        const { resources } = await run({ name: "flink-jobs" });
        assert.deepEqual(policy(resources, "allow-dns").spec.egress, [clusterDnsRule]);
    });

    it("every namespace of the stack gets it", async () => {
        const { resources } = await runStack("dev", { network: { nodeLocalDns: "169.254.20.10" }, monitoring: { prometheusStack: { install: true } } });
        const dns = byType(resources, policyType).filter((r) => r.inputs.metadata.name === "allow-dns");
        assert.deepEqual(dns.map((r) => r.inputs.metadata.namespace).sort(), ["flink-jobs", "flink-operator", "monitoring"]);
        for (const r of dns) assert.deepEqual(r.inputs.spec.egress[1], { to: [{ ipBlock: { cidr: "169.254.20.10/32" } }], ports: dnsPorts }, r.name);
    });

    it("the evaluator: a Flink pod reaches 169.254.20.10:53 (UDP and TCP) with it, and not without", async () => {
        const taskManager: Pod = { namespace: "flink-jobs", name: "orders-taskmanager", labels: { type: "flink-native-kubernetes", app: "orders", component: "taskmanager" } };
        const coreDns: Pod = { namespace: "kube-system", name: "coredns", labels: { "k8s-app": "kube-dns" } };
        const to = (ip: string, port: number, protocol: "UDP" | "TCP"): Connection => ({ from: { pod: taskManager }, to: { ip }, port, protocol });
        const evaluatorOf = async (network: FlinkNamespaceArgs["network"]) => {
            const { resources } = await run({ name: "flink-jobs", network });
            return new NetworkPolicyEvaluator(
                byType(resources, policyType).map((r) => ({ metadata: r.inputs.metadata, spec: r.inputs.spec })),
                [{ name: "flink-jobs", labels: findResource(resources, "kubernetes:core/v1:Namespace", "jobs-namespace").inputs.metadata.labels }],
            );
        };
        const flows: [string, Connection, boolean, boolean][] = [
            // what, connection, allowed with nodeLocalDns, allowed without
            ["NodeLocal DNSCache, UDP", to("169.254.20.10", 53, "UDP"), true, false],
            ["NodeLocal DNSCache, TCP", to("169.254.20.10", 53, "TCP"), true, false],
            ["NodeLocal DNSCache's address on another port", to("169.254.20.10", 8080, "TCP"), false, false],
            ["another link-local address on 53", to("169.254.20.11", 53, "UDP"), false, false],
            ["the cluster DNS pod", { from: { pod: taskManager }, to: { pod: coreDns }, port: 53, protocol: "UDP" }, true, true],
        ];
        const withIt = await evaluatorOf({ nodeLocalDns: "169.254.20.10" });
        const without = await evaluatorOf({});
        const wrong = flows.flatMap(([what, connection, allowedWith, allowedWithout]) => [
            ...(withIt.allows(connection) === allowedWith ? [] : [`with nodeLocalDns, ${what}: ${withIt.explain(connection)}`]),
            ...(without.allows(connection) === allowedWithout ? [] : [`without, ${what}: ${without.explain(connection)}`]),
        ]);
        assert.deepEqual(wrong, []);
    });
});

describe("network.cni and network.nodeLocalDns refuse, with the exact message, as a RunError", () => {
    const accepted = "an IPv4 or IPv6 address without a prefix length, such as 169.254.20.10 (NodeLocal DNSCache's usual address)";
    const namespaceCases: [string, FlinkNamespaceArgs["network"], string][] = [
        ["an unknown plugin", { cni: "calico" as Cni },
            'FlinkNamespace "jobs": network.cni: "calico" is not valid; expected one of "cilium", "other"'],
        ["a CIDR for the DNS cache", { nodeLocalDns: "169.254.20.10/32" },
            `FlinkNamespace "flink-jobs": network.nodeLocalDns: "169.254.20.10/32" is not valid; expected ${accepted}`],
        ["a host name for the DNS cache", { nodeLocalDns: "node-local-dns.kube-system" },
            `FlinkNamespace "flink-jobs": network.nodeLocalDns: "node-local-dns.kube-system" is not valid; expected ${accepted}`],
        ["an IPv6 address with a zone", { nodeLocalDns: "fe80::10%eth0" },
            `FlinkNamespace "flink-jobs": network.nodeLocalDns: "fe80::10%eth0" is not valid; expected ${accepted}`],
    ];
    for (const [what, network, message] of namespaceCases) {
        it(`FlinkNamespace: ${what}`, async () => {
            await assert.rejects(run({ name: "flink-jobs", network }), (err: Error) => {
                assert.equal(err.message, message);
                assert.ok(pulumi.RunError.isInstance(err), `${err.name} is a RunError`);
                return true;
            });
        });
    }

    const stackCases: [string, Record<string, unknown>, string][] = [
        ["the stack: a plugin's name capitalized", { cni: "Cilium" }, 'FlinkPlatform: network.cni: "Cilium" is not valid; expected one of "cilium", "other"'],
        ["the stack: an IPv4 address out of range", { nodeLocalDns: "169.254.20.300" },
            `FlinkNamespace "flink-jobs": network.nodeLocalDns: "169.254.20.300" is not valid; expected ${accepted}`],
    ];
    for (const [what, network, message] of stackCases) {
        it(what, async () => {
            await assert.rejects(runStack("dev", { network }), (err: Error) => {
                assert.equal(err.message, message);
                assert.ok(pulumi.RunError.isInstance(err), `${err.name} is a RunError`);
                return true;
            });
        });
    }
});
