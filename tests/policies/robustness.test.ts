import * as assert from "node:assert/strict";
import { internalErrorPrefix } from "../../policies/lib/policy";
import { policies } from "../../policies/policies";
import { types } from "./fixtures";
import { evaluatePack, reconcileConfig, registered, TestResource } from "./runner";

/** Props a program could register by mistake: missing spec, wrong types everywhere, numbers as strings, nulls, undefined metadata. */
const malformed: Record<string, any>[] = [
    {},
    { metadata: undefined, spec: undefined },
    { metadata: null, spec: null },
    { metadata: "x", spec: "x" },
    { metadata: 42, spec: 42 },
    { metadata: [], spec: [] },
    { metadata: { name: 5, namespace: ["x"], labels: "x", annotations: null } },
    { metadata: { labels: { a: null, b: 1 }, annotations: { "container.apparmor.security.beta.kubernetes.io/x": 5 } } },
    { spec: { containers: "nope", initContainers: {}, ephemeralContainers: 7, volumes: "x", securityContext: [] } },
    {
        spec: {
            hostNetwork: "yes",
            hostUsers: "false",
            os: "windows",
            serviceAccountName: 5,
            automountServiceAccountToken: "no",
            securityContext: {
                runAsUser: "zero",
                runAsNonRoot: "1",
                sysctls: [null, { name: null }, "x"],
                seccompProfile: "x",
                seLinuxOptions: [],
                appArmorProfile: 5,
                windowsOptions: null,
            },
            containers: [
                null,
                1,
                "x",
                [],
                {
                    name: 5,
                    image: 42,
                    securityContext: "x",
                    resources: { limits: { cpu: null, memory: [] }, requests: "a" },
                    ports: [{ hostPort: "abc" }, null, 3],
                    livenessProbe: { httpGet: "x", tcpSocket: { host: 7 } },
                    lifecycle: null,
                },
                { name: "c", securityContext: { capabilities: { add: "ALL", drop: 5 }, procMount: 3, seccompProfile: { type: null }, runAsUser: "0" } },
            ],
            volumes: [null, { name: null }, { name: "v", hostPath: null, image: { reference: 3 } }, { name: "w", nfs: {} }],
        },
    },
    { spec: { template: null, jobTemplate: { spec: { template: { spec: { containers: [{ securityContext: { privileged: "TRUE" } }] } } } } } },
    { spec: { template: { metadata: "x", spec: { containers: { name: "not-an-array" } } } } },
    {
        spec: {
            flinkConfiguration: "not a map",
            podTemplate: [],
            jobManager: { podTemplate: { spec: { containers: {} } }, resource: "big", replicas: "two" },
            taskManager: null,
            job: "yes",
            ingress: "x",
            flinkVersion: 2.2,
            image: ["x"],
            mode: 5,
            serviceAccount: {},
        },
    },
    {
        spec: {
            flinkVersion: "v2_2",
            flinkConfiguration: {
                a: { b: null, c: [1, 2] },
                "kubernetes.operator.pod-template.merge-arrays-by-name": "true",
                "execution.checkpointing.dir": 5,
                "high-availability.type": ["x"],
                "high-availability.storageDir": null,
                "taskmanager.numberOfTaskSlots": "0",
                "execution.checkpointing.interval": {},
                "job.autoscaler.enabled": "true",
                "job.autoscaler.vertex.max-parallelism": "lots",
                "": "empty key",
            },
            podTemplate: { spec: { containers: [{ name: "flink-main-container", volumeMounts: [null, { mountPath: 5 }, { name: "x", mountPath: "/" }] }, null] } },
            jobManager: { resource: { cpu: "-1", memory: null }, podTemplate: { spec: { containers: [5, { name: "flink-main-container" }] } } },
            taskManager: { replicas: "-3", resource: { cpu: [], memory: {} } },
            job: { parallelism: "many", upgradeMode: 5 },
            ingress: { tls: "x", annotations: [], className: 3 },
        },
    },
    { rules: "x", roleRef: "x", subjects: "x", aggregationRule: "x" },
    { rules: [null, { verbs: "get", apiGroups: [1, null], resources: {} }, { verbs: [null, 5], resources: ["secrets"], apiGroups: [""] }] },
    { roleRef: null, subjects: [null, { kind: 5, name: ["system:masters"] }, { kind: "Group" }] },
    { spec: { type: 5, externalIPs: "1.2.3.4", ports: null }, metadata: { annotations: "x" } },
    { spec: { type: "LoadBalancer", externalIPs: [null, 7] }, metadata: { annotations: { "service.beta.kubernetes.io/aws-load-balancer-scheme": null } } },
    { spec: { tls: "x", rules: [null, { host: 5, http: { paths: "x" } }, { http: { paths: [null, { backend: "x" }, { backend: { service: null } }] } }], defaultBackend: "x" } },
    { spec: { podSelector: null, policyTypes: "Ingress", ingress: "x" } },
    { spec: { podSelector: { matchLabels: "x", matchExpressions: "y" } } },
    { chart: 5, values: "x", namespace: 7 },
    { chart: "flink-kubernetes-operator", values: { image: "x" } },
    { chart: "x/", values: { a: { repository: 5, tag: null }, b: [{ repository: "r", tag: "latest" }, null], c: { c: { c: { image: { repository: "" } } } } } },
    { spec: { selector: "x", namespaceSelector: { any: "true", matchNames: "x" } } },
    { spec: { selector: { matchExpressions: [null, { key: 5, operator: "In", values: "x" }, { key: "a", operator: "Bogus" }] }, namespaceSelector: null } },
];

