// Unit tests of the NetworkPolicy evaluator: one table of (policies, connection, expected verdict)
// per rule of the semantics, each with allowed and denied variants.
import * as assert from "node:assert/strict";
import { Connection, Namespace, NetworkPolicyEvaluator, Pod, PolicyObject } from "./network-policy";

const namespaces: Namespace[] = [
    { name: "team-a", labels: { team: "a" } },
    { name: "team-b", labels: { team: "b" } },
    { name: "monitoring", labels: { purpose: "monitoring" } },
    // kube-system is left undeclared: it still has its kubernetes.io/metadata.name label.
];

const flink = "flink-native-kubernetes";
const pods = {
    jm: { namespace: "team-a", name: "orders-jm", labels: { app: "orders", component: "jobmanager", type: flink }, ip: "10.1.0.10", namedPorts: { rest: 8081, metrics: 9249 } },
    tm: { namespace: "team-a", name: "orders-tm", labels: { app: "orders", component: "taskmanager", type: flink }, ip: "10.1.0.11", namedPorts: { metrics: 9250 } },
    aClient: { namespace: "team-a", name: "client", labels: { role: "client" }, ip: "10.1.0.20" },
    aOther: { namespace: "team-a", name: "other", labels: { role: "other" } },
    bClient: { namespace: "team-b", name: "client", labels: { role: "client" }, ip: "10.2.0.20" },
    bOther: { namespace: "team-b", name: "other", labels: { role: "other" } },
    dns: { namespace: "kube-system", name: "coredns", labels: { "k8s-app": "kube-dns" }, namedPorts: { dns: 53 } },
    prometheus: { namespace: "monitoring", name: "prometheus", labels: { app: "prometheus" } },
} satisfies Record<string, Pod>;

const policy = (namespace: string, name: string, spec: object): PolicyObject => ({ metadata: { name, namespace }, spec });
const denyAll = (namespace: string) => policy(namespace, "default-deny", { podSelector: {}, policyTypes: ["Ingress", "Egress"] });
/** Ingress to every pod of team-a from the given peers. */
const ingressFrom = (from: object[], ports?: object[], name = "allow-from") =>
    policy("team-a", name, { podSelector: {}, policyTypes: ["Ingress"], ingress: [{ from, ...(ports && { ports }) }] });
/** Egress from every pod of team-a to the given peers. */
const egressTo = (to: object[], ports?: object[], name = "allow-to") =>
    policy("team-a", name, { podSelector: {}, policyTypes: ["Egress"], egress: [{ to, ...(ports && { ports }) }] });

/** A connection; a string end is an IP address. */
function conn(from: Pod | string, to: Pod | string, port: number, protocol?: Connection["protocol"]): Connection {
    const peer = (end: Pod | string) => (typeof end === "string" ? { ip: end } : { pod: end });
    return { from: peer(from), to: peer(to), port, ...(protocol && { protocol }) };
}

interface Table {
    rule: string;
    policies: PolicyObject[];
    /** [case, connection, allowed] */
    cases: [string, Connection, boolean][];
}

const { jm, tm, aClient, aOther, bClient, bOther, dns, prometheus } = pods;

