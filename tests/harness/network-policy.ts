/**
 * A NetworkPolicy evaluator for tests: decides whether a set of `networking.k8s.io/v1`
 * NetworkPolicy objects allows a connection between two pods, or between a pod and an IP address.
 * Pure: no cluster, no I/O, only Node's standard library.
 *
 * Sources, cited in the docstrings below by the name in brackets:
 * - [concepts]   https://kubernetes.io/docs/concepts/services-networking/network-policies/
 * - [api]        https://kubernetes.io/docs/reference/kubernetes-api/policy-resources/network-policy-v1/
 * - [defaults]   kubernetes/kubernetes pkg/apis/networking/v1/defaults.go, SetDefaults_NetworkPolicy
 * - [validation] kubernetes/kubernetes pkg/apis/networking/validation/validation.go
 * - [labels]     https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors
 *
 * Where Kubernetes leaves the behaviour to the network plugin, or where this model lacks the data,
 * the evaluator chooses as follows:
 * - An `ipBlock` peer matches a pod peer by the pod's `ip` when the caller gives one, and never
 *   otherwise. [concepts] says ipBlocks "should be cluster-external IPs, since Pod IPs are ephemeral
 *   and unpredictable", and plugins differ on whether ipBlock applies to pod IPs.
 * - Conversely an `{ ip }` peer is always an address outside the cluster: podSelector and
 *   namespaceSelector peers never match it, even if some pod has that IP.
 * - An IP matches a CIDR only of its own family: IPv4 addresses never match IPv6 CIDRs and vice
 *   versa (IPv4-mapped IPv6 addresses such as `::ffff:10.0.0.1` count as IPv6).
 * - "Traffic to and from the node where a Pod is running is always allowed" [concepts]: this model
 *   has no nodes, so an `{ ip }` peer is never taken for the pod's node.
 * - `namedPorts` carry no protocol: a named port in a rule matches when the destination pod declares
 *   that name with the connection's port number, and the rule's protocol matches the connection's.
 * - A pod whose namespace is not among the constructor's `namespaces` is in a namespace labelled only
 *   `kubernetes.io/metadata.name: <name>`.
 * - A policy the API server would reject (see `validatePolicy`) throws in the constructor rather
 *   than being evaluated in some made-up way.
 */
import { BlockList, isIP } from "node:net";
import type { RegisteredResource } from "./mocks";

export interface Pod {
    namespace: string;
    name: string;
    labels: Record<string, string>;
    ip?: string;
    /** named container ports, e.g. { metrics: 9249 } */
    namedPorts?: Record<string, number>;
}

/** `kubernetes.io/metadata.name` is added (and forced to `name`) as the API server does. */
export interface Namespace {
    name: string;
    labels: Record<string, string>;
}

export interface PolicyObject {
    metadata: { name: string; namespace: string };
    /** NetworkPolicySpec as emitted */
    spec: any;
}

export type Peer = { pod: Pod } | { ip: string };

export interface Connection {
    from: Peer;
    to: Peer;
    port: number;
    /** default TCP */
    protocol?: "TCP" | "UDP" | "SCTP";
}

type Direction = "Ingress" | "Egress";

/** The parts of a NetworkPolicySpec the evaluator reads, as [api] defines them. */
interface LabelSelector {
    matchLabels?: Record<string, string>;
    matchExpressions?: { key: string; operator: string; values?: string[] }[];
}
interface IPBlock {
    cidr: string;
    except?: string[];
}
interface NetworkPolicyPeer {
    podSelector?: LabelSelector;
    namespaceSelector?: LabelSelector;
    ipBlock?: IPBlock;
}
interface NetworkPolicyPort {
    protocol?: string;
    port?: number | string;
    endPort?: number;
}
interface Rule {
    from?: NetworkPolicyPeer[];
    to?: NetworkPolicyPeer[];
    ports?: NetworkPolicyPort[];
}

/** The verdict on one direction of a connection, for a pod end. */
interface SideVerdict {
    direction: Direction;
    pod: Pod;
    /** Names of the policies that select the pod for this direction; empty = not isolated. */
    isolatedBy: string[];
    /** "<policy> <ingress|egress>[<index>]" of the first rule that allows the connection. */
    allowedBy?: string;
    allowed: boolean;
}

const metadataNameLabel = "kubernetes.io/metadata.name";
const protocols = ["TCP", "UDP", "SCTP"];

export class NetworkPolicyEvaluator {
    private readonly namespaceLabels = new Map<string, Record<string, string>>();

    constructor(private readonly policies: PolicyObject[], namespaces: Namespace[]) {
        policies.forEach(validatePolicy);
        for (const ns of namespaces) {
            // The API server sets this immutable label on every namespace (Kubernetes ≥ 1.22).
            this.namespaceLabels.set(ns.name, { ...ns.labels, [metadataNameLabel]: ns.name });
        }
    }

