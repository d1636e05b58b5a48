// The users' path, end to end: `npm pack` of the sdk and of the policy pack, installed into fresh
// folders as a user installs them (no workspace links, no repository tsconfig), programs type-checked
// with Pulumi's TypeScript template tsconfig (no skipLibCheck) and run by Pulumi's own Node.js runner
// under mocks, and the pack started by Pulumi's own policy pack runner, with type checking.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as yaml from "js-yaml";
import { RegisteredResource, runStack } from "../harness/mocks";
import { policies } from "../../policies/policies";
import { examples } from "../stack-cases";
import { exec, npmInstall, pack, repoRoot, rootRange, tarballFiles, templateTsconfig, writeJson } from "./install";
import { AnalyzerClient, installPolicyPack, startPolicyPack } from "./policy-pack-process";

const fixtures = path.join(__dirname, "fixtures");
const sdkName = "@flink-platform/flink-platform";

interface Registered {
    type: string;
    name: string;
    inputs: Record<string, any>;
}

interface RunResult {
    resources: Registered[];
    outputs: Record<string, any>;
}

/** Config as the CLI hands it to a program: Pulumi.yaml defaults, then `overrides`, as "<project>:<key>" strings. */
function stackConfig(project: string, projectFile: Record<string, any>, overrides: Record<string, unknown>): Record<string, string> {
    const config: Record<string, string> = {};
    const set = (key: string, value: unknown) => {
        config[key.includes(":") ? key : `${project}:${key}`] = typeof value === "string" ? value : JSON.stringify(value);
    };
    for (const [key, entry] of Object.entries(projectFile.config ?? {})) {
        const isSchema = entry !== null && typeof entry === "object" && !Array.isArray(entry) &&
            Object.keys(entry).every((k) => ["type", "description", "default", "value", "secret", "items"].includes(k));
        const value = isSchema ? ((entry as any).value ?? (entry as any).default) : entry;
        if (value !== undefined) set(key, value);
    }
    for (const [key, value] of Object.entries(overrides)) set(key, value);
    return config;
}

function find(resources: Registered[], type: string, name: string): Registered {
    const found = resources.find((r) => r.type === type && r.name === name);
    assert.ok(found, `no ${type} named ${name}; registered: ${resources.filter((r) => r.type === type).map((r) => r.name).join(", ")}`);
    return found;
}

