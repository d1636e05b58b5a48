import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { FlinkClusterArgs, FlinkClusterReference, SessionJobArgs } from "./flink/args/cluster";
import { FlinkBlueGreenDeploymentResource, FlinkDeploymentResource, FlinkSessionJobResource, HTTPRouteResource } from "./crds";
import { blueGreenDeploymentSpec } from "./flink/blue-green";
import { inheritedDependencies } from "./dependencies";
import { ClusterPlan, planCluster } from "./flink/cluster-plan";
import { clusterReference } from "./flink/session-job-plan";
import { platformLabels } from "./flink/labels";
import { componentSelector } from "./flink/pod-template";
import { sessionJobResource } from "./session-job";
import { checkArgs } from "./flink/args-check";
import type { ClusterResourceNames } from "./flink/resource-names";

/** What a cluster registered (its FlinkDeployment, autoscaler, disruption budgets and session jobs), and its plan. */
export interface ClusterResources {
    plan: ClusterPlan;
    /** The FlinkDeployment, or with blue/green upgrades the FlinkBlueGreenDeployment in its place. */
    deployment: FlinkDeploymentResource | FlinkBlueGreenDeploymentResource;
    /** What session jobs need to know of the cluster. */
    reference: FlinkClusterReference;
}

/**
 * Registers a planned cluster's objects as children of `parent`: of a
 * FlinkCluster, or directly of FlinkPlatform, which spares a component per
 * cluster. The FlinkDeployment waits for `dependsOn` (the operator).
 */
export function clusterResources(
    names: ClusterResourceNames, plan: ClusterPlan, sessionJobs: SessionJobArgs[], parent: pulumi.Resource, dependsOn: pulumi.Input<pulumi.Resource>[],
): ClusterResources {
    const labels = platformLabels("flink-cluster", plan.name);
    const { prefix, previousPrefix, previousUrnPrefix } = names;
    /** A resource's options: its parent, and an alias to its previous name (its whole URN when the parent's is known). */
    const options = (previousName: string | undefined, type: string): pulumi.CustomResourceOptions => previousName === undefined ? { parent }
        : { parent, aliases: [previousUrnPrefix === undefined ? { name: previousName } : `${previousUrnPrefix}${type}::${previousName}`] };
    const previous = (suffix: string) => (previousPrefix === undefined ? undefined : `${previousPrefix}${suffix}`);

    const metadata = { name: plan.name, namespace: plan.namespace, labels, annotations: plan.annotations };
    const deploymentType = plan.blueGreen === undefined ? FlinkDeploymentResource.__pulumiType : FlinkBlueGreenDeploymentResource.__pulumiType;
    const deploymentOptions = { ...options(previous("-deployment"), deploymentType), protect: plan.protect, dependsOn };
    // Blue/green: a FlinkBlueGreenDeployment in the FlinkDeployment's place, a kind of its own (never aliased to the FlinkDeployment:
    // switching a cluster replaces it), and a REST service over both of its children's JobManagers.
    const deployment = plan.blueGreen === undefined
        ? new FlinkDeploymentResource(`${prefix}-deployment`, { metadata, spec: plan.spec }, deploymentOptions)
        : new FlinkBlueGreenDeploymentResource(`${prefix}-deployment`, { metadata, spec: blueGreenDeploymentSpec(plan.spec, plan.blueGreen) }, deploymentOptions);
    if (plan.blueGreen !== undefined) {
        new k8s.core.v1.Service(`${prefix}-rest`, {
            metadata: { name: plan.blueGreen.restService.name, namespace: plan.namespace, labels }, spec: plan.blueGreen.restService.spec,
        }, { parent });
    }
    // Session jobs get the name as an output of the FlinkDeployment, so that they wait for it.
    const reference = clusterReference(plan, deployment.metadata.name);

    if (plan.reactive !== undefined) {
        new k8s.autoscaling.v2.HorizontalPodAutoscaler(`${prefix}-autoscaler`, {
            metadata: { name: plan.name, namespace: plan.namespace, labels },
            spec: {
                // The FlinkDeployment's scale subresource is spec.taskManager.replicas.
                scaleTargetRef: { apiVersion: "flink.apache.org/v1beta1", kind: "FlinkDeployment", name: plan.name },
                minReplicas: plan.reactive.minReplicas,
                maxReplicas: plan.reactive.maxReplicas,
                metrics: [{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: plan.reactive.targetCpuUtilization } } }],
            },
        }, options(previous("-autoscaler"), "kubernetes:autoscaling/v2:HorizontalPodAutoscaler"));
    }
    for (const component of plan.disruptionBudgets) {
        new k8s.policy.v1.PodDisruptionBudget(`${prefix}-${component}-budget`, {
            metadata: { name: `${plan.name}-${component}`, namespace: plan.namespace, labels },
            spec: { maxUnavailable: 1, selector: componentSelector(plan.name, component, plan.blueGreen !== undefined) },
        }, options(previous(`-${component}-budget`), "kubernetes:policy/v1:PodDisruptionBudget"));
    }
    for (const policy of plan.networkPolicies) {
        // Named after the suffix of its Kubernetes name (flink-cluster-<name>-network, …-jar-download).
        new k8s.networking.v1.NetworkPolicy(`${prefix}-${policy.name.slice(`flink-cluster-${plan.name}-`.length)}-policy`, {
            metadata: { name: policy.name, namespace: plan.namespace, labels },
            spec: policy.spec,
        }, { parent });
    }
    if (plan.authProxy !== undefined) {
        const proxy = plan.authProxy;
        const metadata = { name: proxy.name, namespace: plan.namespace, labels: proxy.labels };
        new k8s.core.v1.ServiceAccount(`${prefix}-auth-proxy`, { metadata, automountServiceAccountToken: false }, { parent });
        new k8s.apps.v1.Deployment(`${prefix}-auth-proxy`, { metadata, spec: proxy.deployment }, { parent });
        new k8s.core.v1.Service(`${prefix}-auth-proxy`, { metadata, spec: proxy.service }, { parent });
        if (proxy.disruptionBudget !== undefined) {
            new k8s.policy.v1.PodDisruptionBudget(`${prefix}-auth-proxy`, { metadata, spec: proxy.disruptionBudget }, { parent });
        }
        new HTTPRouteResource(`${prefix}-route`, { metadata: { name: plan.name, namespace: plan.namespace, labels }, spec: proxy.route }, { parent });
    }
    for (const job of sessionJobs) {
        const { name, previousName } = names.sessionJob?.(job.name) ?? { name: `${prefix}-${job.name}-session-job` };
        // A session job waits as its cluster says unless it says otherwise.
        sessionJobResource(name, reference, { ...job, await: job.await ?? plan.await }, options(previousName, FlinkSessionJobResource.__pulumiType));
    }
    return { plan, deployment, reference };
}

