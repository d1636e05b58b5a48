/**
 * Validates FlinkOperator args and derives the Helm values of the Flink
 * Kubernetes Operator chart and of cert-manager. Pure.
 * Chart values checked against the operator's 1.15.0 chart (helm/flink-kubernetes-operator/values.yaml).
 */
import { RunError } from "@pulumi/pulumi";
import type { FlinkOperatorArgs } from "./args/operator";
import { Environment } from "./environment";
import { ChartSource, planChartSource } from "./helm-chart";
import { checkInput } from "./inputs";
import { defaultOperatorMetricsPort, defaultOperatorNamespace } from "./namespace-plan";
import { ports } from "./network-policies";
import { ContainerResourceValues, resolveContainerResources, resourceRequirements } from "./resources";
import { restrictedContainerSecurityContext, restrictedPodSecurityContext } from "./security";
import { invalid, requireDnsLabel, requireEnum, requirePort, requireReleaseNumber, requireUnique } from "./validation";

/** How cert-manager, which the operator's webhook needs, gets into the cluster. */
export const CertManagerMode = {
    /** This stack installs cert-manager from the jetstack chart, before the operator. */
    Install: "install",
    /** cert-manager already runs in the cluster. */
    Existing: "existing",
} as const;
export type CertManagerMode = (typeof CertManagerMode)[keyof typeof CertManagerMode];

export const defaultOperatorVersion = "1.15.0";
export const defaultCertManagerVersion = "v1.19.1";
/** cert-manager's Helm repository. */
export const certManagerRepository = "https://charts.jetstack.io";
/**
 * The Helm repository of an operator release in the Apache archive, which keeps every release for good
 * (downloads.apache.org drops a release once the next one is out). The directory holds index.yaml and
 * flink-kubernetes-operator-<version>-helm.tgz.
 */
export function operatorChartRepository(version: string): string {
    return `https://archive.apache.org/dist/flink/flink-kubernetes-operator-${version}/`;
}
export const defaultOperatorImage = "apache/flink-kubernetes-operator";
export const webhookKeystoreSecretName = "flink-operator-webhook-keystore";

const defaultOperatorResources: ContainerResourceValues = { cpuRequest: "250m", memoryRequest: "512Mi", cpuLimit: "1", memoryLimit: "1Gi" };
const defaultWebhookResources: ContainerResourceValues = { cpuRequest: "100m", memoryRequest: "256Mi", cpuLimit: "500m", memoryLimit: "512Mi" };

export interface OperatorPlan {
    install: boolean;
    namespace: string;
    environment: Environment;
    version: string;
    /** Where the operator chart comes from: the Apache archive, a mirror of it, an OCI registry or a local chart. */
    chart: ChartSource;
    watchNamespaces: string[];
    metricsPort: number;
    webhook: boolean;
    /** The port the webhook listens on (9443 unless `webhook.port`). */
    webhookPort: number;
    /** Set when this stack installs cert-manager. */
    certManager?: { namespace: string; chart: ChartSource };
    /** Values of the operator chart. */
    values: Record<string, unknown>;
}

function image(args: FlinkOperatorArgs, version: string) {
    const repository = args.image?.repository ?? defaultOperatorImage;
    const tag = checkInput(args.image?.tag ?? version, (known) => {
        if (typeof known !== "string" || known === "" || known === "latest") {
            invalid("FlinkOperator: image.tag", known, `a pinned tag such as ${JSON.stringify(version)}, never "latest"`);
        }
        return known;
    });
    const digest = args.image?.digest === undefined ? undefined : checkInput(args.image.digest, (known) => {
        if (typeof known !== "string" || !/^sha256:[0-9a-f]{64}$/.test(known)) {
            invalid("FlinkOperator: image.digest", known, "sha256: followed by 64 lowercase hex digits");
        }
        return known;
    });
    // The chart uses the digest instead of the tag when one is set.
    return { repository, tag, pullPolicy: "IfNotPresent", ...(digest === undefined ? {} : { digest }) };
}

/** The operator's own configuration, appended to the chart's built-in defaults: export metrics to Prometheus. */
function operatorConfig(metricsPort: number): string {
    return [
        "kubernetes.operator.metrics.reporter.prom.factory.class: org.apache.flink.metrics.prometheus.PrometheusReporterFactory",
        `kubernetes.operator.metrics.reporter.prom.port: ${metricsPort}`,
        "",
    ].join("\n");
}

