/** The Flink versions the platform runs, their official images, and which key list applies. */

/** Flink versions supported by the Flink Kubernetes Operator 1.15 that the platform runs (values are the CRD's `flinkVersion`). */
export const FlinkVersion = {
    V1_20: "v1_20",
    V2_0: "v2_0",
    V2_1: "v2_1",
    V2_2: "v2_2",
} as const;
export type FlinkVersion = (typeof FlinkVersion)[keyof typeof FlinkVersion];

export const defaultFlinkVersion: FlinkVersion = FlinkVersion.V2_2;

/** "1.20", "2.2", … */
export function versionNumber(version: FlinkVersion): string {
    return version.slice(1).replace("_", ".");
}

/** The official image (Docker Hub `flink`) of each version's latest patch release, Java 17. */
export const officialImages: Record<FlinkVersion, string> = {
    [FlinkVersion.V1_20]: "flink:1.20.4-java17",
    [FlinkVersion.V2_0]: "flink:2.0.2-java17",
    [FlinkVersion.V2_1]: "flink:2.1.2-java17",
    [FlinkVersion.V2_2]: "flink:2.2.1-java17",
};

/** Which configuration key list describes a version (2.1 and 2.2 are checked against the 2.0 list). */
export function keyListVersion(version: FlinkVersion): "1.20" | "2.0" {
    return version === FlinkVersion.V1_20 ? "1.20" : "2.0";
}
