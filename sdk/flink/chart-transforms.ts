/**
 * Changes to objects the operator chart renders that its values cannot express.
 * Run by the engine as a `transforms` resource option on the helm.v4.Chart.
 */
import type * as pulumi from "@pulumi/pulumi";

const crdType = "kubernetes:apiextensions.k8s.io/v1:CustomResourceDefinition";
const deploymentType = "kubernetes:apps/v1:Deployment";

interface Container {
    name: string;
    volumeMounts?: { name: string; mountPath: string }[];
}

/**
 * The chart mounts no writable /tmp into the webhook container; with a
 * read-only root filesystem the JVM needs one. Mounts the operator pod's `tmp`
 * emptyDir (declared through the chart's `operatorVolumes`) there.
 */
function mountTmpInWebhook(props: Record<string, any>): Record<string, any> {
    const containers: Container[] | undefined = props?.spec?.template?.spec?.containers;
    if (!Array.isArray(containers) || !containers.some((c) => c.name === "flink-webhook")) {
        return props;
    }
    const patched = containers.map((container) => container.name !== "flink-webhook" || container.volumeMounts?.some((m) => m.mountPath === "/tmp")
        ? container
        : { ...container, volumeMounts: [...(container.volumeMounts ?? []), { name: "tmp", mountPath: "/tmp" }] });
    return { ...props, spec: { ...props.spec, template: { ...props.spec.template, spec: { ...props.spec.template.spec, containers: patched } } } };
}

/**
 * The transform for the operator chart:
 * - CRDs are kept when the chart is removed or the stack destroyed (deleting a
 *   CRD deletes every FlinkDeployment, FlinkSessionJob and FlinkStateSnapshot),
 *   and protected when `protectCrds`;
 * - the webhook container gets a writable /tmp.
 */
export function operatorChartTransform(protectCrds: boolean): pulumi.ResourceTransform {
    return (args) => {
        if (args.type === crdType) {
            return { props: args.props, opts: { ...args.opts, retainOnDelete: true, protect: protectCrds } };
        }
        if (args.type === deploymentType) {
            return { props: mountTmpInWebhook(args.props), opts: args.opts };
        }
        return undefined;
    };
}
