// The engine's protocol, not only our emulation of it (issue 16). tests/policies/runner.ts plays the
// engine's part by hand, calling the pack's policies in this process. Here the packed pack, installed as
// the CLI installs a published pack and started by Pulumi's own policy pack runner, is driven over the
// analyzer gRPC protocol as the engine drives it: ConfigureStack, GetAnalyzerInfo, Configure with a config
// file's values as the CLI reconciles them, Remediate and Analyze on each resource's inputs, AnalyzeStack on
// the whole stack, with properties marshalled as the engine marshals them (unknowns as the sentinel string,
// secrets in the signature object). Its diagnostics must be exactly what the emulation reports.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { unknownValue } from "@pulumi/pulumi/runtime/rpc";
import { policies } from "../../policies/policies";
import { RegisteredResource, runProgram } from "../harness/mocks";
import { insecureProgram } from "../policies/insecure-program";
import { envConfig, evaluatePack, packName, packVersion } from "../policies/runner";
import { stacks } from "../stack-cases";
import { pack } from "./install";
import { AnalyzerClient, Diagnostic, engineResources, installPolicyPack, PolicyPackProcess, startPolicyPack } from "./policy-pack-process";

interface Case {
    label: string;
    /** policies/config/<env>.json. */
    env: string;
    stack: string;
    resources: () => Promise<RegisteredResource[]>;
    /** What else the findings over gRPC must show. */
    check?: (resources: RegisteredResource[], findings: Finding[]) => void;
}

/** A finding, as the engine shows it and as the emulation reports it. */
interface Finding {
    policy: string;
    level: string;
    message: string;
    urn?: string;
}

const types = {
    secret: "kubernetes:core/v1:Secret",
    pod: "kubernetes:core/v1:Pod",
    flinkDeployment: "kubernetes:flink.apache.org/v1beta1:FlinkDeployment",
};

/** `resources` with `change` applied to a copy of the one of that type and name (which must be there). */
function changed(resources: RegisteredResource[], type: string, name: string, change: (resource: RegisteredResource) => void): RegisteredResource[] {
    const index = resources.findIndex((r) => r.type === type && r.name === name);
    assert.ok(index >= 0, `no ${type} named ${name}`);
    const copy = { ...resources[index], inputs: structuredClone(resources[index].inputs), secretInputs: [...resources[index].secretInputs] };
    change(copy);
    return resources.map((r, i) => (i === index ? copy : r));
}

function stackResources(label: string): () => Promise<RegisteredResource[]> {
    const stack = stacks.find((s) => s.label === label);
    if (stack === undefined) throw new Error(`no stack case ${label}`);
    return async () => (await stack.run()).resources;
}

const cases: Case[] = [
    { label: "the dev stack", env: "dev", stack: "dev", resources: stackResources("dev") },
    {
        label: "the prod stack in its first preview (the webhook keystore's password, a secret, not known yet)",
        env: "prod",
        stack: "prod",
        // RandomPassword.result is computed by the random provider, so unknown until the password exists;
        // the mocks, whose outputs are the inputs, leave it out. sdk/operator.ts puts it in the keystore
        // Secret's stringData.password, a secret input: the engine sends a secret holding an unknown.
        resources: async () => changed(await stackResources("prod")(), types.secret, "flink-operator-webhook-keystore", (secret) => {
            assert.deepEqual(secret.secretInputs, ["stringData"]);
            secret.inputs.stringData = { ...secret.inputs.stringData, password: unknownValue };
        }),
    },
    {
        label: "the deliberately insecure program in a preview (the pod's image an unknown output, the FlinkDeployment's spec a secret)",
        env: "prod",
        stack: "prod",
        resources: async () => {
            const { resources } = await runProgram(insecureProgram, { stack: "prod" });
            // As if the image came from an image build in the same program (unknown until it is built)...
            const withUnknown = changed(resources, types.pod, "privileged", (pod) => {
                pod.inputs.spec.containers[0].image = unknownValue;
            });
            // ...and the S3 keys from `config.requireSecret` (the SDK marks the whole top-level input secret).
            return changed(withUnknown, types.flinkDeployment, "leaky", (deployment) => {
                deployment.secretInputs.push("spec");
            });
        },
        check: (resources, findings) => {
            // The unknown image reached the policies that read it: each reports "can't run … during preview", advisory.
            const pod = resources.find((r) => r.type === types.pod)!;
            assert.ok(findings.some((f) => f.urn === pod.urn && f.level === "advisory" && f.message.startsWith("can't run policy ")), "a policy read the unknown image");
            // The secret spec reached the policies unwrapped: its plain-text keys are still found.
            const deployment = resources.find((r) => r.type === types.flinkDeployment)!;
            assert.ok(findings.some((f) => f.urn === deployment.urn && f.policy === "flink-no-credentials"), "the secret spec was checked");
        },
    },
];

