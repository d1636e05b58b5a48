/**
 * RBAC: no wildcards; no binding, cluster-wide or per namespace, of
 * cluster-admin, admin or edit; no binding to anonymous, unauthenticated or
 * masters; roles do not read secrets and cannot escalate, bind, impersonate
 * or reach into pods (exec, attach, port-forward, ephemeral containers, the
 * kubelet API) (exemptions by config, for the operator and cert-manager);
 * pods run as a dedicated ServiceAccount and mount its token only when they
 * call the API (the ServiceAccount's own automountServiceAccountToken seen
 * across the stack).
 *
 * Sources:
 * - Kubernetes, "Role Based Access Control Good Practices"
 *   (https://kubernetes.io/docs/concepts/security/rbac-good-practices/): `nodes/proxy` gives the kubelet API,
 *   "command execution on every pod on the node", bypassing audit logging and admission, reachable with a
 *   websocket GET ("get permission on nodes/proxy is not a read-only permission"); escalate, bind and
 *   impersonate; setting automountServiceAccountToken on a Pod overrides the ServiceAccount's setting.
 * - Kubernetes, "Using RBAC Authorization", user-facing roles
 *   (https://kubernetes.io/docs/reference/access-authn-authz/rbac/#user-facing-roles): cluster-admin in a
 *   RoleBinding "gives full control over every resource in the rolebinding's namespace, including the namespace
 *   itself"; admin allows read/write of most resources and creating Roles and RoleBindings in the namespace;
 *   edit "allows accessing Secrets and running Pods as any ServiceAccount in the namespace".
 * - kubernetes/kubernetes pkg/apis/rbac/v1/evaluation_helpers.go (ResourceMatches): a rule's resource matches
 *   as "*" (everything, subresources included), exactly, or as "*\/<subresource>"; "pods/*" is not a wildcard
 *   and matches no subresource (rbac-no-wildcards reports it).
 * - kubernetes/kubernetes#134577, "Implements synthetic create authz permission check for exec, attach, and
 *   portforward" (Kubernetes 1.35, gate AuthorizePodWebsocketUpgradeCreatePermission), and
 *   kubernetes/kubernetes#78741: pods/exec, pods/attach and pods/portforward are reached with `create` (SPDY
 *   POST, and websockets from 1.35) or with `get` (websocket upgrade before 1.35 or with the gate off);
 *   `list` and `watch` on them grant nothing.
 * - kubernetes/kubernetes#121217 (liggitt: adding ephemeral containers bypasses admission plugins and security
 *   policies written before that container type, hence not in admin/edit) and kubernetes/website#55447
 *   ("Clarify Ephemeral Containers RBAC": `patch`, `update` on pods/ephemeralcontainers, what `kubectl debug` uses).
 */
import { isFlinkDeployment, indexed, isBinding, isKind, isRole, nameOf, namespaceOf, rbacGroups } from "../lib/k8s";
import { hasPods, podsOf } from "../lib/pods";
import { resourcePolicy, stackPolicy, StackResource, stringList } from "../lib/policy";
import { at, isFalse, isRec, matchesAny, quoted, Rec, rec, strings, text, texts } from "../lib/values";

interface RoleRule {
    index: number;
    apiGroups: string[];
    resources: string[];
    verbs: string[];
}

/** What a rule is checked in: a namespaced Role or a ClusterRole, and its id for exemptions. */
interface RoleView {
    clusterRole: boolean;
    /** `namespace/name` for a Role, `name` for a ClusterRole: what exemption patterns match. */
    id: string;
}

/** The rules of a Role or ClusterRole; none for an aggregated ClusterRole (the controller fills its rules). */
function rulesOf(type: string, props: Rec): RoleRule[] {
    if (isKind(type, rbacGroups, "ClusterRole") && isRec(props.aggregationRule)) {
        return [];
    }
    return indexed(props.rules).map(([index, rule]) => ({
        index,
        apiGroups: strings(rule.apiGroups),
        resources: strings(rule.resources),
        verbs: strings(rule.verbs).map((v) => v.toLowerCase()),
    }));
}

