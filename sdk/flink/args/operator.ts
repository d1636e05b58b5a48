/** The args of FlinkOperator. */
import type * as pulumi from "@pulumi/pulumi";
import type { Environment } from "../environment";
import type { CertManagerMode } from "../operator-plan";
import type { ContainerResourcesArgs, NetworkArgs } from "./namespace";

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
    /** A mirror of cert-manager's Helm repository, when installed here; not with certManagerChart. Default: "https://charts.jetstack.io". */
    certManagerChartRepository?: string;
    /**
     * The cert-manager chart when installed here, for air-gapped installs, instead of a Helm repository: a local chart (a directory or a .tgz,
     * at a path starting with ./, ../ or /, relative to the Pulumi project; its own version is used) or an OCI reference without a tag,
     * such as "oci://registry.example.com/charts/cert-manager" (pulled at certManagerVersion). Not with certManagerChartRepository.
     * Default: none (cert-manager from certManagerChartRepository).
     */
    certManagerChart?: string;
    /**
     * The port the webhook listens on, at least 1024 (the container runs without capabilities). The chart fixes 9443
     * (its Deployment's WEBHOOK_SERVER_PORT and its Service's targetPort); another port is set in the rendered chart.
     * GKE private clusters let the control plane reach nodes only on 443 and 10250: use 10250 there, or a firewall rule for 9443.
     * Default: 9443.
     */
    port?: number;
}

export interface FlinkOperatorArgs {
    /** Install the operator. False targets an operator that already runs: nothing is created. Default: true. */
    install?: boolean;
    /** Operator release (= chart version). Default: "1.15.0". */
    version?: string;
    /**
     * Helm repository of the chart, such as a mirror of the default; not with chart.
     * Default: "https://archive.apache.org/dist/flink/flink-kubernetes-operator-<version>/" (the Apache archive, which keeps every release).
     */
    chartRepository?: string;
    /**
     * The operator chart, for air-gapped installs, instead of a Helm repository: a local chart (a directory or a .tgz, at a path
     * starting with ./, ../ or /, relative to the Pulumi project, such as "./charts/flink-kubernetes-operator-1.15.0-helm.tgz";
     * its own version is used, so keep version equal to it: it is also the image tag's default) or an OCI reference without a tag,
     * such as "oci://registry.example.com/charts/flink-kubernetes-operator" (pulled at version). Not with chartRepository.
     * Default: none (the chart from chartRepository).
     */
    chart?: string;
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
