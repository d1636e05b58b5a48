/**
 * Typed custom resources of the Flink Kubernetes Operator. Their spec types come
 * from `@kubernetes-models/flink` (generated from the operator's CRDs), so a
 * field the CRD does not have does not type-check. The static `__pulumiType`
 * lets policies match them with `validateResourceOfType`.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { IFlinkDeployment } from "@kubernetes-models/flink/flink.apache.org/v1beta1/FlinkDeployment" with { "resolution-mode": "import" };
import type { IFlinkSessionJob } from "@kubernetes-models/flink/flink.apache.org/v1beta1/FlinkSessionJob" with { "resolution-mode": "import" };
import type { IPodMonitor } from "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PodMonitor" with { "resolution-mode": "import" };
import type { IPrometheusRule } from "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule" with { "resolution-mode": "import" };

export type FlinkDeploymentSpec = NonNullable<IFlinkDeployment["spec"]>;
export type FlinkSessionJobSpec = NonNullable<IFlinkSessionJob["spec"]>;

/** `T` with a `pulumi.Input` allowed at every level, as resource args accept it (values that come from other resources). */
export type Inputs<T> = T extends string | number | boolean
    ? pulumi.Input<T>
    : T extends (infer E)[] ? pulumi.Input<Inputs<E>[]> : T extends object ? pulumi.Input<{ [K in keyof T]: Inputs<T[K]> }> : T;

export interface FlinkDeploymentArgs {
    metadata: pulumi.Input<k8s.types.input.meta.v1.ObjectMeta>;
    spec: Inputs<FlinkDeploymentSpec>;
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

/** A FlinkSessionJob: a job submitted to a session FlinkDeployment. */
export class FlinkSessionJobResource extends k8s.apiextensions.CustomResource {
    public static readonly __pulumiType = "kubernetes:flink.apache.org/v1beta1:FlinkSessionJob";

    constructor(name: string, args: FlinkSessionJobArgs, opts?: pulumi.CustomResourceOptions) {
        super(name, { apiVersion, kind: "FlinkSessionJob", ...args }, opts);
    }
}

// Prometheus Operator custom resources (monitoring.coreos.com/v1). Spec types come from
// `@kubernetes-models/prometheus-operator`, generated from the Prometheus Operator's CRDs.

export type PodMonitorSpec = IPodMonitor["spec"];
export type PrometheusRuleSpec = IPrometheusRule["spec"];

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