    /**
     * true when allowed: egress side allowed for the source pod (if it is a pod) AND ingress side
     * allowed for the destination pod (if it is a pod). A pod connecting to itself is always allowed.
     */
    allows(connection: Connection): boolean {
        return this.evaluate(connection).allowed;
    }

    /** why, for assertion messages: e.g. "egress denied: team-a/orders-jm is selected by default-deny, allow-dns and no rule allows 10.0.0.5:9092/TCP" */
    explain(connection: Connection): string {
        const verdict = this.evaluate(connection);
        if (verdict.self) return `allowed: ${describePeer(connection.from)} connects to itself (a pod cannot block access to itself)`;
        const sides = verdict.sides.map((side) => describeSide(side, connection));
        if (verdict.allowed) return sides.length === 0 ? "allowed: neither end is a pod" : sides.join("; ");
        return sides.filter((_, i) => !verdict.sides[i].allowed).join("; ");
    }

    private evaluate(connection: Connection): { allowed: boolean; self: boolean; sides: SideVerdict[] } {
        checkConnection(connection);
        // [concepts]: "Other pods that are allowed (exception: a pod cannot block access to itself)".
        if ("pod" in connection.from && "pod" in connection.to && samePod(connection.from.pod, connection.to.pod)) {
            return { allowed: true, self: true, sides: [] };
        }
        // [concepts]: for a connection between pods both the source's egress policy and the
        // destination's ingress policy must allow it; an IP end has no policy of its own.
        const sides: SideVerdict[] = [];
        if ("pod" in connection.from) sides.push(this.evaluateSide("Egress", connection.from.pod, connection));
        if ("pod" in connection.to) sides.push(this.evaluateSide("Ingress", connection.to.pod, connection));
        return { allowed: sides.every((side) => side.allowed), self: false, sides };
    }

    /**
     * [concepts] "Isolated and non-isolated Pods": a pod is isolated for a direction when a policy in
     * its namespace selects it and lists that direction in policyTypes; a non-isolated direction
     * allows everything. An isolated one allows what the union of the rules of those policies allows.
     */
    private evaluateSide(direction: Direction, pod: Pod, connection: Connection): SideVerdict {
        const selecting = this.policies.filter(
            (p) =>
                p.metadata.namespace === pod.namespace &&
                effectivePolicyTypes(p.spec).includes(direction) &&
                selectorMatches(p.spec.podSelector ?? {}, pod.labels),
        );
        const verdict: SideVerdict = { direction, pod, isolatedBy: selecting.map((p) => p.metadata.name), allowed: selecting.length === 0 };
        const field = direction === "Ingress" ? "ingress" : "egress";
        for (const policy of selecting) {
            const rules: Rule[] = policy.spec[field] ?? [];
            const index = rules.findIndex((rule) => this.ruleAllows(policy, rule, direction, connection));
            if (index >= 0) return { ...verdict, allowed: true, allowedBy: `${policy.metadata.name} ${field}[${index}]` };
        }
        return verdict;
    }

    /**
     * [api] NetworkPolicyIngressRule / NetworkPolicyEgressRule: "The traffic must match both ports and
     * from/to." An empty or missing `from`/`to` matches all peers; an empty or missing `ports`
     * matches all ports.
     */
    private ruleAllows(policy: PolicyObject, rule: Rule, direction: Direction, connection: Connection): boolean {
        const peers = direction === "Ingress" ? rule.from : rule.to;
        const remote = direction === "Ingress" ? connection.from : connection.to;
        const peersMatch = !peers || peers.length === 0 || peers.some((peer) => this.peerMatches(peer, remote, policy.metadata.namespace));
        const portsMatch = !rule.ports || rule.ports.length === 0 || rule.ports.some((port) => portMatches(port, connection));
        return peersMatch && portsMatch;
    }

    /**
     * [api] NetworkPolicyPeer and [concepts] "Behavior of to and from selectors":
     * - podSelector alone: pods in the policy's own namespace;
     * - namespaceSelector alone: every pod in the matching namespaces;
     * - both in one peer: pods matching podSelector in namespaces matching namespaceSelector;
     * - ipBlock: addresses in `cidr` and not in any `except` (a pod matches by its `ip`, see the file
     *   docstring).
     */
    private peerMatches(peer: NetworkPolicyPeer, remote: Peer, policyNamespace: string): boolean {
        if (peer.ipBlock) {
            const ip = "ip" in remote ? remote.ip : remote.pod.ip;
            return ip !== undefined && ipBlockContains(peer.ipBlock, ip);
        }
        if (!("pod" in remote)) return false;
        const pod = remote.pod;
        const namespaceMatches = peer.namespaceSelector
            ? selectorMatches(peer.namespaceSelector, this.labelsOfNamespace(pod.namespace))
            : pod.namespace === policyNamespace;
        return namespaceMatches && (!peer.podSelector || selectorMatches(peer.podSelector, pod.labels));
    }