describe("the users' path: the packed sdk and policy pack, installed into fresh folders", function () {
    this.timeout(10 * 60_000);

    let work: string;
    let sdkTarball: string;
    let policiesTarball: string;
    /** A project as `pulumi new typescript` makes it, with the sdk tarball installed. */
    let project: string;
    /** The policy pack as the CLI installs a published pack: the tarball extracted, then `npm install` in it. */
    let packDir: string;

    /** Runs `dir`/index.ts (in `project`) with Pulumi's runner under mocks. */
    async function runProgram(dir: string, request: Record<string, unknown>): Promise<RunResult> {
        const name = path.relative(project, dir).replace(/[^a-z0-9]+/gi, "-") || "root";
        const requestFile = path.join(work, `request-${name}.json`);
        const resultFile = path.join(work, `result-${name}.json`);
        writeJson(requestFile, { dir, config: {}, ...request });
        const failed = await exec(process.execPath, [path.join(project, "run-under-mocks.js"), requestFile, resultFile], project)
            .then(() => undefined, (err: Error) => err);
        const result = fs.existsSync(resultFile) ? JSON.parse(fs.readFileSync(resultFile, "utf8")) : undefined;
        if (failed !== undefined || result === undefined || result.error !== undefined) {
            throw new Error(`${path.relative(project, dir) || "index.ts"} failed under Pulumi's runner:\n${result?.error ?? failed?.message}`);
        }
        return result;
    }

    before(async () => {
        work = fs.mkdtempSync(path.join(os.tmpdir(), "flink-platform-packaging-"));
        const tarballs = path.join(work, "tarballs");
        sdkTarball = await pack("sdk", tarballs);
        policiesTarball = await pack("policies", tarballs);

        project = path.join(work, "project");
        writeJson(path.join(project, "package.json"), {
            name: "flink-platform-user",
            main: "index.ts",
            private: true,
            dependencies: {
                [sdkName]: `file:${sdkTarball}`,
                "@pulumi/kubernetes": rootRange("@pulumi/kubernetes"),
                "@pulumi/pulumi": rootRange("@pulumi/pulumi"),
            },
            devDependencies: { "@types/node": rootRange("@types/node"), typescript: rootRange("typescript") },
        });
        writeJson(path.join(project, "tsconfig.json"), templateTsconfig);
        fs.copyFileSync(path.join(fixtures, "program", "index.ts"), path.join(project, "index.ts"));
        fs.copyFileSync(path.join(fixtures, "run-under-mocks.js"), path.join(project, "run-under-mocks.js"));
        for (const example of examples) {
            const dir = path.join(project, example.dir);
            fs.mkdirSync(dir, { recursive: true });
            for (const file of ["index.ts", "Pulumi.yaml"]) fs.copyFileSync(path.join(repoRoot, example.dir, file), path.join(dir, file));
            writeJson(path.join(dir, "tsconfig.json"), templateTsconfig);
        }

        // The sdk is not on the registry yet: the pack gets it from the tarball, as it would get the published version.
        packDir = path.join(work, "policy-pack");
        await Promise.all([npmInstall(project), installPolicyPack(policiesTarball, sdkTarball, packDir)]);
    });

    after(() => {
        if (work !== undefined) fs.rmSync(work, { recursive: true, force: true });
    });

    describe("the sdk tarball", () => {
        it("holds the compiled package, its declarations, the key lists, README and LICENSE, and no sources", async () => {
            const files = await tarballFiles(sdkTarball);
            for (const file of ["package.json", "README.md", "LICENSE", "bin/index.js", "bin/index.d.ts", "bin/rules.js", "bin/rules.d.ts",
                "bin/crd-types.d.ts", "bin/flink/keys/flink-2.0-option-keys.txt"]) {
                assert.ok(files.includes(file), `${file} is missing from the tarball`);
            }
            assert.deepEqual(files.filter((file) => file.endsWith(".ts") && !file.endsWith(".d.ts")), []);
            assert.deepEqual(files.filter((file) => !/^(package\.json|README\.md|LICENSE|bin\/.+)$/.test(file)), []);
        });

        it("installs with one copy of @pulumi/pulumi and @pulumi/kubernetes, the program's (peer dependencies)", () => {
            const installed = path.join(project, "node_modules", ...sdkName.split("/"));
            assert.ok(!fs.lstatSync(installed).isSymbolicLink(), "installed from the tarball, not linked");
            assert.ok(!fs.existsSync(path.join(installed, "node_modules", "@pulumi", "pulumi")));
            assert.ok(!fs.existsSync(path.join(installed, "node_modules", "@pulumi", "kubernetes")));
        });
    });

    describe("programs in a project made with Pulumi's TypeScript template", () => {
        it("type-check with the template tsconfig (moduleResolution node, no skipLibCheck): the user's program and every example", async () => {
            const tsc = path.join(project, "node_modules", "typescript", "bin", "tsc");
            writeJson(path.join(project, "tsconfig.all.json"), {
                extends: "./tsconfig.json",
                files: ["index.ts", ...examples.map((example) => `${example.dir}/index.ts`)],
            });
            await exec(process.execPath, [tsc, "--noEmit", "--pretty", "false", "-p", "tsconfig.all.json"], project);
        });

        it("runs a program that passes Outputs for the bucket and the role ARN and strings for the choices, with those values in the FlinkDeployment and the ServiceAccount", async () => {
            const { resources, outputs } = await runProgram(project, {
                project: "flink-platform-user",
                stack: "prod",
                stackReferences: { "acme/aws-infra/prod": { flinkStateBucket: "acme-flink-state" } },
            });
            const account = find(resources, "kubernetes:core/v1:ServiceAccount", "flink-flink-jobs-rbac-service-account");
            assert.equal(account.inputs.metadata.name, "flink");
            assert.equal(account.inputs.metadata.namespace, "flink-jobs");
            assert.deepEqual(account.inputs.metadata.annotations, { "eks.amazonaws.com/role-arn": "arn:aws:iam::123456789012:role/flink" });

            const deployment = find(resources, "kubernetes:flink.apache.org/v1beta1:FlinkDeployment", "flink-flink-jobs/orders-deployment");
            const flinkConfiguration = deployment.inputs.spec.flinkConfiguration;
            assert.ok(flinkConfiguration["execution.checkpointing.dir"].startsWith("s3p://acme-flink-state/"));
            assert.equal(flinkConfiguration["execution.checkpointing.dir"], "s3p://acme-flink-state/flink/flink-jobs/orders/checkpoints");
            assert.equal(flinkConfiguration["execution.checkpointing.savepoint-dir"], "s3p://acme-flink-state/flink/flink-jobs/orders/savepoints");
            assert.equal(flinkConfiguration["high-availability.storageDir"], "s3p://acme-flink-state/flink/flink-jobs/orders/ha");
            assert.equal(deployment.inputs.spec.serviceAccount, "flink");
            assert.deepEqual(outputs.serviceAccounts, { "flink-jobs": "flink" });
        });

        for (const example of examples) {
            it(`runs ${example.dir} with the config its README asks for, registering what it registers from the sources`, async () => {
                const projectFile = yaml.load(fs.readFileSync(path.join(repoRoot, example.dir, "Pulumi.yaml"), "utf8")) as Record<string, any>;
                const installed = await runProgram(path.join(project, example.dir), {
                    project: projectFile.name,
                    stack: example.stack,
                    config: stackConfig(projectFile.name, projectFile, example.config),
                });
                const fromSources = await runStack(example.stack, example.config, example.dir);
                const view = (resources: (Registered | RegisteredResource)[]) => resources
                    .filter((r) => r.type !== "pulumi:pulumi:Stack")
                    .map((r) => ({ type: r.type, name: r.name, inputs: r.inputs }))
                    .sort((a, b) => `${a.type}::${a.name}`.localeCompare(`${b.type}::${b.name}`));
                assert.ok(installed.resources.length > 0);
                assert.deepEqual(view(installed.resources), view(fromSources.resources));
                assert.deepEqual(installed.outputs, fromSources.outputs);
            });
        }
    });

    describe("the policy pack tarball, installed as the CLI installs a published pack", () => {
        it("holds the pack and what it needs to start, nothing of the repository around it", async () => {
            const files = await tarballFiles(policiesTarball);
            for (const file of ["package.json", "PulumiPolicy.yaml", "tsconfig.json", "index.ts", "policies.ts", "LICENSE", "config/prod.json"]) {
                assert.ok(files.includes(file), `${file} is missing from the tarball`);
            }
            const sources = files.filter((file) => file.endsWith(".ts"));
            for (const file of sources) {
                assert.doesNotMatch(fs.readFileSync(path.join(packDir, file), "utf8"), /from "\.\.\/\.\.\/sdk|from "\.\.\/sdk/, file);
            }
        });

        it("starts under Pulumi's policy pack runner with type checking, serving every policy", async () => {
            const { port, child, output } = await startPolicyPack(packDir);
            const client = new AnalyzerClient(packDir, port);
            try {
                const info = await client.getAnalyzerInfo();
                assert.equal(info.name, "flink-platform");
                assert.equal(info.version, JSON.parse(fs.readFileSync(path.join(repoRoot, "policies", "package.json"), "utf8")).version);
                // The policies the sources declare, every one.
                assert.deepEqual(info.policies.map((p) => p.name).sort(), policies.map((p) => p.name).sort());
            } finally {
                client.close();
                child.kill();
            }
            assert.doesNotMatch(output(), /TSError|error/i);
        });
    });
});
