import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { inheritedDependencies } from "./dependencies";
import { operatorChartTransform } from "./flink/chart-transforms";
import { Environment, NamespacePurpose } from "./flink/environment";
import { CertManagerMode, certManagerValues, planOperator, webhookKeystoreSecretName } from "./flink/operator-plan";
import { ContainerResourcesArgs, FlinkNamespace, NetworkArgs } from "./namespace";
import { checkArgs } from "./flink/args-check";



/** The operator image. */
export interface OperatorImageArgs {
    /** Image repository (may be an Output, such as a mirror's). Default: "apache/flink-kubernetes-operator". */
    repository?: pulumi.Input<string>;
    /** Image tag; never "latest"; may be an Output. Default: the operator version. */
    tag?: pulumi.Input<string>;
    /** Image digest ("sha256:…"); when set the chart pulls by digest instead of tag; may be an Output (of a registry lookup). Default: none. */
    digest?: pulumi.Input<string>;
}

/** The operator's admission webhook, which validates FlinkDeployments and FlinkSessionJobs as they are applied. */
export interface OperatorWebhookArgs {
    /** Run the webhook. It needs cert-manager. Default: false. */
    enabled?: boolean;
    /** How cert-manager is there: Install (this stack installs it) or Existing. Required when enabled. */
    certManager?: CertManagerMode;
    /** cert-manager chart version when installed here. Default: "v1.19.1". */
    certManagerVersion?: string;
    /** cert-manager's namespace when installed here. Default: "cert-manager". */
    certManagerNamespace?: string;
}

export interface FlinkOperatorArgs {
    /** Install the operator. False targets an operator that already runs: nothing is created. Default: true. */
    install?: boolean;
    /** Operator release (= chart version). Default: "1.15.0". */
    version?: string;
    /** Helm repository of the chart. Default: "https://downloads.apache.org/flink/flink-kubernetes-operator-<version>/" (use https://archive.apache.org/dist/flink/… once a release is archived). */
    chartRepository?: string;
    /** The operator's namespace, created with restricted Pod Security, a quota and NetworkPolicies. Default: "flink-operator". */
    namespace?: string;
    /** The Flink namespaces the operator manages. Required (non-empty) when installing. */
    watchNamespaces?: string[];
    /** The environment: decides the namespace's protection and whether the CRDs are protected. Default: dev. */
    environment?: Environment;
    /** The operator image. Default: apache/flink-kubernetes-operator:<version>. */
    image?: OperatorImageArgs;
    /** The admission webhook. Default: off. */
    webhook?: OperatorWebhookArgs;
    /** Operator container resources. Default: requests 250m/512Mi, limits 1/1Gi. */
    operatorResources?: ContainerResourcesArgs;
    /** Webhook container resources. Default: requests 100m/256Mi, limits 500m/512Mi. */
    webhookResources?: ContainerResourcesArgs;
    /** Port of the operator's Prometheus metrics (container port `metrics`). Default: 9999. */
    metricsPort?: number;
    /** The cluster around the operator's namespace, for its NetworkPolicies. Default: see NetworkArgs. */
    network?: NetworkArgs;
}

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
        const plan = planOperator(args);
        this.version = pulumi.output(plan.version);
        if (!plan.install) {
            this.namespace = pulumi.output(plan.namespace);
            this.registerOutputs({ namespace: this.namespace, version: this.version });
            return;
        }

        const namespace = new FlinkNamespace(`${name}-namespace`, {
            name: plan.namespace,
            purpose: NamespacePurpose.Operator,
            environment: plan.environment,
            network: args.network,
            flinkNamespaces: plan.watchNamespaces,
            operatorMetricsPort: plan.metricsPort,
            operatorWebhook: plan.webhook,
        }, { parent: this });
        this.namespace = namespace.namespaceName;

        const chartDependencies = inheritedDependencies("FlinkOperator", opts);
        if (plan.certManager !== undefined) {
            const certManagerNamespace = new FlinkNamespace(`${name}-cert-manager-namespace`, {
                name: plan.certManager.namespace,
                purpose: NamespacePurpose.CertManager,
                environment: plan.environment,
                network: args.network,
            }, { parent: this });
            chartDependencies.push(new k8s.helm.v4.Chart(`${name}-cert-manager`, {
                chart: "cert-manager",
                version: plan.certManager.version,
                repositoryOpts: { repo: "https://charts.jetstack.io" },
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
            chart: "flink-kubernetes-operator",
            version: plan.version,
            repositoryOpts: { repo: plan.chartRepository },
            name: "flink-kubernetes-operator",
            namespace: namespace.namespaceName,
            values: plan.values,
        }, {
            parent: this,
            dependsOn: chartDependencies,
            transforms: [operatorChartTransform(plan.environment === Environment.Prod)],
        });

        this.registerOutputs({ namespace: this.namespace, version: this.version });
    }
}
