/**
 * A cluster's web UI and REST API on a Gateway API HTTPRoute, behind an
 * authenticating proxy in the cluster's namespace: oauth2-proxy with the OIDC
 * provider (https://oauth2-proxy.github.io/oauth2-proxy/configuration/overview),
 * pinned and hardened. The REST API accepts job submissions and cancellations
 * (`web.submit.enable`/`web.cancel.enable` only hide the UI's actions), so the
 * route goes to the proxy, and the NetworkPolicies let only the proxy reach the
 * JobManager's REST port and only the Gateway's namespace reach the proxy.
 * TLS ends at the Gateway's HTTPS listener. Pure.
 */
import { RunError } from "@pulumi/pulumi";
import type { types } from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import type { IIoK8sSigsGatewayApiApisV1HTTPRouteSpec } from "@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/HTTPRouteSpec" with { "resolution-mode": "import" };
import type { RouteArgs } from "./args/cluster";
import { Environment } from "./environment";
import { checkInput, mapInput } from "./inputs";
import { clusterPodSelector, namespaceSelector, partOf } from "./labels";
import type { NetworkPolicyPlan } from "./network-policies";
import { clusterRestServiceName } from "./pod-template";
import { restrictedContainerSecurityContext, restrictedPodSecurityContext } from "./security";
import { invalid, Problems, requireCidrs, requireDnsLabel, requireHostName } from "./validation";

/** The spec of a Gateway API HTTPRoute (gateway.networking.k8s.io/v1), from `@kubernetes-models/gateway-api`. */
export type HTTPRouteSpec = IIoK8sSigsGatewayApiApisV1HTTPRouteSpec;

/** quay.io/oauth2-proxy/oauth2-proxy v7.15.3 (June 2026; v7.15.2 fixed authentication bypasses). */
export const defaultProxyImage = "quay.io/oauth2-proxy/oauth2-proxy:v7.15.3";
/** The images are distroless, user nonroot. */
const proxyUid = 65532;
const proxyPort = 4180;
const flinkRestPort = 8081;

export interface AuthProxyPlan {
    /** The proxy's ServiceAccount, Deployment and Service: `<cluster>-auth-proxy`. */
    name: string;
    labels: Record<string, string>;
    deployment: types.input.apps.v1.DeploymentSpec;
    /** With more than one replica (prod): a PodDisruptionBudget of maxUnavailable 1. */
    disruptionBudget?: types.input.policy.v1.PodDisruptionBudgetSpec;
    service: types.input.core.v1.ServiceSpec;
    route: pulumi.Input<HTTPRouteSpec>;
    /**
     * `flink-cluster-<name>-auth-proxy` (the proxy's traffic) and `flink-cluster-<name>-rest-from-proxy` (the JobManager's
     * REST port, from the proxy); no suffix of a cluster's policy names ends another, so no two clusters' names collide.
     */
    networkPolicies: NetworkPolicyPlan[];
}

/**
 * `at` prefixes messages (`FlinkCluster "orders": `); every problem of the route comes at once. A blue/green cluster's
 * proxy goes to the platform's REST service over both children's JobManagers.
 */