const tables: Table[] = [
    {
        rule: "no policy selecting a pod: non-isolated, all traffic allowed",
        policies: [denyAll("team-b")],
        cases: [
            ["team-a pod to team-a pod (policies of team-b do not apply)", conn(aClient, tm, 6122), true],
            ["team-a pod to an external IP", conn(aClient, "8.8.8.8", 443), true],
            ["IP to IP, no pod at either end", conn("1.1.1.1", "8.8.8.8", 443), true],
            ["team-a pod to isolated team-b pod", conn(aClient, bClient, 80), false],
        ],
    },
    {
        rule: "default deny both ways",
        policies: [denyAll("team-a")],
        cases: [
            ["egress to another namespace", conn(aClient, bClient, 80), false],
            ["ingress from another namespace", conn(bClient, aClient, 80), false],
            ["within the namespace", conn(aClient, tm, 6122), false],
            ["egress to an external IP", conn(aClient, "8.8.8.8", 443), false],
            ["ingress from an external IP", conn("203.0.113.7", jm, 8081), false],
            ["a pod to itself (a pod cannot block access to itself)", conn(aClient, aClient, 80), true],
            ["between two pods of an unisolated namespace", conn(bClient, bOther, 80), true],
        ],
    },
    {
        rule: "default deny ingress only leaves egress open",
        policies: [policy("team-a", "deny-ingress", { podSelector: {}, policyTypes: ["Ingress"] })],
        cases: [
            ["egress from team-a", conn(aClient, bClient, 80), true],
            ["ingress to team-a", conn(bClient, aClient, 80), false],
        ],
    },
    {
        rule: "default deny egress only leaves ingress open",
        policies: [policy("team-a", "deny-egress", { podSelector: {}, policyTypes: ["Egress"] })],
        cases: [
            ["ingress from an external IP", conn("203.0.113.7", aClient, 80), true],
            ["egress to an external IP", conn(aClient, "8.8.8.8", 443), false],
        ],
    },
    {
        rule: "spec.podSelector isolates only the pods it selects",
        policies: [policy("team-a", "deny-jm", { podSelector: { matchLabels: { component: "jobmanager" } }, policyTypes: ["Ingress"] })],
        cases: [
            ["to the selected JobManager", conn(bClient, jm, 8081), false],
            ["to the unselected TaskManager", conn(bClient, tm, 6122), true],
        ],
    },
    {
        rule: "policies are additive",
        policies: [
            denyAll("team-a"),
            policy("team-a", "allow-dns", {
                podSelector: {},
                policyTypes: ["Egress"],
                egress: [{ to: [{ namespaceSelector: {}, podSelector: { matchLabels: { "k8s-app": "kube-dns" } } }], ports: [{ protocol: "UDP", port: 53 }] }],
            }),
            policy("team-a", "allow-https", { podSelector: {}, policyTypes: ["Egress"], egress: [{ to: [{ ipBlock: { cidr: "0.0.0.0/0" } }], ports: [{ port: 443 }] }] }),
            policy("team-a", "allow-rest", { podSelector: { matchLabels: { component: "jobmanager" } }, ingress: [{ ports: [{ port: 8081 }] }] }),
            policy("team-a", "allow-metrics", { podSelector: { matchLabels: { component: "jobmanager" } }, ingress: [{ from: [{ namespaceSelector: { matchLabels: { purpose: "monitoring" } } }], ports: [{ port: 9249 }] }] }),
        ],
        cases: [
            ["DNS over UDP, allowed by allow-dns", conn(aClient, dns, 53, "UDP"), true],
            ["HTTPS out, allowed by allow-https", conn(aClient, "8.8.8.8", 443), true],
            ["HTTP out, allowed by none", conn(aClient, "8.8.8.8", 80), false],
            ["REST from anywhere, allowed by allow-rest", conn(bClient, jm, 8081), true],
            ["metrics from monitoring, allowed by allow-metrics", conn(prometheus, jm, 9249), true],
            ["metrics from team-b, allowed by none", conn(bClient, jm, 9249), false],
            ["ingress to the TaskManager, selected only by default-deny", conn(prometheus, tm, 9249), false],
        ],
    },
    {
        rule: "both ends must allow: the source's egress AND the destination's ingress",
        policies: [
            denyAll("team-a"),
            egressTo([{ namespaceSelector: { matchLabels: { team: "b" } } }]),
            policy("team-b", "deny-ingress-other", { podSelector: { matchLabels: { role: "other" } }, policyTypes: ["Ingress"] }),
        ],
        cases: [
            ["egress allowed, ingress not isolated", conn(aClient, bClient, 80), true],
            ["egress allowed, ingress denied", conn(aClient, bOther, 80), false],
            ["egress not isolated, ingress denied", conn(bClient, aClient, 80), false],
        ],
    },
    {
        rule: "policyTypes absent: Ingress only when there is no egress rule",
        policies: [policy("team-a", "implicit", { podSelector: {}, ingress: [] })],
        cases: [
            ["ingress is isolated", conn(bClient, aClient, 80), false],
            ["egress is not", conn(aClient, bClient, 80), true],
        ],
    },
    {
        rule: "policyTypes absent: Ingress and Egress when there is an egress rule",
        policies: [policy("team-a", "implicit", { podSelector: {}, egress: [{ to: [{ ipBlock: { cidr: "10.0.0.0/8" } }] }] })],
        cases: [
            ["egress matching the rule", conn(aClient, "10.9.9.9", 80), true],
            ["egress outside the rule", conn(aClient, "8.8.8.8", 80), false],
            ["ingress, isolated with no ingress field", conn(bClient, aClient, 80), false],
        ],
    },
    {
        rule: "policyTypes absent with egress: [] defaults to Ingress only (len(egress) == 0)",
        policies: [policy("team-a", "implicit", { podSelector: {}, egress: [] })],
        cases: [
            ["egress is not isolated", conn(aClient, "8.8.8.8", 443), true],
            ["ingress is isolated", conn(bClient, aClient, 80), false],
        ],
    },
    {
        rule: "policyTypes: [] is defaulted like an absent one",
        policies: [policy("team-a", "empty-types", { podSelector: {}, policyTypes: [], egress: [{ ports: [{ port: 443 }] }] })],
        cases: [
            ["egress on the rule's port", conn(aClient, "8.8.8.8", 443), true],
            ["egress on another port", conn(aClient, "8.8.8.8", 80), false],
        ],
    },
    {
        rule: "policyTypes: [Egress] ignores ingress rules and does not isolate ingress",
        policies: [policy("team-a", "egress-only", { podSelector: {}, policyTypes: ["Egress"], ingress: [], egress: [{ ports: [{ port: 443 }] }] })],
        cases: [
            ["ingress on any port", conn(bClient, aClient, 80), true],
            ["egress on the rule's port", conn(aClient, bClient, 443), true],
            ["egress on another port", conn(aClient, bClient, 80), false],
        ],
    },
    {
        rule: "egress: [] with policyType Egress allows nothing",
        policies: [policy("team-a", "no-egress", { podSelector: {}, policyTypes: ["Egress"], egress: [] })],
        cases: [
            ["egress to a pod", conn(aClient, bClient, 80), false],
            ["ingress is untouched", conn(bClient, aClient, 80), true],
        ],
    },
    {
        rule: "empty or absent from/to matches every peer",
        policies: [
            policy("team-a", "from-empty", { podSelector: {}, policyTypes: ["Ingress"], ingress: [{ from: [], ports: [{ port: 8081 }] }] }),
            policy("team-a", "to-absent", { podSelector: {}, policyTypes: ["Egress"], egress: [{ ports: [{ port: 443 }] }] }),
        ],
        cases: [
            ["ingress from another namespace on the port", conn(bClient, jm, 8081), true],
            ["ingress from an IP on the port", conn("198.51.100.1", jm, 8081), true],
            ["ingress on another port", conn(bClient, jm, 8082), false],
            ["egress to any IP on the port", conn(aClient, "2001:db8::1", 443), true],
            ["egress on another port", conn(aClient, "8.8.8.8", 80), false],
        ],
    },
    {
        rule: "empty or absent ports matches every port and protocol",
        policies: [
            policy("team-a", "ports-absent", { podSelector: {}, policyTypes: ["Ingress"], ingress: [{ from: [{ podSelector: { matchLabels: { role: "client" } } }] }] }),
            policy("team-a", "ports-empty", { podSelector: { matchLabels: { component: "jobmanager" } }, policyTypes: ["Egress"], egress: [{ to: [{ ipBlock: { cidr: "192.0.2.0/24" } }], ports: [] }] }),
        ],
        cases: [
            ["ingress from the peer, TCP high port", conn(aClient, jm, 65535), true],
            ["ingress from the peer, UDP", conn(aClient, jm, 53, "UDP"), true],
            ["ingress from the peer, SCTP", conn(aClient, jm, 3868, "SCTP"), true],
            ["ingress from another peer", conn(aOther, jm, 8081), false],
            ["egress to the block, UDP", conn(jm, "192.0.2.1", 123, "UDP"), true],
            ["egress to the block, TCP", conn(jm, "192.0.2.1", 8443), true],
            ["egress outside the block", conn(jm, "192.0.3.1", 123, "UDP"), false],
        ],
    },
    {
        rule: "a rule {} allows everything",
        policies: [policy("team-a", "allow-all", { podSelector: {}, policyTypes: ["Ingress", "Egress"], ingress: [{}], egress: [{}] }), denyAll("team-a")],
        cases: [
            ["ingress from an IP", conn("198.51.100.1", jm, 1), true],
            ["egress to a pod over SCTP", conn(aClient, bClient, 9, "SCTP"), true],
        ],
    },
    {
        rule: "a podSelector-only peer selects pods of the policy's own namespace",
        policies: [ingressFrom([{ podSelector: { matchLabels: { role: "client" } } }])],
        cases: [
            ["role=client in team-a", conn(aClient, jm, 8081), true],
            ["role=client in team-b", conn(bClient, jm, 8081), false],
            ["role=other in team-a", conn(aOther, jm, 8081), false],
            ["an IP", conn("10.2.0.20", jm, 8081), false],
        ],
    },
    {
        rule: "a namespaceSelector-only peer selects every pod of the matching namespaces",
        policies: [ingressFrom([{ namespaceSelector: { matchLabels: { team: "b" } } }])],
        cases: [
            ["any pod of team-b", conn(bOther, jm, 8081), true],
            ["a pod of team-a (its own namespace, not labelled team=b)", conn(aClient, jm, 8081), false],
        ],
    },
    {
        rule: "namespaceSelector: {} selects pods of all namespaces, not IPs",
        policies: [ingressFrom([{ namespaceSelector: {} }])],
        cases: [
            ["a pod of another namespace", conn(prometheus, jm, 9249), true],
            ["an external IP", conn("203.0.113.7", jm, 9249), false],
        ],
    },
    {
        rule: "namespaceSelector and podSelector in ONE peer: AND",
        policies: [ingressFrom([{ namespaceSelector: { matchLabels: { team: "b" } }, podSelector: { matchLabels: { role: "client" } } }])],
        cases: [
            ["role=client in team-b", conn(bClient, jm, 8081), true],
            ["role=other in team-b", conn(bOther, jm, 8081), false],
            ["role=client in team-a", conn(aClient, jm, 8081), false],
        ],
    },
    {
        rule: "namespaceSelector and podSelector in TWO peers: OR",
        policies: [ingressFrom([{ namespaceSelector: { matchLabels: { team: "b" } } }, { podSelector: { matchLabels: { role: "client" } } }])],
        cases: [
            ["role=other in team-b, by the namespace peer", conn(bOther, jm, 8081), true],
            ["role=client in team-a, by the pod peer", conn(aClient, jm, 8081), true],
            ["role=other in team-a, by neither", conn(aOther, jm, 8081), false],
            ["a pod of monitoring, by neither", conn(prometheus, jm, 8081), false],
        ],
    },
    {
        rule: "namespaces carry kubernetes.io/metadata.name, declared or not",
        policies: [
            denyAll("team-a"),
            egressTo([{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "kube-system" } } }]),
            ingressFrom([{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "monitoring" } } }]),
        ],
        cases: [
            ["egress to undeclared kube-system", conn(aClient, dns, 53), true],
            ["egress to team-b", conn(aClient, bClient, 53), false],
            ["ingress from declared monitoring", conn(prometheus, jm, 9249), true],
            ["ingress from team-b", conn(bClient, jm, 9249), false],
        ],
    },
    {
        rule: "matchExpressions In",
        policies: [ingressFrom([{ podSelector: { matchExpressions: [{ key: "type", operator: "In", values: [flink, "flink-standalone-kubernetes"] }] } }])],
        cases: [
            ["value in the set", conn(tm, jm, 6123), true],
            ["key absent", conn(aClient, jm, 6123), false],
        ],
    },
    {
        rule: "matchExpressions In: value not in the set",
        policies: [ingressFrom([{ podSelector: { matchExpressions: [{ key: "role", operator: "In", values: ["admin"] }] } }])],
        cases: [["role=client", conn(aClient, jm, 8081), false]],
    },
    {
        rule: "matchExpressions NotIn (matches when the key is absent)",
        policies: [ingressFrom([{ podSelector: { matchExpressions: [{ key: "role", operator: "NotIn", values: ["other"] }] } }])],
        cases: [
            ["value not in the set", conn(aClient, jm, 8081), true],
            ["key absent", conn(tm, jm, 8081), true],
            ["value in the set", conn(aOther, jm, 8081), false],
        ],
    },
    {
        rule: "matchExpressions Exists",
        policies: [ingressFrom([{ podSelector: { matchExpressions: [{ key: "role", operator: "Exists" }] } }])],
        cases: [
            ["key present", conn(aOther, jm, 8081), true],
            ["key absent", conn(tm, jm, 8081), false],
        ],
    },
    {
        rule: "matchExpressions DoesNotExist",
        policies: [ingressFrom([{ podSelector: { matchExpressions: [{ key: "role", operator: "DoesNotExist" }] } }])],
        cases: [
            ["key absent", conn(tm, jm, 8081), true],
            ["key present", conn(aClient, jm, 8081), false],
        ],
    },
    {
        rule: "matchLabels and matchExpressions are ANDed",
        policies: [
            ingressFrom([
                { podSelector: { matchLabels: { component: "jobmanager" }, matchExpressions: [{ key: "type", operator: "In", values: [flink] }] } },
            ]),
        ],
        cases: [
            ["both hold", conn(jm, tm, 6122), true],
            ["only the expression holds", conn(tm, jm, 6122), false],
            ["neither holds", conn(aClient, tm, 6122), false],
        ],
    },
    {
        rule: "ipBlock with except, IPv4",
        policies: [denyAll("team-a"), egressTo([{ ipBlock: { cidr: "10.0.0.0/16", except: ["10.0.1.0/24", "10.0.2.128/25"] } }])],
        cases: [
            ["inside the cidr", conn(aClient, "10.0.3.4", 9092), true],
            ["at the cidr's first address", conn(aClient, "10.0.0.0", 9092), true],
            ["just below an except", conn(aClient, "10.0.2.127", 9092), true],
            ["inside the first except", conn(aClient, "10.0.1.200", 9092), false],
            ["inside the second except", conn(aClient, "10.0.2.128", 9092), false],
            ["outside the cidr", conn(aClient, "10.1.0.1", 9092), false],
            ["an IPv6 address", conn(aClient, "::ffff:10.0.3.4", 9092), false],
        ],
    },
    {
        rule: "ipBlock with except, IPv6",
        policies: [denyAll("team-a"), egressTo([{ ipBlock: { cidr: "2001:db8::/32", except: ["2001:db8:dead::/48"] } }])],
        cases: [
            ["inside the cidr", conn(aClient, "2001:db8:1::1", 443), true],
            ["inside the cidr, upper case", conn(aClient, "2001:DB8:FFFF::1", 443), true],
            ["inside the except", conn(aClient, "2001:db8:dead:beef::1", 443), false],
            ["outside the cidr", conn(aClient, "2001:db9::1", 443), false],
        ],
    },
    {
        rule: "ipBlock ::/0 does not match IPv4, 0.0.0.0/0 does not match IPv6",
        policies: [denyAll("team-a"), egressTo([{ ipBlock: { cidr: "::/0" } }], [{ port: 443 }], "allow-v6"), egressTo([{ ipBlock: { cidr: "0.0.0.0/0" } }], [{ port: 80 }], "allow-v4")],
        cases: [
            ["IPv6 to ::/0", conn(aClient, "2001:db8::1", 443), true],
            ["IPv4 to ::/0", conn(aClient, "8.8.8.8", 443), false],
            ["IPv4 to 0.0.0.0/0", conn(aClient, "8.8.8.8", 80), true],
            ["IPv6 to 0.0.0.0/0", conn(aClient, "2001:db8::1", 80), false],
        ],
    },
    {
        rule: "ipBlock in ingress matches the source IP",
        policies: [ingressFrom([{ ipBlock: { cidr: "203.0.113.0/24" } }], [{ port: 8081 }])],
        cases: [
            ["from inside the block", conn("203.0.113.7", jm, 8081), true],
            ["from outside the block", conn("198.51.100.1", jm, 8081), false],
        ],
    },
    {
        rule: "ipBlock matches a pod peer by its ip, when it has one",
        policies: [denyAll("team-a"), egressTo([{ ipBlock: { cidr: "10.2.0.0/16" } }])],
        cases: [
            ["to a pod whose ip is in the block", conn(aClient, bClient, 80), true],
            ["to a pod without an ip", conn(aClient, bOther, 80), false],
        ],
    },
    {
        rule: "port ranges with endPort are inclusive",
        policies: [ingressFrom([], [{ protocol: "TCP", port: 32000, endPort: 32768 }])],
        cases: [
            ["the first port", conn(bClient, jm, 32000), true],
            ["a middle port", conn(bClient, jm, 32100), true],
            ["the last port", conn(bClient, jm, 32768), true],
            ["below the range", conn(bClient, jm, 31999), false],
            ["above the range", conn(bClient, jm, 32769), false],
            ["UDP in the range", conn(bClient, jm, 32100, "UDP"), false],
        ],
    },
    {
        rule: "named ports in ingress resolve against the destination pod",
        policies: [ingressFrom([], [{ port: "metrics" }])],
        cases: [
            ["JobManager's metrics port 9249", conn(prometheus, jm, 9249), true],
            ["TaskManager's metrics port 9250", conn(prometheus, tm, 9250), true],
            ["9249 on the TaskManager, whose metrics port is 9250", conn(prometheus, tm, 9249), false],
            ["JobManager's other named port", conn(prometheus, jm, 8081), false],
            ["a pod with no named ports", conn(prometheus, aClient, 9249), false],
        ],
    },
    {
        rule: "named ports in egress resolve against the destination pod; never match an IP",
        policies: [denyAll("team-a"), egressTo([], [{ protocol: "UDP", port: "dns" }])],
        cases: [
            ["to coredns, which names port 53 dns", conn(aClient, dns, 53, "UDP"), true],
            ["to an IP on 53", conn(aClient, "8.8.8.8", 53, "UDP"), false],
            ["to coredns over TCP", conn(aClient, dns, 53, "TCP"), false],
        ],
    },
    {
        rule: "UDP vs TCP: protocol defaults to TCP on both sides",
        policies: [
            denyAll("team-a"),
            egressTo([], [{ protocol: "UDP", port: 53 }], "allow-udp-53"),
            egressTo([], [{ port: 5353 }], "allow-5353"),
            egressTo([], [{ protocol: "SCTP" }], "allow-sctp"),
        ],
        cases: [
            ["UDP rule, UDP connection", conn(aClient, "8.8.8.8", 53, "UDP"), true],
            ["UDP rule, TCP connection (default)", conn(aClient, "8.8.8.8", 53), false],
            ["rule without protocol, TCP connection", conn(aClient, "8.8.8.8", 5353, "TCP"), true],
            ["rule without protocol, UDP connection", conn(aClient, "8.8.8.8", 5353, "UDP"), false],
            ["SCTP rule without port, any SCTP port", conn(aClient, "8.8.8.8", 38412, "SCTP"), true],
            ["SCTP rule without port, a TCP port", conn(aClient, "8.8.8.8", 38412), false],
        ],
    },
];

