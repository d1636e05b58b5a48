/**
 * Network: no NodePort, public LoadBalancer or externalIPs unless allowed;
 * Ingresses with TLS and concrete hosts; a default-deny NetworkPolicy in
 * every namespace that runs workloads.
 */
import { indexed, isIngress, isKind, namespaceOf } from "../lib/k8s";
import { resourcePolicy, stackPolicy, stringList } from "../lib/policy";
import { at, isRec, isTrue, list, matchesAny, quoted, Rec, rec, recs, text, texts } from "../lib/values";
import { isWorkloadOrNamespace, namespacesWithWorkloads } from "./resources";

interface ExposureConfig {
    allowNodePort: boolean;
    allowLoadBalancer: boolean;
    allowExternalIPs: boolean;
    internalLoadBalancerAnnotations: Record<string, string>;
}

/** Annotations that make a cloud's LoadBalancer Service internal (private addresses only). */
export const internalLoadBalancerAnnotations: Record<string, string> = {
    "service.beta.kubernetes.io/aws-load-balancer-scheme": "internal",
    "service.beta.kubernetes.io/aws-load-balancer-internal": "true",
    "networking.gke.io/load-balancer-type": "Internal",
    "cloud.google.com/load-balancer-type": "Internal",
    "service.beta.kubernetes.io/azure-load-balancer-internal": "true",
    "service.beta.kubernetes.io/oci-load-balancer-internal": "true",
};

function isInternal(annotations: Rec, internal: Record<string, unknown>): boolean {
    return Object.entries(rec(internal)).some(([key, value]) => {
        const actual = text(annotations[key]);
        const expected = text(value);
        return actual !== undefined && expected !== undefined && actual.toLowerCase() === expected.toLowerCase();
    });
}

function ingressProblems(spec: Rec, allowWildcardHosts: boolean): string[] {
    const messages: string[] = [];
    const tls = recs(spec.tls);
    const tlsHosts = new Set(tls.flatMap((entry) => texts(entry.hosts)));
    if (tls.length === 0) {
        messages.push("has no TLS (spec.tls); serve it over HTTPS only");
    }
    if (isRec(spec.defaultBackend) || isRec(spec.backend)) {
        messages.push("has a default backend, which answers for any host name; route concrete hosts only");
    }
    for (const [index, rule] of indexed(spec.rules)) {
        const host = text(rule.host);
        if (host === undefined) {
            messages.push(`spec.rules[${index}] has no host, so it answers for any host name; set a concrete host`);
        } else if (host.includes("*") && !allowWildcardHosts) {
            messages.push(`spec.rules[${index}] host ${JSON.stringify(host)} is a wildcard; set a concrete host`);
        } else if (tls.length > 0 && !tlsHosts.has(host)) {
            messages.push(`spec.rules[${index}] host ${JSON.stringify(host)} is not listed in spec.tls hosts, so it is served without TLS`);
        }
    }
    return messages;
}

interface DenyConfig {
    exemptNamespaces: string[];
}

/** Whether a NetworkPolicy selects every pod and denies ingress / egress (the direction is in policyTypes and it has no rules for it). */
function denies(props: Rec): { ingress: boolean; egress: boolean } {
    const spec = rec(props.spec);
    const selector = spec.podSelector;
    const selectsAll = isRec(selector)
        && Object.keys(rec(selector.matchLabels)).length === 0
        && list(selector.matchExpressions).length === 0;
    if (!selectsAll) {
        return { ingress: false, egress: false };
    }
    const declared = texts(spec.policyTypes);
    // Without policyTypes: Ingress, plus Egress when egress rules are given.
    const types = declared.length > 0 ? declared : ["Ingress", ...(spec.egress !== undefined ? ["Egress"] : [])];
    return {
        ingress: types.includes("Ingress") && list(spec.ingress).length === 0,
        egress: types.includes("Egress") && list(spec.egress).length === 0,
    };
}

