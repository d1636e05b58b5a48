// Resources for the policy tests: each builder returns an object that passes every policy of the pack at the
// prod config; a test changes one thing with `patch` and asserts exactly what that breaks.
import type { TestResource } from "./runner";

export const digest = `sha256:${"a".repeat(64)}`;

export const types = {
    pod: "kubernetes:core/v1:Pod",
    deployment: "kubernetes:apps/v1:Deployment",
    statefulSet: "kubernetes:apps/v1:StatefulSet",
    daemonSet: "kubernetes:apps/v1:DaemonSet",
    replicaSet: "kubernetes:apps/v1:ReplicaSet",
    job: "kubernetes:batch/v1:Job",
    cronJob: "kubernetes:batch/v1:CronJob",
    service: "kubernetes:core/v1:Service",
    ingress: "kubernetes:networking.k8s.io/v1:Ingress",
    networkPolicy: "kubernetes:networking.k8s.io/v1:NetworkPolicy",
    namespace: "kubernetes:core/v1:Namespace",
    resourceQuota: "kubernetes:core/v1:ResourceQuota",
    limitRange: "kubernetes:core/v1:LimitRange",
    role: "kubernetes:rbac.authorization.k8s.io/v1:Role",
    clusterRole: "kubernetes:rbac.authorization.k8s.io/v1:ClusterRole",
    roleBinding: "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding",
    clusterRoleBinding: "kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding",
    serviceAccount: "kubernetes:core/v1:ServiceAccount",
    chart: "kubernetes:helm.sh/v4:Chart",
    release: "kubernetes:helm.sh/v3:Release",
    flinkDeployment: "kubernetes:flink.apache.org/v1beta1:FlinkDeployment",
    flinkSessionJob: "kubernetes:flink.apache.org/v1beta1:FlinkSessionJob",
    podMonitor: "kubernetes:monitoring.coreos.com/v1:PodMonitor",
};

type Json = Record<string, any>;

/**
 * A deep copy of `base` with `changes` applied: objects merge key by key, anything else (arrays included)
 * replaces, and `undefined` removes the key.
 */
export function patch<T extends Json>(base: T, changes: Json): T {
    const result: Json = structuredClone(base);
    for (const [key, value] of Object.entries(changes)) {
        if (value === undefined) {
            delete result[key];
        } else if (isPlain(value) && isPlain(result[key])) {
            result[key] = patch(result[key], value);
        } else {
            result[key] = structuredClone(value);
        }
    }
    return result as T;
}

function isPlain(value: unknown): value is Json {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

export const restrictedContext = {
    allowPrivilegeEscalation: false,
    capabilities: { drop: ["ALL"] },
    readOnlyRootFilesystem: true,
    runAsNonRoot: true,
    seccompProfile: { type: "RuntimeDefault" },
};

export function container(name = "app", changes: Json = {}): Json {
    return patch({
        name,
        image: `registry.acme.example/apps/${name}:1.2.3@${digest}`,
        securityContext: restrictedContext,
        resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { cpu: "500m", memory: "512Mi" } },
    }, changes);
}

export function podSpec(changes: Json = {}): Json {
    return patch({
        serviceAccountName: "app",
        automountServiceAccountToken: false,
        securityContext: { runAsNonRoot: true, runAsUser: 10001, seccompProfile: { type: "RuntimeDefault" } },
        containers: [container()],
    }, changes);
}

const metadata = (name: string, changes: Json = {}) => patch({ name, namespace: "apps" }, changes);

export function pod(spec: Json = podSpec(), meta: Json = {}): TestResource {
    return { type: types.pod, inputs: { apiVersion: "v1", kind: "Pod", metadata: metadata("app", meta), spec } };
}

export function deployment(spec: Json = podSpec(), meta: Json = {}): TestResource {
    return {
        type: types.deployment,
        inputs: {
            apiVersion: "apps/v1",
            kind: "Deployment",
            metadata: metadata("app", meta),
            spec: { selector: { matchLabels: { app: "app" } }, template: { metadata: { labels: { app: "app" } }, spec } },
        },
    };
}

export function cronJob(spec: Json = podSpec({ restartPolicy: "Never" })): TestResource {
    return {
        type: types.cronJob,
        inputs: {
            apiVersion: "batch/v1",
            kind: "CronJob",
            metadata: metadata("nightly"),
            spec: { schedule: "0 3 * * *", jobTemplate: { spec: { template: { spec } } } },
        },
    };
}

