/**
 * Flink keys of a cluster's `flinkConfiguration` that would stop metrics the
 * platform's alerts read, so that alerts could never fire, without an error:
 * refused with what to set instead. Pure.
 *
 * - `metrics.job.status.enable` (MetricOptions.JOB_STATUS_METRICS, a list of
 *   STATE, CURRENT_TIME, TOTAL_TIME; Flink's default CURRENT_TIME): only
 *   CURRENT_TIME reports `<jobStatus>Time`, such as `runningTime` (Flink
 *   ops/metrics.md, Availability), which FlinkJobNotRunning,
 *   FlinkCheckpointTooOld and FlinkCheckpointsFailing read. A list without it
 *   is refused; STATE and TOTAL_TIME may come along.
 * - `metrics.reporters` (the reporters to start, among those configured; all
 *   by default): a list without `prom`, the platform's Prometheus reporter,
 *   leaves nothing for the PodMonitors to scrape.
 * - `metrics.reporter.prom.filter.includes` / `.filter.excludes` (Flink's
 *   `metrics.reporter.<name>.filter.*`, in both key lists): a filter on the
 *   platform's reporter can drop any metric an alert or dashboard reads.
 *
 * - `metrics.reporter.prom.scope.variables.excludes` (Flink's
 *   `metrics.reporter.<name>.scope.variables.excludes`, in both key lists:
 *   variables the tag-based reporter leaves out of a metric's labels; names
 *   separated by ";", each taken whole, ReporterSetup.getExcludedVariables):
 *   `job_name` and `task_name` are labels the alerts and dashboards group by;
 *   without them every job of a cluster, or every task, adds up to one
 *   series. Other variables may be excluded.
 *
 * Lists as Flink reads them: items separated by ";" (or "," in a YAML flow
 * list such as "[STATE, CURRENT_TIME]"), enum names in any case
 * (ConfigurationUtils.convertToEnum compares upper case).
 */
import { invalid, Problems } from "./validation";

export const jobStatusMetricsKey = "metrics.job.status.enable";
export const reportersKey = "metrics.reporters";
export const promFilterKeys = ["metrics.reporter.prom.filter.includes", "metrics.reporter.prom.filter.excludes"] as const;
export const promExcludedVariablesKey = "metrics.reporter.prom.scope.variables.excludes";
/** The scope variables whose labels the alerts and dashboards group by. */
export const groupedVariables = ["job_name", "task_name"] as const;

function listItems(value: string): string[] {
    return value.trim().replace(/^\[(.*)\]$/s, "$1").split(/[;,]/).map((item) => item.trim().replace(/^["']|["']$/g, "").trim()).filter((item) => item !== "");
}

/** Refuses the keys of `config` that would silence a platform alert; `field` names the map (`FlinkCluster: flinkConfiguration`). */
export function requireAlertedMetrics(field: string, config: Readonly<Record<string, unknown>>): void {
    const problems = new Problems();
    const at = (key: string) => `${field}[${JSON.stringify(key)}]`;
    const statusMetrics = config[jobStatusMetricsKey];
    if (typeof statusMetrics === "string" && !listItems(statusMetrics).some((item) => item.toUpperCase() === "CURRENT_TIME")) {
        problems.attempt(() => invalid(at(jobStatusMetricsKey), statusMetrics,
            'a list that includes CURRENT_TIME, such as "CURRENT_TIME" (Flink\'s default) or "STATE;CURRENT_TIME;TOTAL_TIME": ' +
            "only CURRENT_TIME reports runningTime, which the alerts FlinkJobNotRunning, FlinkCheckpointTooOld and FlinkCheckpointsFailing read"), undefined);
    }
    const reporters = config[reportersKey];
    if (typeof reporters === "string" && !listItems(reporters).includes("prom")) {
        problems.attempt(() => invalid(at(reportersKey), reporters,
            'a list that includes "prom", the platform\'s Prometheus reporter, or no value (every configured reporter): ' +
            "without it nothing is scraped and no alert can fire"), undefined);
    }
    for (const key of promFilterKeys) {
        if (config[key] !== undefined) {
            problems.attempt(() => invalid(at(key), config[key],
                "no value: a filter on the platform's Prometheus reporter can drop the metrics its alerts and dashboards read; " +
                "filter in Prometheus instead (the PodMonitors' metricRelabelings)"), undefined);
        }
    }
    const excluded = config[promExcludedVariablesKey];
    if (typeof excluded === "string" && excluded.split(";").some((name) => (groupedVariables as readonly string[]).includes(name))) {
        problems.attempt(() => invalid(at(promExcludedVariablesKey), excluded,
            `variables other than ${groupedVariables.join(", ")}, separated by ";" (such as "job_id;task_attempt_id"): ` +
            "the alerts and dashboards group by those labels"), undefined);
    }
    problems.throwAny();
}