/** `at` names a field in messages: `FlinkOperator: <field>`, or in FlinkPlatform `FlinkPlatform: operator.<field>`. */
export function planOperator(args: FlinkOperatorArgs, at = (field: string) => `FlinkOperator: ${field}`): OperatorPlan {
    const install = args.install ?? true;
    const environment = requireEnum(at("environment"), args.environment ?? Environment.Dev, Environment);
    const namespace = requireDnsLabel(at("namespace"), args.namespace ?? defaultOperatorNamespace);
    const version = requireReleaseNumber(at("version"), args.version ?? defaultOperatorVersion);
    const watchNamespaces = args.watchNamespaces ?? [];
    watchNamespaces.forEach((ns, i) => requireDnsLabel(at(`watchNamespaces[${i}]`), ns));
    requireUnique(at("watchNamespaces"), watchNamespaces);
    if (install && watchNamespaces.length === 0) {
        throw new RunError(`${at("watchNamespaces")}: is empty; list the Flink namespaces the operator manages ` +
            "(an empty list makes the chart watch every namespace with cluster-wide RBAC)");
    }
    const metricsPort = requirePort(at("metricsPort"), args.metricsPort ?? defaultOperatorMetricsPort);

    const webhook = args.webhook?.enabled ?? false;
    const webhookPort = requirePort(at("webhook.port"), args.webhook?.port ?? ports.operatorWebhook);
    if (webhookPort < 1024) {
        // Ports below 1024 need CAP_NET_BIND_SERVICE, which the hardened container drops.
        invalid(at("webhook.port"), webhookPort, "a port from 1024 to 65535 (the webhook runs without capabilities); 10250 on GKE private clusters");
    }
    const certManagerMode = args.webhook?.certManager;
    if (certManagerMode !== undefined) {
        requireEnum(at("webhook.certManager"), certManagerMode, CertManagerMode);
    }
    if (install && webhook && certManagerMode === undefined) {
        throw new RunError(`${at("webhook.certManager")}: is not set, but the webhook is enabled and needs cert-manager; ` +
            `set it to "${CertManagerMode.Install}" (this stack installs cert-manager) or "${CertManagerMode.Existing}" (cert-manager already runs), ` +
            "or disable the webhook");
    }
    let certManager: OperatorPlan["certManager"];
    if (install && webhook && certManagerMode === CertManagerMode.Install) {
        const namespace = requireDnsLabel(at("webhook.certManagerNamespace"), args.webhook?.certManagerNamespace ?? "cert-manager");
        const version = args.webhook?.certManagerVersion ?? defaultCertManagerVersion;
        if (!/^v\d+\.\d+\.\d+$/.test(version)) {
            invalid(at("webhook.certManagerVersion"), version, "a cert-manager release such as v1.19.1");
        }
        certManager = {
            namespace,
            chart: planChartSource({
                at, name: "cert-manager", version, versionField: "webhook.certManagerVersion", defaultRepository: certManagerRepository,
                chartField: "webhook.certManagerChart", chart: args.webhook?.certManagerChart,
                chartRepositoryField: "webhook.certManagerChartRepository", chartRepository: args.webhook?.certManagerChartRepository,
            }),
        };
    }
    const chart = planChartSource({
        at, name: "flink-kubernetes-operator", version, versionField: "version", defaultRepository: operatorChartRepository(version),
        chartField: "chart", chart: args.chart, chartRepositoryField: "chartRepository", chartRepository: args.chartRepository,
    });

    const operatorResources = resolveContainerResources(at("operatorResources"), args.operatorResources, defaultOperatorResources);
    const webhookResources = resolveContainerResources(at("webhookResources"), args.webhookResources, defaultWebhookResources);
    const containerSecurityContext = restrictedContainerSecurityContext();

    return {
        install,
        namespace,
        environment,
        version,
        chart,
        watchNamespaces,
        metricsPort,
        webhook,
        webhookPort,
        certManager,
        values: {
            watchNamespaces,
            image: image(args, version),
            // FlinkRbac owns the job ServiceAccount, Role and RoleBinding in every Flink namespace.
            rbac: { create: true, jobRole: { create: false }, jobRoleBinding: { create: false } },
            jobServiceAccount: { create: false },
            operatorServiceAccount: { create: true, name: "flink-operator" },
            podSecurityContext: restrictedPodSecurityContext(),
            operatorSecurityContext: containerSecurityContext,
            webhookSecurityContext: containerSecurityContext,
            operatorPod: {
                resources: resourceRequirements(operatorResources),
                webhook: { resources: resourceRequirements(webhookResources) },
            },
            // The root filesystem is read-only: session-job artifacts and /tmp get emptyDirs.
            operatorVolumeMounts: {
                create: true,
                data: [{ name: "flink-artifacts", mountPath: "/opt/flink/artifacts" }, { name: "tmp", mountPath: "/tmp" }],
            },
            operatorVolumes: {
                create: true,
                data: [{ name: "flink-artifacts", emptyDir: {} }, { name: "tmp", emptyDir: {} }],
            },
            // Never the chart's default keystore password: the component creates this Secret from a random password.
            webhook: webhook
                ? { create: true, keystore: { useDefaultPassword: false, passwordSecretRef: { name: webhookKeystoreSecretName, key: "password" } } }
                : { create: false },
            metrics: { port: metricsPort },
            defaultConfiguration: { create: true, append: true, "flink-conf.yaml": operatorConfig(metricsPort) },
        },
    };
}

/** cert-manager chart values: CRDs managed with the chart, restricted security contexts, requests and limits on every container. */
export function certManagerValues() {
    const resources = (cpu: string, memory: string) => ({ requests: { cpu: "50m", memory: "128Mi" }, limits: { cpu, memory } });
    const securityContext = { runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } };
    const containerSecurityContext = { allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] }, readOnlyRootFilesystem: true };
    const component = (cpu: string, memory: string) => ({ resources: resources(cpu, memory), securityContext, containerSecurityContext });
    return {
        crds: { enabled: true, keep: true },
        ...component("500m", "512Mi"),
        webhook: component("200m", "256Mi"),
        cainjector: component("500m", "512Mi"),
        // The post-install API check is a Helm hook Job; Pulumi waits for the Deployments instead.
        startupapicheck: { enabled: false },
    };
}