/** A Flink pod template as the platform writes one: restricted contexts, Flink's main container, a metrics port. */
export function flinkTemplate(changes: Json = {}): Json {
    return patch({
        metadata: { labels: { "app.kubernetes.io/part-of": "flink-platform" } },
        spec: {
            securityContext: { runAsNonRoot: true, runAsUser: 9999, runAsGroup: 9999, fsGroup: 9999, seccompProfile: { type: "RuntimeDefault" } },
            containers: [{ name: "flink-main-container", securityContext: restrictedContext, ports: [{ name: "metrics", containerPort: 9249 }] }],
        },
    }, changes);
}

export const flinkConfiguration = {
    "high-availability.type": "kubernetes",
    "high-availability.storageDir": "s3://acme-flink/orders/ha",
    "execution.checkpointing.dir": "s3://acme-flink/orders/checkpoints",
    "execution.checkpointing.savepoint-dir": "s3://acme-flink/orders/savepoints",
    "execution.checkpointing.interval": "1 min",
    "kubernetes.rest-service.exposed.type": "ClusterIP",
    "security.ssl.internal.enabled": "true",
    "taskmanager.numberOfTaskSlots": "2",
};

/** An application cluster that passes every policy at the prod config. */
export function flinkDeployment(changes: Json = {}, name = "orders", namespace = "flink-jobs"): TestResource {
    return {
        type: types.flinkDeployment,
        name: `${namespace}-${name}`,
        inputs: patch({
            apiVersion: "flink.apache.org/v1beta1",
            kind: "FlinkDeployment",
            metadata: { name, namespace },
            spec: {
                image: `flink:2.2.1-java17@${digest}`,
                flinkVersion: "v2_2",
                serviceAccount: "flink",
                mode: "native",
                flinkConfiguration,
                jobManager: { replicas: 1, resource: { cpu: 1, memory: "2Gi" }, podTemplate: flinkTemplate() },
                taskManager: { resource: { cpu: 2, memory: "4Gi" }, podTemplate: flinkTemplate() },
                job: { jarURI: "local:///opt/flink/usrlib/orders.jar", parallelism: 4, upgradeMode: "savepoint", state: "running" },
            },
        }, changes),
    };
}

export function flinkSessionJob(changes: Json = {}): TestResource {
    return {
        type: types.flinkSessionJob,
        inputs: patch({
            apiVersion: "flink.apache.org/v1beta1",
            kind: "FlinkSessionJob",
            metadata: { name: "wordcount", namespace: "flink-jobs" },
            spec: { deploymentName: "sessions", job: { jarURI: "https://repo.example/wc.jar", parallelism: 1, upgradeMode: "savepoint" } },
        }, changes),
    };
}

export function role(rules: Json[], name = "app", namespace = "apps"): TestResource {
    return { type: types.role, inputs: { apiVersion: "rbac.authorization.k8s.io/v1", kind: "Role", metadata: { name, namespace }, rules } };
}

export function clusterRole(rules: Json[], name = "app"): TestResource {
    return { type: types.clusterRole, inputs: { apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRole", metadata: { name }, rules } };
}

export function service(spec: Json, annotations: Json = {}): TestResource {
    return { type: types.service, inputs: { apiVersion: "v1", kind: "Service", metadata: { name: "web", namespace: "apps", annotations }, spec } };
}

export function ingress(spec: Json, annotations: Json = {}): TestResource {
    return { type: types.ingress, inputs: { apiVersion: "networking.k8s.io/v1", kind: "Ingress", metadata: { name: "web", namespace: "apps", annotations }, spec } };
}

/** The guard objects of a namespace: a ResourceQuota, a LimitRange and a default-deny NetworkPolicy. */
export function namespaceGuards(namespace: string): TestResource[] {
    return [
        { type: types.resourceQuota, name: `${namespace}-quota`, inputs: { metadata: { name: "quota", namespace }, spec: { hard: { "requests.cpu": "8" } } } },
        { type: types.limitRange, name: `${namespace}-limits`, inputs: { metadata: { name: "limits", namespace }, spec: { limits: [] } } },
        {
            type: types.networkPolicy,
            name: `${namespace}-default-deny`,
            inputs: { metadata: { name: "default-deny", namespace }, spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"] } },
        },
    ];
}
