/**
 * Values that may be `pulumi.Input`s (a bucket name, a role ARN, an image that
 * comes from another resource or stack) in the pure layer. A plain value is
 * checked at once, so bad input fails where it is written; an Output is checked
 * once its value is known, with the same message (a RunError, which Pulumi
 * prints without a stack trace), and the check then fails every resource that
 * uses the value; an unknown value (at preview) is not checked. Everything
 * derived from plain values stays plain. No resources.
 */
import * as pulumi from "@pulumi/pulumi";

/** A Flink configuration map whose values, or the map as a whole, may still be Outputs. */
export type ConfigInput = pulumi.Input<Record<string, pulumi.Input<string>>>;

/** Whether a value is here now: neither an Output nor a Promise. */
export function isPlain<T>(value: pulumi.Input<T>): value is T {
    return !pulumi.Output.isInstance(value) && !(value instanceof Promise);
}

/** The check's own message, as a RunError: an error in an apply callback otherwise prints its JavaScript stack. */
function runError(err: unknown): unknown {
    return err instanceof Error && !pulumi.RunError.isInstance(err as object) ? new pulumi.RunError((err as Error).message) : err;
}

/** `fn(value)` once a value that is not plain is known, its errors as RunErrors. An Output's own apply: pulumi.output() would wrap it in one more Output first. */
function whenKnown<T, R>(value: pulumi.Input<T>, fn: (known: T) => R): pulumi.Output<R> {
    const output = pulumi.Output.isInstance(value) ? value : pulumi.output(value);
    return (output as pulumi.Output<unknown>).apply((known) => {
        try {
            return fn(known as T);
        } catch (err) {
            throw runError(err);
        }
    }) as pulumi.Output<R>;
}

/** `check(value)` now when the value is plain, else once it is known. */
export function checkInput<T, R>(value: pulumi.Input<T>, check: (value: T) => R): pulumi.Input<R> {
    return isPlain(value) ? check(value) : whenKnown(value, check);
}

/** `derive(...values)` now when every value is plain, else once all of them are known. */
export function combine<T extends unknown[], R>(values: { [K in keyof T]: pulumi.Input<T[K]> }, derive: (...values: T) => R): pulumi.Input<R> {
    const inputs = values as pulumi.Input<unknown>[];
    return inputs.every((value) => isPlain(value))
        ? derive(...(values as unknown as T))
        : whenKnown(pulumi.all(inputs), (known) => derive(...(known as unknown as T)));
}

/** A string template over Inputs: a plain string when every value is plain, else an Output. */
export function text(strings: TemplateStringsArray, ...values: pulumi.Input<string | number>[]): pulumi.Input<string> {
    return combine(values, (...known: (string | number)[]) => strings.reduce((joined, part, i) => joined + String(known[i - 1]) + part));
}

/** The maps merged left to right (later keys win), plain when every map is. */
export function mergeConfig(...maps: ConfigInput[]): ConfigInput {
    return combine(maps, (...known: Record<string, pulumi.Input<string>>[]) => Object.assign({}, ...known));
}

/** Each element through `map`, the list itself possibly an Output. */
export function mapInput<T, R>(list: pulumi.Input<pulumi.Input<T>[]>, map: (value: pulumi.Input<T>) => R): pulumi.Input<R[]> {
    return isPlain(list) ? list.map(map) : whenKnown(list, (known) => known.map(map));
}

/** Each element through `check` (with its index), the list itself possibly an Output. */
export function checkEach<T, R>(list: pulumi.Input<pulumi.Input<T>[]>, check: (value: T, index: number) => R): pulumi.Input<pulumi.Input<R>[]> {
    if (isPlain(list)) {
        return list.map((value, i) => checkInput(value, (known) => check(known, i)));
    }
    return whenKnown(list as pulumi.Input<T[]>, (known) => known.map(check));
}
