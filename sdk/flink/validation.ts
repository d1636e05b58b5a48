/**
 * Input validation shared by every component. Each check throws a RunError
 * (which Pulumi prints without a JavaScript stack trace) whose message names
 * the field, the value it got and what it accepts, so that a bad stack config
 * fails at `pulumi preview` with a message a person can act on.
 */
import { isIP } from "node:net";
import { RunError } from "@pulumi/pulumi";
import type * as pulumi from "@pulumi/pulumi";
import { checkEach, checkInput } from "./inputs";

/**
 * Collects the input errors of checks that do not depend on each other, so
 * that one error lists them all: `attempt` runs a check and returns its result,
 * or, when it throws a RunError, keeps the message and returns `fallback` (the
 * value later checks go on with); `throwAny` then throws them as one RunError,
 * each on a line of its own after its label, or a single one as it is.
 */
export class Problems {
    private readonly problems: Problem[] = [];

    /** `label`, when given, goes before the check's message in a list (such as `clusters[1] (team-b/orders)`). */
    attempt<T>(check: () => T, fallback: T, label?: string): T {
        try {
            return check();
        } catch (err) {
            if (!RunError.isInstance(err as object)) throw err;
            // A list from checks of its own joins this list, each problem after the label.
            const found = err instanceof ProblemList ? err.problems : [{ message: (err as Error).message }];
            this.problems.push(...found.map((problem) => ({ ...problem, label: [label, problem.label].filter((l) => l !== undefined).join(": ") || undefined })));
            return fallback;
        }
    }

    /** Keeps a problem found without a check that throws. */
    add(message: string): void {
        this.problems.push({ message });
    }

    /** One problem is thrown after its label too (`clusters[1] (team-b/orders): …`): a cluster's name alone may be in two namespaces. */
    throwAny(): void {
        if (this.problems.length > 0) throw new ProblemList(this.problems);
    }
}

interface Problem {
    message: string;
    label?: string;
}

/** The RunError of problems: one as its line, several as `<n> problems:` and a line for each. */
class ProblemList extends RunError {
    constructor(readonly problems: Problem[]) {
        const line = ({ message, label }: Problem) => `${label === undefined ? "" : `${label}: `}${message}`;
        super(problems.length === 1 ? line(problems[0])
            : `${problems.length} problems:\n${problems.map((problem) => `  - ${line(problem).replace(/\n/g, "\n    ")}`).join("\n")}`);
    }
}

/** Throws the project's standard input error: `<field>: <value> is not valid; expected <accepted>`. */
export function invalid(field: string, value: unknown, accepted: string): never {
    throw new RunError(`${field}: ${JSON.stringify(value)} is not valid; expected ${accepted}`);
}

const dns1123Label = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** A Kubernetes object name that must be a DNS-1123 label (namespaces, services). */
export function requireDnsLabel(field: string, value: unknown): string {
    if (typeof value !== "string" || value.length > 63 || !dns1123Label.test(value)) {
        invalid(field, value, "a DNS-1123 label: at most 63 lowercase letters, digits or '-', starting and ending with a letter or digit");
    }
    return value;
}

const releaseNumber = /^\d+\.\d+\.\d+$/;

/** A release number MAJOR.MINOR.PATCH, such as 1.15.0. */
export function requireReleaseNumber(field: string, value: unknown): string {
    if (typeof value !== "string" || !releaseNumber.test(value)) {
        invalid(field, value, "a release number MAJOR.MINOR.PATCH such as 1.15.0");
    }
    return value;
}

/** A whole number within [min, max]. */
export function requireInteger(field: string, value: unknown, min: number, max = Number.MAX_SAFE_INTEGER): number {
    if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
        invalid(field, value, max === Number.MAX_SAFE_INTEGER ? `a whole number ≥ ${min}` : `a whole number from ${min} to ${max}`);
    }
    return value;
}

/** A TCP/UDP port number. */
export function requirePort(field: string, value: unknown): number {
    return requireInteger(field, value, 1, 65535);
}

/** One of an enum's values (config arrives as plain strings). */
export function requireEnum<T extends string>(field: string, value: unknown, choices: Record<string, T>): T {
    const allowed = Object.values(choices);
    if (!allowed.includes(value as T)) {
        invalid(field, value, `one of ${allowed.map((v) => JSON.stringify(v)).join(", ")}`);
    }
    return value as T;
}

