/**
 * flink-platform on a local cluster: one Flink namespace, the operator without
 * its webhook (no cert-manager needed), API server egress on the ports local
 * clusters use (kind and k3d 6443, minikube 8443).
 */
import { Environment, FlinkPlatform } from "@flink-platform/flink-platform";

const platform = new FlinkPlatform("local", {
    environment: Environment.Dev,
    namespaces: [{ name: "flink-jobs" }],
    network: { apiServerPorts: [443, 6443, 8443] },
});

export const namespaces = platform.namespaces;
export const operatorNamespace = platform.operatorNamespace;
