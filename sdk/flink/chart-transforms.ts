/**
 * Changes to objects the operator chart renders that its values cannot express.
 * Run by the engine as a `transforms` resource option on the helm.v4.Chart.
 */
import type * as pulumi from "@pulumi/pulumi";
import { ports } from "./network-policies";

const crdType = "kubernetes:apiextensions.k8s.io/v1:CustomResourceDefinition";
const deploymentType = "kubernetes:apps/v1:Deployment";
const serviceType = "kubernetes:core/v1:Service";
/** The port the chart fixes for the webhook. */
const chartWebhookPort = ports.operatorWebhook;

interface Container {
    name: string;
    volumeMounts?: { name: string; mountPath: string }[];
    env?: { name: string; value?: string }[];
}

/** The webhook container listens on `port` (the chart sets WEBHOOK_SERVER_PORT to 9443). */
function setWebhookPort(containers: Container[], port: number): Container[] {
    return containers.map((container) => container.name !== "flink-webhook" ? container : {
        ...container,
        env: (container.env ?? []).map((variable) => (variable.name === "WEBHOOK_SERVER_PORT" ? { ...variable, value: String(port) } : variable)),
    });
}

/** The webhook Service sends to `port` (the chart's targetPort is 9443). */
function setWebhookTargetPort(props: Record<string, any>, port: number): Record<string, any> {
    const servicePorts: { targetPort?: number | string }[] | undefined = props?.spec?.ports;
    if (!Array.isArray(servicePorts) || !servicePorts.some((p) => p.targetPort === chartWebhookPort || p.targetPort === String(chartWebhookPort))) {
        return props;
    }
    return { ...props, spec: { ...props.spec, ports: servicePorts.map((p) => (Number(p.targetPort) === chartWebhookPort ? { ...p, targetPort: port } : p)) } };
}

/**
 * The chart mounts no writable /tmp into the webhook container; with a
 * read-only root filesystem the JVM needs one. Mounts the operator pod's `tmp`
 * emptyDir (declared through the chart's `operatorVolumes`) there, and sets the
 * port the webhook listens on.
 */
function patchWebhookContainer(props: Record<string, any>, port: number): Record<string, any> {
    const containers: Container[] | undefined = props?.spec?.template?.spec?.containers;
    if (!Array.isArray(containers) || !containers.some((c) => c.name === "flink-webhook")) {
        return props;
    }
    const mounted = containers.map((container) => container.name !== "flink-webhook" || container.volumeMounts?.some((m) => m.mountPath === "/tmp")
        ? container
        : { ...container, volumeMounts: [...(container.volumeMounts ?? []), { name: "tmp", mountPath: "/tmp" }] });
    const patched = port === chartWebhookPort ? mounted : setWebhookPort(mounted, port);
    return { ...props, spec: { ...props.spec, template: { ...props.spec.template, spec: { ...props.spec.template.spec, containers: patched } } } };
}

/**
 * The transform for the operator chart:
 * - CRDs are kept when the chart is removed or the stack destroyed (deleting a
 *   CRD deletes every FlinkDeployment, FlinkSessionJob and FlinkStateSnapshot),
 *   and protected when `protectCrds`;
 * - the webhook container gets a writable /tmp, and listens on `webhookPort`
 *   (the chart fixes 9443) with its Service sending there.
 */
export function operatorChartTransform(protectCrds: boolean, webhookPort = chartWebhookPort): pulumi.ResourceTransform {
    return (args) => {
        if (args.type === crdType) {
            return { props: args.props, opts: { ...args.opts, retainOnDelete: true, protect: protectCrds } };
        }
        if (args.type === deploymentType) {
            return { props: patchWebhookContainer(args.props, webhookPort), opts: args.opts };
        }
        if (args.type === serviceType && webhookPort !== chartWebhookPort) {
            return { props: setWebhookTargetPort(args.props, webhookPort), opts: args.opts };
        }
        return undefined;
    };
}
