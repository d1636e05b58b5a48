/**
 * The platform stack: reads the stack config (Pulumi.<stack>.yaml) and builds
 * one FlinkPlatform for that environment. Config keys mirror FlinkPlatformArgs.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import {
    CloudProfile, Environment, FlinkClusterArgs, FlinkMonitoringArgs, FlinkOperatorArgs, FlinkPlatform, NetworkArgs, PlatformNamespaceArgs,
    StorageArgs, suggest,
} from "@flink-platform/flink-platform";

/** The keys this program reads from the stack config (Pulumi.yaml, Pulumi.<stack>.yaml). */
const stackKeys = [
    "environment", "cloud", "renderDirectory", "namespaces", "operator", "network", "storage", "clusters", "monitoring",
    "storageAccessKeyId", "storageSecretAccessKey", "storageServiceAccountKey", "storageAccountKey",
];

/** Refuses a config key of this project that the program does not read: a misspelt key would otherwise be ignored. */
function requireKnownKeys(): void {
    const project = pulumi.getProject();
    const unknown = Object.keys(pulumi.runtime.allConfig())
        .filter((key) => key.startsWith(`${project}:`))
        .map((key) => key.slice(project.length + 1))
        .filter((key) => !stackKeys.includes(key));
    if (unknown.length > 0) {
        throw new pulumi.RunError(unknown.map((key) => {
            const suggestion = suggest(key, stackKeys);
            return `stack config: ${project}:${key}: unknown key; ${suggestion === undefined ? `expected one of ${stackKeys.join(", ")}` : `did you mean ${project}:${suggestion}?`}`;
        }).join("\n"));
    }
}

/** `storage` from config, with credentials from the secret keys (`pulumi config set --secret storageSecretAccessKey …`). */
function storageFromConfig(config: pulumi.Config): StorageArgs | undefined {
    const storage = config.getObject<StorageArgs>("storage");
    if (storage === undefined) {
        return undefined;
    }
    const secrets = {
        accessKeyId: config.getSecret("storageAccessKeyId"),
        secretAccessKey: config.getSecret("storageSecretAccessKey"),
        serviceAccountKey: config.getSecret("storageServiceAccountKey"),
        accountKey: config.getSecret("storageAccountKey"),
    };
    const given = Object.fromEntries(Object.entries(secrets).filter(([, value]) => value !== undefined));
    return Object.keys(given).length === 0 ? storage : { ...storage, credentials: { ...storage.credentials, ...given } };
}

/**
 * With `renderDirectory` set, every Kubernetes object is written there as YAML
 * (for GitOps: Argo CD, Flux) instead of being applied to a cluster.
 */
function kubernetesProvider(config: pulumi.Config): k8s.Provider | undefined {
    const renderDirectory = config.get("renderDirectory");
    return renderDirectory ? new k8s.Provider("render", { renderYamlToDirectory: renderDirectory }) : undefined;
}

export = () => {
    requireKnownKeys();
    const config = new pulumi.Config();
    const provider = kubernetesProvider(config);
    const platform = new FlinkPlatform("flink", {
        environment: config.get("environment") as Environment | undefined,
        cloud: config.get("cloud") as CloudProfile | undefined,
        namespaces: config.requireObject<PlatformNamespaceArgs[]>("namespaces"),
        operator: config.getObject<FlinkOperatorArgs>("operator"),
        network: config.getObject<NetworkArgs>("network"),
        storage: storageFromConfig(config),
        clusters: config.getObject<FlinkClusterArgs[]>("clusters"),
        monitoring: config.getObject<FlinkMonitoringArgs>("monitoring"),
    }, provider === undefined ? {} : { providers: { kubernetes: provider } });
    return {
        namespaces: platform.namespaces,
        operatorNamespace: platform.operatorNamespace,
        serviceAccounts: platform.serviceAccounts,
        clusters: platform.clusters,
        stateDirectories: platform.stateDirectories,
        dashboards: platform.dashboards,
    };
};
