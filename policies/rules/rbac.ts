/**
 * RBAC: no wildcards; no cluster-wide binding of cluster-admin, admin or
 * edit; no binding to anonymous, unauthenticated or masters; roles do not
 * read secrets and cannot escalate, bind, impersonate or exec into pods
 * (exemptions by config, for the operator and cert-manager); pods run as a
 * dedicated ServiceAccount and mount its token only when they call the API.
 */
import { isFlinkDeployment, indexed, isBinding, isKind, isRole, namespaceOf, rbacGroups } from "../lib/k8s";
import { hasPods, podsOf } from "../lib/pods";
import { resourcePolicy, stringList } from "../lib/policy";
import { at, isFalse, isRec, matchesAny, Rec, rec, strings, text, texts } from "../lib/values";

interface RoleRule {
    index: number;
    apiGroups: string[];
    resources: string[];
    verbs: string[];
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

/** `namespace/name` for a Role, `name` for a ClusterRole: what exemptRoles patterns match. */
function roleId(type: string, props: Rec, provider: unknown): string {
    const name = text(at(props, "metadata", "name")) ?? "";
    return isKind(type, rbacGroups, "ClusterRole") ? name : `${namespaceOf(props, rec(provider))}/${name}`;
}

interface ExemptConfig {
    exemptRoles: string[];
}

/** A mandatory policy on each rule of every Role and ClusterRole, except exemptRoles (those allowed to do `what`). */
function rulePolicy(name: string, description: string, what: string, checkRule: (rule: RoleRule, report: (message: string) => void) => void) {
    return resourcePolicy<ExemptConfig>({
        name,
        description,
        enforcementLevel: "mandatory",
        configSchema: {
            properties: {
                exemptRoles: stringList(`Roles allowed to ${what}: "namespace/name" for a Role, "name" for a ClusterRole; * matches any characters.`),
            },
        },
        appliesTo: isRole,
        check: ({ type, props, provider }, config, report) => {
            if (matchesAny(texts(config.exemptRoles), roleId(type, props, provider))) return;
            for (const rule of rulesOf(type, props)) checkRule(rule, report);
        },
    });
}

const readVerbs = ["get", "list", "watch", "*"];
const escalationVerbs = ["escalate", "bind", "impersonate"];

interface BindingConfig {
    forbiddenClusterRoles: string[];
    forbiddenSubjects: string[];
}

interface ServiceAccountConfig {
    apiClients: string[];
}

export const rbacPolicies = [
    rulePolicy(
        "rbac-no-wildcards",
        "Roles and ClusterRoles name their verbs, resources and apiGroups: no \"*\" in any of them.",
        "use wildcards (third-party controllers that manage every resource of their own API group)",
        (rule, report) => {
            const wild = (["verbs", "resources", "apiGroups"] as const).filter((field) => rule[field].some((v) => v.includes("*")));
            if (wild.length > 0) {
                report(`rules[${rule.index}] uses a wildcard in ${wild.join(", ")}; list them explicitly`);
            }
        },
    ),
    resourcePolicy<BindingConfig>({
        name: "rbac-no-privileged-bindings",
        description: "No ClusterRoleBinding grants cluster-admin, admin or edit, and no binding names system:anonymous, system:unauthenticated or system:masters.",
        enforcementLevel: "mandatory",
        configSchema: {
            properties: {
                forbiddenClusterRoles: stringList("ClusterRoles a ClusterRoleBinding must not grant.", ["cluster-admin", "admin", "edit"]),
                forbiddenSubjects: stringList("Users and groups no binding may name.", ["system:anonymous", "system:unauthenticated", "system:masters"]),
            },
        },
        appliesTo: isBinding,
        check: ({ type, props }, config, report) => {
            const roleRef = rec(props.roleRef);
            const roleName = text(roleRef.name);
            if (isKind(type, rbacGroups, "ClusterRoleBinding") && text(roleRef.kind) === "ClusterRole"
                && roleName !== undefined && texts(config.forbiddenClusterRoles).includes(roleName)) {
                report(`grants ClusterRole ${JSON.stringify(roleName)} in every namespace; bind narrower roles, per namespace with a RoleBinding`);
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
        (rule, report) => {
            const coreGroup = rule.apiGroups.includes("") || rule.apiGroups.includes("*");
            const secrets = rule.resources.includes("secrets") || rule.resources.includes("*");
            const verbs = rule.verbs.filter((v) => readVerbs.includes(v));
            if (coreGroup && secrets && verbs.length > 0) {
                report(`rules[${rule.index}] lets it read secrets (${verbs.join(", ")}); workloads get credentials from their own mounted Secrets or workload identity`);
            }
        },
    ),
    rulePolicy(
        "rbac-no-escalation",
        "Roles and ClusterRoles do not grant escalate, bind or impersonate (nor every verb), nor pods/exec (nor every pod subresource).",
        "escalate, bind, impersonate or exec into pods",
        (rule, report) => {
            const verbs = rule.verbs.filter((v) => escalationVerbs.includes(v));
            if (rule.verbs.includes("*")) {
                report(`rules[${rule.index}] grants every verb ("*"), escalate, bind and impersonate included, which lets the holder gain permissions it does not have`);
            } else if (verbs.length > 0) {
                report(`rules[${rule.index}] grants ${verbs.join(", ")}, which lets the holder gain permissions it does not have`);
            }
            const coreGroup = rule.apiGroups.includes("") || rule.apiGroups.includes("*");
            const exec = rule.resources.some((r) => r === "pods/exec" || r === "pods/*" || r === "*");
            if (coreGroup && exec && rule.verbs.length > 0) {
                report(`rules[${rule.index}] grants pods/exec, a shell in any pod of its scope (with that pod's ServiceAccount and mounted Secrets)`);
            }
        },
    ),
    resourcePolicy<ServiceAccountConfig>({
        name: "pod-service-account",
        description: "Pods run as a dedicated ServiceAccount, not \"default\", and do not mount its token unless they call the Kubernetes API "
            + "(apiClients; FlinkDeployments do: the JobManager manages its TaskManagers and HA through the API).",
        enforcementLevel: "mandatory",
        configSchema: {
            properties: {
                apiClients: stringList("ServiceAccounts whose pods call the Kubernetes API and may mount a token: \"namespace/name\", * matches any characters."),
            },
        },
        appliesTo: hasPods,
        check: ({ type, props, provider }, config, report) => {
            const namespace = namespaceOf(props, rec(provider));
            if (isFlinkDeployment(type)) {
                const account = text(at(props, "spec", "serviceAccount"));
                if (account === undefined) {
                    report("spec.serviceAccount is not set, so Flink runs as the namespace's \"default\" ServiceAccount; give it a dedicated one");
                } else if (account === "default") {
                    report("spec.serviceAccount is the namespace's \"default\" ServiceAccount; give Flink a dedicated one");
                }
                return;
            }
            for (const pod of podsOf(type, props)) {
                const account = text(pod.spec.serviceAccountName) ?? text(pod.spec.serviceAccount);
                if (account === undefined || account === "default") {
                    report(`${pod.where}: runs as the namespace's "default" ServiceAccount; set serviceAccountName to a dedicated one`);
                }
                const id = `${namespace}/${account ?? "default"}`;
                if (!isFalse(pod.spec.automountServiceAccountToken) && !matchesAny(texts(config.apiClients), id)) {
                    report(`${pod.where}: mounts the token of ServiceAccount ${JSON.stringify(id)}; set automountServiceAccountToken: false, `
                        + "or list the ServiceAccount in apiClients if the pod calls the Kubernetes API");
                }
            }
        },
    }),
];

