import * as assert from "node:assert/strict";
import type * as pulumi from "@pulumi/pulumi";
import { CertManagerMode, Environment } from "../sdk/index";
import { FlinkOperator } from "../sdk/operator";
import type { FlinkOperatorArgs } from "../sdk/flink/args/operator";
import { assertRefuses, byType, findResource, runProgram } from "./harness/mocks";
import { restrictedContainer } from "./expected";

const run = (args: Partial<FlinkOperatorArgs> = {}) =>
    runProgram(() => new FlinkOperator("operator", { watchNamespaces: ["team-a", "team-b"], ...args }));
const chartOf = (resources: Awaited<ReturnType<typeof run>>["resources"]) => findResource(resources, "kubernetes:helm.sh/v4:Chart", "operator-chart");
/** A Chart's source inputs, those it was given and no others. */
const sourceOf = (inputs: Record<string, unknown>) =>
    Object.fromEntries(["chart", "version", "repositoryOpts"].filter((key) => key in inputs).map((key) => [key, inputs[key]]));

describe("FlinkOperator", () => {
    it("installs the official chart, pinned, hardened, watching only the Flink namespaces", async () => {
        const { resources } = await run();
        const chart = chartOf(resources);
        // From the Apache archive, which keeps every release (downloads.apache.org drops one once the next is out).
        assert.deepEqual(sourceOf(chart.inputs), {
            chart: "flink-kubernetes-operator",
            version: "1.15.0",
            repositoryOpts: { repo: "https://archive.apache.org/dist/flink/flink-kubernetes-operator-1.15.0/" },
        });
        assert.equal(chart.inputs.name, "flink-kubernetes-operator");
        assert.equal(chart.inputs.namespace, "flink-operator");
        assert.deepEqual(chart.inputs.values, {
            watchNamespaces: ["team-a", "team-b"],
            image: { repository: "apache/flink-kubernetes-operator", tag: "1.15.0", pullPolicy: "IfNotPresent" },
            rbac: { create: true, jobRole: { create: false }, jobRoleBinding: { create: false } },
            jobServiceAccount: { create: false },
            operatorServiceAccount: { create: true, name: "flink-operator" },
            podSecurityContext: { runAsNonRoot: true, runAsUser: 9999, runAsGroup: 9999, fsGroup: 9999, seccompProfile: { type: "RuntimeDefault" } },
            operatorSecurityContext: restrictedContainer,
            webhookSecurityContext: restrictedContainer,
            operatorPod: {
                resources: { requests: { cpu: "250m", memory: "512Mi" }, limits: { cpu: "1", memory: "1Gi" } },
                webhook: { resources: { requests: { cpu: "100m", memory: "256Mi" }, limits: { cpu: "500m", memory: "512Mi" } } },
            },
            operatorVolumeMounts: { create: true, data: [{ name: "flink-artifacts", mountPath: "/opt/flink/artifacts" }, { name: "tmp", mountPath: "/tmp" }] },
            operatorVolumes: { create: true, data: [{ name: "flink-artifacts", emptyDir: {} }, { name: "tmp", emptyDir: {} }] },
            webhook: { create: false },
            metrics: { port: 9999 },
            defaultConfiguration: {
                create: true,
                append: true,
                "flink-conf.yaml": "kubernetes.operator.metrics.reporter.prom.factory.class: org.apache.flink.metrics.prometheus.PrometheusReporterFactory\n" +
                    "kubernetes.operator.metrics.reporter.prom.port: 9999\n",
            },
        });
    });

    it("creates its namespace hardened, able to reach the watched namespaces' JobManagers", async () => {
        const { resources } = await run();
        const namespace = findResource(resources, "kubernetes:core/v1:Namespace", "operator-namespace-namespace");
        assert.equal(namespace.inputs.metadata.name, "flink-operator");
        assert.equal(namespace.inputs.metadata.labels["pod-security.kubernetes.io/enforce"], "restricted");
        const rest = findResource(resources, "kubernetes:networking.k8s.io/v1:NetworkPolicy", "operator-namespace-allow-flink-rest");
        assert.deepEqual(rest.inputs.spec.egress[0].to[0].namespaceSelector.matchExpressions[0].values, ["team-a", "team-b"]);
        assert.equal(resources.some((r) => r.name === "operator-namespace-allow-webhook"), false);
    });

    it("without the webhook creates neither cert-manager nor a keystore Secret", async () => {
        const { resources } = await run();
        assert.deepEqual(resources.filter((r) => r.type === "kubernetes:helm.sh/v4:Chart").map((r) => r.name), ["operator-chart"]);
        assert.equal(resources.some((r) => r.type === "kubernetes:core/v1:Secret"), false);
        const namespace = findResource(resources, "kubernetes:core/v1:Namespace", "operator-namespace-namespace");
        assert.deepEqual(chartOf(resources).options.dependsOn, [namespace.urn]);
    });

    it("with the webhook and cert-manager installed here: cert-manager first, a random keystore password, never the chart default", async () => {
        const { resources } = await run({ webhook: { enabled: true, certManager: CertManagerMode.Install } });
        const certManager = findResource(resources, "kubernetes:helm.sh/v4:Chart", "operator-cert-manager");
        assert.deepEqual(sourceOf(certManager.inputs), { chart: "cert-manager", version: "v1.19.1", repositoryOpts: { repo: "https://charts.jetstack.io" } });
        assert.equal(certManager.inputs.namespace, "cert-manager");
        assert.deepEqual(certManager.inputs.values.crds, { enabled: true, keep: true });
        assert.deepEqual(certManager.inputs.values.startupapicheck, { enabled: false });
        for (const component of [certManager.inputs.values, certManager.inputs.values.webhook, certManager.inputs.values.cainjector]) {
            assert.deepEqual(component.securityContext, { runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } });
            assert.deepEqual(component.containerSecurityContext, { allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] }, readOnlyRootFilesystem: true });
            assert.deepEqual(Object.keys(component.resources).sort(), ["limits", "requests"]);
        }
        const certManagerNamespace = findResource(resources, "kubernetes:core/v1:Namespace", "operator-cert-manager-namespace-namespace");
        assert.equal(certManagerNamespace.inputs.metadata.labels["pod-security.kubernetes.io/enforce"], "restricted");

        const password = findResource(resources, "random:index/randomPassword:RandomPassword", "operator-webhook-keystore-password");
        assert.deepEqual({ length: password.inputs.length, special: password.inputs.special }, { length: 32, special: false });
        const secret = findResource(resources, "kubernetes:core/v1:Secret", "operator-webhook-keystore");
        assert.equal(secret.inputs.metadata.name, "flink-operator-webhook-keystore");
        assert.equal(secret.inputs.metadata.namespace, "flink-operator");
        assert.deepEqual(secret.propertyDependencies.stringData, [password.urn]);

        const chart = chartOf(resources);
        assert.deepEqual(chart.inputs.values.webhook, {
            create: true,
            keystore: { useDefaultPassword: false, passwordSecretRef: { name: "flink-operator-webhook-keystore", key: "password" } },
        });
        assert.ok(chart.options.dependsOn.includes(certManager.urn), "the operator chart waits for cert-manager");
        // The Secret goes in the same wave as the chart (cert-manager and the webhook container retry until it exists).
        assert.equal(chart.options.dependsOn.includes(secret.urn), false);
        const webhookPolicy = findResource(resources, "kubernetes:networking.k8s.io/v1:NetworkPolicy", "operator-namespace-allow-webhook");
        assert.deepEqual(webhookPolicy.inputs.spec.ingress, [{ ports: [{ protocol: "TCP", port: 9443 }] }]);
    });

    it("with cert-manager declared as existing installs no cert-manager", async () => {
        const { resources } = await run({ webhook: { enabled: true, certManager: CertManagerMode.Existing } });
        assert.deepEqual(resources.filter((r) => r.type === "kubernetes:helm.sh/v4:Chart").map((r) => r.name), ["operator-chart"]);
        findResource(resources, "kubernetes:core/v1:Secret", "operator-webhook-keystore");
        assert.equal(chartOf(resources).options.dependsOn.some((urn) => urn.includes("cert-manager")), false);
        assert.equal(chartOf(resources).inputs.values.webhook.keystore.useDefaultPassword, false);
    });

    it("pulls by digest when one is given", async () => {
        const digest = "sha256:" + "a".repeat(64);
        const { resources } = await run({ image: { repository: "registry.example.com/flink-operator", digest } });
        assert.deepEqual(chartOf(resources).inputs.values.image,
            { repository: "registry.example.com/flink-operator", tag: "1.15.0", pullPolicy: "IfNotPresent", digest });
    });

    it("with install false creates nothing", async () => {
        const { resources } = await run({ install: false, watchNamespaces: [] });
        assert.deepEqual(resources.map((r) => r.type), ["flink-platform:index:FlinkOperator"]);
    });

    describe("where the charts come from", () => {
        it("the archive of another pinned release", async () => {
            const { resources } = await run({ version: "1.14.0" });
            assert.deepEqual(sourceOf(chartOf(resources).inputs), {
                chart: "flink-kubernetes-operator",
                version: "1.14.0",
                repositoryOpts: { repo: "https://archive.apache.org/dist/flink/flink-kubernetes-operator-1.14.0/" },
            });
        });

        it("chartRepository: a mirror of the Helm repository", async () => {
            const { resources } = await run({ chartRepository: "https://nexus.example.com/repository/flink-operator/" });
            assert.deepEqual(sourceOf(chartOf(resources).inputs), {
                chart: "flink-kubernetes-operator",
                version: "1.15.0",
                repositoryOpts: { repo: "https://nexus.example.com/repository/flink-operator/" },
            });
        });

        it("chart: a local .tgz, read as it is (no version, no repository)", async () => {
            const { resources } = await run({ chart: "./charts/flink-kubernetes-operator-1.15.0-helm.tgz" });
            assert.deepEqual(sourceOf(chartOf(resources).inputs), { chart: "./charts/flink-kubernetes-operator-1.15.0-helm.tgz" });
            // The image tag still follows version.
            assert.equal(chartOf(resources).inputs.values.image.tag, "1.15.0");
        });

        it("chart: a local directory", async () => {
            const { resources } = await run({ chart: "../vendor/flink-kubernetes-operator" });
            assert.deepEqual(sourceOf(chartOf(resources).inputs), { chart: "../vendor/flink-kubernetes-operator" });
        });

        it("chart: an OCI reference, pulled at version", async () => {
            const { resources } = await run({ version: "1.14.0", chart: "oci://registry.example.com/charts/flink-kubernetes-operator" });
            assert.deepEqual(sourceOf(chartOf(resources).inputs), { chart: "oci://registry.example.com/charts/flink-kubernetes-operator", version: "1.14.0" });
        });

        it("cert-manager: a mirror, or an OCI or local chart", async () => {
            const certManagerOf = async (webhook: FlinkOperatorArgs["webhook"]) => {
                const { resources } = await run({ webhook: { enabled: true, certManager: CertManagerMode.Install, ...webhook } });
                return sourceOf(findResource(resources, "kubernetes:helm.sh/v4:Chart", "operator-cert-manager").inputs);
            };
            assert.deepEqual(await certManagerOf({ certManagerChartRepository: "https://nexus.example.com/repository/jetstack/" }),
                { chart: "cert-manager", version: "v1.19.1", repositoryOpts: { repo: "https://nexus.example.com/repository/jetstack/" } });
            assert.deepEqual(await certManagerOf({ certManagerChart: "oci://registry.example.com/charts/cert-manager" }),
                { chart: "oci://registry.example.com/charts/cert-manager", version: "v1.19.1" });
            assert.deepEqual(await certManagerOf({ certManagerChart: "./charts/cert-manager-v1.19.1.tgz" }), { chart: "./charts/cert-manager-v1.19.1.tgz" });
        });
    });

    describe("the chart transform", () => {
        const transformOf = async (environment: Environment) => {
            const { resources } = await run({ environment, network: { apiServerCidrs: ["10.0.0.0/16"] } });
            const transforms = chartOf(resources).transforms;
            assert.equal(transforms.length, 1);
            return transforms[0] as pulumi.ResourceTransform;
        };
        const transformArgs = (type: string, props: Record<string, unknown>) => ({ type, name: "x", custom: true, props, opts: {} });

        it("keeps the CRDs on delete, and protects them in prod", async () => {
            const crd = transformArgs("kubernetes:apiextensions.k8s.io/v1:CustomResourceDefinition", { metadata: { name: "flinkdeployments.flink.apache.org" } });
            assert.deepEqual((await (await transformOf(Environment.Dev))(crd))?.opts, { retainOnDelete: true, protect: false });
            assert.deepEqual((await (await transformOf(Environment.Prod))(crd))?.opts, { retainOnDelete: true, protect: true });
        });

        it("gives the webhook container a writable /tmp and leaves the operator container alone", async () => {
            const transform = await transformOf(Environment.Dev);
            const operatorMounts = [{ name: "tmp", mountPath: "/tmp" }];
            const deployment = {
                spec: { template: { spec: { containers: [
                    { name: "flink-kubernetes-operator", volumeMounts: operatorMounts },
                    { name: "flink-webhook", volumeMounts: [{ name: "keystore", mountPath: "/certs" }] },
                ] } } },
            };
            const result = await transform(transformArgs("kubernetes:apps/v1:Deployment", deployment));
            assert.deepEqual(result?.props.spec.template.spec.containers, [
                { name: "flink-kubernetes-operator", volumeMounts: operatorMounts },
                { name: "flink-webhook", volumeMounts: [{ name: "keystore", mountPath: "/certs" }, { name: "tmp", mountPath: "/tmp" }] },
            ]);
            assert.equal(await transform(transformArgs("kubernetes:core/v1:ConfigMap", { data: {} })), undefined);
        });

        it("with webhook.port (10250 for GKE private clusters) the webhook listens there, its Service sends there and the NetworkPolicy opens it", async () => {
            const args = { environment: Environment.Dev, network: { apiServerCidrs: ["10.0.0.0/16"] }, webhook: { enabled: true, certManager: "existing" as CertManagerMode, port: 10250 } };
            const { resources } = await run(args);
            const transform = chartOf(resources).transforms[0] as pulumi.ResourceTransform;
            const env = [{ name: "WEBHOOK_KEYSTORE_TYPE", value: "pkcs12" }, { name: "WEBHOOK_SERVER_PORT", value: "9443" }];
            const deployment = { spec: { template: { spec: { containers: [{ name: "flink-kubernetes-operator", env }, { name: "flink-webhook", env }] } } } };
            const containers = (await transform(transformArgs("kubernetes:apps/v1:Deployment", deployment)))?.props.spec.template.spec.containers;
            assert.deepEqual(containers.map((c: { env: unknown }) => c.env), [env, [{ name: "WEBHOOK_KEYSTORE_TYPE", value: "pkcs12" }, { name: "WEBHOOK_SERVER_PORT", value: "10250" }]]);
            const service = { spec: { ports: [{ port: 443, targetPort: 9443 }], selector: { app: "flink-kubernetes-operator" } } };
            assert.deepEqual((await transform(transformArgs("kubernetes:core/v1:Service", service)))?.props.spec.ports, [{ port: 443, targetPort: 10250 }]);
            const other = { spec: { ports: [{ port: 8080, targetPort: 8080 }] } };
            assert.deepEqual((await transform(transformArgs("kubernetes:core/v1:Service", other)))?.props, other);
            const webhookPolicy = byType(resources, "kubernetes:networking.k8s.io/v1:NetworkPolicy").find((r) => r.inputs.metadata.name === "allow-webhook");
            assert.deepEqual(webhookPolicy?.inputs.spec.ingress, [{ ports: [{ protocol: "TCP", port: 10250 }] }]);
        });
    });

    describe("rejects bad input", () => {
        const cases: [string, Partial<FlinkOperatorArgs>, string][] = [
            ["the webhook with cert-manager neither installed nor declared", { webhook: { enabled: true } },
                'FlinkOperator: webhook.certManager: is not set, but the webhook is enabled and needs cert-manager; set it to "install" (this stack installs cert-manager) or "existing" (cert-manager already runs), or disable the webhook'],
            ["an operator version that is not a release number", { version: "latest" },
                'FlinkOperator: version: "latest" is not valid; expected a release number MAJOR.MINOR.PATCH such as 1.15.0'],
            ["installing with no namespace to watch", { watchNamespaces: [] },
                "FlinkOperator: watchNamespaces: is empty; list the Flink namespaces the operator manages (an empty list makes the chart watch every namespace with cluster-wide RBAC)"],
            ["the latest image tag", { image: { tag: "latest" } },
                'FlinkOperator: image.tag: "latest" is not valid; expected a pinned tag such as "1.15.0", never "latest"'],
            ["a malformed digest", { image: { digest: "sha256:abc" } },
                'FlinkOperator: image.digest: "sha256:abc" is not valid; expected sha256: followed by 64 lowercase hex digits'],
            ["an unknown cert-manager mode", { webhook: { enabled: true, certManager: "helm" as CertManagerMode } },
                'FlinkOperator "operator": webhook.certManager: "helm" is not valid; expected one of "install", "existing"'],
            ["a malformed operator memory limit", { operatorResources: { memoryLimit: "2 GB" } },
                'FlinkOperator: operatorResources.memoryLimit: "2 GB" is not valid; expected a non-negative Kubernetes quantity: a number with an optional suffix (m, k, M, G, T, Ki, Mi, Gi, Ti, …), such as "500m", "2", "4Gi"'],
            ["a webhook port below 1024 (the container has no capabilities)", { webhook: { enabled: true, certManager: "existing" as CertManagerMode, port: 443 } },
                'FlinkOperator: webhook.port: 443 is not valid; expected a port from 1024 to 65535 (the webhook runs without capabilities); 10250 on GKE private clusters'],
            ["chart and chartRepository both", { chart: "./charts/flink-kubernetes-operator-1.15.0-helm.tgz", chartRepository: "https://nexus.example.com/repository/flink-operator/" },
                "FlinkOperator: chart: and chartRepository are both set; install from a local chart or an OCI registry (chart) " +
                "or from a mirror of the Helm repository (chartRepository), not both"],
            ["an https URL as chart (a Helm repository goes in chartRepository)", { chart: "https://archive.apache.org/dist/flink/flink-kubernetes-operator-1.15.0/" },
                'FlinkOperator: chart: "https://archive.apache.org/dist/flink/flink-kubernetes-operator-1.15.0/" is not valid; ' +
                "expected a local chart (a directory or a .tgz) at a path starting with ./, ../ or /, or an OCI reference " +
                "oci://<registry>/<path>/flink-kubernetes-operator without a tag or digest (the chart version is version); a Helm repository goes in chartRepository"],
            ["a repository reference as chart (it would need the machine's helm repo list)", { chart: "flink-operator-repo/flink-kubernetes-operator" },
                'FlinkOperator: chart: "flink-operator-repo/flink-kubernetes-operator" is not valid; ' +
                "expected a local chart (a directory or a .tgz) at a path starting with ./, ../ or /, or an OCI reference " +
                "oci://<registry>/<path>/flink-kubernetes-operator without a tag or digest (the chart version is version); a Helm repository goes in chartRepository"],
            ["an OCI reference with a tag", { chart: "oci://registry.example.com/charts/flink-kubernetes-operator:1.15.0" },
                'FlinkOperator: chart: "oci://registry.example.com/charts/flink-kubernetes-operator:1.15.0" is not valid; ' +
                "expected an OCI reference oci://<registry>/<path>/flink-kubernetes-operator without a tag or digest (the chart version is version)"],
            ["certManagerChart and certManagerChartRepository both",
                { webhook: { enabled: true, certManager: CertManagerMode.Install, certManagerChart: "oci://registry.example.com/charts/cert-manager", certManagerChartRepository: "https://nexus.example.com/repository/jetstack/" } },
                "FlinkOperator: webhook.certManagerChart: and webhook.certManagerChartRepository are both set; install from a local chart or an OCI registry " +
                "(webhook.certManagerChart) or from a mirror of the Helm repository (webhook.certManagerChartRepository), not both"],
            ["a namespace listed twice", { watchNamespaces: ["team-a", "team-a"] },
                'FlinkOperator: watchNamespaces: "team-a" is listed more than once; each entry must be unique'],
        ];
        for (const [what, args, message] of cases) {
            it(what, async () => {
                await assertRefuses(run(args), message);
            });
        }
    });
});