function sorted(findings: Finding[]): Finding[] {
    const key = (f: Finding) => JSON.stringify([f.policy, f.urn ?? "", f.message, f.level]);
    return [...findings].sort((a, b) => key(a).localeCompare(key(b)));
}

describe("the packed policy pack over the analyzer gRPC protocol the engine uses, against the emulation", function () {
    this.timeout(5 * 60_000);

    let work: string;
    let server: PolicyPackProcess;
    let client: AnalyzerClient;
    const descriptions = new Map(policies.map((p) => [p.name, p.description]));

    before(async () => {
        work = fs.mkdtempSync(path.join(os.tmpdir(), "flink-platform-analyzer-"));
        const tarballs = path.join(work, "tarballs");
        const sdkTarball = await pack("sdk", tarballs);
        const policiesTarball = await pack("policies", tarballs);
        const packDir = path.join(work, "policy-pack");
        await installPolicyPack(policiesTarball, sdkTarball, packDir);
        server = await startPolicyPack(packDir);
        client = new AnalyzerClient(packDir, server.port);
    });

    after(() => {
        client?.close();
        server?.child.kill();
        if (work !== undefined) fs.rmSync(work, { recursive: true, force: true });
    });

    /** Diagnostics as the engine shows them (pkg/resource/deploy/analyze_snapshot.go, step_generator.go). */
    function shown(diagnostics: Diagnostic[], analyzedUrn?: string): Finding[] {
        return diagnostics.map((d) => {
            assert.equal(d.policyPackName, packName);
            assert.equal(d.policyPackVersion, packVersion);
            assert.equal(d.description, descriptions.get(d.policyName), `the description of ${d.policyName}`);
            // The analyzer sends "<description>\n<message>" for what a policy reported (server.js
            // makeReportViolationFun), and its "can't run … during preview" message as it is.
            const prefix = `${d.description}\n`;
            const message = d.message.startsWith(prefix) ? d.message.slice(prefix.length) : d.message;
            // Analyze's diagnostics are shown on the analyzed resource; AnalyzeStack's on the URN they name.
            const urn = analyzedUrn ?? (d.urn || undefined);
            return { policy: d.policyName, level: d.enforcementLevel, message, ...(urn === undefined ? {} : { urn }) };
        });
    }

    it("GetAnalyzerInfo: the pack's name and version, config support, and every policy with its description and level", async () => {
        const info = await client.getAnalyzerInfo();
        assert.equal(info.name, packName);
        assert.equal(info.version, packVersion);
        assert.equal(info.supportsConfig, true);
        assert.deepEqual(
            info.policies.sort((a, b) => a.name.localeCompare(b.name)),
            policies.map((p) => ({ name: p.name, description: p.description, enforcementLevel: p.enforcementLevel ?? "advisory" })).sort((a, b) => a.name.localeCompare(b.name)),
        );
    });

    for (const c of cases) {
        it(`${c.label}, at the ${c.env} config: Analyze and AnalyzeStack report exactly what the emulation reports`, async () => {
            const resources = await c.resources();
            const config = envConfig(c.env);

            // The engine: ConfigureStack on starting the pack, then Configure with the reconciled config.
            await client.configureStack({ stack: c.stack, project: "flink-platform", organization: "organization", dryRun: true });
            await client.configure(config);
            // Remediate then Analyze on each resource (concurrently, as the engine steps through them), then AnalyzeStack.
            const described = engineResources(resources);
            const perResource = await Promise.all(described.map(async (resource) => {
                assert.deepEqual(await client.remediate(resource), [], `nothing remediates ${resource.urn}`);
                return shown(await client.analyze(resource), resource.urn);
            }));
            const overGrpc = [...perResource.flat(), ...shown(await client.analyzeStack(described))];

            const emulated = (await evaluatePack(resources, config)).violations;
            assert.deepEqual(sorted(overGrpc), sorted(emulated.map((v) => ({ policy: v.policy, level: v.level, message: v.message, ...(v.urn === undefined ? {} : { urn: v.urn }) }))));
            c.check?.(resources, overGrpc);
        });
    }
});
