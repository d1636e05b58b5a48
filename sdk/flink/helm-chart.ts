/**
 * Where a Helm chart the platform installs comes from: a Helm repository (its
 * default, or a mirror of it), an OCI registry, or a chart on local disk (for
 * air-gapped installs). Pure: the result is spread into helm.v4.Chart's args,
 * whose `chart` takes a chart name with `repositoryOpts.repo`, an `oci://`
 * reference with `version`, or a path to a chart directory or `.tgz`, which
 * Helm reads without a version (it is the chart's own).
 */
import { RunError } from "@pulumi/pulumi";
import { invalid } from "./validation";

/** The source fields of a helm.v4.Chart. */
export interface ChartSource {
    /** The chart's name in its repository, an `oci://` reference or a local path. */
    chart: string;
    /** The chart version; absent for a local chart. */
    version?: string;
    /** The Helm repository, for a chart by name. */
    repositoryOpts?: { repo: string };
}

export interface ChartSourceInput {
    /** The component's field path, such as `(f) => \`FlinkOperator: ${f}\``. */
    at: (field: string) => string;
    /** The chart's name in its Helm repository, such as "cert-manager". */
    name: string;
    /** The chart version, and the field it comes from. */
    version: string;
    versionField: string;
    /** The repository used when neither `chart` nor `chartRepository` is given. */
    defaultRepository: string;
    /** The `chart` field (a local path or an `oci://` reference), its path and value. */
    chartField: string;
    chart: string | undefined;
    /** The `chartRepository` field (a mirror of the Helm repository), its path and value. */
    chartRepositoryField: string;
    chartRepository: string | undefined;
}

const urlScheme = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//;
/**
 * `./…`, `../…` or an absolute path (`/…`, `C:\…`). Helm reads any path that exists, but takes a missing
 * one without this prefix for a `<repo>/<chart>` reference and fails on the repository instead of the path.
 */
const localPath = /^(\.\.?[\\/]|\/|[A-Za-z]:[\\/])/;
/** `oci://<registry>/<repository…>/<chart>` without a tag or digest: the version is given apart. */
const ociReference = /^oci:\/\/[^/\s]+(\/[^/\s:@]+)+$/;

/** The chart source: `chart` (local or OCI) or `chartRepository` (never both), else the default repository. */
export function planChartSource(input: ChartSourceInput): ChartSource {
    const { at, name, version, chart, chartField, chartRepository } = input;
    // Other fields named in a message, as the user wrote them (`operator.version` in FlinkPlatform): `at` less its component label.
    const field = (f: string) => at(f).slice(at(f).indexOf(": ") + 2);
    const chartRepositoryField = field(input.chartRepositoryField);
    if (chart === undefined) {
        return { chart: name, version, repositoryOpts: { repo: chartRepository ?? input.defaultRepository } };
    }
    if (chartRepository !== undefined) {
        throw new RunError(`${at(chartField)}: and ${chartRepositoryField} are both set; install from a local chart or an OCI registry (${field(chartField)}) ` +
            `or from a mirror of the Helm repository (${chartRepositoryField}), not both`);
    }
    const ociForm = `oci://<registry>/<path>/${name} without a tag or digest (the chart version is ${field(input.versionField)})`;
    const accepted = `a local chart (a directory or a .tgz) at a path starting with ./, ../ or /, or an OCI reference ${ociForm}; ` +
        `a Helm repository goes in ${chartRepositoryField}`;
    if (typeof chart !== "string" || chart.trim() !== chart) {
        invalid(at(chartField), chart, accepted);
    }
    if (chart.startsWith("oci://")) {
        if (!ociReference.test(chart)) {
            invalid(at(chartField), chart, `an OCI reference ${ociForm}`);
        }
        return { chart, version };
    }
    if (urlScheme.test(chart) || !localPath.test(chart)) {
        invalid(at(chartField), chart, accepted);
    }
    return { chart };
}

