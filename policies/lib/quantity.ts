/** Kubernetes quantities, Flink memory sizes and Flink durations, parsed leniently (undefined when unparsable). */

const binarySuffixes: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const decimalSuffixes: Record<string, number> = { n: 1e-9, u: 1e-6, m: 1e-3, "": 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

/** A Kubernetes quantity ("500m", "2", "1.5", "512Mi", "1e3", 2) in base units (cores, bytes). */
export function parseQuantity(value: unknown): number | undefined {
    if (typeof value === "number") {
        return Number.isFinite(value) && value >= 0 ? value : undefined;
    }
    if (typeof value !== "string") {
        return undefined;
    }
    const match = /^\+?(\d+(?:\.\d*)?|\.\d+)(?:([eE][-+]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]?))$/.exec(value.trim());
    if (match === null) {
        return undefined;
    }
    const mantissa = Number(match[1]);
    if (match[2] !== undefined) {
        return mantissa * 10 ** Number(match[2].slice(1));
    }
    const suffix = match[3] ?? "";
    return mantissa * (binarySuffixes[suffix] ?? decimalSuffixes[suffix]);
}

const flinkMemoryUnits: Record<string, number> = {
    "": 1, b: 1, bytes: 1,
    k: 2 ** 10, kb: 2 ** 10, kibibytes: 2 ** 10,
    m: 2 ** 20, mb: 2 ** 20, mebibytes: 2 ** 20,
    g: 2 ** 30, gb: 2 ** 30, gibibytes: 2 ** 30,
    t: 2 ** 40, tb: 2 ** 40, tebibytes: 2 ** 40,
};

/**
 * A FlinkDeployment `resource.memory` in bytes. The operator reads it as a
 * Flink memory size first ("2g", "2048m", "2 gb": binary units, any case) and
 * as a Kubernetes quantity ("2Gi", "2G") when that fails.
 */
export function parseFlinkMemory(value: unknown): number | undefined {
    if (typeof value === "number") {
        return Number.isFinite(value) && value >= 0 ? value : undefined;
    }
    if (typeof value !== "string") {
        return undefined;
    }
    const match = /^(\d+)\s*([a-zA-Z]*)$/.exec(value.trim());
    const unit = match === null ? undefined : flinkMemoryUnits[match[2].toLowerCase()];
    if (match !== null && unit !== undefined) {
        return Number(match[1]) * unit;
    }
    return parseQuantity(value);
}

const durationUnits: [RegExp, number][] = [
    [/^(ns|nano|nanos|nanosecond|nanoseconds)$/, 1e-6],
    [/^(µs|us|micro|micros|microsecond|microseconds)$/, 1e-3],
    [/^(|ms|milli|millis|millisecond|milliseconds)$/, 1],
    [/^(s|sec|secs|second|seconds)$/, 1e3],
    [/^(m|min|mins|minute|minutes)$/, 60e3],
    [/^(h|hour|hours)$/, 3600e3],
    [/^(d|day|days)$/, 86400e3],
];

/** A Flink duration ("1 min", "30s", "60000" = ms) in milliseconds. */
export function parseDurationMs(value: unknown): number | undefined {
    if (typeof value === "number") {
        return Number.isFinite(value) ? value : undefined;
    }
    if (typeof value !== "string") {
        return undefined;
    }
    const match = /^(-?\d+)\s*([a-zµ]*)$/i.exec(value.trim());
    if (match === null) {
        return undefined;
    }
    const unit = durationUnits.find(([pattern]) => pattern.test(match[2].toLowerCase()));
    return unit === undefined ? undefined : Number(match[1]) * unit[1];
}

/** 16 -> "16", 0.5 -> "0.5", 0.1 + 0.2 -> "0.3". */
export function formatCpu(cores: number): string {
    return String(Math.round(cores * 1000) / 1000);
}

/** Bytes as the largest exact binary unit: 68719476736 -> "64Gi", 1536 -> "1536" when not whole Ki. */
export function formatBytes(bytes: number): string {
    for (const [suffix, factor] of [["Ti", 2 ** 40], ["Gi", 2 ** 30], ["Mi", 2 ** 20], ["Ki", 2 ** 10]] as const) {
        if (bytes >= factor && Number.isInteger(bytes / factor)) {
            return `${bytes / factor}${suffix}`;
        }
    }
    return String(Math.round(bytes));
}
