// A cluster's web UI and REST API on a Gateway API HTTPRoute, behind the oauth2-proxy the platform deploys:
// the route goes to the proxy, only the Gateway's namespace reaches the proxy, only the proxy reaches the
// JobManager's REST port; the proxy is pinned and hardened; every bad route is refused at once.
import * as assert from "node:assert/strict";
import { assertRefuses, findResource, RegisteredResource, runStack } from "./harness/mocks";
import { evaluatorOfRegistered, Pod } from "./harness/network-policy";
import { envConfig, evaluatePack } from "./policies/runner";
import { validateRegistered } from "./harness/schemas";

const route = {
    gateway: { name: "public", namespace: "gateway-system", listener: "https" },
    host: "orders.flink.example.com",
    oidc: { issuerUrl: "https://login.example.com/realms/acme", clientId: "flink-orders", secretName: "orders-oidc", allowedGroups: ["flink-operators", "orders-team"] },
};
const orders = (extra: Record<string, unknown> = {}) => ({
    name: "orders", namespace: "flink-jobs", job: { jarURI: "local:///opt/flink/usrlib/orders.jar", upgradeMode: "stateless" }, route, ...extra,
});
const flinkPods = { matchExpressions: [{ key: "type", operator: "In", values: ["flink-native-kubernetes", "flink-standalone-kubernetes"] }] };
const proxyLabels = { "app.kubernetes.io/name": "oauth2-proxy", "app.kubernetes.io/instance": "orders-auth-proxy" };


