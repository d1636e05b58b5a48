import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { inheritedDependencies } from "./dependencies";
import { operatorChartTransform } from "./flink/chart-transforms";
import { Environment, NamespacePurpose } from "./flink/environment";
import { certManagerValues, OperatorPlan, planOperator, webhookKeystoreSecretName } from "./flink/operator-plan";
import { attachedPlan } from "./flink/planned";
import { FlinkNamespace } from "./namespace";
import { checkArgs, checked } from "./flink/args-check";
import type { FlinkOperatorArgs } from "./flink/args/operator";



/**
 * The Apache Flink Kubernetes Operator from its official Helm chart, hardened:
 * pinned image, restricted security contexts, requests and limits, metrics on,
 * watching only the Flink namespaces; optionally its webhook with cert-manager.
 * The chart waits for the `dependsOn` given in opts (it creates Roles in the
 * watched namespaces, so they must exist first).
 */
export class FlinkOperator extends pulumi.ComponentResource {
    /** The operator's namespace. */
    public readonly namespace: pulumi.Output<string>;
    /** The operator release installed (or expected, with install false). */
    public readonly version: pulumi.Output<string>;

    constructor(name: string, args: FlinkOperatorArgs, opts?: pulumi.ComponentResourceOptions) {
        super("flink-platform:index:FlinkOperator", name, {}, opts);
        args = checkArgs("FlinkOperator", name, args);
        // In FlinkPlatform, the platform planned these args with its own checks.
        const plan = attachedPlan<OperatorPlan>(args) ?? planOperator(args);
        this.version = pulumi.output(plan.version);
        if (!plan.install) {
            this.namespace = pulumi.output(plan.namespace);
            this.registerOutputs({ namespace: this.namespace, version: this.version });
            return;
        }

        const namespace = new FlinkNamespace(`${name}-namespace`, checked({
            name: plan.namespace,
            purpose: NamespacePurpose.Operator,
            environment: plan.environment,
            network: args.network,
            flinkNamespaces: plan.watchNamespaces,
            operatorMetricsPort: plan.metricsPort,
            operatorWebhook: plan.webhook,
            operatorWebhookPort: plan.webhookPort,
        }), { parent: this });
        this.namespace = namespace.namespaceName;

        const chartDependencies = inheritedDependencies("FlinkOperator", opts);
        if (plan.certManager !== undefined) {
            const certManagerNamespace = new FlinkNamespace(`${name}-cert-manager-namespace`, checked({
                name: plan.certManager.namespace,
                purpose: NamespacePurpose.CertManager,
                environment: plan.environment,
                network: args.network,
            }), { parent: this });
            chartDependencies.push(new k8s.helm.v4.Chart(`${name}-cert-manager`, {
                ...plan.certManager.chart,
                namespace: certManagerNamespace.namespaceName,
                values: certManagerValues(),
            }, { parent: this }));
        }
        if (plan.webhook) {
            // Created alongside the chart, not before it: cert-manager and the webhook container retry until the Secret exists.
            const password = new random.RandomPassword(`${name}-webhook-keystore-password`, { length: 32, special: false }, { parent: this });
            new k8s.core.v1.Secret(`${name}-webhook-keystore`, {
                metadata: { name: webhookKeystoreSecretName, namespace: namespace.namespaceName },
                type: "Opaque",
                stringData: { password: password.result },
            }, { parent: this });
        }

        new k8s.helm.v4.Chart(`${name}-chart`, {
            // The chart's name with its Helm repository, an oci:// reference with the version, or a local chart.
            ...plan.chart,
            name: "flink-kubernetes-operator",
            namespace: namespace.namespaceName,
            values: plan.values,
        }, {
            parent: this,
            dependsOn: chartDependencies,
            transforms: [operatorChartTransform(plan.environment === Environment.Prod, plan.webhookPort)],
        });

        this.registerOutputs({ namespace: this.namespace, version: this.version });
    }
}
