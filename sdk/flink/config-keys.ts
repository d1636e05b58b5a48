/**
 * Checks a user-supplied `flinkConfiguration` map before it reaches a
 * FlinkDeployment. Flink silently ignores keys it does not know and the
 * operator does not reject them, so a typo would otherwise surface only as a
 * setting that never takes effect. Every key is checked against the documented
 * key lists in `keys/` (see FLINK.md, "Key lists"), and keys the operator
 * forbids, derives itself, or that carry credentials in plain text are refused.
 */

import { RunError } from "@pulumi/pulumi";
import * as fs from "node:fs";
import * as path from "node:path";
import { invalid, Problems } from "./validation";
import { FlinkVersion, keyListVersion, versionNumber } from "./versions";
import { suggest } from "./suggest";

type KeyListVersion = ReturnType<typeof keyListVersion>;

/** Reads one key list: one key per line, blank lines ignored. */
function readKeyList(file: string): string[] {
    return fs.readFileSync(path.join(__dirname, "keys", file), "utf8")
        .split("\n")
        .map((line) => line.trim())
        .filter((line) => line.length > 0);
}

/**
 * Placeholders in the lists: `<name>`, `<resource_name>`, `<key>`, … and the
 * `#` of `partition.fields.#.date-formatter`. Each stands for one or more
 * characters, dots included (`metrics.reporter.<name>.<parameter>` also covers
 * `metrics.reporter.prom.filter.includes`).
 */
const placeholder = /<[^<>]+>|#/g;

function hasPlaceholder(key: string): boolean {
    return key.search(placeholder) >= 0;
}

