import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { CiliumNetworkPolicyResource } from "./crds";
import { planNamespace } from "./flink/namespace-plan";
import { checkArgs } from "./flink/args-check";
import type { FlinkNamespaceArgs } from "./flink/args/namespace";

/**
 * A namespace ready for Flink: Pod Security Admission "restricted" labels, a
 * ResourceQuota, a LimitRange, and NetworkPolicies that deny everything except
 * what its purpose needs (on Cilium, plus a CiliumNetworkPolicy for the API server).
 */
export class FlinkNamespace extends pulumi.ComponentResource {
    /** The Namespace object (for `dependsOn`). */
    public readonly namespace: k8s.core.v1.Namespace;
    /** The namespace's name (resolves once the Namespace exists). */
    public readonly namespaceName: pulumi.Output<string>;

    constructor(name: string, args: FlinkNamespaceArgs, opts?: pulumi.ComponentResourceOptions) {
        super("flink-platform:index:FlinkNamespace", name, {}, opts);
        args = checkArgs("FlinkNamespace", name, args);
        const plan = planNamespace(args);

        this.namespace = new k8s.core.v1.Namespace(`${name}-namespace`, {
            metadata: { name: plan.name, labels: plan.labels },
        }, { parent: this, protect: plan.protect, retainOnDelete: plan.protect });
        this.namespaceName = this.namespace.metadata.name;
        const metadata = (objectName: string) => ({ name: objectName, namespace: this.namespaceName, labels: plan.objectLabels });

        new k8s.core.v1.ResourceQuota(`${name}-quota`, {
            metadata: metadata("flink-platform-quota"),
            spec: { hard: plan.quotaHard },
        }, { parent: this });

        new k8s.core.v1.LimitRange(`${name}-limits`, {
            metadata: metadata("flink-platform-container-defaults"),
            spec: { limits: [plan.limitRangeItem] },
        }, { parent: this });

        for (const policy of plan.networkPolicies) {
            new k8s.networking.v1.NetworkPolicy(`${name}-${policy.name}`, {
                metadata: metadata(policy.name),
                spec: policy.spec,
            }, { parent: this });
        }
        // With network.cni "cilium": what NetworkPolicy cannot express on Cilium (the API server by entity).
        for (const policy of plan.ciliumNetworkPolicies) {
            new CiliumNetworkPolicyResource(`${name}-${policy.name}`, {
                metadata: metadata(policy.name),
                spec: policy.spec,
            }, { parent: this });
        }

        this.registerOutputs({ namespaceName: this.namespaceName });
    }
}
