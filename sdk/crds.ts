/**
 * Typed custom resources of the Flink Kubernetes Operator and the Prometheus
 * Operator, with the spec types of flink/crd-specs.ts, so a field the CRD does
 * not have does not type-check. The static `__pulumiType`
 * lets policies match them with `validateResourceOfType`.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { FlinkDeploymentSpec, FlinkSessionJobSpec, Inputs, PodMonitorSpec, PrometheusRuleSpec } from "./flink/crd-specs";

export type { FlinkDeploymentSpec, FlinkSessionJobSpec, Inputs, PodMonitorSpec, PrometheusRuleSpec };

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