const kinds = [
    ...Object.values(types),
    "kubernetes:apps/v1:StatefulSet",
    "kubernetes:core/v1:ReplicationController",
    "kubernetes:extensions/v1beta1:Ingress",
    "kubernetes:apps/v1:DeploymentPatch",
    "kubernetes:helm.sh/v3:Chart",
    "aws:s3/bucket:Bucket",
    "not a type",
];

describe("policies: robustness", () => {
    it(`no policy throws or fails internally on ${malformed.length} malformed shapes × ${kinds.length} resource types, alone or all in one stack`, async () => {
        const config = reconcileConfig({ all: "mandatory" });
        const stack: TestResource[] = [];
        for (const type of kinds) {
            for (const [index, inputs] of malformed.entries()) {
                const resource = { type, name: `r${stack.length}`, inputs };
                stack.push(resource);
                const { violations } = await evaluatePack([registered(resource, index)], config);
                for (const violation of violations) {
                    assert.equal(typeof violation.message, "string");
                    assert.ok(!violation.message.startsWith(internalErrorPrefix), `${type} #${index} ${violation.policy}: ${violation.message}`);
                }
            }
        }
        const { violations } = await evaluatePack(stack.map(registered), config);
        assert.ok(violations.length > 0, "malformed resources produce violations");
        for (const violation of violations) {
            assert.ok(!violation.message.startsWith(internalErrorPrefix), `${violation.policy}: ${violation.message}`);
        }
    });

    it("a check that throws anyway reports a violation instead of failing the preview", async () => {
        const broken = { type: types.pod, inputs: {} as Record<string, unknown> };
        Object.defineProperty(broken.inputs, "spec", { enumerable: true, get: () => { throw new Error("boom"); } });
        // structuredClone in the runner would evaluate the getter itself; call the policy directly instead.
        const policy = policies.find((p) => p.name === "pss-baseline")!;
        const reported: string[] = [];
        await (policy as any).validateResource({
            type: broken.type, props: broken.inputs, urn: "urn", name: "n", opts: {}, stackTags: new Map(),
            isType: () => false, asType: () => undefined, getConfig: () => ({}), notApplicable: () => { throw new Error("n/a"); },
        }, (message: string) => reported.push(message));
        assert.deepEqual(reported, [`${internalErrorPrefix}boom`]);
    });
});