function roleView(type: string, props: Rec, provider: unknown): RoleView {
    const name = text(at(props, "metadata", "name")) ?? "";
    const clusterRole = isKind(type, rbacGroups, "ClusterRole");
    return { clusterRole, id: clusterRole ? name : `${namespaceOf(props, rec(provider))}/${name}` };
}

interface ExemptConfig {
    exemptRoles: string[];
}

/** A mandatory policy on each rule of every Role and ClusterRole, except exemptRoles (those allowed to do `what`). */
function rulePolicy<C extends ExemptConfig = ExemptConfig>(
    name: string,
    description: string,
    what: string,
    checkRule: (rule: RoleRule, role: RoleView, config: C, report: (message: string) => void) => void,
    extraSettings: Record<string, ReturnType<typeof stringList>> = {},
) {
    return resourcePolicy<C>({
        name,
        description,
        enforcementLevel: "mandatory",
        configSchema: {
            properties: {
                exemptRoles: stringList(`Roles allowed to ${what}: "namespace/name" for a Role, "name" for a ClusterRole; * matches any characters.`),
                ...extraSettings,
            },
        },
        appliesTo: isRole,
        check: ({ type, props, provider }, config, report) => {
            const role = roleView(type, props, provider);
            if (matchesAny(texts(config.exemptRoles), role.id)) return;
            for (const rule of rulesOf(type, props)) checkRule(rule, role, config, report);
        },
    });
}

const readVerbs = ["get", "list", "watch", "*"];
const escalationVerbs = ["escalate", "bind", "impersonate"];
const coreGroup = "";

/** Whether a rule's apiGroups include `group` ("*" includes every group). */
function inGroup(rule: RoleRule, group: string): boolean {
    return rule.apiGroups.includes(group) || rule.apiGroups.includes("*");
}

/**
 * The entries of a rule's resources that reach `resource` ("pods/exec") as the RBAC authorizer matches them:
 * "*", the resource itself, or "*\/<subresource>". ("pods/*" is no wildcard to Kubernetes and reaches nothing.)
 */
function entriesReaching(rule: RoleRule, resource: string): string[] {
    const slash = resource.indexOf("/");
    const subresource = slash < 0 ? undefined : resource.slice(slash + 1);
    return rule.resources.filter((r) => r === "*" || r === resource || (subresource !== undefined && r === `*/${subresource}`));
}

/** The verbs of a rule among `verbs` ("*" counts as each). */
function verbsAmong(rule: RoleRule, verbs: readonly string[]): string[] {
    return rule.verbs.filter((v) => v === "*" || verbs.includes(v));
}

/**
 * Subresources that put the holder inside running pods, the verbs that reach each, and what they give. Exec,
 * attach and port-forward are opened with `create` (SPDY POST; websockets from Kubernetes 1.35) or `get`
 * (the websocket upgrade before 1.35); ephemeral containers are added with `patch` or `update`; the kubelet API
 * behind nodes/proxy takes `create` (POST) or `get` (websocket). nodes/proxy is cluster-scoped, so only a
 * ClusterRole can grant it. Port-forwarding dials the port on the pod's own loopback address
 * (kubernetes/kubernetes#72597, #72488), so it reaches ports bound to localhost, and its connections come from
 * inside the pod, where NetworkPolicies and meshes do not see them (linkerd/linkerd2#2352, "port-forward traffic
 * skips the proxy").
 */
export const podAccessSubresources: readonly { resource: string; verbs: readonly string[]; clusterScoped: boolean; gives: string }[] = [
    {
        resource: "pods/exec",
        verbs: ["create", "get"],
        clusterScoped: false,
        gives: "a shell in any pod of its scope (with that pod's ServiceAccount and mounted Secrets)",
    },
    {
        resource: "pods/attach",
        verbs: ["create", "get"],
        clusterScoped: false,
        gives: "the stdin and output of the running process of any container in its scope, a shell where that process is one "
            + "(with that pod's ServiceAccount and mounted Secrets)",
    },
    {
        resource: "pods/portforward",
        verbs: ["create", "get"],
        clusterScoped: false,
        gives: "connections to any port of any pod in its scope from inside the pod, ports bound to localhost included, past NetworkPolicies",
    },
    {
        resource: "pods/ephemeralcontainers",
        verbs: ["patch", "update"],
        clusterScoped: false,
        gives: "adding a container with any image and command to a running pod, sharing its ServiceAccount, volumes and Secrets",
    },
    {
        resource: "nodes/proxy",
        verbs: ["create", "get"],
        clusterScoped: true,
        gives: "the kubelet API, which runs commands in every pod of the node (a websocket GET is enough), past admission control and audit logging",
    },
];

