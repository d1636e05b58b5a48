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

/** Throws unless `lower` ≤ `upper`, naming both fields. */
export function requireNotAbove(lowerField: string, lower: string, upperField: string, upper: string): void {
    if (quantityValue(lower) > quantityValue(upper)) {
        throw new RunError(`${lowerField}: ${JSON.stringify(lower)} is more than ${upperField} ${JSON.stringify(upper)}; a request cannot exceed its limit`);
    }
}
