import * as assert from "node:assert/strict";
import { clusterRole, deployment, flinkDeployment, pod, podSpec, role, types } from "./fixtures";
import { messages, TestResource } from "./runner";

const read = ["get", "list", "watch"];

function binding(kind: "RoleBinding" | "ClusterRoleBinding", roleRef: Record<string, string>, subjects: Record<string, string>[]): TestResource {
    return {
        type: kind === "RoleBinding" ? types.roleBinding : types.clusterRoleBinding,
        inputs: { metadata: { name: "b", ...(kind === "RoleBinding" ? { namespace: "apps" } : {}) }, roleRef: { apiGroup: "rbac.authorization.k8s.io", ...roleRef }, subjects },
    };
}

describe("policies: RBAC", () => {
    it("rbac-no-wildcards: explicit rules pass, \"*\" in verbs, resources or apiGroups does not; aggregated ClusterRoles are skipped", async () => {
        assert.deepEqual(await messages("rbac-no-wildcards", [
            role([{ apiGroups: [""], resources: ["pods", "configmaps"], verbs: read }]),
            { ...clusterRole([]), inputs: { ...clusterRole([]).inputs, aggregationRule: { clusterRoleSelectors: [{ matchLabels: { a: "b" } }] } } },
        ]), []);
        assert.deepEqual(await messages("rbac-no-wildcards", clusterRole([
            { apiGroups: ["*"], resources: ["pods"], verbs: ["get"] },
            { apiGroups: [""], resources: ["pods/*"], verbs: ["*"] },
        ])), [
            "rules[0] uses a wildcard in apiGroups; list them explicitly",
            "rules[1] uses a wildcard in verbs, resources; list them explicitly",
        ]);
        const operator = clusterRole([{ apiGroups: ["monitoring.coreos.com"], resources: ["prometheuses"], verbs: ["*"] }], "kube-prometheus-stack-operator");
        assert.deepEqual(await messages("rbac-no-wildcards", operator, { exemptRoles: ["kube-prometheus-stack-*"] }), []);
    });

    it("rbac-no-privileged-bindings: view or a Role per namespace passes; cluster-admin, admin or edit through any binding, and anonymous, unauthenticated or masters subjects do not", async () => {
        assert.deepEqual(await messages("rbac-no-privileged-bindings", [
            binding("RoleBinding", { kind: "ClusterRole", name: "view" }, [{ kind: "User", name: "alice" }]),
            binding("RoleBinding", { kind: "Role", name: "admin" }, [{ kind: "User", name: "alice" }]),
            binding("ClusterRoleBinding", { kind: "ClusterRole", name: "flink-viewer" }, [{ kind: "Group", name: "flink-viewers" }]),
        ]), []);
        const dangerous = binding("ClusterRoleBinding", { kind: "ClusterRole", name: "cluster-admin" }, [
            { kind: "Group", name: "system:masters" },
            { kind: "User", name: "system:anonymous" },
            { kind: "ServiceAccount", name: "default", namespace: "apps" },
        ]);
        assert.deepEqual(await messages("rbac-no-privileged-bindings", dangerous), [
            'ClusterRoleBinding grants ClusterRole "cluster-admin" in every namespace: full control of every resource in the cluster and in every namespace; '
                + "bind a role with only the permissions needed",
            'subjects[0] binds Group "system:masters"',
            'subjects[1] binds User "system:anonymous"',
        ]);
        assert.deepEqual(await messages("rbac-no-privileged-bindings", binding("RoleBinding", { kind: "Role", name: "x" }, [{ kind: "Group", name: "system:unauthenticated" }])), [
            'subjects[0] binds Group "system:unauthenticated"',
        ]);
    });

    it("rbac-no-privileged-bindings: a RoleBinding to cluster-admin, admin or edit says what it grants in its namespace; forbiddenClusterRoles decides which", async () => {
        const alice = [{ kind: "User", name: "alice" }];
        const perNamespace = ["cluster-admin", "admin", "edit"].map((name) => binding("RoleBinding", { kind: "ClusterRole", name }, alice));
        assert.deepEqual(await messages("rbac-no-privileged-bindings", perNamespace), [
            'RoleBinding grants ClusterRole "cluster-admin" in namespace "apps": full control of every resource in the namespace, the namespace itself included; '
                + "bind a Role with only the permissions needed",
            'RoleBinding grants ClusterRole "admin" in namespace "apps": read/write access to most of its resources, Secrets included, '
                + "and creating Roles and RoleBindings in it; bind a Role with only the permissions needed",
            'RoleBinding grants ClusterRole "edit" in namespace "apps": read/write access to most of its objects, Secrets included, '
                + "and running pods as any of its ServiceAccounts (so with their API access); bind a Role with only the permissions needed",
        ]);
        assert.deepEqual(await messages("rbac-no-privileged-bindings", binding("ClusterRoleBinding", { kind: "ClusterRole", name: "edit" }, alice)), [
            'ClusterRoleBinding grants ClusterRole "edit" in every namespace: read/write access to most objects of every namespace, Secrets included, '
                + "and running pods as any of their ServiceAccounts; bind a role with only the permissions needed",
        ]);
        const custom = { forbiddenClusterRoles: ["cluster-admin", "ops-superuser"] };
        assert.deepEqual(await messages("rbac-no-privileged-bindings", [...perNamespace.slice(1), binding("RoleBinding", { kind: "ClusterRole", name: "ops-superuser" }, alice)], custom), [
            'RoleBinding grants ClusterRole "ops-superuser" in namespace "apps": a ClusterRole listed in forbiddenClusterRoles; bind a Role with only the permissions needed',
        ], "admin and edit are allowed once forbiddenClusterRoles leaves them out");
    });

    it("rbac-no-secret-read: get, list or watch on secrets (or every core resource) is reported unless the role is exempt", async () => {
        assert.deepEqual(await messages("rbac-no-secret-read", [
            role([{ apiGroups: [""], resources: ["secrets"], verbs: ["create"] }]),
            role([{ apiGroups: ["apps"], resources: ["secrets"], verbs: read }]),
        ]), []);
        const readers = [
            role([{ apiGroups: [""], resources: ["pods"], verbs: read }, { apiGroups: [""], resources: ["secrets"], verbs: ["GET", "list", "create"] }], "flink-operator", "flink-jobs"),
            clusterRole([{ apiGroups: ["*"], resources: ["*"], verbs: ["watch"] }], "cert-manager-controller-issuers"),
        ];
        assert.deepEqual(await messages("rbac-no-secret-read", readers), [
            "rules[1] lets it read secrets (get, list); workloads get credentials from their own mounted Secrets or workload identity",
            "rules[0] lets it read secrets (watch); workloads get credentials from their own mounted Secrets or workload identity",
        ]);
        assert.deepEqual(await messages("rbac-no-secret-read", readers, { exemptRoles: ["flink-jobs/flink-operator", "cert-manager-controller-*"] }), []);
        assert.deepEqual(await messages("rbac-no-secret-read", readers, { exemptRoles: ["flink-operator", "other/flink-operator"] }), [
            "rules[1] lets it read secrets (get, list); workloads get credentials from their own mounted Secrets or workload identity",
            "rules[0] lets it read secrets (watch); workloads get credentials from their own mounted Secrets or workload identity",
        ], "a Role is matched by namespace/name, a ClusterRole by name");
    });

    it("rbac-no-escalation: escalate, bind and impersonate are reported unless the role is exempt; \"*\" as a verb says what it includes", async () => {
        const escalating = clusterRole([
            { apiGroups: ["rbac.authorization.k8s.io"], resources: ["roles", "clusterroles"], verbs: ["escalate", "bind"] },
            { apiGroups: [""], resources: ["users", "groups"], verbs: ["impersonate"] },
            { apiGroups: [""], resources: ["pods/exec"], verbs: ["create", "get"] },
        ], "power");
        assert.deepEqual(await messages("rbac-no-escalation", escalating), [
            "rules[0] grants escalate, bind, which lets the holder gain permissions it does not have",
            "rules[1] grants impersonate, which lets the holder gain permissions it does not have",
            "rules[2] grants pods/exec (create, get): a shell in any pod of its scope (with that pod's ServiceAccount and mounted Secrets)",
        ]);
        assert.deepEqual(await messages("rbac-no-escalation", escalating, { exemptRoles: ["power"] }), []);
        assert.deepEqual(await messages("rbac-no-escalation", role([
            { apiGroups: [""], resources: ["configmaps"], verbs: ["*"] },
            { apiGroups: ["rbac.authorization.k8s.io"], resources: ["roles"], verbs: ["*"] },
            { apiGroups: ["", "authentication.k8s.io"], resources: ["serviceaccounts", "userextras/scopes"], verbs: ["*"] },
        ])), [
            'rules[0] grants every verb ("*") on "configmaps": get, list, watch, create, update, patch, delete, deletecollection and any verb added later; '
                + "list the verbs it needs",
            'rules[1] grants every verb ("*") on "roles", which includes escalate and bind on roles: the holder can gain permissions it does not have',
            'rules[2] grants every verb ("*") on "serviceaccounts", "userextras/scopes", which includes impersonate on serviceaccounts and userextras: '
                + "the holder can gain permissions it does not have",
        ]);
        assert.deepEqual(await messages("rbac-no-escalation", clusterRole([{ apiGroups: ["*"], resources: ["*"], verbs: ["*"] }])), [
            'rules[0] grants every verb ("*") on "*", which includes escalate and bind on roles and clusterroles, and impersonate on users, groups, '
                + "serviceaccounts, uids and userextras: the holder can gain permissions it does not have",
            "rules[0] grants pods/exec (*) through resources \"*\": a shell in any pod of its scope (with that pod's ServiceAccount and mounted Secrets)",
            "rules[0] grants pods/attach (*) through resources \"*\": the stdin and output of the running process of any container in its scope, "
                + "a shell where that process is one (with that pod's ServiceAccount and mounted Secrets)",
            'rules[0] grants pods/portforward (*) through resources "*": connections to any port of any pod in its scope from inside the pod, '
                + "ports bound to localhost included, past NetworkPolicies",
            'rules[0] grants pods/ephemeralcontainers (*) through resources "*": adding a container with any image and command to a running pod, '
                + "sharing its ServiceAccount, volumes and Secrets",
            'rules[0] grants nodes/proxy (*) through resources "*": the kubelet API, which runs commands in every pod of the node '
                + "(a websocket GET is enough), past admission control and audit logging",
        ]);
    });

    it("rbac-no-escalation: every subresource into running pods, with the verbs that reach it, named or through \"*\" or \"*/<subresource>\"", async () => {
        assert.deepEqual(await messages("rbac-no-escalation", [
            // list and watch on the streaming subresources grant nothing; get and create do.
            role([{ apiGroups: [""], resources: ["pods", "pods/log", "pods/exec", "pods/attach", "pods/portforward"], verbs: ["list", "watch"] }]),
            // Reading ephemeral containers adds none.
            role([{ apiGroups: [""], resources: ["pods/ephemeralcontainers"], verbs: ["get", "list"] }]),
            // "pods/*" is no wildcard to Kubernetes RBAC: it reaches no subresource (rbac-no-wildcards reports it).
            role([{ apiGroups: [""], resources: ["pods/*"], verbs: ["create", "get"] }]),
            // A Role cannot grant the cluster-scoped nodes/proxy; a ClusterRole that only lists nodes grants none of it.
            role([{ apiGroups: [""], resources: ["nodes/proxy"], verbs: ["get"] }]),
            clusterRole([{ apiGroups: [""], resources: ["nodes", "nodes/proxy"], verbs: ["list", "watch"] }, { apiGroups: [""], resources: ["nodes/metrics"], verbs: ["get"] }]),
            // Not the core group.
            clusterRole([{ apiGroups: ["apps"], resources: ["*/exec", "deployments"], verbs: ["create"] }]),
        ]), []);
        const reaching = [
            role([
                { apiGroups: [""], resources: ["pods/attach"], verbs: ["get"] },
                { apiGroups: [""], resources: ["pods/attach", "pods/exec"], verbs: ["create"] },
                { apiGroups: [""], resources: ["pods/portforward"], verbs: ["create", "list"] },
                { apiGroups: [""], resources: ["pods/ephemeralcontainers"], verbs: ["patch", "update"] },
                { apiGroups: [""], resources: ["nodes/proxy"], verbs: ["get"] },
            ], "debugger"),
            clusterRole([
                { apiGroups: [""], resources: ["nodes/proxy"], verbs: ["get", "list"] },
                { apiGroups: [""], resources: ["*/attach", "*/proxy"], verbs: ["create"] },
                { apiGroups: ["*"], resources: ["*"], verbs: ["get"] },
            ], "node-reader"),
        ];
        const attach = "the stdin and output of the running process of any container in its scope, a shell where that process is one "
            + "(with that pod's ServiceAccount and mounted Secrets)";
        const exec = "a shell in any pod of its scope (with that pod's ServiceAccount and mounted Secrets)";
        const portForward = "connections to any port of any pod in its scope from inside the pod, ports bound to localhost included, past NetworkPolicies";
        const kubelet = "the kubelet API, which runs commands in every pod of the node (a websocket GET is enough), past admission control and audit logging";
        const reported = [
            `rules[0] grants pods/attach (get): ${attach}`,
            `rules[1] grants pods/exec (create): ${exec}`,
            `rules[1] grants pods/attach (create): ${attach}`,
            `rules[2] grants pods/portforward (create): ${portForward}`,
            "rules[3] grants pods/ephemeralcontainers (patch, update): adding a container with any image and command to a running pod, "
                + "sharing its ServiceAccount, volumes and Secrets",
            `rules[0] grants nodes/proxy (get): ${kubelet}`,
            `rules[1] grants pods/attach (create) through resources "*/attach": ${attach}`,
            `rules[1] grants nodes/proxy (create) through resources "*/proxy": ${kubelet}`,
            `rules[2] grants pods/exec (get) through resources "*": ${exec}`,
            `rules[2] grants pods/attach (get) through resources "*": ${attach}`,
            `rules[2] grants pods/portforward (get) through resources "*": ${portForward}`,
            `rules[2] grants nodes/proxy (get) through resources "*": ${kubelet}`,
        ];
        assert.deepEqual(await messages("rbac-no-escalation", reaching), reported);
        assert.deepEqual(await messages("rbac-no-escalation", reaching, { exemptPortForwardRoles: ["apps/debugger", "node-reader"] }),
            reported.filter((message) => !message.includes("pods/portforward")), "exemptPortForwardRoles allows port-forwarding only");
        assert.deepEqual(await messages("rbac-no-escalation", reaching, { exemptRoles: ["apps/debugger", "node-*"] }), []);
    });

    it("pod-service-account: a dedicated ServiceAccount, and no token unless the ServiceAccount is an API client", async () => {
        assert.deepEqual(await messages("pod-service-account", [pod(), flinkDeployment()]), []);
        const defaults = deployment(podSpec({ serviceAccountName: undefined, automountServiceAccountToken: undefined }));
        assert.deepEqual(await messages("pod-service-account", defaults), [
            'pod template: runs as the namespace\'s "default" ServiceAccount; set serviceAccountName to a dedicated one',
            'pod template: mounts the token of ServiceAccount "apps/default": neither the pod nor a ServiceAccount of the stack sets '
                + "automountServiceAccountToken: false; set it on either, or list the ServiceAccount in apiClients if the pod calls the Kubernetes API",
        ]);
        const client = pod(podSpec({ serviceAccountName: "controller", automountServiceAccountToken: "true" }));
        assert.deepEqual(await messages("pod-service-account", client), [
            'pod: mounts the token of ServiceAccount "apps/controller": the pod sets automountServiceAccountToken: true, which overrides the ServiceAccount\'s; '
                + "set it to false, or list the ServiceAccount in apiClients if the pod calls the Kubernetes API",
        ]);
        assert.deepEqual(await messages("pod-service-account", client, { apiClients: ["apps/controller"] }), []);
        assert.deepEqual(await messages("pod-service-account", flinkDeployment({ spec: { serviceAccount: undefined } })), [
            'spec.serviceAccount is not set, so Flink runs as the namespace\'s "default" ServiceAccount; give it a dedicated one',
        ]);
        assert.deepEqual(await messages("pod-service-account", flinkDeployment({ spec: { serviceAccount: "default" } })), [
            'spec.serviceAccount is the namespace\'s "default" ServiceAccount; give Flink a dedicated one',
        ]);
    });

    it("pod-service-account: a pod that leaves automountServiceAccountToken unset follows its ServiceAccount in the stack; the pod's own setting wins", async () => {
        const account = (name: string, automount: unknown, namespace = "apps", provider?: string): TestResource => ({
            type: types.serviceAccount,
            name: `${namespace}-${name}`,
            ...(provider === undefined ? {} : { provider }),
            inputs: { metadata: { name, ...(provider === undefined ? { namespace } : {}) }, ...(automount === undefined ? {} : { automountServiceAccountToken: automount }) },
        });
        const unset = (name: string) => deployment(podSpec({ serviceAccountName: name, automountServiceAccountToken: undefined }));
        // The ServiceAccount turns the token off; a pod that says nothing follows it (a string "false" counts).
        assert.deepEqual(await messages("pod-service-account", [account("worker", false), unset("worker")]), []);
        assert.deepEqual(await messages("pod-service-account", [account("worker", "False"), unset("worker")]), []);
        const mounts = (id: string) => `pod template: mounts the token of ServiceAccount "${id}": neither the pod nor a ServiceAccount of the stack sets `
            + "automountServiceAccountToken: false; set it on either, or list the ServiceAccount in apiClients if the pod calls the Kubernetes API";
        // The ServiceAccount mounts (true, unset), is another one, in another namespace, or not in the stack: the pod mounts the token.
        assert.deepEqual(await messages("pod-service-account", [account("worker", true), unset("worker")]), [mounts("apps/worker")]);
        assert.deepEqual(await messages("pod-service-account", [account("worker", undefined), unset("worker")]), [mounts("apps/worker")]);
        assert.deepEqual(await messages("pod-service-account", [account("other", false), unset("worker")]), [mounts("apps/worker")]);
        assert.deepEqual(await messages("pod-service-account", [account("worker", false, "jobs"), unset("worker")]), [mounts("apps/worker")]);
        assert.deepEqual(await messages("pod-service-account", unset("worker")), [mounts("apps/worker")]);
        // The pod's own setting overrides the ServiceAccount's, both ways.
        const explicit = deployment(podSpec({ serviceAccountName: "worker", automountServiceAccountToken: true }));
        assert.deepEqual(await messages("pod-service-account", [account("worker", false), explicit]), [
            'pod template: mounts the token of ServiceAccount "apps/worker": the pod sets automountServiceAccountToken: true, which overrides the ServiceAccount\'s; '
                + "set it to false, or list the ServiceAccount in apiClients if the pod calls the Kubernetes API",
        ]);
        assert.deepEqual(await messages("pod-service-account", [account("worker", true), deployment(podSpec({ serviceAccountName: "worker" }))]), []);
        // A ServiceAccount without a namespace lands in its provider's default namespace, like the pod.
        const provider: TestResource = { type: "pulumi:providers:kubernetes", name: "apps-provider", inputs: { namespace: "apps" } };
        const providerRef = "urn:pulumi:test::test::pulumi:providers:kubernetes::apps-provider::id";
        assert.deepEqual(await messages("pod-service-account", [provider, account("worker", false, "apps", providerRef), unset("worker")]), []);
        const elsewhere = { ...provider, inputs: { namespace: "jobs" } };
        assert.deepEqual(await messages("pod-service-account", [elsewhere, account("worker", false, "apps", providerRef), unset("worker")]), [mounts("apps/worker")]);
    });
});