/** The verbs "*" includes that let the holder gain permissions, and the resources they act on. */
const escalationTargets: { verbs: string; targets: { group: string; resource: string }[] }[] = [
    {
        verbs: "escalate and bind",
        targets: [{ group: "rbac.authorization.k8s.io", resource: "roles" }, { group: "rbac.authorization.k8s.io", resource: "clusterroles" }],
    },
    {
        verbs: "impersonate",
        targets: [
            { group: coreGroup, resource: "users" },
            { group: coreGroup, resource: "groups" },
            { group: coreGroup, resource: "serviceaccounts" },
            { group: "authentication.k8s.io", resource: "uids" },
            { group: "authentication.k8s.io", resource: "userextras" },
        ],
    },
];

/** What "*" as a verb grants on a rule's resources that lets the holder gain permissions: "escalate and bind on roles", … */
function wildcardVerbEscalations(rule: RoleRule): string[] {
    const parts: string[] = [];
    for (const { verbs, targets } of escalationTargets) {
        const reached = targets
            .filter(({ group, resource }) => inGroup(rule, group) && rule.resources.some((r) => r === "*" || r === resource || r.startsWith(`${resource}/`)))
            .map(({ resource }) => resource);
        if (reached.length > 0) parts.push(`${verbs} on ${sentence(reached)}`);
    }
    return parts;
}

/** "a, b and c". */
function sentence(parts: string[]): string {
    return parts.length <= 1 ? parts.join("") : `${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1]}`;
}

interface EscalationConfig extends ExemptConfig {
    exemptPortForwardRoles: string[];
}

interface BindingConfig {
    forbiddenClusterRoles: string[];
    forbiddenSubjects: string[];
}

/** What the built-in user-facing ClusterRoles grant (Kubernetes "Using RBAC Authorization", user-facing roles), per binding scope. */
const builtInClusterRoles: Record<string, { cluster: string; namespace: string }> = {
    "cluster-admin": {
        cluster: "full control of every resource in the cluster and in every namespace",
        namespace: "full control of every resource in the namespace, the namespace itself included",
    },
    admin: {
        cluster: "read/write access to most resources of every namespace, Secrets included, and creating Roles and RoleBindings in each",
        namespace: "read/write access to most of its resources, Secrets included, and creating Roles and RoleBindings in it",
    },
    edit: {
        cluster: "read/write access to most objects of every namespace, Secrets included, and running pods as any of their ServiceAccounts",
        namespace: "read/write access to most of its objects, Secrets included, and running pods as any of its ServiceAccounts (so with their API access)",
    },
};

interface ServiceAccountConfig {
    apiClients: string[];
}

/** `namespace/name` of the stack's ServiceAccounts that set automountServiceAccountToken: false. */
function accountsWithoutToken(resources: StackResource[]): Set<string> {
    const ids = new Set<string>();
    for (const resource of resources) {
        if (!isKind(resource.type, ["core"], "ServiceAccount")) continue;
        const name = nameOf(resource.props);
        if (name !== undefined && isFalse(resource.props.automountServiceAccountToken)) {
            ids.add(`${namespaceOf(resource.props, resource.provider)}/${name}`);
        }
    }
    return ids;
}

