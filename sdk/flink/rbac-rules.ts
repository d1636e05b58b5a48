/** RBAC rules: what Flink's JobManager needs, and what people who run Flink jobs may do. Pure data. */

export interface PolicyRule {
    apiGroups: string[];
    resources: string[];
    verbs: string[];
}

const readVerbs = ["get", "list", "watch"];
const writeVerbs = [...readVerbs, "create", "update", "patch", "delete"];

/**
 * The JobManager creates and deletes TaskManager pods, keeps HA leader and
 * checkpoint pointers in ConfigMaps, and sets its Deployment as owner of the
 * TaskManager pods. No secrets, no wildcards (the operator chart's job role, made explicit).
 */
export const jobRoleRules: PolicyRule[] = [
    { apiGroups: [""], resources: ["pods", "configmaps"], verbs: writeVerbs },
    { apiGroups: ["apps"], resources: ["deployments", "deployments/finalizers"], verbs: writeVerbs },
];

const flinkResources = ["flinkdeployments", "flinksessionjobs", "flinkstatesnapshots", "flinkbluegreendeployments"];
const flinkStatus = flinkResources.map((resource) => `${resource}/status`);
const podsAndLogs = ["pods", "pods/log", "services", "events"];

/** People who deploy Flink jobs: manage the operator's custom resources, read pods and logs, port-forward to the UI. */
export const developerRules: PolicyRule[] = [
    { apiGroups: ["flink.apache.org"], resources: flinkResources, verbs: writeVerbs },
    { apiGroups: ["flink.apache.org"], resources: flinkStatus, verbs: readVerbs },
    { apiGroups: [""], resources: podsAndLogs, verbs: readVerbs },
    { apiGroups: [""], resources: ["pods/portforward"], verbs: ["create"] },
];

/** People who watch Flink jobs: read only. */
export const viewerRules: PolicyRule[] = [
    { apiGroups: ["flink.apache.org"], resources: [...flinkResources, ...flinkStatus], verbs: readVerbs },
    { apiGroups: [""], resources: podsAndLogs, verbs: readVerbs },
];
