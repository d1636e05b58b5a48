/**
 * The spec types of the custom resources the platform emits, from the
 * `@kubernetes-models/*` packages generated from the operators' CRDs
 * (`@kubernetes-models/flink`: the Flink Kubernetes Operator's;
 * `@kubernetes-models/prometheus-operator`: the Prometheus Operator's;
 * `@kubernetes-models/cilium`: Cilium's), so a
 * field a CRD does not have does not type-check. Types only: the pure layer's
 * plans build these specs; sdk/crds.ts registers them.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { IFlinkBlueGreenDeployment } from "@kubernetes-models/flink/flink.apache.org/v1beta1/FlinkBlueGreenDeployment" with { "resolution-mode": "import" };
import type { IFlinkDeployment } from "@kubernetes-models/flink/flink.apache.org/v1beta1/FlinkDeployment" with { "resolution-mode": "import" };
import type { IFlinkSessionJob } from "@kubernetes-models/flink/flink.apache.org/v1beta1/FlinkSessionJob" with { "resolution-mode": "import" };
import type { IPodMonitor } from "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PodMonitor" with { "resolution-mode": "import" };
import type { IPrometheusRule } from "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule" with { "resolution-mode": "import" };
import type { IRule } from "@kubernetes-models/cilium/policy/api/Rule" with { "resolution-mode": "import" };

export type FlinkDeploymentSpec = NonNullable<IFlinkDeployment["spec"]>;
export type FlinkSessionJobSpec = NonNullable<IFlinkSessionJob["spec"]>;
/**
 * The `spec` of a FlinkBlueGreenDeployment (operator 1.14+): `configuration` (the operator's
 * `kubernetes.operator.bluegreen.*` keys), `ingress` (the operator points it at the active child's REST service) and
 * `template.spec`, the FlinkDeployment spec each child (`<name>-blue`, `<name>-green`) is created with.
 */
export type FlinkBlueGreenDeploymentSpec = NonNullable<IFlinkBlueGreenDeployment["spec"]>;
export type PodMonitorSpec = IPodMonitor["spec"];
export type PrometheusRuleSpec = IPrometheusRule["spec"];
/**
 * The `spec` of a CiliumNetworkPolicy (cilium.io/v2): the type `ICiliumNetworkPolicy["spec"]` has, imported as
 * itself because the build writes each imported interface out in full (scripts/crd-types.js), and
 * ICiliumNetworkPolicy's `specs` and `status` would add 20 MB of declarations; the Rule alone is 0.4 MB.
 */
export type CiliumNetworkPolicySpec = IRule;

/** `T` with a `pulumi.Input` allowed at every level, as resource args accept it (values that come from other resources). */
export type Inputs<T> = T extends string | number | boolean
    ? pulumi.Input<T>
    : T extends (infer E)[] ? pulumi.Input<Inputs<E>[]> : T extends object ? pulumi.Input<{ [K in keyof T]: Inputs<T[K]> }> : T;