export const networkPolicies = [
    resourcePolicy<ExposureConfig>({
        name: "service-exposure",
        description: "No Service of type NodePort, no LoadBalancer without an internal load balancer annotation, no externalIPs, unless allowed by config.",
        enforcementLevel: "mandatory",
        configSchema: {
            properties: {
                allowNodePort: { type: "boolean", default: false, description: "Allow type NodePort." },
                allowLoadBalancer: { type: "boolean", default: false, description: "Allow any type LoadBalancer, internal or not." },
                allowExternalIPs: { type: "boolean", default: false, description: "Allow spec.externalIPs." },
                internalLoadBalancerAnnotations: {
                    type: "object",
                    additionalProperties: { type: "string" },
                    default: internalLoadBalancerAnnotations,
                    description: "Annotation -> value (case-insensitive) that makes a LoadBalancer internal; one of them allows it.",
                },
            },
        },
        appliesTo: (type) => isKind(type, ["core"], "Service"),
        check: ({ props }, config, report) => {
            const spec = rec(props.spec);
            const serviceType = text(spec.type) ?? "ClusterIP";
            if (serviceType === "NodePort" && !isTrue(config.allowNodePort)) {
                report("type NodePort opens the Service on every node's address; use ClusterIP (and an Ingress or an internal load balancer)");
            }
            if (serviceType === "LoadBalancer" && !isTrue(config.allowLoadBalancer)
                && !isInternal(rec(at(props, "metadata", "annotations")), rec(config.internalLoadBalancerAnnotations))) {
                const accepted = Object.entries(rec(config.internalLoadBalancerAnnotations)).map(([k, v]) => `${k}: ${text(v) ?? ""}`);
                report(`type LoadBalancer without an internal load balancer annotation gets a public address; annotate it as internal (one of ${accepted.join("; ")})`);
            }
            const externalIPs = texts(spec.externalIPs);
            if (externalIPs.length > 0 && !isTrue(config.allowExternalIPs)) {
                report(`spec.externalIPs ${quoted(externalIPs)} routes traffic for those addresses to the Service from every node; remove them`);
            }
        },
    }),
    resourcePolicy<{ allowWildcardHosts: boolean }>({
        name: "ingress-tls",
        description: "Every Ingress has TLS covering each rule's host, and only concrete host names (no wildcard, no host-less rule, no default backend).",
        enforcementLevel: "mandatory",
        configSchema: {
            properties: {
                allowWildcardHosts: { type: "boolean", default: false, description: "Allow hosts such as *.example.com." },
            },
        },
        appliesTo: isIngress,
        check: ({ props }, config, report) => {
            ingressProblems(rec(props.spec), isTrue(config.allowWildcardHosts)).forEach(report);
        },
    }),
    stackPolicy<DenyConfig>({
        name: "namespace-default-deny",
        description: "Every namespace with workloads has a NetworkPolicy selecting all pods that denies all ingress and all egress (one policy or two).",
        enforcementLevel: "mandatory",
        configSchema: {
            properties: {
                exemptNamespaces: stringList("Namespaces (patterns with *) whose NetworkPolicies are managed outside the stack."),
            },
        },
        appliesTo: (type) => isWorkloadOrNamespace(type) || isKind(type, ["networking.k8s.io"], "NetworkPolicy"),
        check: (resources, config, report) => {
            const deniedIngress = new Set<string>();
            const deniedEgress = new Set<string>();
            for (const resource of resources) {
                if (!isKind(resource.type, ["networking.k8s.io"], "NetworkPolicy")) continue;
                const namespace = namespaceOf(resource.props, resource.provider);
                const { ingress, egress } = denies(resource.props);
                if (ingress) deniedIngress.add(namespace);
                if (egress) deniedEgress.add(namespace);
            }
            for (const [namespace, urn] of namespacesWithWorkloads(resources)) {
                if (matchesAny(texts(config.exemptNamespaces), namespace)) continue;
                const missing = [...(deniedIngress.has(namespace) ? [] : ["ingress"]), ...(deniedEgress.has(namespace) ? [] : ["egress"])];
                if (missing.length > 0) {
                    report(`namespace ${JSON.stringify(namespace)} has workloads but no default-deny NetworkPolicy for ${missing.join(" and ")} `
                        + "(podSelector: {}, policyTypes without rules)", urn);
                }
            }
        },
    }),
];
