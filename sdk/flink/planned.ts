/**
 * A plan a component made of the args it gives to a component it creates (FlinkPlatform plans its operator
 * and monitoring with its own checks, so that every problem of a stack comes at once, labelled with the
 * field the user wrote): the created component takes that plan instead of planning the same args again.
 * Kept on the args object under a symbol, not in a module-level cache. Pure.
 */
const plannedKey = Symbol("flink-platform: plan made by the creating component");

/** The args with their plan attached (a non-enumerable property: no field of the args). */
export function withPlan<T extends object, P>(args: T, plan: P): T {
    return Object.defineProperty(args, plannedKey, { value: plan, enumerable: false });
}

/** The plan attached to the args by their creator, if any. */
export function attachedPlan<P>(args: object): P | undefined {
    return (args as { [plannedKey]?: P })[plannedKey];
}
