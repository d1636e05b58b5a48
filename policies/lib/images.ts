/** Container image references: parsing, and every image a resource runs (pods, FlinkDeployments, Helm chart values). */
import { chartName, containersOf, isFlinkDeployment, isHelmChart, PodView, workloadPods } from "./k8s";
import { flinkMainContainer, flinkTemplates } from "./flink";
import { hasPods } from "./pods";
import { at, isRec, Rec, rec, recs, text } from "./values";

export interface ImageRef {
    /** "docker.io", "ghcr.io", "registry.acme.example:5000". */
    registry: string;
    /** Repository path; Docker Hub official images get "library/". */
    path: string;
    tag?: string;
    digest?: string;
}

/** Parses `[registry/]path[:tag][@digest]` the way container runtimes do; undefined for an empty or malformed reference. */
export function parseImage(raw: string): ImageRef | undefined {
    const value = raw.trim();
    if (value === "" || /\s/.test(value)) {
        return undefined;
    }
    const atSign = value.indexOf("@");
    const nameTag = atSign < 0 ? value : value.slice(0, atSign);
    const digest = atSign < 0 ? undefined : value.slice(atSign + 1);
    const slash = nameTag.lastIndexOf("/");
    const colon = nameTag.lastIndexOf(":");
    const tag = colon > slash ? nameTag.slice(colon + 1) : undefined;
    const name = colon > slash ? nameTag.slice(0, colon) : nameTag;
    if (name === "" || name.startsWith("/") || name.endsWith("/")) {
        return undefined;
    }
    const parts = name.split("/");
    const hasRegistry = parts.length > 1 && (parts[0].includes(".") || parts[0].includes(":") || parts[0] === "localhost");
    let registry = hasRegistry ? parts[0] : "docker.io";
    if (registry === "index.docker.io" || registry === "registry-1.docker.io") {
        registry = "docker.io";
    }
    let path = hasRegistry ? parts.slice(1).join("/") : name;
    if (registry === "docker.io" && !path.includes("/")) {
        path = `library/${path}`;
    }
    return { registry, path, ...(tag === undefined ? {} : { tag }), ...(digest === undefined ? {} : { digest }) };
}

/** "docker.io/library/flink" for "flink:2.2.1". */
export function repositoryOf(ref: ImageRef): string {
    return `${ref.registry}/${ref.path}`;
}

/**
 * A well-formed digest of a registered algorithm, the one definition image-tag and image-digest share: `sha256:`
 * and 64 lowercase hex digits, or `sha512:` and 128 (OCI image spec, descriptor.md, "Registered algorithms":
 * "the encoded portion MUST match /[a-f0-9]{64}/" for sha256 and "/[a-f0-9]{128}/" for sha512, "[A-F] MUST NOT be
 * used"). Other algorithms fit the spec's grammar but are unregistered, and runtimes refuse them.
 */
export function isDigest(value: string | undefined): boolean {
    return value !== undefined && /^(?:sha256:[0-9a-f]{64}|sha512:[0-9a-f]{128})$/.test(value);
}

/** What a digest must be, for messages. */
export const digestForm = "sha256: and 64 lowercase hex digits, or sha512: and 128";

/** One image a resource runs, and where it is set. */
export interface ImageUse {
    /** `pod template: container "app"`, `spec.image`, `values.image`, … */
    where: string;
    /** The reference as written (for charts: assembled from repository, tag and digest). */
    ref: string;
    /**
     * pod: a container or image volume; chart: an image of a chart whose
     * defaults the pack knows (the operator chart); chart-values: a
     * repository in another chart's values, whose default tag is the chart's.
     */
    source: "pod" | "chart" | "chart-values";
}

function podImages(pod: PodView, prefix: string, skipMain: boolean): ImageUse[] {
    const uses: ImageUse[] = [];
    for (const view of containersOf(pod.spec)) {
        if (skipMain && view.kind === "container" && view.name === flinkMainContainer) {
            continue; // Flink replaces its image with spec.image.
        }
        const image = text(view.container.image);
        if (image !== undefined) {
            uses.push({ where: `${prefix}${view.label}`, ref: image, source: "pod" });
        }
    }
    for (const volume of recs(pod.spec.volumes)) {
        const image = text(at(volume, "image", "reference"));
        if (image !== undefined) {
            uses.push({ where: `${prefix}volume ${JSON.stringify(text(volume.name) ?? "")}`, ref: image, source: "pod" });
        }
    }
    return uses;
}

/** The operator chart's image values (chart flink-kubernetes-operator): repository, tag (default "latest") and digest. */
export const operatorChart = { name: "flink-kubernetes-operator", repository: "ghcr.io/apache/flink-kubernetes-operator", tag: "latest" };

function operatorChartImage(values: Rec): ImageUse {
    const image = rec(values.image);
    const repository = text(image.repository) ?? operatorChart.repository;
    const digest = text(image.digest);
    const tag = text(image.tag) ?? operatorChart.tag;
    // The chart pulls by digest when one is set, else by tag.
    return { where: "values.image", ref: digest !== undefined ? `${repository}@${digest}` : `${repository}:${tag}`, source: "chart" };
}

/** Objects with a string `repository` anywhere in other charts' values (image.repository, webhook.image.repository, …). */
function genericChartImages(values: unknown, path: string, depth: number, uses: ImageUse[]): void {
    if (depth > 12) {
        return;
    }
    if (Array.isArray(values)) {
        values.forEach((element, index) => genericChartImages(element, `${path}[${index}]`, depth + 1, uses));
        return;
    }
    if (!isRec(values)) {
        return;
    }
    const repository = text(values.repository);
    if (repository !== undefined && (values.tag !== undefined || values.digest !== undefined || /image/i.test(path))) {
        const registry = text(values.registry);
        const tag = text(values.tag);
        const digest = text(values.digest);
        const ref = `${registry === undefined ? "" : `${registry.replace(/\/+$/, "")}/`}${repository}${tag === undefined ? "" : `:${tag}`}${digest === undefined ? "" : `@${digest}`}`;
        uses.push({ where: path, ref, source: "chart-values" });
    }
    for (const [key, value] of Object.entries(values)) {
        if (isRec(value) || Array.isArray(value)) {
            genericChartImages(value, `${path}.${key}`, depth + 1, uses);
        }
    }
}

/** Every image a resource runs or pulls, with where it is set. */
/** True for the kinds imagesOf finds images in. */
export function hasImages(type: unknown): boolean {
    return hasPods(type) || isHelmChart(type);
}

export function imagesOf(type: unknown, props: Rec): ImageUse[] {
    if (isFlinkDeployment(type)) {
        const spec = rec(props.spec);
        const uses: ImageUse[] = [];
        const image = text(spec.image);
        if (image !== undefined) {
            uses.push({ where: "spec.image", ref: image, source: "pod" });
        }
        for (const template of flinkTemplates(spec)) {
            uses.push(...podImages({ where: template.field, metadata: rec(template.template.metadata), spec: rec(template.template.spec) }, `${template.field}: `, true));
        }
        return uses;
    }
    if (isHelmChart(type)) {
        const values = rec(props.values);
        if (chartName(props) === operatorChart.name) {
            return [operatorChartImage(values)];
        }
        const uses: ImageUse[] = [];
        genericChartImages(values, "values", 0, uses);
        return uses;
    }
    return workloadPods(type, props).flatMap((pod) => podImages(pod, `${pod.where}: `, false));
}