export function planAuthProxy(
    at: (field: string) => string, cluster: string, namespace: string, environment: Environment, route: RouteArgs, blueGreen = false,
): AuthProxyPlan {
    const problems = new Problems();
    const gateway = route.gateway;
    problems.attempt(() => requireDnsLabel(at("route.gateway.name"), gateway.name), undefined);
    problems.attempt(() => requireDnsLabel(at("route.gateway.namespace"), gateway.namespace), undefined);
    if (typeof gateway.listener !== "string" || gateway.listener === "") {
        problems.add(`${at("route.gateway.listener")}: is required; name the Gateway's HTTPS listener, where TLS ends (a route is never served without TLS)`);
    }
    const host = problems.attempt(() => checkInput(route.host, (known) => requireHostName(at("route.host"), known)), route.host);
    const oidc = route.oidc;
    if (typeof oidc.issuerUrl !== "string" || !/^https:\/\/[^/\s]+(\/\S*)?$/.test(oidc.issuerUrl)) {
        problems.attempt(() => invalid(at("route.oidc.issuerUrl"), oidc.issuerUrl, 'an https URL such as "https://login.example.com/realms/acme"'), undefined);
    }
    if (oidc.allowedGroups.length === 0) {
        problems.add(`${at("route.oidc.allowedGroups")}: [] is not valid; expected at least one group: without, anyone the issuer knows could submit jobs`);
    }
    const secretName = problems.attempt(() => checkInput(oidc.secretName, (known) => requireDnsLabel(at("route.oidc.secretName"), known)), oidc.secretName);
    const issuerCidrs = problems.attempt(() => requireCidrs(at("route.oidc.issuerCidrs"), oidc.issuerCidrs ?? ["0.0.0.0/0"]), []);
    // Like every image, a tag without a digest is the policy pack's to refuse (image-digest, mandatory in prod).
    const image = route.proxyImage ?? defaultProxyImage;
    const sourceCidrs = gateway.sourceCidrs === undefined ? undefined
        : problems.attempt(() => requireCidrs(at("route.gateway.sourceCidrs"), gateway.sourceCidrs as pulumi.Input<pulumi.Input<string>[]>), undefined);
    const trafficNamespace = problems.attempt(() => requireDnsLabel(at("route.gateway.trafficNamespace"), gateway.trafficNamespace ?? gateway.namespace), gateway.namespace);
    problems.throwAny();

    const name = `${cluster}-auth-proxy`;
    const labels = {
        "app.kubernetes.io/name": "oauth2-proxy",
        "app.kubernetes.io/instance": name,
        "app.kubernetes.io/part-of": partOf,
        "app.kubernetes.io/managed-by": "pulumi",
    };
    const selector = { "app.kubernetes.io/name": "oauth2-proxy", "app.kubernetes.io/instance": name };
    const fromSecret = (env: string, key: string) => ({ name: env, valueFrom: { secretKeyRef: { name: secretName, key } } });
    const deployment: types.input.apps.v1.DeploymentSpec = {
        // Sessions live in the cookie: replicas need no shared store.
        replicas: replicas(environment),
        selector: { matchLabels: selector },
        template: {
            metadata: { labels },
            spec: {
                ...(replicas(environment) > 1 ? {
                    topologySpreadConstraints: [{ maxSkew: 1, topologyKey: "kubernetes.io/hostname", whenUnsatisfiable: "ScheduleAnyway", labelSelector: { matchLabels: selector } }],
                } : {}),
                // A ServiceAccount of its own (the proxy calls no Kubernetes API: no token mounted).
                serviceAccountName: name,
                automountServiceAccountToken: false,
                securityContext: restrictedPodSecurityContext(proxyUid),
                containers: [{
                    name: "oauth2-proxy",
                    image,
                    args: [
                        `--http-address=0.0.0.0:${proxyPort}`,
                        `--upstream=http://${clusterRestServiceName(cluster, blueGreen)}.${namespace}.svc:${flinkRestPort}/`,
                        "--provider=oidc",
                        `--oidc-issuer-url=${oidc.issuerUrl}`,
                        // The callback at the route's host, rather than one guessed from forwarded headers.
                        checkInput(host as pulumi.Input<string>, (hostname) => `--redirect-url=https://${hostname}/oauth2/callback`),
                        "--email-domain=*",
                        ...oidc.allowedGroups.map((group) => `--allowed-group=${group}`),
                        "--reverse-proxy=true",
                        "--cookie-secure=true",
                        "--skip-provider-button=true",
                        "--silence-ping-logging=true",
                    ],
                    env: [
                        { name: "OAUTH2_PROXY_CLIENT_ID", value: oidc.clientId },
                        fromSecret("OAUTH2_PROXY_CLIENT_SECRET", "client-secret"),
                        fromSecret("OAUTH2_PROXY_COOKIE_SECRET", "cookie-secret"),
                    ],
                    ports: [{ name: "http", containerPort: proxyPort, protocol: "TCP" }],
                    readinessProbe: { httpGet: { path: "/ready", port: "http" } },
                    livenessProbe: { httpGet: { path: "/ping", port: "http" } },
                    resources: { requests: { cpu: "50m", memory: "64Mi" }, limits: { cpu: "500m", memory: "256Mi" } },
                    securityContext: restrictedContainerSecurityContext(proxyUid),
                }],
            },
        },
    };
    const proxyPods = { matchLabels: selector };
    const disruptionBudget = replicas(environment) > 1 ? { maxUnavailable: 1, selector: { matchLabels: selector } } : undefined;
    const pods = clusterPodSelector(cluster, blueGreen);
    const jobManager = { ...pods, matchLabels: { ...pods.matchLabels, component: "jobmanager" } };
    return {
        name,
        labels,
        deployment,
        disruptionBudget,
        service: { selector, ports: [{ name: "http", port: proxyPort, targetPort: "http", protocol: "TCP" }] },
        route: checkInput(host as pulumi.Input<string>, (hostname): HTTPRouteSpec => ({
            parentRefs: [{ name: gateway.name, namespace: gateway.namespace, sectionName: gateway.listener }],
            hostnames: [hostname],
            rules: [{ backendRefs: [{ name, port: proxyPort }] }],
        })),
        networkPolicies: [{
            name: `flink-cluster-${cluster}-auth-proxy`,
            spec: {
                podSelector: proxyPods,
                policyTypes: ["Ingress", "Egress"],
                ingress: [{
                    from: sourceCidrs !== undefined ? mapInput(sourceCidrs, (cidr) => ({ ipBlock: { cidr } })) : [{ namespaceSelector: namespaceSelector(trafficNamespace) }],
                    ports: [{ protocol: "TCP", port: proxyPort }],
                }],
                egress: [
                    { to: [{ podSelector: jobManager }], ports: [{ protocol: "TCP", port: flinkRestPort }] },
                    { to: mapInput(issuerCidrs, (cidr) => ({ ipBlock: { cidr } })), ports: [{ protocol: "TCP", port: 443 }] },
                ],
            },
        }, {
            name: `flink-cluster-${cluster}-rest-from-proxy`,
            spec: {
                podSelector: jobManager,
                policyTypes: ["Ingress"],
                ingress: [{ from: [{ podSelector: proxyPods }], ports: [{ protocol: "TCP", port: flinkRestPort }] }],
            },
        }],
    };
}

/** Two replicas in prod (spread over nodes, at most one disrupted at a time), one elsewhere. */
function replicas(environment: Environment): number {
    return environment === Environment.Prod ? 2 : 1;
}

/** Refuses a route beside an Ingress: two ways in, one of them maybe without the proxy. */
export function requireOneExposure(at: (field: string) => string, route: RouteArgs | undefined, ingress: unknown): void {
    if (route !== undefined && ingress !== undefined) {
        throw new RunError(`${at("route")}: and ingress are both set; expose the cluster one way: the route (with its authenticating proxy), or the ingress`);
    }
}
