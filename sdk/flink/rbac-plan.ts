/** Validates FlinkRbac args and derives the ServiceAccount annotations and people's role bindings. Pure. */
import { RunError } from "@pulumi/pulumi";
import type * as pulumi from "@pulumi/pulumi";
import type { FlinkRbacArgs, RoleSubjectsArgs, WorkloadIdentityArgs } from "./args/rbac";
import { checkInput } from "./inputs";
import { invalid, requireDnsLabel } from "./validation";

export interface Subject {
    kind: "Group" | "User";
    name: pulumi.Input<string>;
    apiGroup: "rbac.authorization.k8s.io";
}

export interface RbacPlan {
    serviceAccountName: string;
    serviceAccountAnnotations: Record<string, pulumi.Input<string>>;
    /** Labels pods running as the ServiceAccount need (Azure Workload Identity). */
    podLabels: Record<string, string>;
    developerSubjects: Subject[];
    viewerSubjects: Subject[];
}

export const defaultServiceAccountName = "flink";

/** Groups no role of ours may be bound to: everyone, anonymous users, and the group that bypasses RBAC. */
const forbiddenSubjects = ["system:anonymous", "system:unauthenticated", "system:authenticated", "system:masters"];

const uuid = /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;

/** Each WorkloadIdentityArgs field: the ServiceAccount annotation it becomes, and what a valid value looks like. */
export const workloadIdentityFields: Record<keyof WorkloadIdentityArgs, { annotation: string; pattern: RegExp; accepted: string }> = {
    awsRoleArn: {
        annotation: "eks.amazonaws.com/role-arn",
        pattern: /^arn:aws(-[a-z]+)*:iam::\d{12}:role\/[\w+=,.@/-]+$/,
        accepted: "an IAM role ARN such as arn:aws:iam::123456789012:role/flink",
    },
    gcpServiceAccount: {
        annotation: "iam.gke.io/gcp-service-account",
        pattern: /^[a-z][a-z0-9-]{4,28}[a-z0-9]@[a-z][a-z0-9-]{4,28}[a-z0-9]\.iam\.gserviceaccount\.com$/,
        accepted: "a Google service account email such as flink@my-project.iam.gserviceaccount.com",
    },
    azureClientId: { annotation: "azure.workload.identity/client-id", pattern: uuid, accepted: "a managed identity client id (a UUID)" },
    azureTenantId: { annotation: "azure.workload.identity/tenant-id", pattern: uuid, accepted: "an Entra tenant id (a UUID)" },
};

function workloadIdentity(at: (field: string) => string, identity: WorkloadIdentityArgs = {}) {
    const given = (["awsRoleArn", "gcpServiceAccount", "azureClientId"] as const).filter((key) => identity[key] !== undefined);
    if (given.length > 1) {
        throw new RunError(`${at("workloadIdentity")}: ${given.join(" and ")} are set together; a ServiceAccount uses the workload identity of one cloud`);
    }
    if (identity.azureTenantId !== undefined && identity.azureClientId === undefined) {
        throw new RunError(`${at("workloadIdentity.azureTenantId")}: is set without azureClientId; set the managed identity's client id too`);
    }
    const annotations: Record<string, pulumi.Input<string>> = {};
    for (const [field, { annotation, pattern, accepted }] of Object.entries(workloadIdentityFields)) {
        const value = identity[field as keyof WorkloadIdentityArgs];
        if (value === undefined) continue;
        annotations[annotation] = checkInput(value, (known) => {
            if (typeof known !== "string" || !pattern.test(known)) {
                invalid(at(`workloadIdentity.${field}`), known, accepted);
            }
            return known;
        });
    }
    return { annotations, podLabels: workloadIdentityPodLabels(identity) };
}

/** Labels that pods running as a ServiceAccount with this workload identity need (Azure's webhook acts only on labeled pods). */
export function workloadIdentityPodLabels(identity: WorkloadIdentityArgs = {}): Record<string, string> {
    return identity.azureClientId === undefined ? {} : { "azure.workload.identity/use": "true" };
}

function subjects(at: (field: string) => string, field: string, people: RoleSubjectsArgs = {}): Subject[] {
    const result: Subject[] = [];
    for (const [key, kind] of [["groups", "Group"], ["users", "User"]] as const) {
        (people[key] ?? []).forEach((given, i) => {
            const name = checkInput(given, (known) => {
                if (typeof known !== "string" || known.trim() === "" || forbiddenSubjects.includes(known)) {
                    invalid(at(`${field}.${key}[${i}]`), known, `a user or group name other than ${forbiddenSubjects.join(", ")}`);
                }
                return known;
            });
            result.push({ kind, name, apiGroup: "rbac.authorization.k8s.io" });
        });
    }
    return result;
}

export function planRbac(args: FlinkRbacArgs, namespaceForMessages: string): RbacPlan {
    const at = (field: string) => `FlinkRbac ${JSON.stringify(namespaceForMessages)}: ${field}`;
    const identity = workloadIdentity(at, args.workloadIdentity);
    return {
        serviceAccountName: requireDnsLabel(at("serviceAccountName"), args.serviceAccountName ?? defaultServiceAccountName),
        serviceAccountAnnotations: identity.annotations,
        podLabels: identity.podLabels,
        developerSubjects: subjects(at, "developers", args.developers),
        viewerSubjects: subjects(at, "viewers", args.viewers),
    };
}
