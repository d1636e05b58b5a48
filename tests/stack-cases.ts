/**
 * Every stack and example program, run under mocks with the config its README
 * asks for, at the environment it declares. The policy tests evaluate the pack
 * on each; the benchmarks measure each one's dependency depth.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as yaml from "js-yaml";
import { RegisteredResource, runStack } from "./harness/mocks";

const repoRoot = path.resolve(__dirname, "..");

/** The config examples/aws requires, as its README sets it (digests are placeholders). */
export const awsExampleConfig = {
    bucket: "acme-flink-prod",
    region: "eu-west-1",
    apiServerCidr: "10.0.0.0/16",
    analyticsRoleArn: "arn:aws:iam::123456789012:role/flink-analytics",
    paymentsRoleArn: "arn:aws:iam::123456789012:role/flink-payments",
    flinkImage: "flink:2.2.1-java17@sha256:00000000000000000000000000000000000000000000000000000000000000aa",
    operatorImageDigest: "sha256:00000000000000000000000000000000000000000000000000000000000000bb",
};

export interface ExampleCase {
    /** The example's folder, relative to the repository root. */
    dir: string;
    /** The stack (and environment) the example declares. */
    stack: string;
    /** The config its README asks for (beside the defaults of its Pulumi.yaml). */
    config: Record<string, unknown>;
}

/** Every example program, with the config its README asks for, at the environment it declares. */
export const examples: ExampleCase[] = [
    { dir: "examples/local", stack: "dev", config: {} },
    { dir: "examples/aws", stack: "prod", config: awsExampleConfig },
    {
        dir: "examples/gcp",
        stack: "staging",
        config: { bucket: "acme-flink-staging", gcpServiceAccount: "flink-staging@acme-data.iam.gserviceaccount.com" },
    },
    {
        dir: "examples/azure",
        stack: "staging",
        config: {
            storageAccount: "acmeflinkstaging",
            container: "flink-state",
            azureClientId: "11111111-2222-3333-4444-555555555555",
            azureTenantId: "66666666-7777-8888-9999-000000000000",
            image: "acme.azurecr.io/flink/flink-azure:2.2.1-hadoop3.4",
            flinkRelease: "2.2.1",
        },
    },
    { dir: "examples/session-jobs", stack: "dev", config: {} },
    { dir: "examples/existing-operator", stack: "dev", config: {} },
];

export interface StackCase {
    label: string;
    /** The policy config (policies/config/<env>.json) the stack is held to. */
    env: string;
    /** The file that must exist for the case to run (a stack file may not exist yet). */
    file: string;
    run: () => Promise<{ resources: RegisteredResource[] }>;
}

export const stacks: StackCase[] = [
    { label: "dev", env: "dev", file: "Pulumi.dev.yaml", run: () => runStack("dev") },
    { label: "staging", env: "staging", file: "Pulumi.staging.yaml", run: () => runStack("staging") },
    { label: "prod", env: "prod", file: "Pulumi.prod.yaml", run: () => runStack("prod") },
    {
        label: "prod with kube-prometheus-stack installed",
        env: "prod",
        file: "Pulumi.prod.yaml",
        run: () => runStack("prod", { monitoring: { ...prodConfig()["flink-platform:monitoring"], prometheusStack: { install: true } } }),
    },
    // The examples, with the config their READMEs ask for, at the environment each declares.
    ...examples.map((example): StackCase => ({
        label: example.dir,
        env: example.stack,
        file: `${example.dir}/Pulumi.yaml`,
        run: () => runStack(example.stack, example.config, example.dir),
    })),
];

function prodConfig(): Record<string, any> {
    return (yaml.load(fs.readFileSync(path.join(repoRoot, "Pulumi.prod.yaml"), "utf8")) as { config: Record<string, any> }).config;
}

