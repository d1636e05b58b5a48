/**
 * Kubernetes resource quantities ("500m", "2Gi", "1e3"): strict parsing, so that
 * "2 GB" or "-1Gi" fail at preview instead of at the API server.
 */
import { RunError } from "@pulumi/pulumi";
import { invalid } from "./validation";

const suffixes: Record<string, number> = {
    "": 1, n: 1e-9, u: 1e-6, m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18,
    Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60,
};

/** A non-negative quantity: digits with an optional fraction, then an optional SI, binary-SI or exponent suffix. */
const nonNegativeQuantity = /^\+?(\d+(?:\.\d*)?|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?\d+)?$/;

const accepted = 'a non-negative Kubernetes quantity: a number with an optional suffix (m, k, M, G, T, Ki, Mi, Gi, Ti, …), such as "500m", "2", "4Gi"';

/** Validates a quantity and returns it unchanged. */
export function requireQuantity(field: string, value: unknown): string {
    if (typeof value !== "string" || !nonNegativeQuantity.test(value)) {
        invalid(field, value, accepted);
    }
    return value;
}

/** The numeric value of a validated quantity (cores for cpu, bytes for memory). */
export function quantityValue(quantity: string): number {
    const match = nonNegativeQuantity.exec(quantity);
    if (!match) {
        invalid("quantity", quantity, accepted);
    }
    const [, number, suffix = ""] = match;
    const scale = /^[eE]/.test(suffix) ? 10 ** Number(suffix.slice(1)) : suffixes[suffix];
    return Number(number) * scale;
}

const KiB = 1n << 10n;
const MiB = 1n << 20n;
const GiB = 1n << 30n;
const TiB = 1n << 40n;

/** Each suffix as an exact fraction (multiply, divide), for whole bytes. */
const quantityScale: Readonly<Record<string, readonly [bigint, bigint]>> = {
    "": [1n, 1n], n: [1n, 10n ** 9n], u: [1n, 10n ** 6n], m: [1n, 1000n],
    k: [10n ** 3n, 1n], M: [10n ** 6n, 1n], G: [10n ** 9n, 1n], T: [10n ** 12n, 1n], P: [10n ** 15n, 1n], E: [10n ** 18n, 1n],
    Ki: [KiB, 1n], Mi: [MiB, 1n], Gi: [GiB, 1n], Ti: [TiB, 1n], Pi: [1n << 50n, 1n], Ei: [1n << 60n, 1n],
};

/**
 * A container's memory as a Kubernetes quantity (the grammar of k8s.io/apimachinery
 * `resource.Quantity`: a non-negative decimal number with an optional binary-SI suffix Ki…Ei, a
 * decimal-SI suffix n, u, m, k, M, G, T, P, E, or an exponent e/E), in whole bytes rounded up as
 * `Quantity.Value()` does. "2Gi", "1536Mi", "2.5Gi" (2560 MiB) and "2G" (2·10⁹ bytes) are accepted;
 * "2 Gi", "2GB", "2gi" and "-1Gi" are refused naming `field`.
 */
export function containerMemoryBytes(field: string, quantity: unknown): number {
    const match = typeof quantity === "string" ? nonNegativeQuantity.exec(quantity) : null;
    if (match === null) {
        throw new RunError(`${field}: ${JSON.stringify(quantity)} is not valid; expected a Kubernetes memory quantity ` +
            'such as "2Gi", "1536Mi" or "2.5Gi"');
    }
    const [, number, suffix = ""] = match;
    const [whole, fraction = ""] = number.split(".");
    let numerator = BigInt(`${whole}${fraction}` || "0");
    let denominator = 10n ** BigInt(fraction.length);
    if (/^[eE]/.test(suffix)) {
        const exponent = Number(suffix.slice(1));
        if (Math.abs(exponent) > 30) {
            throw new RunError(`${field}: ${JSON.stringify(quantity)} is not valid; expected a memory size above 0 and below 8 PiB`);
        }
        if (exponent >= 0) numerator *= 10n ** BigInt(exponent);
        else denominator *= 10n ** BigInt(-exponent);
    } else {
        const [multiply, divide] = quantityScale[suffix];
        numerator *= multiply;
        denominator *= divide;
    }
    const bytes = (numerator + denominator - 1n) / denominator;
    if (bytes <= 0n || bytes > BigInt(Number.MAX_SAFE_INTEGER)) {
        throw new RunError(`${field}: ${JSON.stringify(quantity)} is not valid; expected a memory size above 0 and below 8 PiB`);
    }
    return Number(bytes);
}

/**
 * Bytes as the shortest exact Kubernetes binary quantity ("1728Mi", "2Gi", "1953125Ki", or plain
 * bytes): a string the operator turns into exactly these bytes, which a decimal such as "2.5Gi" is
 * not (operator 1.15 FlinkConfigBuilder.java l.438-445 gives "2684354560.0", which Flink's
 * MemorySize.parse refuses).
 */
export function binaryQuantity(bytes: number | bigint): string {
    const value = BigInt(bytes);
    for (const [unit, size] of [["Ti", TiB], ["Gi", GiB], ["Mi", MiB], ["Ki", KiB]] as const) {
        if (value !== 0n && value % size === 0n) return `${value / size}${unit}`;
    }
    return `${value}`;
}

/** Throws unless `lower` ≤ `upper`, naming both fields. */
export function requireNotAbove(lowerField: string, lower: string, upperField: string, upper: string): void {
    if (quantityValue(lower) > quantityValue(upper)) {
        throw new RunError(`${lowerField}: ${JSON.stringify(lower)} is more than ${upperField} ${JSON.stringify(upper)}; a request cannot exceed its limit`);
    }
}
