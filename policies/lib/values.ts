/**
 * Defensive readers for resource properties. Policies see whatever a program
 * registered: a field can be missing, null, a number where a string belongs
 * ("numbers as strings"), or an array where an object belongs. Every policy
 * reads props through these functions and never indexes an unknown value
 * directly, so a malformed resource produces a violation or passes, never a
 * TypeError.
 */

export type Rec = Record<string, unknown>;

/** True for a non-null, non-array object. */
export function isRec(value: unknown): value is Rec {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The value when it is an object, else an empty object. */
export function rec(value: unknown): Rec {
    return isRec(value) ? value : {};
}

/** The value when it is an array, else an empty array. */
export function list(value: unknown): unknown[] {
    return Array.isArray(value) ? value : [];
}

/** The object elements of an array (other elements are skipped). */
export function recs(value: unknown): Rec[] {
    return list(value).filter(isRec);
}

/** A string, or a finite number or boolean as its string; undefined for anything else (and for ""). */
export function text(value: unknown): string | undefined {
    if (typeof value === "string") {
        return value === "" ? undefined : value;
    }
    if ((typeof value === "number" && Number.isFinite(value)) || typeof value === "boolean") {
        return String(value);
    }
    return undefined;
}

/** The string elements of an array (numbers and booleans as strings). */
export function texts(value: unknown): string[] {
    return list(value).map(text).filter((v): v is string => v !== undefined);
}

/** The string elements of an array, empty strings included (RBAC's core API group is ""). */
export function strings(value: unknown): string[] {
    return list(value).filter((v): v is string => typeof v === "string");
}

/** A finite number, or a string holding one ("8080", " 0 "). */
export function num(value: unknown): number | undefined {
    if (typeof value === "number") {
        return Number.isFinite(value) ? value : undefined;
    }
    if (typeof value === "string" && value.trim() !== "") {
        const n = Number(value.trim());
        return Number.isFinite(n) ? n : undefined;
    }
    return undefined;
}

/** true, or the string "true" in any case. */
export function isTrue(value: unknown): boolean {
    return value === true || (typeof value === "string" && value.trim().toLowerCase() === "true");
}

/** false, or the string "false" in any case. */
export function isFalse(value: unknown): boolean {
    return value === false || (typeof value === "string" && value.trim().toLowerCase() === "false");
}

/** Reads a dotted path of object keys: `at(props, "spec", "template", "spec")`. */
export function at(value: unknown, ...path: string[]): unknown {
    let current = value;
    for (const key of path) {
        if (!isRec(current)) {
            return undefined;
        }
        current = current[key];
    }
    return current;
}

/** `"a", "b", "c"`: the values JSON-quoted, comma-separated. */
export function quoted(values: Iterable<string>): string {
    return [...values].map((v) => JSON.stringify(v)).join(", ");
}

/** Unique values in first-seen order. */
export function unique<T>(values: Iterable<T>): T[] {
    return [...new Set(values)];
}

/**
 * Matches `value` against a pattern where `*` stands for any characters
 * (`"cert-manager-*"` matches every cert-manager ClusterRole); everything else is literal.
 */
export function globMatch(pattern: string, value: string): boolean {
    const escaped = pattern.split("*").map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"));
    return new RegExp(`^${escaped.join(".*")}$`).test(value);
}

export function matchesAny(patterns: readonly string[], value: string): boolean {
    return patterns.some((pattern) => globMatch(pattern, value));
}