/** pod-service-account's findings on one resource with pods. */
function serviceAccountProblems(resource: StackResource, withoutToken: Set<string>, apiClients: string[]): string[] {
    const { type, props } = resource;
    if (isFlinkDeployment(type)) {
        const account = text(at(props, "spec", "serviceAccount"));
        if (account === undefined) {
            return ["spec.serviceAccount is not set, so Flink runs as the namespace's \"default\" ServiceAccount; give it a dedicated one"];
        }
        return account === "default" ? ["spec.serviceAccount is the namespace's \"default\" ServiceAccount; give Flink a dedicated one"] : [];
    }
    const problems: string[] = [];
    const namespace = namespaceOf(props, resource.provider);
    for (const pod of podsOf(type, props)) {
        const account = text(pod.spec.serviceAccountName) ?? text(pod.spec.serviceAccount);
        if (account === undefined || account === "default") {
            problems.push(`${pod.where}: runs as the namespace's "default" ServiceAccount; set serviceAccountName to a dedicated one`);
        }
        const id = `${namespace}/${account ?? "default"}`;
        if (matchesAny(apiClients, id)) continue;
        // The pod's own field, when set, overrides the ServiceAccount's.
        const podSetting = pod.spec.automountServiceAccountToken;
        const podSets = podSetting !== undefined && podSetting !== null;
        if (podSets ? isFalse(podSetting) : withoutToken.has(id)) continue;
        const why = podSets
            ? `the pod sets automountServiceAccountToken: ${text(podSetting) ?? JSON.stringify(podSetting)}, which overrides the ServiceAccount's; set it to false`
            : "neither the pod nor a ServiceAccount of the stack sets automountServiceAccountToken: false; set it on either";
        problems.push(`${pod.where}: mounts the token of ServiceAccount ${JSON.stringify(id)}: ${why}, `
            + "or list the ServiceAccount in apiClients if the pod calls the Kubernetes API");
    }
    return problems;
}

