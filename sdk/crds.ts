/**
 * Typed custom resources of the Flink Kubernetes Operator, the Prometheus
 * Operator and Cilium, with the spec types of flink/crd-specs.ts, so a field the CRD does
 * not have does not type-check. The static `__pulumiType`
 * lets policies match them with `validateResourceOfType`.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { HTTPRouteSpec } from "./flink/auth-proxy";
import type {
    CiliumNetworkPolicySpec, FlinkBlueGreenDeploymentSpec, FlinkDeploymentSpec, FlinkSessionJobSpec, Inputs, PodMonitorSpec, PrometheusRuleSpec,
} from "./flink/crd-specs";

export type { CiliumNetworkPolicySpec, FlinkBlueGreenDeploymentSpec, FlinkDeploymentSpec, FlinkSessionJobSpec, Inputs, PodMonitorSpec, PrometheusRuleSpec };

export interface FlinkDeploymentArgs {
    metadata: pulumi.Input<k8s.types.input.meta.v1.ObjectMeta>;
    spec: Inputs<FlinkDeploymentSpec>;
}

export interface FlinkBlueGreenDeploymentArgs {
    metadata: pulumi.Input<k8s.types.input.meta.v1.ObjectMeta>;
    spec: Inputs<FlinkBlueGreenDeploymentSpec>;
}

export interface FlinkSessionJobArgs {
    metadata: pulumi.Input<k8s.types.input.meta.v1.ObjectMeta>;
    spec: Inputs<FlinkSessionJobSpec>;
}

const apiVersion = "flink.apache.org/v1beta1";

/** A FlinkDeployment: one Flink cluster, session or application. */
export class FlinkDeploymentResource extends k8s.apiextensions.CustomResource {
    public static readonly __pulumiType = "kubernetes:flink.apache.org/v1beta1:FlinkDeployment";

    constructor(name: string, args: FlinkDeploymentArgs, opts?: pulumi.CustomResourceOptions) {
        super(name, { apiVersion, kind: "FlinkDeployment", ...args }, opts);
    }
}

/**
 * A FlinkBlueGreenDeployment (operator 1.14+): an application cluster the operator upgrades blue/green, through
 * two child FlinkDeployments (`<name>-blue`, `<name>-green`) it creates from `spec.template` and deletes in turn.
 */
export class FlinkBlueGreenDeploymentResource extends k8s.apiextensions.CustomResource {
    public static readonly __pulumiType = "kubernetes:flink.apache.org/v1beta1:FlinkBlueGreenDeployment";

    constructor(name: string, args: FlinkBlueGreenDeploymentArgs, opts?: pulumi.CustomResourceOptions) {
        super(name, { apiVersion, kind: "FlinkBlueGreenDeployment", ...args }, opts);
    }
}

/** A FlinkSessionJob: a job submitted to a session FlinkDeployment. */
export class FlinkSessionJobResource extends k8s.apiextensions.CustomResource {
    public static readonly __pulumiType = "kubernetes:flink.apache.org/v1beta1:FlinkSessionJob";

    constructor(name: string, args: FlinkSessionJobArgs, opts?: pulumi.CustomResourceOptions) {
        super(name, { apiVersion, kind: "FlinkSessionJob", ...args }, opts);
    }
}

// Prometheus Operator custom resources (monitoring.coreos.com/v1).

export interface PodMonitorArgs {
    metadata: pulumi.Input<k8s.types.input.meta.v1.ObjectMeta>;
    spec: pulumi.Input<PodMonitorSpec>;
}

export interface PrometheusRuleArgs {
    metadata: pulumi.Input<k8s.types.input.meta.v1.ObjectMeta>;
    spec: pulumi.Input<PrometheusRuleSpec>;
}

const monitoringApiVersion = "monitoring.coreos.com/v1";

/** A PodMonitor: which pods Prometheus scrapes, on which named port. Needs the Prometheus Operator's CRDs. */
export class PodMonitorResource extends k8s.apiextensions.CustomResource {
    public static readonly __pulumiType = "kubernetes:monitoring.coreos.com/v1:PodMonitor";

    constructor(name: string, args: PodMonitorArgs, opts?: pulumi.CustomResourceOptions) {
        super(name, { apiVersion: monitoringApiVersion, kind: "PodMonitor", ...args }, opts);
    }
}

/** A PrometheusRule: alerting (and recording) rules Prometheus loads. Needs the Prometheus Operator's CRDs. */
export class PrometheusRuleResource extends k8s.apiextensions.CustomResource {
    public static readonly __pulumiType = "kubernetes:monitoring.coreos.com/v1:PrometheusRule";

    constructor(name: string, args: PrometheusRuleArgs, opts?: pulumi.CustomResourceOptions) {
        super(name, { apiVersion: monitoringApiVersion, kind: "PrometheusRule", ...args }, opts);
    }
}

// Cilium custom resources (cilium.io/v2).

export interface CiliumNetworkPolicyArgs {
    metadata: pulumi.Input<k8s.types.input.meta.v1.ObjectMeta>;
    spec: pulumi.Input<CiliumNetworkPolicySpec>;
}

/** A CiliumNetworkPolicy: Cilium's namespaced policy, which can name entities such as the API server. Needs Cilium's CRDs. */
export class CiliumNetworkPolicyResource extends k8s.apiextensions.CustomResource {
    public static readonly __pulumiType = "kubernetes:cilium.io/v2:CiliumNetworkPolicy";

    constructor(name: string, args: CiliumNetworkPolicyArgs, opts?: pulumi.CustomResourceOptions) {
        super(name, { apiVersion: "cilium.io/v2", kind: "CiliumNetworkPolicy", ...args }, opts);
    }
}

/** An HTTPRoute (Gateway API, gateway.networking.k8s.io/v1): a cluster's route to its authenticating proxy. Needs the Gateway API's CRDs. */
export class HTTPRouteResource extends k8s.apiextensions.CustomResource {
    public static readonly __pulumiType = "kubernetes:gateway.networking.k8s.io/v1:HTTPRoute";

    constructor(name: string, args: { metadata: pulumi.Input<k8s.types.input.meta.v1.ObjectMeta>; spec: pulumi.Input<HTTPRouteSpec> }, opts?: pulumi.CustomResourceOptions) {
        super(name, { apiVersion: "gateway.networking.k8s.io/v1", kind: "HTTPRoute", ...args }, opts);
    }
}
