import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { PodMonitorResource, PrometheusRuleResource } from "./crds";
import { inheritedDependencies } from "./dependencies";
import { MonitoringPlan, planMonitoring } from "./flink/monitoring-plan";
import { attachedPlan } from "./flink/planned";
import { alertmanagerReceiverPolicy, grafanaAdminSecretName, prometheusStackTransform } from "./flink/monitoring-stack";
import { NamespacePurpose } from "./flink/environment";
import { FlinkNamespace } from "./namespace";
import { checkArgs, checked } from "./flink/args-check";
import type { FlinkMonitoringArgs } from "./flink/args/monitoring";

/**
 * Monitoring for the Flink platform: PodMonitors for JobManagers, TaskManagers
 * and the operator, one PrometheusRule with the environment's alerts, Grafana
 * dashboards as ConfigMaps for the Grafana sidecar, and optionally
 * kube-prometheus-stack. Without `prometheusStack.install`, the Prometheus
 * Operator's CRDs (monitoring.coreos.com PodMonitor, PrometheusRule) must exist;
 * with `enabled: false` nothing is created. The objects wait for the
 * `dependsOn` given in opts.
 */
export class FlinkMonitoring extends pulumi.ComponentResource {
    /** The namespace the monitoring objects are in. */
    public readonly namespace: pulumi.Output<string>;
    /** The PrometheusRule's name ("" when disabled). */
    public readonly ruleName: pulumi.Output<string>;
    /** The dashboards' Grafana uids. */
    public readonly dashboardUids: pulumi.Output<string[]>;

    constructor(name: string, args: FlinkMonitoringArgs, opts?: pulumi.ComponentResourceOptions) {
        super("flink-platform:index:FlinkMonitoring", name, {}, opts);
        args = checkArgs("FlinkMonitoring", name, args);
        // In FlinkPlatform, the platform planned these args with its own checks.
        const plan = attachedPlan<MonitoringPlan>(args) ?? planMonitoring(args);
        this.ruleName = pulumi.output(plan.ruleName);
        this.dashboardUids = pulumi.output(plan.dashboards.map((d) => d.uid));
        if (!plan.enabled) {
            this.namespace = pulumi.output(plan.namespace);
            this.registerOutputs({ namespace: this.namespace, ruleName: this.ruleName, dashboardUids: this.dashboardUids });
            return;
        }

        const dependencies = inheritedDependencies("FlinkMonitoring", opts);
        let namespaceName: pulumi.Output<string> = pulumi.output(plan.namespace);
        // Objects whose kind comes from the Prometheus Operator's CRDs wait for the chart when it is installed here.
        let crdDependencies = dependencies;
        if (plan.stack !== undefined) {
            // Hardened like every namespace of the platform: restricted pods, a quota, default-deny plus what the stack needs.
            const monitoringNamespace = new FlinkNamespace(`${name}-namespace`, checked({
                name: plan.namespace,
                purpose: NamespacePurpose.Monitoring,
                environment: plan.environment,
                network: args.network,
                flinkNamespaces: plan.flinkNamespaces,
            }), { parent: this });
            const namespace = monitoringNamespace.namespace;
            namespaceName = monitoringNamespace.namespaceName;
            const stackDependencies: pulumi.Input<pulumi.Resource>[] = [...dependencies, namespace];
            if (plan.stack.grafana) {
                const password = new random.RandomPassword(`${name}-grafana-admin-password`, { length: 32, special: false }, { parent: this });
                stackDependencies.push(new k8s.core.v1.Secret(`${name}-grafana-admin`, {
                    metadata: { name: grafanaAdminSecretName, namespace: namespaceName, labels: plan.monitorObjectLabels },
                    type: "Opaque",
                    stringData: { "admin-user": "admin", "admin-password": password.result },
                }, { parent: this }));
            }
            const chart = new k8s.helm.v4.Chart(`${name}-kube-prometheus-stack`, {
                ...plan.stack.chart,
                name: plan.stack.releaseName,
                namespace: namespaceName,
                values: plan.stack.values,
            }, { parent: this, dependsOn: stackDependencies, transforms: [prometheusStackTransform(plan.protect)] });
            crdDependencies = [...dependencies, chart];
            if (plan.stack.receiverEgress !== undefined) {
                const policy = alertmanagerReceiverPolicy(plan.stack.receiverEgress);
                new k8s.networking.v1.NetworkPolicy(`${name}-${policy.name}`, {
                    metadata: { name: policy.name, namespace: namespaceName, labels: plan.monitorObjectLabels },
                    spec: policy.spec,
                }, { parent: this, dependsOn: [namespace] });
            }
        }
        // Said at every preview, such as that no alert reaches anyone (Alertmanager's "null" receiver).
        for (const warning of [...plan.warnings, ...plan.stack?.warnings ?? []]) {
            pulumi.log.warn(warning, this);
        }
        this.namespace = namespaceName;
        const metadata = (objectName: string, labels: Record<string, string>) => ({ name: objectName, namespace: namespaceName, labels });

        for (const monitor of plan.podMonitors) {
            new PodMonitorResource(`${name}-${monitor.name}`, {
                metadata: metadata(monitor.name, plan.monitorObjectLabels),
                spec: monitor.spec,
            }, { parent: this, dependsOn: crdDependencies });
        }
        new PrometheusRuleResource(`${name}-rules`, {
            metadata: metadata(plan.ruleName, plan.monitorObjectLabels),
            spec: { groups: plan.ruleGroups },
        }, { parent: this, dependsOn: crdDependencies });
        for (const dashboard of plan.dashboards) {
            new k8s.core.v1.ConfigMap(`${name}-${dashboard.configMapName}`, {
                metadata: metadata(dashboard.configMapName, plan.dashboardObjectLabels),
                data: { [dashboard.key]: dashboard.json },
            }, { parent: this, dependsOn: dependencies });
        }

        this.registerOutputs({ namespace: this.namespace, ruleName: this.ruleName, dashboardUids: this.dashboardUids });
    }
}