/**
 * One Flink cluster (a FlinkDeployment): a session cluster, with optional
 * session jobs, or an application cluster running one job (with blue/green
 * upgrades, a FlinkBlueGreenDeployment and a REST service over its children). Hardened pods,
 * checkpointing on, spread across nodes and zones, metrics exported; with
 * reactive mode a HorizontalPodAutoscaler, with HA a PodDisruptionBudget.
 * The FlinkDeployment waits for the `dependsOn` given in opts (the operator).
 */
export class FlinkCluster extends pulumi.ComponentResource {
    /** The FlinkDeployment's name (what a FlinkSessionJob's deploymentName names); the FlinkBlueGreenDeployment's with blue/green upgrades. */
    public readonly deploymentName: pulumi.Output<string>;
    /** The namespace it runs in. */
    public readonly namespace: pulumi.Output<string>;
    /** The REST service (port 8081) the operator creates: `<name>-rest`; with blue/green upgrades the platform's `<name>-bluegreen-rest` over both children. */
    public readonly restServiceName: pulumi.Output<string>;
    /** The cluster as its session jobs see it: pass it as FlinkSessionJob's `cluster`. */
    public readonly reference: FlinkClusterReference;

    constructor(name: string, args: FlinkClusterArgs, opts?: pulumi.ComponentResourceOptions) {
        super("flink-platform:index:FlinkCluster", name, {}, opts);
        args = checkArgs("FlinkCluster", name, args);
        const created = clusterResources({ prefix: name }, planCluster(args), args.sessionJobs ?? [], this, inheritedDependencies("FlinkCluster", opts));
        this.deploymentName = created.deployment.metadata.name;
        this.namespace = created.deployment.metadata.namespace;
        this.restServiceName = pulumi.output(created.plan.restServiceName);
        this.reference = created.reference;
        this.registerOutputs({ deploymentName: this.deploymentName, namespace: this.namespace, restServiceName: this.restServiceName, reference: this.reference });
    }
}
