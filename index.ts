/**
 * The platform stack: reads the stack config (Pulumi.<stack>.yaml) and builds
 * one FlinkPlatform for that environment. Config keys mirror FlinkPlatformArgs.
 */
import * as pulumi from "@pulumi/pulumi";
import { Environment, FlinkClusterArgs, FlinkOperatorArgs, FlinkPlatform, NetworkArgs, PlatformNamespaceArgs } from "flink-platform";

export = () => {
    const config = new pulumi.Config();
    const platform = new FlinkPlatform("flink", {
        environment: config.get("environment") as Environment | undefined,
        namespaces: config.requireObject<PlatformNamespaceArgs[]>("namespaces"),
        operator: config.getObject<FlinkOperatorArgs>("operator"),
        network: config.getObject<NetworkArgs>("network"),
        clusters: config.getObject<FlinkClusterArgs[]>("clusters"),
    });
    return {
        namespaces: platform.namespaces,
        operatorNamespace: platform.operatorNamespace,
        serviceAccounts: platform.serviceAccounts,
        clusters: platform.clusters,
    };
};