export const rbacPolicies = [
    rulePolicy(
        "rbac-no-wildcards",
        "Roles and ClusterRoles name their verbs, resources and apiGroups: no \"*\" in any of them.",
        "use wildcards (third-party controllers that manage every resource of their own API group)",
        (rule, _role, _config, report) => {
            const wild = (["verbs", "resources", "apiGroups"] as const).filter((field) => rule[field].some((v) => v.includes("*")));
            if (wild.length > 0) {
                report(`rules[${rule.index}] uses a wildcard in ${wild.join(", ")}; list them explicitly`);
            }
        },
    ),
    resourcePolicy<BindingConfig>({
        name: "rbac-no-privileged-bindings",
        description: "No ClusterRoleBinding or RoleBinding grants cluster-admin, admin or edit (full or read/write control, Secrets included, "
            + "cluster-wide or of the namespace), and no binding names system:anonymous, system:unauthenticated or system:masters.",
        enforcementLevel: "mandatory",
        configSchema: {
            properties: {
                forbiddenClusterRoles: stringList("ClusterRoles no ClusterRoleBinding or RoleBinding may grant.", ["cluster-admin", "admin", "edit"]),
                forbiddenSubjects: stringList("Users and groups no binding may name.", ["system:anonymous", "system:unauthenticated", "system:masters"]),
            },
        },
        appliesTo: isBinding,
        check: ({ type, props, provider }, config, report) => {
            const roleRef = rec(props.roleRef);
            const roleName = text(roleRef.name);
            if (text(roleRef.kind) === "ClusterRole" && roleName !== undefined && texts(config.forbiddenClusterRoles).includes(roleName)) {
                const grants = Object.prototype.hasOwnProperty.call(builtInClusterRoles, roleName) ? builtInClusterRoles[roleName] : undefined;
                if (isKind(type, rbacGroups, "ClusterRoleBinding")) {
                    report(`ClusterRoleBinding grants ClusterRole ${JSON.stringify(roleName)} in every namespace: `
                        + `${grants?.cluster ?? "a ClusterRole listed in forbiddenClusterRoles, cluster-wide"}; bind a role with only the permissions needed`);
                } else {
                    const namespace = namespaceOf(props, rec(provider));
                    report(`RoleBinding grants ClusterRole ${JSON.stringify(roleName)} in namespace ${JSON.stringify(namespace)}: `
                        + `${grants?.namespace ?? "a ClusterRole listed in forbiddenClusterRoles"}; bind a Role with only the permissions needed`);
                }
            }
            for (const [index, subject] of indexed(props.subjects)) {
                const name = text(subject.name);
                const kind = text(subject.kind) ?? "?";
                if (name !== undefined && (kind === "User" || kind === "Group") && texts(config.forbiddenSubjects).includes(name)) {
                    report(`subjects[${index}] binds ${kind} ${JSON.stringify(name)}`);
                }
            }
        },
    }),
    rulePolicy(
        "rbac-no-secret-read",
        "Roles and ClusterRoles do not get, list or watch secrets (exemptRoles: e.g. the operator's, which reads its webhook keystore).",
        "read secrets",
        (rule, _role, _config, report) => {
            const secrets = rule.resources.includes("secrets") || rule.resources.includes("*");
            const verbs = rule.verbs.filter((v) => readVerbs.includes(v));
            if (inGroup(rule, coreGroup) && secrets && verbs.length > 0) {
                report(`rules[${rule.index}] lets it read secrets (${verbs.join(", ")}); workloads get credentials from their own mounted Secrets or workload identity`);
            }
        },
    ),
    rulePolicy<EscalationConfig>(
        "rbac-no-escalation",
        "Roles and ClusterRoles do not grant escalate, bind or impersonate, nor every verb (\"*\"), nor access into running pods: "
            + "pods/exec, pods/attach or pods/portforward (create, get), pods/ephemeralcontainers (patch, update) or nodes/proxy (create, get), "
            + "named or through \"*\" or \"*/<subresource>\".",
        "escalate, bind, impersonate or reach into pods",
        (rule, role, config, report) => {
            const verbs = rule.verbs.filter((v) => escalationVerbs.includes(v));
            if (rule.verbs.includes("*")) {
                const resources = quoted(rule.resources);
                const escalations = wildcardVerbEscalations(rule);
                report(escalations.length > 0
                    ? `rules[${rule.index}] grants every verb ("*") on ${resources}, which includes ${escalations.join(", and ")}: `
                        + "the holder can gain permissions it does not have"
                    : `rules[${rule.index}] grants every verb ("*") on ${resources}: get, list, watch, create, update, patch, delete, deletecollection `
                        + "and any verb added later; list the verbs it needs");
            } else if (verbs.length > 0) {
                report(`rules[${rule.index}] grants ${verbs.join(", ")}, which lets the holder gain permissions it does not have`);
            }
            if (!inGroup(rule, coreGroup)) return;
            const portForwardAllowed = matchesAny(texts(config.exemptPortForwardRoles), role.id);
            for (const access of podAccessSubresources) {
                if (access.clusterScoped && !role.clusterRole) continue; // A Role cannot grant a cluster-scoped resource.
                if (access.resource === "pods/portforward" && portForwardAllowed) continue;
                const entries = entriesReaching(rule, access.resource);
                const accessVerbs = verbsAmong(rule, access.verbs);
                if (entries.length === 0 || accessVerbs.length === 0) continue;
                const through = entries.includes(access.resource) ? "" : ` through resources ${quoted(entries)}`;
                report(`rules[${rule.index}] grants ${access.resource} (${accessVerbs.join(", ")})${through}: ${access.gives}`);
            }
        },
        {
            exemptPortForwardRoles: stringList("Roles allowed pods/portforward (and nothing else this policy refuses), such as developers' "
                + "roles that reach a web UI: \"namespace/name\" for a Role, \"name\" for a ClusterRole; * matches any characters."),
        },
    ),
    stackPolicy<ServiceAccountConfig>({
        name: "pod-service-account",
        description: "Pods run as a dedicated ServiceAccount, not \"default\", and do not mount its token unless they call the Kubernetes API "
            + "(apiClients; FlinkDeployments do: the JobManager manages its TaskManagers and HA through the API). A pod that leaves "
            + "automountServiceAccountToken unset follows its ServiceAccount's setting, when the ServiceAccount is in the stack.",
        enforcementLevel: "mandatory",
        configSchema: {
            properties: {
                apiClients: stringList("ServiceAccounts whose pods call the Kubernetes API and may mount a token: \"namespace/name\", * matches any characters."),
            },
        },
        appliesTo: (type) => hasPods(type) || isKind(type, ["core"], "ServiceAccount"),
        check: (resources, config, report) => {
            const withoutToken = accountsWithoutToken(resources);
            const apiClients = texts(config.apiClients);
            for (const resource of resources) {
                if (!hasPods(resource.type)) continue;
                for (const problem of serviceAccountProblems(resource, withoutToken, apiClients)) report(problem, resource.urn);
            }
        },
    }),
];
