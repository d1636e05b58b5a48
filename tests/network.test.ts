// Jobs reach their data, and nothing else: declared egress (a namespace's and a cluster's), each cluster's
// pods isolated from other clusters', and the platform's own flows intact. The NetworkPolicies the stacks
// emit are evaluated the way Kubernetes does (tests/harness/network-policy.ts) on the pods the operator
// creates (labels `type`, `app`, `component`, as Flink's native Kubernetes integration sets them).
import * as assert from "node:assert/strict";
import { assertRefuses, byType, runStack } from "./harness/mocks";
import { Connection, evaluatorOfRegistered, NetworkPolicyEvaluator, Pod } from "./harness/network-policy";

const policyType = "kubernetes:networking.k8s.io/v1:NetworkPolicy";

/** The pods a stack's operator, Flink, DNS and Prometheus run, by a short name. */
function podsOf(flinkClusters: { namespace: string; name: string }[], operatorNamespace = "flink-operator"): Record<string, Pod> {
    const pods: Record<string, Pod> = {
        operator: { namespace: operatorNamespace, name: "operator", labels: { "app.kubernetes.io/name": "flink-kubernetes-operator" } },
        dns: { namespace: "kube-system", name: "coredns", labels: { "k8s-app": "kube-dns" } },
        prometheus: { namespace: "monitoring", name: "prometheus", labels: { "app.kubernetes.io/name": "prometheus" } },
        strimzi: { namespace: "kafka", name: "clickstream-kafka-0", labels: { "strimzi.io/cluster": "clickstream" } },
        otherKafka: { namespace: "kafka", name: "audit-kafka-0", labels: { "strimzi.io/cluster": "audit" } },
    };
    for (const { namespace, name } of flinkClusters) {
        for (const component of ["jobmanager", "taskmanager"]) {
            pods[`${name}/${component}`] = {
                namespace, name: `${name}-${component}`, labels: { type: "flink-native-kubernetes", app: name, component },
            };
        }
    }
    return pods;
}


type Flow = [what: string, connection: Connection, allowed: boolean];

function assertFlows(evaluator: NetworkPolicyEvaluator, flows: Flow[]): void {
    const wrong = flows
        .filter(([, connection, allowed]) => evaluator.allows(connection) !== allowed)
        .map(([what, connection, allowed]) => `${what}: expected ${allowed ? "allowed" : "denied"}; ${evaluator.explain(connection)}`);
    assert.deepEqual(wrong, []);
}

const tcp = (from: Pod | string, to: Pod | string, port: number): Connection => ({
    from: typeof from === "string" ? { ip: from } : { pod: from },
    to: typeof to === "string" ? { ip: to } : { pod: to },
    port,
});
const udp = (from: Pod, to: Pod, port: number): Connection => ({ ...tcp(from, to, port), protocol: "UDP" });