describe("route: an HTTPRoute to the cluster through its authenticating proxy", function () {
    this.timeout(120_000);

    it("routes the host on the Gateway's HTTPS listener to the proxy, which serves the JobManager's REST service", async () => {
        const { resources } = await runStack("dev", { clusters: [orders()] });
        const httpRoute = findResource(resources, "kubernetes:gateway.networking.k8s.io/v1:HTTPRoute", "flink-flink-jobs/orders-route");
        assert.deepEqual([httpRoute.inputs.apiVersion, httpRoute.inputs.kind, httpRoute.inputs.metadata.namespace], ["gateway.networking.k8s.io/v1", "HTTPRoute", "flink-jobs"]);
        assert.deepEqual(httpRoute.inputs.spec, {
            parentRefs: [{ name: "public", namespace: "gateway-system", sectionName: "https" }],
            hostnames: ["orders.flink.example.com"],
            rules: [{ backendRefs: [{ name: "orders-auth-proxy", port: 4180 }] }],
        });
        // Every object of the route, the proxy and its policies against its schema (Gateway API's HTTPRoute among them), unknown fields refused.
        const objects = resources.filter((r) => /auth-proxy|-from-proxy-policy$|-route$/.test(r.name));
        assert.deepEqual(objects.map((r) => r.type).sort(), [
            "kubernetes:apps/v1:Deployment", "kubernetes:core/v1:Service", "kubernetes:core/v1:ServiceAccount", "kubernetes:gateway.networking.k8s.io/v1:HTTPRoute",
            "kubernetes:networking.k8s.io/v1:NetworkPolicy", "kubernetes:networking.k8s.io/v1:NetworkPolicy",
        ]);
        assert.deepEqual(await validateRegistered(objects), []);
        const service = findResource(resources, "kubernetes:core/v1:Service", "flink-flink-jobs/orders-auth-proxy");
        assert.deepEqual(service.inputs.spec, { selector: proxyLabels, ports: [{ name: "http", port: 4180, targetPort: "http", protocol: "TCP" }] });
    });

    it("runs oauth2-proxy pinned, hardened, with the OIDC issuer, client and groups, and its secrets from the Secret", async () => {
        const { resources } = await runStack("dev", { clusters: [orders()] });
        const deployment = findResource(resources, "kubernetes:apps/v1:Deployment", "flink-flink-jobs/orders-auth-proxy");
        assert.deepEqual([deployment.inputs.metadata.name, deployment.inputs.metadata.namespace, deployment.inputs.spec.replicas], ["orders-auth-proxy", "flink-jobs", 1]);
        const pod = deployment.inputs.spec.template.spec;
        assert.deepEqual([pod.serviceAccountName, pod.automountServiceAccountToken], ["orders-auth-proxy", false]);
        const account = findResource(resources, "kubernetes:core/v1:ServiceAccount", "flink-flink-jobs/orders-auth-proxy");
        assert.deepEqual([account.inputs.metadata.name, account.inputs.metadata.namespace, account.inputs.automountServiceAccountToken], ["orders-auth-proxy", "flink-jobs", false]);
        assert.deepEqual(pod.securityContext, { runAsNonRoot: true, runAsUser: 65532, runAsGroup: 65532, fsGroup: 65532, seccompProfile: { type: "RuntimeDefault" } });
        const [container] = pod.containers;
        assert.equal(container.image, "quay.io/oauth2-proxy/oauth2-proxy:v7.15.3");
        assert.deepEqual(container.securityContext, {
            allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] }, readOnlyRootFilesystem: true,
            runAsNonRoot: true, runAsUser: 65532, runAsGroup: 65532, seccompProfile: { type: "RuntimeDefault" },
        });
        assert.deepEqual(container.args, [
            "--http-address=0.0.0.0:4180",
            "--upstream=http://orders-rest.flink-jobs.svc:8081/",
            "--provider=oidc",
            "--oidc-issuer-url=https://login.example.com/realms/acme",
            "--redirect-url=https://orders.flink.example.com/oauth2/callback",
            "--email-domain=*",
            "--allowed-group=flink-operators",
            "--allowed-group=orders-team",
            "--reverse-proxy=true",
            "--cookie-secure=true",
            "--skip-provider-button=true",
            "--silence-ping-logging=true",
        ]);
        assert.deepEqual(container.env, [
            { name: "OAUTH2_PROXY_CLIENT_ID", value: "flink-orders" },
            { name: "OAUTH2_PROXY_CLIENT_SECRET", valueFrom: { secretKeyRef: { name: "orders-oidc", key: "client-secret" } } },
            { name: "OAUTH2_PROXY_COOKIE_SECRET", valueFrom: { secretKeyRef: { name: "orders-oidc", key: "cookie-secret" } } },
        ]);
        assert.deepEqual(container.resources, { requests: { cpu: "50m", memory: "64Mi" }, limits: { cpu: "500m", memory: "256Mi" } });
    });

    it("lets only the Gateway's namespace reach the proxy, and only the proxy reach the JobManager's REST API", async () => {
        const { resources } = await runStack("dev", { clusters: [orders()] });
        const pod = (namespace: string, name: string, labels: Record<string, string>): Pod => ({ namespace, name, labels });
        const gatewayPod = pod("gateway-system", "envoy", { app: "envoy" });
        const proxy = pod("flink-jobs", "orders-auth-proxy-0", proxyLabels);
        const jobManager = pod("flink-jobs", "orders-jm", { type: "flink-native-kubernetes", app: "orders", component: "jobmanager" });
        const taskManager = pod("flink-jobs", "orders-tm", { type: "flink-native-kubernetes", app: "orders", component: "taskmanager" });
        const elsewhere = pod("team-x", "curl", { app: "curl" });
        const evaluator = evaluatorOfRegistered(resources);
        const flows: [string, boolean, boolean][] = [
            ["Gateway to the proxy", evaluator.allows({ from: { pod: gatewayPod }, to: { pod: proxy }, port: 4180 }), true],
            ["Gateway straight to the JobManager's REST API", evaluator.allows({ from: { pod: gatewayPod }, to: { pod: jobManager }, port: 8081 }), false],
            ["another namespace to the proxy", evaluator.allows({ from: { pod: elsewhere }, to: { pod: proxy }, port: 4180 }), false],
            ["the cluster's TaskManager to the proxy", evaluator.allows({ from: { pod: taskManager }, to: { pod: proxy }, port: 4180 }), false],
            ["proxy to the JobManager's REST API", evaluator.allows({ from: { pod: proxy }, to: { pod: jobManager }, port: 8081 }), true],
            ["proxy to the JobManager's RPC port", evaluator.allows({ from: { pod: proxy }, to: { pod: jobManager }, port: 6123 }), false],
            ["proxy to a TaskManager", evaluator.allows({ from: { pod: proxy }, to: { pod: taskManager }, port: 8081 }), false],
            ["proxy to the issuer (https)", evaluator.allows({ from: { pod: proxy }, to: { ip: "203.0.113.10" }, port: 443 }), true],
            ["proxy to the issuer over http", evaluator.allows({ from: { pod: proxy }, to: { ip: "203.0.113.10" }, port: 80 }), false],
        ];
        assert.deepEqual(flows.filter(([, got, expected]) => got !== expected).map(([what]) => what), []);
        assert.deepEqual(findResource(resources, "kubernetes:networking.k8s.io/v1:NetworkPolicy", "flink-flink-jobs/orders-rest-from-proxy-policy").inputs.spec, {
            podSelector: { matchLabels: { app: "orders", component: "jobmanager" }, ...flinkPods },
            policyTypes: ["Ingress"],
            ingress: [{ from: [{ podSelector: { matchLabels: proxyLabels } }], ports: [{ protocol: "TCP", port: 8081 }] }],
        });
    });

    it("passes every mandatory policy of the pack at the dev config", async () => {
        const { resources } = await runStack("dev", { clusters: [orders()] });
        const { violations } = await evaluatePack(resources, envConfig("dev"));
        assert.deepEqual(violations.filter((v) => v.level === "mandatory").map((v) => `${v.policy}: ${v.message}`), []);
    });

    it("prod: two replicas spread over nodes with a disruption budget; the pack refuses the proxy image without a digest, and passes with one", async () => {
        const payments = (proxyImage?: string) => ({ clusters: [{
            name: "payments", namespace: "flink-payments", flinkRelease: "2.2.1",
            image: "registry.acme.example/flink/payments:3.1.0@sha256:0000000000000000000000000000000000000000000000000000000000000003",
            job: { jarURI: "local:///opt/flink/usrlib/payments.jar", parallelism: 2 },
            route: { ...route, host: "payments.flink.example.com", ...(proxyImage === undefined ? {} : { proxyImage }) },
        }] });
        const mandatory = async (resources: RegisteredResource[]) =>
            (await evaluatePack(resources, envConfig("prod"))).violations.filter((v) => v.level === "mandatory").map((v) => `${v.policy}: ${v.message}`);
        assert.deepEqual(await mandatory((await runStack("prod", payments())).resources), [
            'image-digest: pod template: container "oauth2-proxy": image "quay.io/oauth2-proxy/oauth2-proxy:v7.15.3" is not pinned by a sha256 digest',
        ]);
        const pinned = `quay.io/oauth2-proxy/oauth2-proxy:v7.15.3@sha256:${"e".repeat(64)}`;
        const { resources } = await runStack("prod", payments(pinned));
        const deployment = findResource(resources, "kubernetes:apps/v1:Deployment", "flink-flink-payments/payments-auth-proxy");
        assert.deepEqual([deployment.inputs.spec.replicas, deployment.inputs.spec.template.spec.containers[0].image], [2, pinned]);
        const paymentsProxy = { ...proxyLabels, "app.kubernetes.io/instance": "payments-auth-proxy" };
        assert.deepEqual(deployment.inputs.spec.template.spec.topologySpreadConstraints, [
            { maxSkew: 1, topologyKey: "kubernetes.io/hostname", whenUnsatisfiable: "ScheduleAnyway", labelSelector: { matchLabels: paymentsProxy } },
        ]);
        assert.deepEqual(findResource(resources, "kubernetes:policy/v1:PodDisruptionBudget", "flink-flink-payments/payments-auth-proxy").inputs.spec,
            { maxUnavailable: 1, selector: { matchLabels: paymentsProxy } });
        assert.deepEqual(await mandatory(resources), []);
    });

    it("takes the Gateway's traffic from its data plane's namespace, or from the load balancer's addresses", async () => {
        const ingressOf = async (gateway: Record<string, unknown>) => {
            const { resources } = await runStack("dev", { clusters: [orders({ route: { ...route, gateway: { ...route.gateway, ...gateway } } })] });
            return findResource(resources, "kubernetes:networking.k8s.io/v1:NetworkPolicy", "flink-flink-jobs/orders-auth-proxy-policy").inputs.spec.ingress;
        };
        assert.deepEqual(await ingressOf({ trafficNamespace: "envoy-gateway-system" }), [{
            from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "envoy-gateway-system" } } }], ports: [{ protocol: "TCP", port: 4180 }],
        }]);
        assert.deepEqual(await ingressOf({ sourceCidrs: ["35.191.0.0/16", "130.211.0.0/22"] }), [{
            from: [{ ipBlock: { cidr: "35.191.0.0/16" } }, { ipBlock: { cidr: "130.211.0.0/22" } }], ports: [{ protocol: "TCP", port: 4180 }],
        }]);
    });

    describe("refuses, with the exact message, as a RunError", () => {
        const cases: [string, string, Record<string, unknown>, string][] = [
            ["every problem of a route at once: an http issuer, no groups, a host that is no host name", "dev", {
                clusters: [orders({ route: { ...route, host: "orders", oidc: { ...route.oidc, issuerUrl: "http://login.example.com", allowedGroups: [] } } })],
            }, [
                "3 problems:",
                '  - clusters[0] (flink-jobs/orders): FlinkCluster "orders": route.host: "orders" is not valid; expected a fully qualified host name such as orders.flink.example.com',
                '  - clusters[0] (flink-jobs/orders): FlinkCluster "orders": route.oidc.issuerUrl: "http://login.example.com" is not valid; expected an https URL such as "https://login.example.com/realms/acme"',
                '  - clusters[0] (flink-jobs/orders): FlinkCluster "orders": route.oidc.allowedGroups: [] is not valid; expected at least one group: without, anyone the issuer knows could submit jobs',
            ].join("\n")],
            ["a route without the Gateway's HTTPS listener (no TLS)", "dev", { clusters: [orders({ route: { ...route, gateway: { name: "public", namespace: "gateway-system", listener: "" } } })] },
                'clusters[0] (flink-jobs/orders): FlinkCluster "orders": route.gateway.listener: is required; name the Gateway\'s HTTPS listener, where TLS ends (a route is never served without TLS)'],
            ["a route whose proxy would take another cluster's name, and two routes of one host", "dev", {
                clusters: [orders(), orders({ name: "orders-auth-proxy" }), orders({ name: "billing" })],
            }, [
                "3 problems:",
                '  - FlinkPlatform: clusters[0].route: its proxy\'s Deployment and Service "orders-auth-proxy" have the name of clusters[1]\'s JobManager Deployment in namespace "flink-jobs"; rename one of the two clusters',
                '  - FlinkPlatform: clusters[1].route.host: "orders.flink.example.com" is also the host of clusters[0]\'s route; a Gateway serves one of them: give each its own host',
                '  - FlinkPlatform: clusters[2].route.host: "orders.flink.example.com" is also the host of clusters[0]\'s route; a Gateway serves one of them: give each its own host',
            ].join("\n")],
            ["a route beside an ingress", "dev", {
                network: { ingressControllerNamespace: "ingress" },
                clusters: [orders({ ingress: { host: "orders.flink.example.com", tlsSecretName: "orders-tls", behindAuthenticatingProxy: true } })],
            }, 'clusters[0] (flink-jobs/orders): FlinkCluster "orders": route: and ingress are both set; expose the cluster one way: the route (with its authenticating proxy), or the ingress'],
        ];
        for (const [what, stack, overrides, message] of cases) {
            it(what, () => assertRefuses(runStack(stack, overrides), message));
        }
    });
});
