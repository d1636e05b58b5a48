/**
 * Security contexts that meet the Pod Security Standards "restricted" profile.
 * Flink's official image and the operator image both run as user flink, uid/gid 9999.
 */

export const flinkUid = 9999;

/** Pod-level context: non-root uid/gid 9999, group-owned volumes, the runtime's default seccomp profile. */
export function restrictedPodSecurityContext() {
    return {
        runAsNonRoot: true,
        runAsUser: flinkUid,
        runAsGroup: flinkUid,
        fsGroup: flinkUid,
        seccompProfile: { type: "RuntimeDefault" },
    };
}

/** Container-level context: no privilege escalation, no capabilities, read-only root filesystem. */
export function restrictedContainerSecurityContext() {
    return {
        allowPrivilegeEscalation: false,
        capabilities: { drop: ["ALL"] },
        readOnlyRootFilesystem: true,
        runAsNonRoot: true,
        runAsUser: flinkUid,
        runAsGroup: flinkUid,
        seccompProfile: { type: "RuntimeDefault" },
    };
}