describe("NetworkPolicyEvaluator", () => {
    for (const table of tables) {
        describe(table.rule, () => {
            const evaluator = new NetworkPolicyEvaluator(table.policies, namespaces);
            for (const [name, connection, allowed] of table.cases) {
                it(`${allowed ? "allows" : "denies"} ${name}`, () => {
                    assert.equal(evaluator.allows(connection), allowed, evaluator.explain(connection));
                });
            }
        });
    }

    describe("explain()", () => {
        const evaluator = new NetworkPolicyEvaluator(
            [
                denyAll("team-a"),
                policy("team-a", "allow-dns", {
                    podSelector: {},
                    policyTypes: ["Egress"],
                    egress: [{ to: [{ namespaceSelector: {}, podSelector: { matchLabels: { "k8s-app": "kube-dns" } } }], ports: [{ protocol: "UDP", port: 53 }] }],
                }),
                policy("team-b", "allow-rest", { podSelector: {}, ingress: [{ ports: [{ port: 8081 }] }] }),
            ],
            namespaces,
        );

        it("names the selecting policies and the traffic of a denied egress", () => {
            assert.equal(
                evaluator.explain(conn(jm, "10.0.0.5", 9092)),
                "egress denied: team-a/orders-jm is selected by default-deny, allow-dns and no rule allows 10.0.0.5:9092/TCP",
            );
        });

        it("brackets an IPv6 destination", () => {
            assert.equal(
                evaluator.explain(conn(jm, "2001:db8::5", 443)),
                "egress denied: team-a/orders-jm is selected by default-deny, allow-dns and no rule allows [2001:db8::5]:443/TCP",
            );
        });

        it("names a denied ingress", () => {
            assert.equal(
                evaluator.explain(conn(bClient, jm, 8081)),
                "ingress denied: team-a/orders-jm is selected by default-deny and no rule allows team-b/client to port 8081/TCP",
            );
        });

        it("lists both sides when both deny", () => {
            assert.equal(
                evaluator.explain(conn(jm, bClient, 80)),
                "egress denied: team-a/orders-jm is selected by default-deny, allow-dns and no rule allows team-b/client:80/TCP; " +
                    "ingress denied: team-b/client is selected by allow-rest and no rule allows team-a/orders-jm to port 80/TCP",
            );
        });

        it("names the allowing rule of an allowed connection", () => {
            assert.equal(
                evaluator.explain(conn(jm, dns, 53, "UDP")),
                "egress allowed: allow-dns egress[0] allows kube-system/coredns:53/UDP; ingress allowed: kube-system/coredns is not selected by any policy with Ingress",
            );
        });
    });

    describe("rejects what the API server rejects", () => {
        const invalid: [string, object][] = [
            ["endPort with a named port", { podSelector: {}, ingress: [{ ports: [{ port: "metrics", endPort: 9300 }] }] }],
            ["endPort without a port", { podSelector: {}, ingress: [{ ports: [{ endPort: 9300 }] }] }],
            ["endPort below port", { podSelector: {}, ingress: [{ ports: [{ port: 9300, endPort: 9200 }] }] }],
            ["ipBlock with a podSelector in one peer", { podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: "10.0.0.0/8" }, podSelector: {} }] }] }],
            ["a peer with no field", { podSelector: {}, ingress: [{ from: [{}] }] }],
            ["a malformed CIDR", { podSelector: {}, egress: [{ to: [{ ipBlock: { cidr: "10.0.0.0/33" } }] }] }],
            ["a malformed except", { podSelector: {}, egress: [{ to: [{ ipBlock: { cidr: "10.0.0.0/8", except: ["10.1.0.0"] } }] }] }],
            ["an unknown operator", { podSelector: { matchExpressions: [{ key: "a", operator: "Equals", values: ["b"] }] } }],
            ["an unknown policyType", { podSelector: {}, policyTypes: ["Both"] }],
            ["a lower-case protocol", { podSelector: {}, ingress: [{ ports: [{ protocol: "tcp", port: 80 }] }] }],
        ];
        for (const [name, spec] of invalid) {
            it(name, () => {
                assert.throws(() => new NetworkPolicyEvaluator([policy("team-a", "bad", spec)], namespaces), /NetworkPolicy team-a\/bad: /);
            });
        }
    });
});
