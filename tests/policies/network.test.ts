import * as assert from "node:assert/strict";
import { deployment, ingress, namespaceGuards, pod, service, types } from "./fixtures";
import { messages } from "./runner";

describe("policies: network", () => {
    it("service-exposure: ClusterIP and internal load balancers pass; NodePort, public LoadBalancer and externalIPs do not", async () => {
        const ports = [{ port: 80 }];
        assert.deepEqual(await messages("service-exposure", [
            service({ ports }),
            service({ type: "ClusterIP", clusterIP: "None", ports }),
            service({ type: "LoadBalancer", ports }, { "service.beta.kubernetes.io/aws-load-balancer-scheme": "internal" }),
            service({ type: "LoadBalancer", ports }, { "networking.gke.io/load-balancer-type": "internal" }),
        ]), []);
        assert.deepEqual(await messages("service-exposure", service({ type: "NodePort", ports, externalIPs: ["203.0.113.7"] })), [
            "type NodePort opens the Service on every node's address; use ClusterIP (and an Ingress or an internal load balancer)",
            'spec.externalIPs "203.0.113.7" routes traffic for those addresses to the Service from every node; remove them',
        ]);
        assert.deepEqual(await messages("service-exposure", service({ type: "LoadBalancer", ports }, { "service.beta.kubernetes.io/aws-load-balancer-scheme": "internet-facing" }), {
            internalLoadBalancerAnnotations: { "service.beta.kubernetes.io/aws-load-balancer-scheme": "internal" },
        }), [
            "type LoadBalancer without an internal load balancer annotation gets a public address; annotate it as internal "
                + "(one of service.beta.kubernetes.io/aws-load-balancer-scheme: internal)",
        ]);
        assert.deepEqual(await messages("service-exposure", service({ type: "NodePort", ports }), { allowNodePort: true }), []);
    });

    it("ingress-tls: TLS for every host, concrete hosts only", async () => {
        const rule = (host?: string) => ({ ...(host === undefined ? {} : { host }), http: { paths: [{ path: "/", pathType: "Prefix", backend: { service: { name: "web", port: { number: 80 } } } }] } });
        assert.deepEqual(await messages("ingress-tls", ingress({ rules: [rule("web.example.com")], tls: [{ hosts: ["web.example.com"], secretName: "web-tls" }] })), []);
        assert.deepEqual(await messages("ingress-tls", ingress({ rules: [rule("web.example.com")] })), ["has no TLS (spec.tls); serve it over HTTPS only"]);
        const loose = ingress({
            defaultBackend: { service: { name: "web", port: { number: 80 } } },
            rules: [rule(), rule("*.example.com"), rule("other.example.com")],
            tls: [{ hosts: ["web.example.com"], secretName: "web-tls" }],
        });
        assert.deepEqual(await messages("ingress-tls", loose), [
            "has a default backend, which answers for any host name; route concrete hosts only",
            "spec.rules[0] has no host, so it answers for any host name; set a concrete host",
            'spec.rules[1] host "*.example.com" is a wildcard; set a concrete host',
            'spec.rules[2] host "other.example.com" is not listed in spec.tls hosts, so it is served without TLS',
        ]);
    });

    it("namespace-default-deny: a policy selecting every pod with Ingress and Egress and no rules, or one per direction", async () => {
        assert.deepEqual(await messages("namespace-default-deny", [pod(), ...namespaceGuards("apps")]), []);
        const policy = (name: string, spec: Record<string, unknown>) => ({ type: types.networkPolicy, name, inputs: { metadata: { name, namespace: "apps" }, spec } });
        const split = [pod(), policy("deny-in", { podSelector: {}, policyTypes: ["Ingress"] }), policy("deny-out", { podSelector: {}, policyTypes: ["Egress"] })];
        assert.deepEqual(await messages("namespace-default-deny", split), []);
        const weak = [
            deployment(),
            policy("selected", { podSelector: { matchLabels: { app: "web" } }, policyTypes: ["Ingress", "Egress"] }),
            policy("allows", { podSelector: {}, policyTypes: ["Egress"], egress: [{}] }),
            policy("implicit", { podSelector: {} }),
        ];
        assert.deepEqual(await messages("namespace-default-deny", weak), [
            'namespace "apps" has workloads but no default-deny NetworkPolicy for egress (podSelector: {}, policyTypes without rules)',
        ]);
        assert.deepEqual(await messages("namespace-default-deny", [pod()]), [
            'namespace "apps" has workloads but no default-deny NetworkPolicy for ingress and egress (podSelector: {}, policyTypes without rules)',
        ]);
    });
});
