// The deliberately insecure program: everything the pack exists to stop, in one namespace. The stack
// policy tests hold the pack to exactly the violations it gets at the prod config; the analyzer
// protocol test runs it through the packed pack over gRPC.
import * as k8s from "@pulumi/kubernetes";
import { FlinkDeploymentResource } from "../../sdk/crds";

/** A program that does everything the pack exists to stop. */
export function insecureProgram() {
    const namespace = "insecure";
    new k8s.core.v1.Namespace("insecure", { metadata: { name: namespace } });
    new k8s.core.v1.Pod("privileged", {
        metadata: { name: "privileged", namespace },
        spec: {
            containers: [{ name: "shell", image: "ubuntu:latest", securityContext: { privileged: true }, volumeMounts: [{ name: "host", mountPath: "/host" }] }],
            volumes: [{ name: "host", hostPath: { path: "/" } }],
        },
    });
    new k8s.core.v1.Service("exposed", { metadata: { name: "exposed", namespace }, spec: { type: "NodePort", selector: { app: "shell" }, ports: [{ port: 80 }] } });
    new k8s.rbac.v1.ClusterRole("everything", { metadata: { name: "everything" }, rules: [{ apiGroups: ["*"], resources: ["*"], verbs: ["*"] }] });
    new k8s.rbac.v1.ClusterRoleBinding("anonymous-everything", {
        metadata: { name: "anonymous-everything" },
        roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "everything" },
        subjects: [{ apiGroup: "rbac.authorization.k8s.io", kind: "User", name: "system:anonymous" }],
    });
    new FlinkDeploymentResource("leaky", {
        metadata: { name: "leaky", namespace },
        spec: {
            image: "flink:2.2.1-java17",
            flinkVersion: "v2_2",
            serviceAccount: "flink",
            flinkConfiguration: {
                "s3.access-key": "AKIAIOSFODNN7EXAMPLE",
                "s3.secret-key": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                "kubernetes.rest-service.exposed.type": "LoadBalancer",
                "execution.checkpointing.interval": "1 min",
            },
            jobManager: { resource: { cpu: 1, memory: "2Gi" } },
            taskManager: { resource: { cpu: 1, memory: "2Gi" } },
            job: { jarURI: "local:///opt/flink/usrlib/app.jar", parallelism: 2, upgradeMode: "stateless" },
        },
    });
}