function escapeRegExp(text: string): string {
    return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** One anchored RegExp matching any of the placeholder patterns. */
function compilePatterns(patterns: readonly string[]): RegExp {
    if (patterns.length === 0) {
        return /(?!)/;
    }
    const alternatives = patterns.map((pattern) =>
        pattern.split(placeholder).map(escapeRegExp).join(".+"));
    return new RegExp(`^(?:${alternatives.join("|")})$`);
}

/**
 * Key prefixes passed through without a list: the filesystem plugins'
 * (FLINK.md, "Key lists") and the environment-variable forwarding prefixes
 * `containerized.{master,taskmanager}.env.` that native Kubernetes mode reads
 * (ResourceManagerOptions.CONTAINERIZED_*_ENV_PREFIX; not options, so absent
 * from the lists).
 */
const passThroughPrefixes: readonly string[] = [
    "s3.", "s3a.", "fs.s3a.", "presto.s3.",
    "fs.azure.", "azure.",
    "gs.",
    "fs.oss.",
    "containerized.master.env.", "containerized.taskmanager.env.",
];

function hasPassThroughPrefix(key: string): boolean {
    return passThroughPrefixes.some((prefix) => key.startsWith(prefix) && key.length > prefix.length);
}

// ---------------------------------------------------------------------------
// Rule 2: keys the operator sets itself.

/** Set by the operator from the FlinkDeployment's namespace and name. */
const operatorOwnedKeys: ReadonlySet<string> = new Set([
    "kubernetes.namespace",
    "kubernetes.cluster-id",
    "high-availability.cluster-id",
]);

// ---------------------------------------------------------------------------
// Rule 3: credentials.

/** Credential keys named explicitly (S3 hadoop/presto plugins, OSS). */
const credentialKeys: ReadonlySet<string> = new Set([
    "s3.access-key", "s3.secret-key",
    "s3.access.key", "s3.secret.key",
    "s3a.access.key", "s3a.secret.key",
    "fs.s3a.access.key", "fs.s3a.secret.key", "fs.s3a.session.token",
    "presto.s3.access-key", "presto.s3.secret-key",
    "fs.oss.accessKeyId", "fs.oss.accessKeySecret",
]);

/** Azure storage account keys and SAS tokens. */
const credentialPrefixes: readonly string[] = ["fs.azure.account.key.", "fs.azure.sas."];

/**
 * Keys ending in an access, secret or private key, in any of the S3 spellings
 * (`access.key`, `secret-key`, …): also covers per-bucket S3A keys such as
 * `fs.s3a.bucket.<bucket>.secret.key`.
 */
const credentialSuffix = /(?:^|\.)(?:access|secret|private)[.-]key$/i;

/** A last key segment that names a secret value. */
const secretWord = /password|secret|token|apikey/i;

/**
 * Keys in the option lists whose last segment contains password, secret or
 * token but whose value is no secret: Kubernetes Secret *names* and *references*
 * (the recommended way to bring credentials in) and a boolean switch.
 */
const nonSecretKeys: ReadonlySet<string> = new Set([
    "kubernetes.container.image.pull-secrets", // names of image pull Secrets
    "kubernetes.secrets", // Secret names and their mount paths
    "kubernetes.env.secretKeyRef", // env vars from Secret references, not values
    "security.kerberos.fetch.delegation-token", // boolean (2.0 deprecated alias)
]);

const envForwardingPrefixes: readonly string[] = ["containerized.master.env.", "containerized.taskmanager.env."];

/** An environment variable name that suggests a secret value. */
const secretEnvName = /key|secret|password|token/i;

/**
 * True when the key's value is a credential, which would be stored in plain
 * text in the FlinkDeployment and its ConfigMap:
 * - the S3 and OSS keys in {@link credentialKeys}, and any key ending in
 *   `access.key`, `access-key`, `secret.key`, `secret-key`, `private.key` or
 *   `private-key` (per-bucket S3A keys);
 * - any key starting `fs.azure.account.key.` or `fs.azure.sas.`;
 * - any key containing `sasl.jaas.config`;
 * - any key whose last `.`-segment contains `password`, `secret`, `token` or `apikey` (the words Flink masks)
 *   (case-insensitive), except the four in {@link nonSecretKeys};
 * - `containerized.{master,taskmanager}.env.<NAME>` where NAME contains KEY,
 *   SECRET, PASSWORD or TOKEN (case-insensitive).
 */
function isCredentialKey(key: string): boolean {
    if (credentialKeys.has(key) || credentialSuffix.test(key)) {
        return true;
    }
    if (credentialPrefixes.some((prefix) => key.startsWith(prefix)) || key.includes("sasl.jaas.config")) {
        return true;
    }
    const envPrefix = envForwardingPrefixes.find((prefix) => key.startsWith(prefix));
    if (envPrefix !== undefined) {
        return secretEnvName.test(key.slice(envPrefix.length));
    }
    const lastSegment = key.slice(key.lastIndexOf(".") + 1);
    return secretWord.test(lastSegment) && !nonSecretKeys.has(key);
}

// ---------------------------------------------------------------------------
// Rule 4: operator system keys.

const operatorSystemKeys: ReadonlySet<string> = new Set(readKeyList("operator-1.15-system-keys.txt"));

const operatorSystemPrefixes: readonly string[] = ["kubernetes.operator.metrics.", "kubernetes.operator.leader-election."];

/** Keys only the operator's own configuration (Helm `defaultConfiguration`) may set. */
function isOperatorSystemKey(key: string): boolean {
    return operatorSystemKeys.has(key) || operatorSystemPrefixes.some((prefix) => key.startsWith(prefix));
}

// ---------------------------------------------------------------------------
// Rule 5: keys the operator derives from `resource`.

interface DerivedKey {
    /** The FlinkCluster field to set instead, e.g. `jobManager.memory`. */
    readonly field: string;
    /** What the operator derives from that field. */
    readonly derives: string;
}

/**
 * `resource.memory` becomes `{jobmanager,taskmanager}.memory.process.size` (a
 * `memory.flink.size` would contradict it); `resource.cpu` becomes
 * `kubernetes.{jobmanager,taskmanager}.cpu.amount`.
 */
const derivedKeys: ReadonlyMap<string, DerivedKey> = new Map([
    ["jobmanager.memory.process.size", { field: "jobManager.memory", derives: "the process size" }],
    ["jobmanager.memory.flink.size", { field: "jobManager.memory", derives: "the process size" }],
    ["taskmanager.memory.process.size", { field: "taskManager.memory", derives: "the process size" }],
    ["taskmanager.memory.flink.size", { field: "taskManager.memory", derives: "the process size" }],
    ["kubernetes.jobmanager.cpu.amount", { field: "jobManager.cpu", derives: "the CPU amount" }],
    ["kubernetes.taskmanager.cpu.amount", { field: "taskManager.cpu", derives: "the CPU amount" }],
]);

// ---------------------------------------------------------------------------
// Rule 6: known keys.

interface KeyList {
    /** Concrete option, deprecated and operator resource-level keys. */
    readonly exact: ReadonlySet<string>;
    /** All placeholder entries as one anchored RegExp. */
    readonly patterns: RegExp;
    /** Concrete keys a user may set, sorted, offered as "did you mean". */
    readonly suggestions: readonly string[];
}

/** True when rules 2 to 5 would refuse the key anyway (so it is never suggested). */
function isRefused(key: string): boolean {
    return operatorOwnedKeys.has(key) || isCredentialKey(key) || isOperatorSystemKey(key) || derivedKeys.has(key);
}

const operatorResourceKeys = readKeyList("operator-1.15-resource-keys.txt");

function loadKeyList(version: KeyListVersion): KeyList {
    const all = [
        ...readKeyList(`flink-${version}-option-keys.txt`),
        ...readKeyList(`flink-${version}-deprecated-keys.txt`),
        ...operatorResourceKeys,
    ];
    const exact = new Set(all.filter((key) => !hasPlaceholder(key)));
    return {
        exact,
        patterns: compilePatterns(all.filter(hasPlaceholder)),
        suggestions: [...exact].filter((key) => !isRefused(key)).sort(),
    };
}

const keyLists: Readonly<Record<KeyListVersion, KeyList>> = {
    "1.20": loadKeyList("1.20"),
    "2.0": loadKeyList("2.0"),
};

/**
 * True when `key` is a Flink configuration key valid for the version: a member
 * of its option or deprecated list, a match of a placeholder pattern, a key
 * under a pass-through prefix (filesystem plugins, env forwarding), or an
 * operator resource-level key. Says nothing about rules 2 to 5: a key can be
 * known and still be refused by {@link validateFlinkConfiguration}.
 */
export function isKnownFlinkKey(version: FlinkVersion, key: string): boolean {
    const list = keyLists[keyListVersion(version)];
    return list.exact.has(key) || hasPassThroughPrefix(key) || list.patterns.test(key);
}

/**
 * Validates a user-supplied flinkConfiguration map and returns it with every
 * value as a string. Throws an Error on the first bad entry; per key the rules
 * run in order: value type, operator-owned keys, credentials, operator system
 * keys, keys derived from `resource`, unknown keys (with a suggestion when a
 * close key exists). `field` prefixes every message, e.g.
 * `FlinkCluster "orders": flinkConfiguration`.
 */
export function validateFlinkConfiguration(
    field: string,
    version: FlinkVersion,
    config: Record<string, unknown> | undefined,
): Record<string, string> {
    if (config === undefined) {
        return {};
    }
    if (config === null || typeof config !== "object" || Array.isArray(config)) {
        invalid(field, config, "a map of Flink configuration keys to strings, numbers or booleans");
    }
    const list = keyLists[keyListVersion(version)];
    const result: Record<string, string> = {};
    // Every key is checked: one error lists each that is not valid.
    const problems = new Problems();
    for (const [key, value] of Object.entries(config)) problems.attempt(() => {
        const entry = `${field}["${key}"]`;
        if (!(typeof value === "string" || typeof value === "boolean" || (typeof value === "number" && Number.isFinite(value)))) {
            throw new RunError(`${entry}: ${JSON.stringify(value)} is not valid; expected a string, number or boolean`);
        }
        if (operatorOwnedKeys.has(key)) {
            throw new RunError(`${entry}: is set by the operator from the FlinkDeployment's namespace and name; remove it`);
        }
        if (isCredentialKey(key)) {
            throw new RunError(`${entry}: credentials do not belong in flinkConfiguration, which is stored in plain text in the FlinkDeployment and its ConfigMap; use workload identity, or a Kubernetes Secret passed to the pods as environment variables`);
        }
        if (isOperatorSystemKey(key)) {
            throw new RunError(`${entry}: only the operator's own configuration may set it (FlinkOperator), not a FlinkDeployment`);
        }
        const derived = derivedKeys.get(key);
        if (derived !== undefined) {
            throw new RunError(`${entry}: contradicts ${derived.field}, from which the operator derives ${derived.derives}; set ${derived.field} instead`);
        }
        if (!isKnownFlinkKey(version, key)) {
            const v = versionNumber(version);
            const suggestion = suggest(key, list.suggestions);
            throw new RunError(suggestion === undefined
                ? `${entry}: is not a Flink ${v} configuration key (see the configuration page of the Flink ${v} documentation)`
                : `${entry}: is not a Flink ${v} configuration key; did you mean "${suggestion}"?`);
        }
        result[key] = String(value);
    }, undefined);
    problems.throwAny();
    return result;
}
