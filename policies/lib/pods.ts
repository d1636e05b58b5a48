/** Every pod a resource creates: Pods, workload pod templates and a FlinkDeployment's JobManager and TaskManager pods. */
import { flinkPods } from "./flink";
import { isFlinkDeployment, isPodWorkload, PodView, workloadPods } from "./k8s";
import { Rec } from "./values";

export function podsOf(type: unknown, props: Rec): PodView[] {
    return isFlinkDeployment(type) ? flinkPods(props) : workloadPods(type, props);
}

/** True for the kinds podsOf finds pods in. */
export function hasPods(type: unknown): boolean {
    return isFlinkDeployment(type) || isPodWorkload(type);
}
