import * as assert from "node:assert/strict";
import { requireAlertedMetrics } from "../../sdk/flink/alerted-metrics-keys";
import type { FlinkClusterReference } from "../../sdk/flink/args/cluster";
import { planCluster } from "../../sdk/flink/cluster-plan";
import { planSessionJob } from "../../sdk/flink/session-job-plan";

const field = "FlinkCluster \"orders\": flinkConfiguration";
const statusForm = 'a list that includes CURRENT_TIME, such as "CURRENT_TIME" (Flink\'s default) or "STATE;CURRENT_TIME;TOTAL_TIME": ' +
    "only CURRENT_TIME reports runningTime, which the alerts FlinkJobNotRunning, FlinkCheckpointTooOld and FlinkCheckpointsFailing read";
const reportersForm = 'a list that includes "prom", the platform\'s Prometheus reporter, or no value (every configured reporter): ' +
    "without it nothing is scraped and no alert can fire";

describe("flinkConfiguration keys that would silence a platform alert", () => {
    it("takes job status metrics that include CURRENT_TIME and reporters that include prom, in Flink's list forms", () => {
        for (const value of ["CURRENT_TIME", "current_time", "STATE;CURRENT_TIME", "STATE;CURRENT_TIME;TOTAL_TIME", "[STATE, CURRENT_TIME]", " TOTAL_TIME ; Current_Time "]) {
            requireAlertedMetrics(field, { "metrics.job.status.enable": value });
        }
        for (const value of ["prom", "prom;jmx", "[jmx, prom]"]) requireAlertedMetrics(field, { "metrics.reporters": value });
        requireAlertedMetrics(field, { "pipeline.max-parallelism": "128" });
    });

    it("refuses both at once, naming the key, the value and what to set", () => {
        assert.throws(() => requireAlertedMetrics(field, { "metrics.job.status.enable": "TOTAL_TIME", "metrics.reporters": "jmx" }), {
            message: "2 problems:\n" +
                `  - ${field}["metrics.job.status.enable"]: "TOTAL_TIME" is not valid; expected ${statusForm}\n` +
                `  - ${field}["metrics.reporters"]: "jmx" is not valid; expected ${reportersForm}`,
        });
        for (const value of ["STATE", "STATE;TOTAL_TIME", "[STATE]", ""]) {
            assert.throws(() => requireAlertedMetrics(field, { "metrics.job.status.enable": value }),
                { message: `${field}["metrics.job.status.enable"]: ${JSON.stringify(value)} is not valid; expected ${statusForm}` });
        }
    });

    it("refuses a filter on the platform's Prometheus reporter, and takes one on another reporter", () => {
        const filterForm = "no value: a filter on the platform's Prometheus reporter can drop the metrics its alerts and dashboards read; " +
            "filter in Prometheus instead (the PodMonitors' metricRelabelings)";
        assert.throws(() => requireAlertedMetrics(field, { "metrics.reporter.prom.filter.excludes": "*:numRestarts", "metrics.reporter.prom.filter.includes": "*" }), {
            message: "2 problems:\n" +
                `  - ${field}["metrics.reporter.prom.filter.includes"]: "*" is not valid; expected ${filterForm}\n` +
                `  - ${field}["metrics.reporter.prom.filter.excludes"]: "*:numRestarts" is not valid; expected ${filterForm}`,
        });
        requireAlertedMetrics(field, { "metrics.reporter.jmx.filter.excludes": "*:numRestarts" });
    });

    it("refuses excluding a scope variable the alerts and dashboards group by, and takes others", () => {
        const form = 'variables other than job_name, task_name, separated by ";" (such as "job_id;task_attempt_id"): ' +
            "the alerts and dashboards group by those labels";
        for (const value of ["job_name", "job_id;task_name", "host;job_name;"]) {
            assert.throws(() => requireAlertedMetrics(field, { "metrics.reporter.prom.scope.variables.excludes": value }),
                { message: `${field}["metrics.reporter.prom.scope.variables.excludes"]: ${JSON.stringify(value)} is not valid; expected ${form}` });
        }
        // Flink takes each name whole (ReporterSetup: asVariable), so "<job_name>" or " job_name" excludes nothing the alerts read.
        for (const value of ["job_id;task_attempt_id", "tm_id", "operator_name", "<job_name>"]) {
            requireAlertedMetrics(field, { "metrics.reporter.prom.scope.variables.excludes": value });
        }
        requireAlertedMetrics(field, { "metrics.reporter.jmx.scope.variables.excludes": "job_name" });
    });

    it("is checked on every session job's own flinkConfiguration too", () => {
        const cluster = { deploymentName: "sessions", name: "sessions", namespace: "team-a", session: true, environment: "dev", flinkVersion: "v2_2",
            taskSlots: 2, hasCheckpointDir: true, hasSavepointDir: true, protect: false } as FlinkClusterReference;
        assert.throws(() => planSessionJob(cluster, {
            name: "wordcount", jarURI: "https://repo1.maven.org/maven2/org/apache/flink/flink-examples-streaming/2.2.0/flink-examples-streaming-2.2.0.jar",
            flinkConfiguration: { "metrics.job.status.enable": "TOTAL_TIME" },
        }), { message: `FlinkSessionJob "wordcount": flinkConfiguration["metrics.job.status.enable"]: "TOTAL_TIME" is not valid; expected ${statusForm}` });
    });

    it("is checked on every FlinkCluster", () => {
        assert.throws(() => planCluster({ namespace: "team-a", name: "orders", flinkConfiguration: { "metrics.job.status.enable": "STATE;TOTAL_TIME" } }),
            { message: `${field}["metrics.job.status.enable"]: "STATE;TOTAL_TIME" is not valid; expected ${statusForm}` });
    });
});
