import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { platformLabels } from "./flink/labels";
import { planRbac } from "./flink/rbac-plan";
import { developerRules, jobRoleRules, PolicyRule, viewerRules } from "./flink/rbac-rules";
import { checkArgs } from "./flink/args-check";
import type { FlinkRbacArgs } from "./flink/args/rbac";

/**
 * RBAC for one Flink namespace: the ServiceAccount FlinkDeployments run as,
 * with a Role holding exactly what the JobManager needs, and optional Roles for people.
 */
export class FlinkRbac extends pulumi.ComponentResource {
    /** The ServiceAccount FlinkDeployments use (`spec.serviceAccount`). */
    public readonly serviceAccountName: pulumi.Output<string>;
    /** Labels pods running as the ServiceAccount need (Azure Workload Identity); empty otherwise. */
    public readonly podLabels: pulumi.Output<{ [key: string]: string }>;

    constructor(name: string, args: FlinkRbacArgs, opts?: pulumi.ComponentResourceOptions) {
        super("flink-platform:index:FlinkRbac", name, {}, opts);
        args = checkArgs("FlinkRbac", name, args);
        const plan = planRbac(args, typeof args.namespace === "string" ? args.namespace : name);
        const labels = platformLabels("flink-rbac", name);
        const namespace = args.namespace;

        const serviceAccount = new k8s.core.v1.ServiceAccount(`${name}-service-account`, {
            metadata: { name: plan.serviceAccountName, namespace, labels, annotations: plan.serviceAccountAnnotations },
            // The JobManager calls the API server (TaskManager pods, HA ConfigMaps), so it needs its token.
            automountServiceAccountToken: true,
        }, { parent: this });

        const role = (suffix: string, roleName: string, rules: PolicyRule[], subjects: k8s.types.input.rbac.v1.Subject[]) => {
            new k8s.rbac.v1.Role(`${name}-${suffix}-role`, {
                metadata: { name: roleName, namespace, labels },
                rules,
            }, { parent: this });
            // A binding may name its Role before the Role exists: both go in the same wave.
            new k8s.rbac.v1.RoleBinding(`${name}-${suffix}-binding`, {
                metadata: { name: roleName, namespace, labels },
                roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: roleName },
                subjects,
            }, { parent: this });
        };
        role("job", "flink", jobRoleRules, [{ kind: "ServiceAccount", name: plan.serviceAccountName, namespace }]);
        if (plan.developerSubjects.length > 0) {
            role("developer", "flink-developer", developerRules, plan.developerSubjects);
        }
        if (plan.viewerSubjects.length > 0) {
            role("viewer", "flink-viewer", viewerRules, plan.viewerSubjects);
        }

        this.serviceAccountName = serviceAccount.metadata.name;
        this.podLabels = pulumi.output(plan.podLabels);
        this.registerOutputs({ serviceAccountName: this.serviceAccountName, podLabels: this.podLabels });
    }
}
