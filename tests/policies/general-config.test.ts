// policies/config/general.json, the config for a team that runs the pack on its own Kubernetes program: valid for
// the pack (every policy, nothing else, settings each policy accepts, at their defaults: no registry or exemption
// of this repository), and what it reports on a plain nginx Deployment + Service written as a user would (only
// advisory findings), on a hardened version of it (nothing), and on a broken one (the mandatory policies).
import * as assert from "node:assert/strict";
import Ajv from "ajv";
import * as k8s from "@pulumi/kubernetes";
import { policies } from "../../policies/policies";
import { RegisteredResource, runProgram } from "../harness/mocks";
import { validateRegistered } from "../harness/schemas";
import { evaluatePack, readConfigFile, reconcileConfig, registered, Violation } from "./runner";

const configName = "general";
const levels = ["advisory", "mandatory", "disabled"];

/** "level policy: message", sorted, for exact comparisons. */
function found(violations: Violation[]): string[] {
    return violations.map((v) => `${v.level} ${v.policy}: ${v.message}`).sort();
}

async function evaluate(resources: RegisteredResource[], overrides: Record<string, unknown> = {}): Promise<Violation[]> {
    return (await evaluatePack(resources, reconcileConfig({ ...readConfigFile(configName), ...overrides }))).violations;
}

/** An nginx Deployment and its Service as a user writes them, following the Kubernetes and Pulumi getting-started guides. */
function plainProgram() {
    const appLabels = { app: "nginx" };
    new k8s.apps.v1.Deployment("nginx", {
        spec: {
            selector: { matchLabels: appLabels },
            replicas: 2,
            template: {
                metadata: { labels: appLabels },
                spec: { containers: [{ name: "nginx", image: "nginx:1.27", ports: [{ containerPort: 80 }] }] },
            },
        },
    });
    new k8s.core.v1.Service("nginx", { spec: { selector: appLabels, ports: [{ port: 80, targetPort: 80 }] } });
}

/** A well-formed (placeholder) digest. */
const digest = `sha256:${"7".repeat(64)}`;

/**
 * The same service hardened: a namespace of its own with a quota, a limit range and default-deny NetworkPolicies
 * (and the one flow it serves), a ServiceAccount without a token, the non-root nginx image pinned by digest,
 * the restricted securityContext, requests and limits.
 */
function hardenedProgram() {
    const namespace = "web";
    const appLabels = { app: "nginx" };
    new k8s.core.v1.Namespace("web", { metadata: { name: namespace } });
    new k8s.core.v1.ResourceQuota("web", {
        metadata: { name: "web", namespace },
        spec: { hard: { "requests.cpu": "2", "requests.memory": "2Gi", "limits.cpu": "4", "limits.memory": "4Gi", pods: "10" } },
    });
    new k8s.core.v1.LimitRange("web", {
        metadata: { name: "web", namespace },
        spec: { limits: [{ type: "Container", default: { cpu: "500m", memory: "256Mi" }, defaultRequest: { cpu: "100m", memory: "128Mi" } }] },
    });
    new k8s.networking.v1.NetworkPolicy("default-deny", {
        metadata: { name: "default-deny", namespace },
        spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"] },
    });
    new k8s.networking.v1.NetworkPolicy("nginx-http", {
        metadata: { name: "nginx-http", namespace },
        spec: { podSelector: { matchLabels: appLabels }, policyTypes: ["Ingress"], ingress: [{ ports: [{ protocol: "TCP", port: 8080 }] }] },
    });
    new k8s.core.v1.ServiceAccount("nginx", { metadata: { name: "nginx", namespace }, automountServiceAccountToken: false });
    new k8s.apps.v1.Deployment("nginx", {
        metadata: { name: "nginx", namespace },
        spec: {
            selector: { matchLabels: appLabels },
            replicas: 2,
            template: {
                metadata: { labels: appLabels },
                spec: {
                    serviceAccountName: "nginx",
                    automountServiceAccountToken: false,
                    securityContext: { runAsNonRoot: true, runAsUser: 101, runAsGroup: 101, seccompProfile: { type: "RuntimeDefault" } },
                    containers: [{
                        name: "nginx",
                        image: `nginxinc/nginx-unprivileged:1.27@${digest}`,
                        ports: [{ containerPort: 8080 }],
                        securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ["ALL"] } },
                        resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { cpu: "500m", memory: "256Mi" } },
                        volumeMounts: [{ name: "tmp", mountPath: "/tmp" }],
                    }],
                    volumes: [{ name: "tmp", emptyDir: {} }],
                },
            },
        },
    });
    new k8s.core.v1.Service("nginx", { metadata: { name: "nginx", namespace }, spec: { selector: appLabels, ports: [{ port: 80, targetPort: 8080 }] } });
}

