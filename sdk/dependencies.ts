import * as pulumi from "@pulumi/pulumi";

/**
 * The `dependsOn` a component was given, as a list. The engine does not make a
 * component's children wait for the component's own `dependsOn`, so a component
 * passes it on to the children that must wait.
 */
export function inheritedDependencies(component: string, opts?: pulumi.ComponentResourceOptions): pulumi.Input<pulumi.Resource>[] {
    const dependsOn = opts?.dependsOn;
    if (dependsOn === undefined) {
        return [];
    }
    if (Array.isArray(dependsOn)) {
        return [...dependsOn];
    }
    if (pulumi.Resource.isInstance(dependsOn)) {
        return [dependsOn];
    }
    throw new pulumi.RunError(`${component}: opts.dependsOn must be a resource or a list of resources`);
}
