/**
 * Images: a tag that is not `latest` (or a well-formed digest, sha256 or
 * sha512: one definition, lib/images.ts isDigest), an optional registry
 * allow-list, and digests where configured. Applies to containers, init and
 * ephemeral containers, image volumes, FlinkDeployment spec.image and pod
 * template sidecars, and Helm chart values (the operator chart's image, whose
 * default tag is `latest`; `repository`/`tag` pairs in other charts' values).
 */
import { digestForm, hasImages, imagesOf, isDigest, parseImage, repositoryOf } from "../lib/images";
import { resourcePolicy, stringList } from "../lib/policy";
import { isFlinkDeployment } from "../lib/k8s";
import { at, text, texts } from "../lib/values";

interface RegistryConfig {
    allowedRegistries: string[];
}

export const imagePolicies = [
    resourcePolicy({
        name: "image-tag",
        description: "Every image has a tag other than latest, or a well-formed digest (sha256: and 64 lowercase hex digits, or sha512: and 128) "
            + "(Helm chart values included: the operator chart defaults to latest).",
        enforcementLevel: "mandatory",
        appliesTo: hasImages,
        check: ({ type, props }, _config, report) => {
            for (const use of imagesOf(type, props)) {
                const ref = parseImage(use.ref);
                if (ref === undefined) {
                    report(`${use.where}: ${JSON.stringify(use.ref)} is not a valid image reference`);
                } else if (ref.digest !== undefined) {
                    if (!isDigest(ref.digest)) {
                        report(`${use.where}: image ${JSON.stringify(use.ref)} has a malformed digest ${JSON.stringify(ref.digest)} (${digestForm}), `
                            + "so it is pinned to nothing; pin a version tag or a well-formed digest");
                    } // Else pinned by digest; a tag beside it is informational.
                } else if (ref.tag === undefined) {
                    if (use.source !== "chart-values") {
                        report(`${use.where}: image ${JSON.stringify(use.ref)} has no tag, which means latest; pin a version tag or a digest`);
                    }
                } else if (ref.tag.toLowerCase() === "latest") {
                    report(`${use.where}: image ${JSON.stringify(use.ref)} uses the latest tag; pin a version tag or a digest`);
                }
            }
        },
    }),
    resourcePolicy<RegistryConfig>({
        name: "image-registry",
        description: "Images come from an allowed registry or repository prefix (allowedRegistries; empty allows any).",
        enforcementLevel: "mandatory",
        configSchema: {
            properties: {
                allowedRegistries: stringList(
                    "Registry or repository prefixes images may come from, as normalized references: docker.io/library/flink, registry.acme.example. Empty: any.",
                ),
            },
        },
        appliesTo: hasImages,
        check: ({ type, props }, config, report) => {
            const allowed = texts(config.allowedRegistries).map((entry) => entry.replace(/\/+$/, ""));
            if (allowed.length === 0) return;
            for (const use of imagesOf(type, props)) {
                const ref = parseImage(use.ref);
                if (ref === undefined) continue; // image-tag reports it.
                const repository = repositoryOf(ref);
                if (!allowed.some((entry) => repository === entry || repository.startsWith(`${entry}/`))) {
                    report(`${use.where}: image ${JSON.stringify(use.ref)} (${repository}) is not from an allowed registry (${allowed.join(", ")})`);
                }
            }
        },
    }),
    resourcePolicy({
        name: "image-digest",
        description: "Every image is pinned by a well-formed digest (sha256, or sha512; the operator chart: image.digest). "
            + "Other charts' images are checked on their rendered objects.",
        enforcementLevel: "advisory",
        appliesTo: hasImages,
        check: ({ type, props }, _config, report) => {
            if (isFlinkDeployment(type) && text(at(props, "spec", "image")) === undefined) {
                report("spec.image is not set, so Flink runs its default image, which is not pinned by a digest");
            }
            for (const use of imagesOf(type, props)) {
                if (use.source === "chart-values") continue;
                const ref = parseImage(use.ref);
                if (ref?.digest !== undefined && !isDigest(ref.digest)) {
                    report(`${use.where}: image ${JSON.stringify(use.ref)} has a malformed digest ${JSON.stringify(ref.digest)} (${digestForm}), so it is not pinned`);
                } else if (ref === undefined || !isDigest(ref.digest)) {
                    report(`${use.where}: image ${JSON.stringify(use.ref)} is not pinned by a sha256 digest`);
                }
            }
        },
    }),
];