/** The plain program with what is wrong on any cluster: no tag, host network, a privileged container, a NodePort, cluster-admin for the pods. */
function brokenProgram() {
    const appLabels = { app: "nginx" };
    new k8s.apps.v1.Deployment("nginx", {
        spec: {
            selector: { matchLabels: appLabels },
            template: {
                metadata: { labels: appLabels },
                spec: {
                    hostNetwork: true,
                    containers: [{ name: "nginx", image: "nginx", ports: [{ containerPort: 80 }], securityContext: { privileged: true } }],
                },
            },
        },
    });
    new k8s.core.v1.Service("nginx", { spec: { type: "NodePort", selector: appLabels, ports: [{ port: 80, targetPort: 80 }] } });
    new k8s.rbac.v1.RoleBinding("nginx-admin", {
        roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "cluster-admin" },
        subjects: [{ kind: "ServiceAccount", name: "default", namespace: "default" }],
    });
}

/** Every advisory finding of the plain program (the namespace is "default": the program sets none). */
const plainFindings = [
    'advisory container-resources: pod template: container "nginx" sets no resources.requests.cpu, resources.requests.memory, resources.limits.cpu, resources.limits.memory',
    'advisory image-digest: pod template: container "nginx": image "nginx:1.27" is not pinned by a sha256 digest',
    'advisory namespace-default-deny: namespace "default" has workloads but no default-deny NetworkPolicy for ingress and egress (podSelector: {}, policyTypes without rules)',
    'advisory namespace-quota-and-limits: namespace "default" has workloads but no LimitRange',
    'advisory namespace-quota-and-limits: namespace "default" has workloads but no ResourceQuota',
    "advisory pod-service-account: pod template: mounts the token of ServiceAccount \"default/default\": neither the pod nor a ServiceAccount of the stack "
        + "sets automountServiceAccountToken: false; set it on either, or list the ServiceAccount in apiClients if the pod calls the Kubernetes API",
    'advisory pod-service-account: pod template: runs as the namespace\'s "default" ServiceAccount; set serviceAccountName to a dedicated one',
    'advisory pss-restricted: pod template: Capabilities: container "nginx" must drop ALL capabilities (securityContext.capabilities.drop: ["ALL"])',
    'advisory pss-restricted: pod template: Privilege Escalation: container "nginx" must set securityContext.allowPrivilegeEscalation=false',
    'advisory pss-restricted: pod template: Running as Non-root: pod or container "nginx" must set securityContext.runAsNonRoot=true',
    'advisory pss-restricted: pod template: Seccomp: pod or container "nginx" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"',
];

