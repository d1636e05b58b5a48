/**
 * Security contexts that meet the Pod Security Standards "restricted" profile.
 * Flink's official image and the operator image both run as user flink, uid/gid 9999.
 */

export const flinkUid = 9999;

/** Pod-level context: non-root uid/gid (Flink's 9999 unless given), group-owned volumes, the runtime's default seccomp profile. */
export function restrictedPodSecurityContext(uid = flinkUid) {
    return {
        runAsNonRoot: true,
        runAsUser: uid,
        runAsGroup: uid,
        fsGroup: uid,
        seccompProfile: { type: "RuntimeDefault" },
    };
}

/** Container-level context: no privilege escalation, no capabilities, read-only root filesystem (uid/gid Flink's 9999 unless given). */
export function restrictedContainerSecurityContext(uid = flinkUid) {
    return {
        allowPrivilegeEscalation: false,
        capabilities: { drop: ["ALL"] },
        readOnlyRootFilesystem: true,
        runAsNonRoot: true,
        runAsUser: uid,
        runAsGroup: uid,
        seccompProfile: { type: "RuntimeDefault" },
    };
}