describe("network: declared egress, isolated clusters, the platform's flows", function () {
    this.timeout(120_000);

    it("dev: Flink, operator, DNS and scraping flows work; one cluster's pods cannot reach another's; nothing undeclared leaves", async () => {
        const { resources } = await runStack("dev");
        const pods = podsOf([{ namespace: "flink-jobs", name: "sessions" }, { namespace: "flink-jobs", name: "state-machine" }]);
        const [jm, tm, otherJm, otherTm] = [pods["sessions/jobmanager"], pods["sessions/taskmanager"], pods["state-machine/jobmanager"], pods["state-machine/taskmanager"]];
        assertFlows(evaluatorOfRegistered(resources), [
            ["TaskManager to its JobManager's RPC port", tcp(tm, jm, 6123), true],
            ["JobManager to its TaskManager's RPC port", tcp(jm, tm, 6122), true],
            ["TaskManager to its JobManager's blob server", tcp(tm, jm, 6124), true],
            ["TaskManager to another cluster's JobManager", tcp(tm, otherJm, 6123), false],
            ["JobManager to another cluster's TaskManager", tcp(jm, otherTm, 6122), false],
            ["another cluster's TaskManager to this JobManager's REST port", tcp(otherTm, jm, 8081), false],
            ["operator to the JobManager's REST API", tcp(pods.operator, jm, 8081), true],
            ["operator to a TaskManager", tcp(pods.operator, tm, 8081), false],
            ["TaskManager to the cluster DNS (UDP)", udp(tm, pods.dns, 53), true],
            ["JobManager to the cluster DNS (TCP)", tcp(jm, pods.dns, 53), true],
            ["Prometheus scrapes a TaskManager's metrics", tcp(pods.prometheus, tm, 9249), true],
            ["Prometheus to the JobManager's REST API", tcp(pods.prometheus, jm, 8081), false],
            ["Prometheus scrapes the operator", tcp(pods.prometheus, pods.operator, 9999), true],
            ["JobManager to the API server (dev: any address, API server ports only)", tcp(jm, "172.18.0.2", 6443), true],
            ["JobManager to an address on another port (nothing declared)", tcp(jm, "10.20.1.5", 9092), false],
            ["TaskManager to in-cluster Kafka (nothing declared)", tcp(tm, pods.strimzi, 9092), false],
        ]);
    });

    it("prod: each declared destination allowed from the right pods on the right ports, and nothing else", async () => {
        const { resources } = await runStack("prod");
        const pods = podsOf([{ namespace: "flink-analytics", name: "sessions" }, { namespace: "flink-payments", name: "payments" }]);
        const [analyticsJm, analyticsTm, paymentsJm, paymentsTm] =
            [pods["sessions/jobmanager"], pods["sessions/taskmanager"], pods["payments/jobmanager"], pods["payments/taskmanager"]];
        assertFlows(evaluatorOfRegistered(resources), [
            // The analytics namespace's rule: the clickstream Kafka run by Strimzi.
            ["analytics TaskManager to the clickstream Kafka", tcp(analyticsTm, pods.strimzi, 9092), true],
            ["analytics JobManager to the clickstream Kafka", tcp(analyticsJm, pods.strimzi, 9092), true],
            ["analytics TaskManager to the clickstream Kafka on another port", tcp(analyticsTm, pods.strimzi, 9093), false],
            ["analytics TaskManager to another Kafka in that namespace", tcp(analyticsTm, pods.otherKafka, 9092), false],
            ["payments TaskManager to the clickstream Kafka (another namespace's rule)", tcp(paymentsTm, pods.strimzi, 9092), false],
            // The payments cluster's rules: its Kafka brokers and PostgreSQL, from its JobManager and TaskManagers.
            ["payments JobManager to a Kafka broker (split enumeration)", tcp(paymentsJm, "10.20.3.4", 9092), true],
            ["payments TaskManager to a Kafka broker's TLS port", tcp(paymentsTm, "10.20.3.4", 9093), true],
            ["payments TaskManager to PostgreSQL", tcp(paymentsTm, "10.30.4.17", 5432), true],
            ["payments TaskManager to another database host", tcp(paymentsTm, "10.30.4.18", 5432), false],
            ["payments TaskManager to PostgreSQL's host on SSH", tcp(paymentsTm, "10.30.4.17", 22), false],
            ["analytics TaskManager to the payments Kafka (another cluster's rule)", tcp(analyticsTm, "10.20.3.4", 9092), false],
            ["payments TaskManager to the internet", tcp(paymentsTm, "93.184.215.14", 443), true], // object storage: S3 on 443, any address by default
            ["payments TaskManager to the internet on 80", tcp(paymentsTm, "93.184.215.14", 80), false],
            // The platform's own flows.
            ["payments TaskManager to its JobManager", tcp(paymentsTm, paymentsJm, 6123), true],
            ["analytics TaskManager to the payments JobManager", tcp(analyticsTm, paymentsJm, 6123), false],
            ["operator to the payments JobManager", tcp(pods.operator, paymentsJm, 8081), true],
            ["payments JobManager to the API server", tcp(paymentsJm, "10.0.12.7", 443), true],
            ["payments JobManager to the API server's address on 6443 (prod allows 443 only)", tcp(paymentsJm, "10.0.12.7", 6443), false],
            ["Prometheus scrapes the payments JobManager", tcp(pods.prometheus, paymentsJm, 9249), true],
            ["the API server calls the operator's admission webhook", tcp("10.0.12.7", pods.operator, 9443), true],
            ["the operator to the API server", tcp(pods.operator, "10.0.12.7", 443), true],
            ["Prometheus scrapes the operator", tcp(pods.prometheus, pods.operator, 9999), true],
            ["a Flink pod to the operator's webhook", tcp(paymentsTm, pods.operator, 9443), false],
        ]);
    });

    it("an http(s) job jar: the JobManager may download it from artifactCidrs on the URL's port, the TaskManagers not", async () => {
        const { resources } = await runStack("dev", {
            network: { artifactCidrs: ["10.40.0.0/24"] },
            clusters: [{ name: "orders", namespace: "flink-jobs", job: { jarURI: "https://artifacts.example.com:8444/jobs/orders-1.0.jar", upgradeMode: "stateless" } }],
        });
        const download = byType(resources, policyType).find((r) => r.inputs.metadata.name === "flink-cluster-orders-jar-download");
        assert.deepEqual(download?.inputs.spec, {
            podSelector: { matchLabels: { app: "orders", component: "jobmanager" }, matchExpressions: [{ key: "type", operator: "In", values: ["flink-native-kubernetes", "flink-standalone-kubernetes"] }] },
            policyTypes: ["Egress"],
            egress: [{ to: [{ ipBlock: { cidr: "10.40.0.0/24" } }], ports: [{ protocol: "TCP", port: 8444 }] }],
        });
        const pods = podsOf([{ namespace: "flink-jobs", name: "orders" }]);
        assertFlows(evaluatorOfRegistered(resources), [
            ["JobManager to the artifact repository on the URL's port", tcp(pods["orders/jobmanager"], "10.40.0.9", 8444), true],
            ["JobManager to the artifact repository on another port", tcp(pods["orders/jobmanager"], "10.40.0.9", 22), false],
            ["TaskManager to the artifact repository", tcp(pods["orders/taskmanager"], "10.40.0.9", 8444), false],
            ["JobManager to another address on the URL's port", tcp(pods["orders/jobmanager"], "10.41.0.9", 8444), false],
        ]);
    });

    it("emits a cluster's policy as the operator's pods need it: its pods with each other, then its declared egress, in order", async () => {
        const { resources } = await runStack("prod");
        const policy = byType(resources, policyType).find((r) => r.inputs.metadata.name === "flink-cluster-payments-network");
        const pods = { matchLabels: { app: "payments" }, matchExpressions: [{ key: "type", operator: "In", values: ["flink-native-kubernetes", "flink-standalone-kubernetes"] }] };
        assert.deepEqual([policy?.name, policy?.inputs.metadata.namespace], ["flink-flink-payments/payments-network-policy", "flink-payments"]);
        assert.deepEqual(policy?.inputs.spec, {
            podSelector: pods,
            policyTypes: ["Ingress", "Egress"],
            ingress: [{ from: [{ podSelector: pods }] }],
            egress: [
                { to: [{ podSelector: pods }] },
                { to: [{ ipBlock: { cidr: "10.20.0.0/16" } }], ports: [{ protocol: "TCP", port: 9092 }, { protocol: "TCP", port: 9093 }] },
                { to: [{ ipBlock: { cidr: "10.30.4.17/32" } }], ports: [{ protocol: "TCP", port: 5432 }] },
            ],
        });
        const namespaceRule = byType(resources, policyType).find((r) => r.inputs.metadata.name === "egress-clickstream-kafka");
        assert.deepEqual([namespaceRule?.inputs.metadata.namespace, namespaceRule?.inputs.spec], ["flink-analytics", {
            podSelector: { matchExpressions: [{ key: "type", operator: "In", values: ["flink-native-kubernetes", "flink-standalone-kubernetes"] }] },
            policyTypes: ["Egress"],
            egress: [{
                to: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "kafka" } }, podSelector: { matchLabels: { "strimzi.io/cluster": "clickstream" } } }],
                ports: [{ protocol: "TCP", port: 9092 }],
            }],
        }]);
    });

    describe("refuses, with the exact message, as a RunError", () => {
        const orders = (egress: unknown[]) => ({ clusters: [{ name: "orders", namespace: "flink-jobs", job: { jarURI: "local:///opt/flink/usrlib/orders.jar", upgradeMode: "stateless" }, egress }] });
        const cases: [string, string, Record<string, unknown>, string][] = [
            ["an entry without ports", "dev", orders([{ name: "kafka", cidrs: ["10.20.0.0/16"], ports: [] }]),
                'clusters[0] (flink-jobs/orders): FlinkCluster "orders": egress[0].ports: [] is not valid; expected a list of at least one port'],
            ["an empty CIDR list", "dev", orders([{ name: "kafka", cidrs: [], ports: [9092] }]),
                'clusters[0] (flink-jobs/orders): FlinkCluster "orders": egress[0].cidrs: [] is not valid; expected a list of at least one CIDR block'],
            ["a malformed CIDR", "dev", orders([{ name: "kafka", cidrs: ["10.20.0.0/33"], ports: [9092] }]),
                'clusters[0] (flink-jobs/orders): FlinkCluster "orders": egress[0].cidrs[0]: "10.20.0.0/33" is not valid; expected a CIDR block such as 10.0.0.0/16 or 172.20.0.1/32'],
            ["no destination", "dev", orders([{ name: "kafka", ports: [9092] }]),
                'clusters[0] (flink-jobs/orders): FlinkCluster "orders": egress[0]: has no destination; give cidrs (addresses outside the cluster), or namespaces and/or podLabels (pods inside it)'],
            ["both kinds of destination", "dev", orders([{ name: "kafka", cidrs: ["10.20.0.0/16"], namespaces: ["kafka"], ports: [9092] }]),
                'clusters[0] (flink-jobs/orders): FlinkCluster "orders": egress[0]: has both cidrs and namespaces/podLabels; a destination is either outside the cluster or inside it: split it into two rules'],
            ["a port out of range and an empty namespace list, at once", "dev", orders([{ name: "kafka", namespaces: [], ports: [70000] }]),
                [
                    "2 problems:",
                    '  - clusters[0] (flink-jobs/orders): FlinkCluster "orders": egress[0].ports[0]: 70000 is not valid; expected a whole number from 1 to 65535',
                    '  - clusters[0] (flink-jobs/orders): FlinkCluster "orders": egress[0].namespaces: [] is not valid; expected a list of at least one namespace',
                ].join("\n")],
            ["an unknown protocol (the args schema)", "dev", orders([{ name: "kafka", cidrs: ["10.20.0.0/16"], ports: [9092], protocol: "QUIC" }]),
                'FlinkPlatform: clusters[0].egress[0].protocol: "QUIC" is not valid; expected one of "TCP", "UDP", "SCTP"'],
            ["two rules of one name", "dev", orders([{ name: "kafka", cidrs: ["10.20.0.0/16"], ports: [9092] }, { name: "kafka", cidrs: ["10.21.0.0/16"], ports: [9092] }]),
                'clusters[0] (flink-jobs/orders): FlinkCluster "orders": egress[].name: "kafka" is listed more than once; each entry must be unique'],
            ["a namespace rule without ports", "dev", { namespaces: [{ name: "flink-jobs", egress: [{ name: "kafka", namespaces: ["kafka"], ports: [] }] }] },
                'FlinkNamespace "flink-jobs": egress[0].ports: [] is not valid; expected a list of at least one port'],
        ];
        for (const [what, stack, overrides, message] of cases) {
            it(what, () => assertRefuses(runStack(stack, overrides), message));
        }

        it("any address in prod without allowAnyAddress, and takes it with", async () => {
            const payments = (rule: Record<string, unknown>) => ({ clusters: [{ ...prodPayments(), egress: [{ name: "anywhere", cidrs: ["0.0.0.0/0"], ports: [443], ...rule }] }] });
            await assert.rejects(runStack("prod", payments({})), {
                message: 'clusters[0] (flink-payments/payments): FlinkCluster "payments": egress[0].cidrs[0]: "0.0.0.0/0" is any address, which prod refuses unless said on purpose; ' +
                    "narrow it to the destination's addresses, or set allowAnyAddress: true",
            });
            const { resources } = await runStack("prod", payments({ allowAnyAddress: true }));
            const policy = byType(resources, policyType).find((r) => r.inputs.metadata.name === "flink-cluster-payments-network");
            assert.deepEqual(policy?.inputs.spec.egress[1], { to: [{ ipBlock: { cidr: "0.0.0.0/0" } }], ports: [{ protocol: "TCP", port: 443 }] });
        });
    });
});

/** The prod stack's payments cluster (Pulumi.prod.yaml), without its egress. */
function prodPayments() {
    return {
        name: "payments", namespace: "flink-payments", flinkRelease: "2.2.1",
        image: "registry.acme.example/flink/payments:3.1.0@sha256:0000000000000000000000000000000000000000000000000000000000000003",
        jobManager: { cpu: 1, memory: "2Gi" }, taskManager: { cpu: 2, memory: "8Gi", taskSlots: 4 },
        job: { jarURI: "local:///opt/flink/usrlib/payments.jar", entryClass: "com.acme.payments.PaymentsJob", parallelism: 8 },
    };
}