describe("policies: config/general.json, for a team's own Kubernetes program", function () {
    this.timeout(120_000);

    it("names every policy of the pack and no other, each with a level and a comment, and only settings its configSchema declares", () => {
        const file = readConfigFile(configName);
        assert.deepEqual(Object.keys(file).sort(), policies.map((p) => p.name).sort());
        const problems: string[] = [];
        for (const policy of policies) {
            const { enforcementLevel, comment, ...settings } = file[policy.name] as Record<string, unknown>;
            if (!levels.includes(enforcementLevel as string)) problems.push(`${policy.name}: enforcementLevel ${JSON.stringify(enforcementLevel)}`);
            if (typeof comment !== "string" || comment.length < 20) problems.push(`${policy.name}: no comment saying why`);
            const declared = policy.configSchema?.properties ?? {};
            // The CLI validates with additionalProperties allowed, so a misspelt setting would pass it and do nothing.
            for (const key of Object.keys(settings)) {
                if (!(key in declared)) problems.push(`${policy.name}: ${key} is not a setting of the policy`);
            }
        }
        assert.deepEqual(problems, []);
    });

    it("passes the CLI's validation: each policy's reconciled settings against its configSchema, as `--policy-pack-config` checks them", () => {
        // pulumi's ReconcilePolicyPackConfig: defaults, then the file, then each policy with a configSchema validated against
        // { type: "object", properties, required } (gojsonschema; convertSchema), extra properties such as "comment" allowed.
        const ajv = new Ajv({ strict: false, allErrors: true });
        const reconciled = reconcileConfig(readConfigFile(configName));
        const problems: string[] = [];
        for (const policy of policies) {
            if (policy.configSchema === undefined) continue;
            const validate = ajv.compile({ type: "object", properties: policy.configSchema.properties, required: policy.configSchema.required ?? [] });
            if (!validate(reconciled[policy.name].properties)) {
                problems.push(...(validate.errors ?? []).map((e) => `${policy.name}${e.instancePath}: ${e.message}`));
            }
        }
        assert.deepEqual(problems, []);
    });

    it("carries no value of this repository: every setting it writes out is the policy's schema default (empty registries, no exemptions)", () => {
        const file = readConfigFile(configName);
        const differing: string[] = [];
        const written: unknown[] = [];
        for (const policy of policies) {
            const { enforcementLevel: _level, comment: _comment, ...settings } = file[policy.name] as Record<string, unknown>;
            written.push(settings);
            for (const [key, value] of Object.entries(settings)) {
                const fallback = policy.configSchema?.properties?.[key]?.default;
                if (JSON.stringify(value) !== JSON.stringify(fallback)) differing.push(`${policy.name}.${key}`);
            }
        }
        assert.deepEqual(differing, []);
        // The settings a team fills in are written out, empty, so the file shows where they go.
        assert.deepEqual((file["image-registry"] as Record<string, unknown>).allowedRegistries, []);
        assert.deepEqual((file["pod-service-account"] as Record<string, unknown>).apiClients, []);
        assert.deepEqual((file["rbac-no-escalation"] as Record<string, unknown>).exemptPortForwardRoles, []);
        // Nor any name of this repository's configs (the operator's and cert-manager's roles, the sdk's flink-developer, its registries).
        assert.doesNotMatch(JSON.stringify(written), /flink|cert-manager|acme|jetstack|oauth2-proxy/);
    });

    it("sets the levels the README gives it: mandatory for what is wrong on any cluster, advisory for what needs the team's decision", () => {
        const file = readConfigFile(configName);
        const byLevel = (level: string) => policies.map((p) => p.name).filter((name) => (file[name] as { enforcementLevel: string }).enforcementLevel === level).sort();
        assert.deepEqual(byLevel("mandatory"), [
            "flink-checkpointing", "flink-host-network", "flink-known-keys", "flink-no-credentials", "flink-operator-keys", "flink-unique-state-dirs", "flink-version",
            "image-tag", "pss-baseline", "rbac-no-escalation", "rbac-no-privileged-bindings", "rbac-no-wildcards", "service-exposure",
        ]);
        assert.deepEqual(byLevel("disabled"), []);
        // Every Flink policy but flink-rest-exposure stays at the pack's own level.
        const ownLevelChanged = policies.filter((p) => (file[p.name] as { enforcementLevel: string }).enforcementLevel !== p.enforcementLevel).map((p) => p.name).sort();
        assert.deepEqual(ownLevelChanged, [
            "container-resources", "flink-rest-exposure", "ingress-tls", "namespace-default-deny", "namespace-quota-and-limits", "image-registry",
            "pod-service-account", "pss-restricted", "rbac-no-secret-read", "resource-maxima",
        ].sort());
    });

    it("the plain Deployment + Service: no mandatory violation, and exactly these advisory findings", async () => {
        const { resources } = await runProgram(plainProgram, { project: "web", stack: "dev" });
        assert.deepEqual(await validateRegistered(resources), []);
        assert.deepEqual(found(await evaluate(resources)), plainFindings);
    });

    it("image-registry: silent with the empty list; once the team lists its registries, reports each image from elsewhere with its repository", async () => {
        const { resources } = await runProgram(plainProgram, { project: "web", stack: "dev" });
        const withRegistries = await evaluate(resources, { "image-registry": { enforcementLevel: "advisory", allowedRegistries: ["registry.example.com"] } });
        assert.deepEqual(found(withRegistries.filter((v) => v.policy === "image-registry")), [
            'advisory image-registry: pod template: container "nginx": image "nginx:1.27" (docker.io/library/nginx) is not from an allowed registry (registry.example.com)',
        ]);
        const allowed = await evaluate(resources, { "image-registry": { enforcementLevel: "mandatory", allowedRegistries: ["docker.io/library/nginx"] } });
        assert.deepEqual(allowed.filter((v) => v.policy === "image-registry"), []);
    });

    it("the hardened Deployment + Service: nothing at all, mandatory or advisory", async () => {
        const { resources } = await runProgram(hardenedProgram, { project: "web", stack: "dev" });
        assert.deepEqual(await validateRegistered(resources), []);
        assert.deepEqual(found(await evaluate(resources)), []);
    });

    it("the broken Deployment + Service: what is wrong on any cluster is mandatory", async () => {
        const { resources } = await runProgram(brokenProgram, { project: "web", stack: "dev" });
        assert.deepEqual(await validateRegistered(resources), []);
        assert.deepEqual(found((await evaluate(resources)).filter((v) => v.level === "mandatory")), [
            'mandatory image-tag: pod template: container "nginx": image "nginx" has no tag, which means latest; pin a version tag or a digest',
            'mandatory pss-baseline: pod template: Host Namespaces: must not set hostNetwork=true',
            'mandatory pss-baseline: pod template: Privileged Containers: container "nginx" must not set securityContext.privileged=true',
            'mandatory rbac-no-privileged-bindings: RoleBinding grants ClusterRole "cluster-admin" in namespace "default": full control of every resource in the namespace, '
                + "the namespace itself included; bind a Role with only the permissions needed",
            "mandatory service-exposure: type NodePort opens the Service on every node's address; use ClusterIP (and an Ingress or an internal load balancer)",
        ]);
    });

    it("flink-rest-exposure is advisory here: it takes any Ingress to a Service named *-rest for Flink's REST API", async () => {
        const ingress = registered({
            type: "kubernetes:networking.k8s.io/v1:Ingress",
            name: "orders",
            inputs: {
                metadata: { name: "orders", namespace: "shop" },
                spec: {
                    tls: [{ hosts: ["orders.example.com"], secretName: "orders-tls" }],
                    rules: [{ host: "orders.example.com", http: { paths: [{ path: "/", pathType: "Prefix", backend: { service: { name: "orders-rest", port: { number: 80 } } } }] } }],
                },
            },
        });
        assert.deepEqual(found(await evaluate([ingress])), [
            'advisory flink-rest-exposure: routes to the Flink REST service "orders-rest" without an authenticating annotation (one of '
                + `${(reconcileConfig(readConfigFile(configName))["flink-rest-exposure"].properties.authAnnotations as string[]).join(", ")}): `
                + "the REST API has no authentication and runs submitted code",
        ]);
    });
});
