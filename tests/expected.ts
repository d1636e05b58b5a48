/** Expected values several tests assert, written out literally (not imported from the sdk) so a change there fails them. */

/** The container security context of every Flink and operator container: PSS restricted, uid/gid 9999, read-only root. */
export const restrictedContainer = {
    allowPrivilegeEscalation: false,
    capabilities: { drop: ["ALL"] },
    readOnlyRootFilesystem: true,
    runAsNonRoot: true,
    runAsUser: 9999,
    runAsGroup: 9999,
    seccompProfile: { type: "RuntimeDefault" },
};
