import * as assert from "node:assert/strict";
import { container, digest, flinkDeployment, pod, podSpec, types } from "./fixtures";
import { messages, TestResource } from "./runner";

function chart(chart: string, values: Record<string, unknown>): TestResource {
    return { type: types.chart, inputs: { chart, version: "1.0.0", namespace: "ops", values } };
}

const images = (...refs: string[]) => pod(podSpec({ containers: refs.map((image, i) => container(`c${i}`, { image })) }));

describe("policies: images", () => {
    it("image-tag: passes version tags and digests, in pods, FlinkDeployments and chart values", async () => {
        const resources = [
            pod(),
            images("nginx:1.27.3", `nginx@${digest}`, "registry.acme.example:5000/team/app:2.0"),
            flinkDeployment(),
            chart("flink-kubernetes-operator", { image: { repository: "apache/flink-kubernetes-operator", tag: "1.15.0" } }),
            chart("flink-kubernetes-operator", { image: { digest } }),
            chart("cert-manager", { image: { repository: "quay.io/jetstack/cert-manager-controller" } }),
        ];
        assert.deepEqual(await messages("image-tag", resources), []);
    });

    it("image-tag: reports no tag, latest and malformed references wherever an image is set", async () => {
        const spec = podSpec({
            initContainers: [container("setup", { image: "busybox:LATEST" })],
            containers: [container("web", { image: "nginx" }), container("app", { image: "registry.acme.example:5000/team/app" })],
            ephemeralContainers: [{ name: "debug", image: "not a reference" }],
            volumes: [{ name: "model", image: { reference: "models/llm:latest" } }],
        });
        assert.deepEqual(await messages("image-tag", pod(spec)), [
            'pod: init container "setup": image "busybox:LATEST" uses the latest tag; pin a version tag or a digest',
            'pod: container "web": image "nginx" has no tag, which means latest; pin a version tag or a digest',
            'pod: container "app": image "registry.acme.example:5000/team/app" has no tag, which means latest; pin a version tag or a digest',
            'pod: ephemeral container "debug": "not a reference" is not a valid image reference',
            'pod: volume "model": image "models/llm:latest" uses the latest tag; pin a version tag or a digest',
        ]);
    });

    it("image-tag and image-digest: one definition of a digest, sha256 with 64 lowercase hex digits or sha512 with 128", async () => {
        const sha512 = `sha512:${"b".repeat(128)}`;
        const wellFormed = images(`nginx@${digest}`, `nginx:1.27.3@${digest}`, `registry.acme.example/app@${sha512}`);
        assert.deepEqual(await messages("image-tag", wellFormed), []);
        assert.deepEqual(await messages("image-digest", wellFormed), []);
        const malformed = images(
            "nginx@sha256:123456",
            `nginx:1.27.3@sha256:${"A".repeat(64)}`,
            `nginx@sha512:${"b".repeat(64)}`,
            `nginx@md5:${"c".repeat(32)}`,
        );
        const form = "(sha256: and 64 lowercase hex digits, or sha512: and 128)";
        assert.deepEqual(await messages("image-tag", malformed), [
            `pod: container "c0": image "nginx@sha256:123456" has a malformed digest "sha256:123456" ${form}, so it is pinned to nothing; `
                + "pin a version tag or a well-formed digest",
            `pod: container "c1": image "nginx:1.27.3@sha256:${"A".repeat(64)}" has a malformed digest "sha256:${"A".repeat(64)}" ${form}, so it is pinned to nothing; `
                + "pin a version tag or a well-formed digest",
            `pod: container "c2": image "nginx@sha512:${"b".repeat(64)}" has a malformed digest "sha512:${"b".repeat(64)}" ${form}, so it is pinned to nothing; `
                + "pin a version tag or a well-formed digest",
            `pod: container "c3": image "nginx@md5:${"c".repeat(32)}" has a malformed digest "md5:${"c".repeat(32)}" ${form}, so it is pinned to nothing; `
                + "pin a version tag or a well-formed digest",
        ]);
        assert.deepEqual(await messages("image-digest", malformed), [
            `pod: container "c0": image "nginx@sha256:123456" has a malformed digest "sha256:123456" ${form}, so it is not pinned`,
            `pod: container "c1": image "nginx:1.27.3@sha256:${"A".repeat(64)}" has a malformed digest "sha256:${"A".repeat(64)}" ${form}, so it is not pinned`,
            `pod: container "c2": image "nginx@sha512:${"b".repeat(64)}" has a malformed digest "sha512:${"b".repeat(64)}" ${form}, so it is not pinned`,
            `pod: container "c3": image "nginx@md5:${"c".repeat(32)}" has a malformed digest "md5:${"c".repeat(32)}" ${form}, so it is not pinned`,
        ]);
        // The operator chart's image.digest is held to the same definition.
        assert.deepEqual(await messages("image-tag", chart("flink-kubernetes-operator", { image: { digest: "sha256:abc" } })), [
            `values.image: image "ghcr.io/apache/flink-kubernetes-operator@sha256:abc" has a malformed digest "sha256:abc" ${form}, so it is pinned to nothing; `
                + "pin a version tag or a well-formed digest",
        ]);
    });

    it("image-tag: FlinkDeployment spec.image and template sidecars (the main container's image is replaced by spec.image)", async () => {
        const resource = flinkDeployment({
            spec: {
                image: "flink:latest",
                taskManager: { podTemplate: { spec: { containers: [{ name: "flink-main-container", image: "ignored:latest" }, { name: "logs", image: "fluent-bit" }] } } },
            },
        });
        assert.deepEqual(await messages("image-tag", resource), [
            'spec.image: image "flink:latest" uses the latest tag; pin a version tag or a digest',
            'spec.taskManager.podTemplate: container "logs": image "fluent-bit" has no tag, which means latest; pin a version tag or a digest',
        ]);
    });

    it("image-tag: Helm values: the operator chart defaults image.tag to latest; explicit latest tags in other charts", async () => {
        assert.deepEqual(await messages("image-tag", chart("flink-kubernetes-operator", {})), [
            'values.image: image "ghcr.io/apache/flink-kubernetes-operator:latest" uses the latest tag; pin a version tag or a digest',
        ]);
        assert.deepEqual(await messages("image-tag", chart("oci://ghcr.io/apache/flink-kubernetes-operator", { image: { tag: "latest" } })), [
            'values.image: image "ghcr.io/apache/flink-kubernetes-operator:latest" uses the latest tag; pin a version tag or a digest',
        ]);
        const certManager = chart("cert-manager", { webhook: { image: { registry: "quay.io", repository: "jetstack/cert-manager-webhook", tag: "latest" } } });
        assert.deepEqual(await messages("image-tag", certManager), [
            'values.webhook.image: image "quay.io/jetstack/cert-manager-webhook:latest" uses the latest tag; pin a version tag or a digest',
        ]);
    });

    it("image-registry: only allowed registries or repository prefixes; an empty list allows any", async () => {
        const allowedRegistries = ["docker.io/library/flink", "registry.acme.example"];
        assert.deepEqual(await messages("image-registry", [pod(), flinkDeployment()], { allowedRegistries }), []);
        assert.deepEqual(await messages("image-registry", images("nginx:1.27", "registry.acme.example.evil.com/app:1"), { allowedRegistries }), [
            'pod: container "c0": image "nginx:1.27" (docker.io/library/nginx) is not from an allowed registry (docker.io/library/flink, registry.acme.example)',
            'pod: container "c1": image "registry.acme.example.evil.com/app:1" (registry.acme.example.evil.com/app) is not from an allowed registry '
                + "(docker.io/library/flink, registry.acme.example)",
        ]);
        assert.deepEqual(await messages("image-registry", images("nginx:1.27")), []);
        assert.deepEqual(await messages("image-registry", chart("flink-kubernetes-operator", { image: { tag: "1.15.0" } }), { allowedRegistries }), [
            'values.image: image "ghcr.io/apache/flink-kubernetes-operator:1.15.0" (ghcr.io/apache/flink-kubernetes-operator) is not from an allowed registry '
                + "(docker.io/library/flink, registry.acme.example)",
        ]);
    });

    it("image-digest: every image pinned by a sha256 digest, the operator chart's image.digest included", async () => {
        assert.deepEqual(await messages("image-digest", [pod(), flinkDeployment(), chart("flink-kubernetes-operator", { image: { digest } })]), []);
        assert.deepEqual(await messages("image-digest", images("nginx:1.27", "nginx@sha256:abc")), [
            'pod: container "c0": image "nginx:1.27" is not pinned by a sha256 digest',
            'pod: container "c1": image "nginx@sha256:abc" has a malformed digest "sha256:abc" (sha256: and 64 lowercase hex digits, or sha512: and 128), so it is not pinned',
        ]);
        assert.deepEqual(await messages("image-digest", chart("flink-kubernetes-operator", { image: { repository: "apache/flink-kubernetes-operator", tag: "1.15.0" } })), [
            'values.image: image "apache/flink-kubernetes-operator:1.15.0" is not pinned by a sha256 digest',
        ]);
        assert.deepEqual(await messages("image-digest", flinkDeployment({ spec: { image: undefined } })), [
            "spec.image is not set, so Flink runs its default image, which is not pinned by a digest",
        ]);
        assert.deepEqual(await messages("image-digest", chart("cert-manager", { image: { tag: "v1.19.1", repository: "quay.io/jetstack/cert-manager-controller" } })), [],
            "other charts' images are checked on their rendered Deployments");
    });
});
