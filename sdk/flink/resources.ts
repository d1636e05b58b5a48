/** Container requests and limits: validation, defaults and the Kubernetes shape. Pure. */
import type { ContainerResourcesArgs } from "./args/namespace";
import { requireNotAbove, requireQuantity } from "./quantity";

export interface ContainerResourceValues {
    cpuRequest: string;
    memoryRequest: string;
    cpuLimit: string;
    memoryLimit: string;
}

/** Fills `given` from `defaults`, validates each quantity and that no request exceeds its limit. `field` prefixes errors. */
export function resolveContainerResources(field: string, given: ContainerResourcesArgs | undefined, defaults: ContainerResourceValues): ContainerResourceValues {
    const values = { ...defaults, ...given };
    for (const key of ["cpuRequest", "memoryRequest", "cpuLimit", "memoryLimit"] as const) {
        requireQuantity(`${field}.${key}`, values[key]);
    }
    requireNotAbove(`${field}.cpuRequest`, values.cpuRequest, "cpuLimit", values.cpuLimit);
    requireNotAbove(`${field}.memoryRequest`, values.memoryRequest, "memoryLimit", values.memoryLimit);
    return values;
}

/** The `resources` field of a container. */
export function resourceRequirements(values: ContainerResourceValues) {
    return {
        requests: { cpu: values.cpuRequest, memory: values.memoryRequest },
        limits: { cpu: values.cpuLimit, memory: values.memoryLimit },
    };
}
