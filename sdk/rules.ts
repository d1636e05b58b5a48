/**
 * The rules the policy pack shares with the components, so that both say the
 * same thing: `@flink-platform/flink-platform/rules`. Only pure functions and
 * constants; nothing here creates resources.
 */
export { ingressAuthAnnotations, internalRestServiceTypes, isAllowedRestServiceType } from "./flink/cluster-plan";
export { validateFlinkConfiguration } from "./flink/config-keys";
export { overlappingPaths } from "./flink/paths";
export { FlinkVersion } from "./flink/versions";