const ipv4Cidr = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}\/(3[0-2]|[12]?\d)$/;
const ipv6Cidr = /^[0-9a-fA-F:]+:[0-9a-fA-F:]*\/(12[0-8]|1[01]\d|[1-9]?\d)$/;

/** An IPv4 or IPv6 CIDR block, as NetworkPolicy ipBlock accepts. */
export function requireCidr(field: string, value: unknown): string {
    if (typeof value !== "string" || !(ipv4Cidr.test(value) || ipv6Cidr.test(value))) {
        invalid(field, value, "a CIDR block such as 10.0.0.0/16 or 172.20.0.1/32");
    }
    return value;
}

/** A fully qualified DNS host name, such as orders.flink.example.com (an Ingress's or an HTTPRoute's host). */
export function requireHostName(field: string, value: unknown): string {
    if (typeof value !== "string" || !/^([a-z0-9]([-a-z0-9]*[a-z0-9])?\.)+[a-z]{2,}$/.test(value)) {
        invalid(field, value, "a fully qualified host name such as orders.flink.example.com");
    }
    return value;
}

/** One IPv4 or IPv6 address, without a prefix length or an IPv6 zone (which an ipBlock cannot hold). */
export function requireIpAddress(field: string, value: unknown, example: string): string {
    if (typeof value !== "string" || isIP(value) === 0 || value.includes("%")) {
        invalid(field, value, `an IPv4 or IPv6 address without a prefix length, such as ${example}`);
    }
    return value;
}

/**
 * A non-empty list of CIDR blocks; the list or its entries may be Outputs, checked once known.
 * `each`, when given, checks a valid CIDR further (such as refusing any address in prod).
 */
export function requireCidrs(
    field: string, cidrs: pulumi.Input<pulumi.Input<string>[]>, each?: (field: string, cidr: string) => void,
): pulumi.Input<pulumi.Input<string>[]> {
    const list = checkInput(cidrs, (known) => {
        if (!Array.isArray(known) || known.length === 0) {
            invalid(field, known, "a list of at least one CIDR block");
        }
        return known;
    });
    return checkEach(list, (cidr, i) => {
        const checked = requireCidr(`${field}[${i}]`, cidr);
        each?.(`${field}[${i}]`, checked);
        return checked;
    });
}

/** Throws when a list holds the same value twice. */
export function requireUnique(field: string, values: readonly string[]): void {
    const seen = new Set<string>();
    for (const value of values) {
        if (seen.has(value)) {
            throw new RunError(`${field}: ${JSON.stringify(value)} is listed more than once; each entry must be unique`);
        }
        seen.add(value);
    }
}

/** Milliseconds per unit of a Flink duration. */
const unitMillis: Record<string, number> = {
    ms: 1, milli: 1, millis: 1, millisecond: 1, milliseconds: 1, s: 1_000, sec: 1_000, secs: 1_000, second: 1_000, seconds: 1_000,
    min: 60_000, minute: 60_000, minutes: 60_000, h: 3_600_000, hour: 3_600_000, hours: 3_600_000, d: 86_400_000, day: 86_400_000, days: 86_400_000,
};

/** Flink's duration format (TimeUtils.parseDuration): a whole number and one of those units, such as "30 s", "1 min", "500 ms". */
const flinkDuration = new RegExp(`^\\d+\\s*(${Object.keys(unitMillis).join("|")})$`);

/** A Flink duration of at least `minMillis`, such as a checkpoint interval (Flink refuses less than 10 ms). */
export function requireDurationAtLeast(field: string, value: unknown, minMillis: number, minText: string): string {
    const duration = requireDuration(field, value);
    if (durationMillis(duration) < minMillis) {
        invalid(field, value, `a Flink duration of at least ${minText}`);
    }
    return duration;
}

/** The milliseconds of a valid Flink duration (from requireDuration). */
export function durationMillis(duration: string): number {
    const [, amount, unit] = /^(\d+)\s*(\w+)$/.exec(duration) as RegExpExecArray;
    return Number(amount) * unitMillis[unit];
}

/** A Flink duration string. */
export function requireDuration(field: string, value: unknown): string {
    if (typeof value !== "string" || !flinkDuration.test(value)) {
        invalid(field, value, 'a Flink duration: a whole number and a unit (ms, s, min, h, d), such as "30 s" or "1 min"');
    }
    return value;
}

/** A number greater than zero (cpu cores may be fractional). */
export function requirePositive(field: string, value: unknown): number {
    if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) {
        invalid(field, value, "a number greater than 0");
    }
    return value;
}
