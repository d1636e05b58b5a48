/** The Pulumi names of the resources the platform registers per cluster. Pure. */

/** A resource's Pulumi name, and the name an earlier version gave it (its URN is kept through an alias to that name). */
export interface ResourceName {
    name: string;
    previousName?: string;
}

/**
 * The Pulumi names of a cluster's resources: `<prefix>-deployment`,
 * `<prefix>-autoscaler`, `<prefix>-<component>-budget`, and each session job's.
 */
export interface ClusterResourceNames {
    prefix: string;
    /** The prefix an earlier version named the cluster's own resources with. Default: none (no aliases). */
    previousPrefix?: string;
    /**
     * The URN of the resources' parent up to their type, `urn:pulumi:<stack>::<project>::<parent's types>$`, when it is
     * known without waiting for the parent's URN (a FlinkPlatform at the top of its stack, without aliases of its own):
     * aliases are then whole URNs, which the Pulumi SDK takes as they are, where it turns a `{ name }` alias into
     * a URN Output of several Outputs in every resource's constructor. Default: `{ name }` aliases.
     */
    previousUrnPrefix?: string;
    /** A session job's resource name. Default: `<prefix>-<job>-session-job`, no alias. */
    sessionJob?: (job: string) => ResourceName;
}

interface NamedCluster {
    namespace: string;
    name: string;
    sessionJobs?: { name: string }[];
}

/**
 * Names for each of a platform's clusters that no two clusters can share:
 * `<platform>-<namespace>/<cluster>-…` for a cluster's resources and
 * `<platform>-<namespace>/<job>-session-job` for its session jobs (names the
 * platform requires unique per namespace). Namespace, cluster and job names
 * are DNS labels, which hold no "/".
 *
 * Version 0.1.0 named them `<platform>-<namespace>-<cluster>-…` and
 * `<platform>-<namespace>-<cluster>-<job>-session-job`, which two clusters
 * could share (namespace "team" with cluster "a-x" and namespace "team-a" with
 * cluster "x"). Each resource keeps its 0.1.0 URN through an alias, unless two
 * of them had that name: such a stack could not have been deployed, and the
 * engine refuses two resources aliased to one URN.
 */
export function platformClusterNames(platform: string, clusters: NamedCluster[]): ClusterResourceNames[] {
    const previousPrefix = (cluster: NamedCluster) => `${platform}-${cluster.namespace}-${cluster.name}`;
    const previousJobName = (cluster: NamedCluster, job: string) => `${previousPrefix(cluster)}-${job}-session-job`;
    const unshared = (names: string[]) => {
        const counts = new Map<string, number>();
        for (const name of names) counts.set(name, (counts.get(name) ?? 0) + 1);
        return (name: string) => (counts.get(name) === 1 ? name : undefined);
    };
    // A cluster's own resources and its session jobs are of other types: their names are compared among their kind.
    const unsharedPrefix = unshared(clusters.map(previousPrefix));
    const unsharedJobName = unshared(clusters.flatMap((cluster) => (cluster.sessionJobs ?? []).map((job) => previousJobName(cluster, job.name))));
    return clusters.map((cluster) => ({
        prefix: `${platform}-${cluster.namespace}/${cluster.name}`,
        previousPrefix: unsharedPrefix(previousPrefix(cluster)),
        sessionJob: (job: string) => ({ name: `${platform}-${cluster.namespace}/${job}-session-job`, previousName: unsharedJobName(previousJobName(cluster, job)) }),
    }));
}