    private labelsOfNamespace(name: string): Record<string, string> {
        return this.namespaceLabels.get(name) ?? { [metadataNameLabel]: name };
    }
}

/**
 * [defaults] SetDefaults_NetworkPolicy: when policyTypes is absent or empty it is ["Ingress"], plus
 * "Egress" when the spec has at least one egress rule (`len(spec.Egress) != 0`: so `egress: []`
 * without policyTypes does not isolate for egress).
 */
function effectivePolicyTypes(spec: any): Direction[] {
    if (Array.isArray(spec.policyTypes) && spec.policyTypes.length > 0) return spec.policyTypes;
    return Array.isArray(spec.egress) && spec.egress.length > 0 ? ["Ingress", "Egress"] : ["Ingress"];
}

/**
 * [labels] and [api] LabelSelector: matchLabels and matchExpressions are ANDed; an empty selector
 * matches everything. `In`: the key is present with one of the values; `NotIn`: the key is absent or
 * its value is none of the values; `Exists` / `DoesNotExist`: the key is present / absent.
 */
function selectorMatches(selector: LabelSelector, labels: Record<string, string>): boolean {
    const has = (key: string) => Object.prototype.hasOwnProperty.call(labels, key);
    const labelsMatch = Object.entries(selector.matchLabels ?? {}).every(([key, value]) => has(key) && labels[key] === value);
    const expressionsMatch = (selector.matchExpressions ?? []).every(({ key, operator, values = [] }) => {
        switch (operator) {
            case "In":
                return has(key) && values.includes(labels[key]);
            case "NotIn":
                return !has(key) || !values.includes(labels[key]);
            case "Exists":
                return has(key);
            case "DoesNotExist":
                return !has(key);
            default:
                throw new Error(`unknown label selector operator ${operator}`);
        }
    });
    return labelsMatch && expressionsMatch;
}

/**
 * [api] NetworkPolicyPort: `protocol` defaults to TCP; without `port` every port of the protocol
 * matches; `endPort` widens a numeric `port` to the inclusive range port..endPort; a named `port` is
 * "a named port on a pod" — the destination pod's, for ingress (the selected pod) and for egress
 * alike, so a named port never matches a connection to an IP address.
 */
function portMatches(rulePort: NetworkPolicyPort, connection: Connection): boolean {
    if ((rulePort.protocol ?? "TCP") !== (connection.protocol ?? "TCP")) return false;
    const { port, endPort } = rulePort;
    if (port === undefined) return true;
    if (typeof port === "number") return endPort === undefined ? connection.port === port : port <= connection.port && connection.port <= endPort;
    return "pod" in connection.to && connection.to.pod.namedPorts?.[port] === connection.port;
}

/** [api] IPBlock: `cidr` minus every `except` CIDR; IPv4 and IPv6 alike. */
function ipBlockContains(block: IPBlock, ip: string): boolean {
    return cidrContains(block.cidr, ip) && !(block.except ?? []).some((except) => cidrContains(except, ip));
}

/** Parses `address/prefix`; undefined when it is not a valid IPv4 or IPv6 CIDR. */
function parseCidr(cidr: string): { address: string; prefix: number; family: "ipv4" | "ipv6" } | undefined {
    const match = /^([^/]+)\/(\d{1,3})$/.exec(cidr);
    if (!match) return undefined;
    const version = isIP(match[1]);
    const prefix = Number(match[2]);
    if (version === 0 || prefix > (version === 4 ? 32 : 128)) return undefined;
    return { address: match[1], prefix, family: version === 4 ? "ipv4" : "ipv6" };
}

/** Whether `ip` lies in `cidr` (same family only, see the file docstring), using node:net BlockList. */
function cidrContains(cidr: string, ip: string): boolean {
    const parsed = parseCidr(cidr);
    if (!parsed) throw new Error(`invalid CIDR ${cidr}`);
    const family = isIP(ip) === 4 ? "ipv4" : "ipv6";
    if (family !== parsed.family) return false;
    const list = new BlockList();
    list.addSubnet(parsed.address, parsed.prefix, parsed.family);
    return list.check(ip, family);
}

function samePod(a: Pod, b: Pod): boolean {
    return a.namespace === b.namespace && a.name === b.name;
}

