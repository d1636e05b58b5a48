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

    it("rbac-no-privileged-bindings: admin per namespace passes; cluster-admin cluster-wide and anonymous, unauthenticated or masters subjects do not", async () => {
        assert.deepEqual(await messages("rbac-no-privileged-bindings", binding("RoleBinding", { kind: "ClusterRole", name: "admin" }, [{ kind: "User", name: "alice" }])), []);
        const dangerous = binding("ClusterRoleBinding", { kind: "ClusterRole", name: "cluster-admin" }, [
            { kind: "Group", name: "system:masters" },
            { kind: "User", name: "system:anonymous" },
            { kind: "ServiceAccount", name: "default", namespace: "apps" },
        ]);
        assert.deepEqual(await messages("rbac-no-privileged-bindings", dangerous), [
            'grants ClusterRole "cluster-admin" in every namespace; bind narrower roles, per namespace with a RoleBinding',
            'subjects[0] binds Group "system:masters"',
            'subjects[1] binds User "system:anonymous"',
        ]);
        assert.deepEqual(await messages("rbac-no-privileged-bindings", binding("RoleBinding", { kind: "Role", name: "x" }, [{ kind: "Group", name: "system:unauthenticated" }])), [
            'subjects[0] binds Group "system:unauthenticated"',
        ]);
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

    it("rbac-no-escalation: escalate, bind, impersonate and pods/exec are reported unless the role is exempt", async () => {
        assert.deepEqual(await messages("rbac-no-escalation", role([{ apiGroups: [""], resources: ["pods/portforward"], verbs: ["create"] }])), []);
        const escalating = clusterRole([
            { apiGroups: ["rbac.authorization.k8s.io"], resources: ["roles", "clusterroles"], verbs: ["escalate", "bind"] },
            { apiGroups: [""], resources: ["users", "groups"], verbs: ["impersonate"] },
            { apiGroups: [""], resources: ["pods/exec"], verbs: ["create", "get"] },
        ], "power");
        assert.deepEqual(await messages("rbac-no-escalation", escalating), [
            "rules[0] grants escalate, bind, which lets the holder gain permissions it does not have",
            "rules[1] grants impersonate, which lets the holder gain permissions it does not have",
            "rules[2] grants pods/exec, a shell in any pod of its scope (with that pod's ServiceAccount and mounted Secrets)",
        ]);
        assert.deepEqual(await messages("rbac-no-escalation", escalating, { exemptRoles: ["power"] }), []);
        assert.deepEqual(await messages("rbac-no-escalation", role([{ apiGroups: ["*"], resources: ["*"], verbs: ["*"] }])), [
            'rules[0] grants every verb ("*"), escalate, bind and impersonate included, which lets the holder gain permissions it does not have',
            "rules[0] grants pods/exec, a shell in any pod of its scope (with that pod's ServiceAccount and mounted Secrets)",
        ]);
    });

    it("pod-service-account: a dedicated ServiceAccount, and no token unless the ServiceAccount is an API client", async () => {
        assert.deepEqual(await messages("pod-service-account", [pod(), flinkDeployment()]), []);
        const defaults = deployment(podSpec({ serviceAccountName: undefined, automountServiceAccountToken: undefined }));
        assert.deepEqual(await messages("pod-service-account", defaults), [
            'pod template: runs as the namespace\'s "default" ServiceAccount; set serviceAccountName to a dedicated one',
            'pod template: mounts the token of ServiceAccount "apps/default"; set automountServiceAccountToken: false, '
                + "or list the ServiceAccount in apiClients if the pod calls the Kubernetes API",
        ]);
        const client = pod(podSpec({ serviceAccountName: "controller", automountServiceAccountToken: "true" }));
        assert.deepEqual(await messages("pod-service-account", client), [
            'pod: mounts the token of ServiceAccount "apps/controller"; set automountServiceAccountToken: false, '
                + "or list the ServiceAccount in apiClients if the pod calls the Kubernetes API",
        ]);
        assert.deepEqual(await messages("pod-service-account", client, { apiClients: ["apps/controller"] }), []);
        assert.deepEqual(await messages("pod-service-account", flinkDeployment({ spec: { serviceAccount: undefined } })), [
            'spec.serviceAccount is not set, so Flink runs as the namespace\'s "default" ServiceAccount; give it a dedicated one',
        ]);
        assert.deepEqual(await messages("pod-service-account", flinkDeployment({ spec: { serviceAccount: "default" } })), [
            'spec.serviceAccount is the namespace\'s "default" ServiceAccount; give Flink a dedicated one',
        ]);
    });
});
