import * as assert from "node:assert/strict";
import { FlinkRbac } from "../sdk/rbac";
import type { FlinkRbacArgs } from "../sdk/flink/args/rbac";
import { byType, findResource, runProgram } from "./harness/mocks";

const run = (args: Partial<FlinkRbacArgs> = {}) => runProgram(() => new FlinkRbac("team-a-rbac", { namespace: "team-a", ...args }));
const readVerbs = ["get", "list", "watch"];
const writeVerbs = ["get", "list", "watch", "create", "update", "patch", "delete"];

describe("FlinkRbac", () => {
    it("creates the job ServiceAccount, a Role with exactly what the JobManager needs, and its RoleBinding", async () => {
        const { resources } = await run();
        const serviceAccount = findResource(resources, "kubernetes:core/v1:ServiceAccount", "team-a-rbac-service-account").inputs;
        assert.equal(serviceAccount.metadata.name, "flink");
        assert.equal(serviceAccount.metadata.namespace, "team-a");
        assert.deepEqual(serviceAccount.metadata.annotations, {});
        assert.equal(serviceAccount.automountServiceAccountToken, true);

        const role = findResource(resources, "kubernetes:rbac.authorization.k8s.io/v1:Role", "team-a-rbac-job-role").inputs;
        assert.equal(role.metadata.name, "flink");
        assert.equal(role.metadata.namespace, "team-a");
        assert.deepEqual(role.rules, [
            { apiGroups: [""], resources: ["pods", "configmaps"], verbs: writeVerbs },
            { apiGroups: ["apps"], resources: ["deployments", "deployments/finalizers"], verbs: writeVerbs },
        ]);
        const binding = findResource(resources, "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding", "team-a-rbac-job-binding").inputs;
        assert.equal(binding.metadata.namespace, "team-a");
        assert.deepEqual(binding.roleRef, { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "flink" });
        assert.deepEqual(binding.subjects, [{ kind: "ServiceAccount", name: "flink", namespace: "team-a" }]);
    });

    it("grants no secrets and no wildcards", async () => {
        const { resources } = await run({ developers: { groups: ["devs"] }, viewers: { users: ["jane"] } });
        for (const role of byType(resources, "kubernetes:rbac.authorization.k8s.io/v1:Role")) {
            for (const rule of role.inputs.rules) {
                assert.equal(rule.resources.includes("secrets"), false, role.name);
                assert.equal([...rule.apiGroups, ...rule.resources, ...rule.verbs].includes("*"), false, role.name);
            }
        }
    });

    it("creates no Role for people unless somebody is named", async () => {
        const { resources } = await run();
        assert.deepEqual(byType(resources, "kubernetes:rbac.authorization.k8s.io/v1:Role").map((r) => r.inputs.metadata.name), ["flink"]);
    });

    it("binds flink-developer and flink-viewer to the groups and users given", async () => {
        const { resources } = await run({ developers: { groups: ["flink-devs"], users: ["alice@example.com"] }, viewers: { groups: ["oncall"] } });
        const developer = findResource(resources, "kubernetes:rbac.authorization.k8s.io/v1:Role", "team-a-rbac-developer-role").inputs;
        assert.equal(developer.metadata.name, "flink-developer");
        assert.deepEqual(developer.rules, [
            { apiGroups: ["flink.apache.org"], resources: ["flinkdeployments", "flinksessionjobs", "flinkstatesnapshots", "flinkbluegreendeployments"], verbs: writeVerbs },
            { apiGroups: ["flink.apache.org"], resources: ["flinkdeployments/status", "flinksessionjobs/status", "flinkstatesnapshots/status", "flinkbluegreendeployments/status"], verbs: readVerbs },
            { apiGroups: [""], resources: ["pods", "pods/log", "services", "events"], verbs: readVerbs },
            { apiGroups: [""], resources: ["pods/portforward"], verbs: ["create"] },
        ]);
        assert.deepEqual(findResource(resources, "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding", "team-a-rbac-developer-binding").inputs.subjects, [
            { kind: "Group", name: "flink-devs", apiGroup: "rbac.authorization.k8s.io" },
            { kind: "User", name: "alice@example.com", apiGroup: "rbac.authorization.k8s.io" },
        ]);
        const viewer = findResource(resources, "kubernetes:rbac.authorization.k8s.io/v1:Role", "team-a-rbac-viewer-role").inputs;
        assert.equal(viewer.metadata.name, "flink-viewer");
        for (const rule of viewer.rules) {
            assert.deepEqual(rule.verbs, readVerbs);
        }
        const viewerBinding = findResource(resources, "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding", "team-a-rbac-viewer-binding").inputs;
        assert.deepEqual(viewerBinding.roleRef, { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "flink-viewer" });
        assert.deepEqual(viewerBinding.subjects, [{ kind: "Group", name: "oncall", apiGroup: "rbac.authorization.k8s.io" }]);
    });

    it("annotates the ServiceAccount for each cloud's workload identity", async () => {
        const annotations = async (workloadIdentity: FlinkRbacArgs["workloadIdentity"]) =>
            findResource((await run({ workloadIdentity })).resources, "kubernetes:core/v1:ServiceAccount", "team-a-rbac-service-account").inputs.metadata.annotations;
        assert.deepEqual(await annotations({ awsRoleArn: "arn:aws:iam::123456789012:role/flink" }), { "eks.amazonaws.com/role-arn": "arn:aws:iam::123456789012:role/flink" });
        assert.deepEqual(await annotations({ gcpServiceAccount: "flink-jobs@my-project.iam.gserviceaccount.com" }),
            { "iam.gke.io/gcp-service-account": "flink-jobs@my-project.iam.gserviceaccount.com" });
        assert.deepEqual(await annotations({ azureClientId: "00000000-1111-2222-3333-444444444444", azureTenantId: "55555555-6666-7777-8888-999999999999" }), {
            "azure.workload.identity/client-id": "00000000-1111-2222-3333-444444444444",
            "azure.workload.identity/tenant-id": "55555555-6666-7777-8888-999999999999",
        });
    });

    it("hands out the pod label Azure Workload Identity needs", async () => {
        let labels: unknown;
        await runProgram(() => new FlinkRbac("r", { namespace: "team-a", workloadIdentity: { azureClientId: "00000000-1111-2222-3333-444444444444" } })
            .podLabels.apply((l) => { labels = l; }));
        assert.deepEqual(labels, { "azure.workload.identity/use": "true" });
    });

    describe("rejects bad input", () => {
        const cases: [string, Partial<FlinkRbacArgs>, string][] = [
            ["two clouds' workload identity", { workloadIdentity: { awsRoleArn: "arn:aws:iam::123456789012:role/flink", gcpServiceAccount: "flink-jobs@my-project.iam.gserviceaccount.com" } },
                'FlinkRbac "team-a": workloadIdentity: awsRoleArn and gcpServiceAccount are set together; a ServiceAccount uses the workload identity of one cloud'],
            ["a malformed role ARN", { workloadIdentity: { awsRoleArn: "flink-role" } },
                'FlinkRbac "team-a": workloadIdentity.awsRoleArn: "flink-role" is not valid; expected an IAM role ARN such as arn:aws:iam::123456789012:role/flink'],
            ["a Google service account that is not an email", { workloadIdentity: { gcpServiceAccount: "flink" } },
                'FlinkRbac "team-a": workloadIdentity.gcpServiceAccount: "flink" is not valid; expected a Google service account email such as flink@my-project.iam.gserviceaccount.com'],
            ["an Azure client id that is not a UUID", { workloadIdentity: { azureClientId: "flink" } },
                'FlinkRbac "team-a": workloadIdentity.azureClientId: "flink" is not valid; expected a managed identity client id (a UUID)'],
            ["binding to everyone", { developers: { groups: ["system:authenticated"] } },
                'FlinkRbac "team-a": developers.groups[0]: "system:authenticated" is not valid; expected a user or group name other than system:anonymous, system:unauthenticated, system:authenticated, system:masters'],
            ["an empty user name", { viewers: { users: [""] } },
                'FlinkRbac "team-a": viewers.users[0]: "" is not valid; expected a user or group name other than system:anonymous, system:unauthenticated, system:authenticated, system:masters'],
            ["a ServiceAccount name that is not a DNS-1123 label", { serviceAccountName: "Flink" },
                `FlinkRbac "team-a": serviceAccountName: "Flink" is not valid; expected a DNS-1123 label: at most 63 lowercase letters, digits or '-', starting and ending with a letter or digit`],
        ];
        for (const [what, args, message] of cases) {
            it(what, async () => {
                await assert.rejects(run(args), { message });
            });
        }
    });
});