/** Rejects connections the evaluator cannot judge: IPs that are not IPs, ports out of range, unknown protocols. */
function checkConnection(connection: Connection): void {
    for (const peer of [connection.from, connection.to]) {
        const ip = "ip" in peer ? peer.ip : peer.pod.ip;
        if (ip !== undefined && isIP(ip) === 0) throw new Error(`not an IP address: ${ip}`);
    }
    if (!Number.isInteger(connection.port) || connection.port < 1 || connection.port > 65535) throw new Error(`invalid port ${connection.port}`);
    if (connection.protocol !== undefined && !protocols.includes(connection.protocol)) throw new Error(`invalid protocol ${connection.protocol}`);
}

/**
 * Throws on what the API server rejects [validation] and the evaluator would otherwise have to guess
 * at: unknown policyTypes, protocols and selector operators; a peer with no field, or an ipBlock
 * alongside a selector; a malformed CIDR; an endPort without a numeric port, or below it.
 */
function validatePolicy(policy: PolicyObject): void {
    const where = `NetworkPolicy ${policy.metadata.namespace}/${policy.metadata.name}`;
    const fail = (message: string): never => {
        throw new Error(`${where}: ${message}`);
    };
    const spec = policy.spec ?? fail("no spec");
    for (const type of spec.policyTypes ?? []) if (type !== "Ingress" && type !== "Egress") fail(`unknown policyType ${type}`);
    const selectors: LabelSelector[] = [spec.podSelector ?? {}];
    const rules: Rule[] = [...(spec.ingress ?? []), ...(spec.egress ?? [])];
    for (const rule of rules) {
        for (const peer of [...(rule.from ?? []), ...(rule.to ?? [])]) {
            if (!peer.podSelector && !peer.namespaceSelector && !peer.ipBlock) fail("a peer must set podSelector, namespaceSelector or ipBlock");
            if (peer.ipBlock && (peer.podSelector || peer.namespaceSelector)) fail("a peer with ipBlock may set no other field");
            if (peer.podSelector) selectors.push(peer.podSelector);
            if (peer.namespaceSelector) selectors.push(peer.namespaceSelector);
            for (const cidr of peer.ipBlock ? [peer.ipBlock.cidr, ...(peer.ipBlock.except ?? [])] : []) {
                if (!parseCidr(cidr)) fail(`invalid CIDR ${cidr}`);
            }
        }
        for (const port of rule.ports ?? []) {
            if (port.protocol !== undefined && !protocols.includes(port.protocol)) fail(`unknown protocol ${port.protocol}`);
            if (port.endPort !== undefined && typeof port.port !== "number") fail("endPort needs a numeric port");
            if (port.endPort !== undefined && port.endPort < (port.port as number)) fail(`endPort ${port.endPort} is below port ${port.port}`);
        }
    }
    for (const expression of selectors.flatMap((s) => s.matchExpressions ?? [])) {
        if (!["In", "NotIn", "Exists", "DoesNotExist"].includes(expression.operator)) fail(`unknown label selector operator ${expression.operator}`);
    }
}

function describePeer(peer: Peer): string {
    return "pod" in peer ? `${peer.pod.namespace}/${peer.pod.name}` : peer.ip;
}

/** `10.0.0.5:9092/TCP`, `[2001:db8::1]:443/TCP`, `team-b/kafka:9092/TCP`. */
function describeDestination(connection: Connection): string {
    const to = describePeer(connection.to);
    const host = "ip" in connection.to && isIP(to) === 6 ? `[${to}]` : to;
    return `${host}:${connection.port}/${connection.protocol ?? "TCP"}`;
}

function describeSide(side: SideVerdict, connection: Connection): string {
    const direction = side.direction.toLowerCase();
    const pod = `${side.pod.namespace}/${side.pod.name}`;
    const traffic =
        side.direction === "Egress"
            ? describeDestination(connection)
            : `${describePeer(connection.from)} to port ${connection.port}/${connection.protocol ?? "TCP"}`;
    if (side.isolatedBy.length === 0) return `${direction} allowed: ${pod} is not selected by any policy with ${side.direction}`;
    if (side.allowed) return `${direction} allowed: ${side.allowedBy} allows ${traffic}`;
    return `${direction} denied: ${pod} is selected by ${side.isolatedBy.join(", ")} and no rule allows ${traffic}`;
}

/** The evaluator of the NetworkPolicies and Namespaces a program registered (runProgram, runStack). */
export function evaluatorOfRegistered(resources: RegisteredResource[]): NetworkPolicyEvaluator {
    const namespaces = resources.filter((r) => r.type === "kubernetes:core/v1:Namespace")
        .map((r) => ({ name: r.inputs.metadata.name, labels: r.inputs.metadata.labels ?? {} }));
    const policies = resources.filter((r) => r.type === "kubernetes:networking.k8s.io/v1:NetworkPolicy")
        .map((r) => ({ metadata: r.inputs.metadata, spec: r.inputs.spec }));
    return new NetworkPolicyEvaluator(policies, namespaces);
}
