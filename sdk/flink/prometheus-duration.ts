/**
 * Prometheus durations, read exactly as Prometheus reads them: rule `for:`,
 * range selectors (`[15m]`) and `--storage.tsdb.retention.time` all go through
 * `model.ParseDuration` of github.com/prometheus/common (model/time.go), which
 * accepts "0" and otherwise whole numbers each followed by a unit, the units in
 * decreasing order y, w, d, h, m, s, ms, each at most once ("1h30m", "90s",
 * "1d12h"); "30s1m", "1h1h", "10d1d", "1.5h" and "5 m" are refused. A duration
 * Prometheus refuses makes it reject the whole rule file, and prometheus-operator
 * then drops the whole PrometheusRule without an error, so the check is here, at preview.
 * Pure.
 */
import { invalid } from "./validation";

/** prometheus/common model/time.go `durationRE`, unchanged. */
const durationRE = /^(([0-9]+)y)?(([0-9]+)w)?(([0-9]+)d)?(([0-9]+)h)?(([0-9]+)m)?(([0-9]+)s)?(([0-9]+)ms)?$/;

/** Milliseconds per unit, in durationRE's group order (a year is 365 days, as in Prometheus). */
const unitMillis = [365 * 86_400_000, 7 * 86_400_000, 86_400_000, 3_600_000, 60_000, 1_000, 1];

export const prometheusDurationForm =
    'a Prometheus duration: whole numbers each followed by a unit, the units in the order y, w, d, h, m, s, ms and each at most once, such as "5m", "90s" or "1h30m"';

/** A Prometheus duration in milliseconds; undefined when Prometheus would refuse it (or it exceeds what JavaScript counts exactly). */
export function prometheusDurationMs(text: string): number | undefined {
    if (text === "0") return 0;
    if (text === "") return undefined;
    const match = durationRE.exec(text);
    if (match === null) return undefined;
    let total = 0;
    unitMillis.forEach((millis, i) => {
        const amount = match[2 * i + 2];
        if (amount !== undefined) total += Number(amount) * millis;
    });
    return Number.isSafeInteger(total) ? total : undefined;
}

/** Whether `value` is a Prometheus duration longer than zero (a zero window or `for:` means none). */
export function isPositivePrometheusDuration(value: unknown): value is string {
    return typeof value === "string" && (prometheusDurationMs(value) ?? 0) > 0;
}

/** A Prometheus duration longer than zero. */
export function requirePrometheusDuration(field: string, value: unknown): string {
    if (!isPositivePrometheusDuration(value)) {
        invalid(field, value, `${prometheusDurationForm}, longer than 0`);
    }
    return value;
}

/** Milliseconds as the shortest Prometheus duration that reads them back exactly (units d, h, m, s, ms), such as "1h30m"; 0 as "0". */
export function formatPrometheusDuration(millis: number): string {
    if (!Number.isSafeInteger(millis) || millis < 0) {
        throw new RangeError(`not a duration in milliseconds: ${millis}`);
    }
    if (millis === 0) return "0";
    let rest = millis;
    let text = "";
    for (const [unit, size] of [["d", 86_400_000], ["h", 3_600_000], ["m", 60_000], ["s", 1_000], ["ms", 1]] as const) {
        const amount = Math.floor(rest / size);
        if (amount > 0) text += `${amount}${unit}`;
        rest -= amount * size;
    }
    return text;
}
