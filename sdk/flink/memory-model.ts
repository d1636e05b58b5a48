/**
 * Flink's process memory model for a JobManager and a TaskManager, computed from the container's
 * memory and the memory keys of the cluster's `flinkConfiguration` as Flink's own utilities do
 * (`JobManagerProcessUtils`, `TaskExecutorProcessUtils`, `ProcessMemoryUtils` and the
 * `*FlinkMemoryUtils` in flink-runtime, package `org.apache.flink.runtime.util.config.memory`), so
 * that a size Flink would refuse at start fails at `pulumi preview` with the component, its derived
 * size and the smallest (or largest) container that works.
 *
 * Pure: no resources, no Pulumi calls; errors are `RunError`s (printed without a stack trace).
 *
 * ## Sources
 * Read from the Flink sources, not from memory. "1.20" is apache/flink's release-1.20 branch at
 * commit bf393918e5c2a81d4dc49ee82e7019f38f64b517 (2024-09-04, after 1.20.0); "2.0" is the
 * release-2.0 branch at bbfbe33f6bc265af3264774bc4600b850af17661 (2025-02-19). Paths below are
 * relative to flink-runtime/src/main/java/org/apache/flink/runtime/ (runtime) and
 * flink-core/src/main/java/org/apache/flink/configuration/ (core); lines are "1.20 / 2.0".
 * ProcessMemoryUtils.java, JobManagerFlinkMemoryUtils.java, RangeFraction.java and MemorySize.java
 * are identical in both, and identical again on master of 2025-04-10 (2.1-SNAPSHOT,
 * 0a1b3ca9179…), whose TaskExecutorFlinkMemoryUtils.java, JobManagerOptions.java and memory
 * options of TaskManagerOptions.java also equal 2.0's. 2.1 and 2.2 are taken to be 2.0's model
 * (the platform checks them against the 2.0 key list too); their releases were not read.
 *
 * Defaults (the same in 1.20 and 2.0):
 * - JobManager (core JobManagerOptions.java): off-heap 128 MiB (1.20 l.196 / 2.0 l.169),
 *   JVM metaspace 256 MiB (l.225 / l.198), JVM overhead min 192 MiB (l.241 / l.214), max 1 GiB
 *   (l.251 / l.224), fraction 0.1f (l.261 / l.234); heap and flink size have no default.
 *   `MIN_JVM_HEAP_SIZE` = 128 MiB (l.41) is only a recommendation: JobManagerFlinkMemoryUtils.java
 *   l.134-140 logs a warning below it.
 * - TaskManager (core TaskManagerOptions.java): framework heap 128 MiB (1.20 l.418 / 2.0 l.325),
 *   framework off-heap 128 MiB (l.428 / l.335), task off-heap 0 (l.451 / l.358), task heap and
 *   managed size no default (l.440, l.462 / l.347, l.369; managed size has the deprecated key
 *   `taskmanager.memory.size`), managed fraction 0.4f (l.480 / l.387), network min 64 MiB
 *   (l.516 / l.423), network max `MemorySize.MAX_VALUE` shown as "infinite" (l.532 / l.438),
 *   network fraction 0.1f (l.547 / l.452; min, max and fraction have the deprecated keys
 *   `taskmanager.network.memory.{min,max,fraction}`), JVM metaspace 256 MiB (l.634 / l.538),
 *   JVM overhead min 192 MiB (l.642 / l.546), max 1 GiB (l.656 / l.560), fraction 0.1f
 *   (l.670 / l.574).
 *
 * Derivation (runtime util/config/memory/ProcessMemoryUtils.java l.72-87): the fine-grained
 * options (TaskManager: task heap AND managed size; JobManager: heap) when all are set, else the
 * total Flink memory, else the total process memory. The operator always sets the process size from
 * `resource.memory` (flink-kubernetes-operator release-1.15.0, 77deebe7…,
 * config/FlinkConfigBuilder.java l.423-436, after the user's flinkConfiguration), so a
 * `*.memory.process.size` key in the configuration is ignored here and the container's size used.
 * - From the process size (l.109-121, l.137-162): JVM overhead = process × fraction capped to
 *   [min, max]; "Sum of configured JVM Metaspace and JVM Overhead exceed configured Total Process
 *   Memory" when they are more than the process; total Flink memory is the rest.
 * - From fine-grained or flink-size options (l.89-107, l.164-237): JVM overhead = process − total
 *   Flink − metaspace; it fails when the process is less than total Flink + metaspace (l.196-203)
 *   or the overhead is outside [min, max] (l.213-225).
 * - JobManager (runtime util/config/memory/jobmanager/JobManagerFlinkMemoryUtils.java): from the
 *   total Flink memory, heap = total − off-heap, which fails unless the total is MORE than the
 *   off-heap (l.113-126: `compareTo(offHeap) < 1`); with `jobmanager.memory.heap.size`, total =
 *   heap + off-heap, and with `jobmanager.memory.flink.size` also set either the sum must equal it
 *   (off-heap set, l.69-84) or off-heap = flink − heap (l.86-110).
 * - TaskManager (runtime util/config/memory/taskmanager/TaskExecutorFlinkMemoryUtils.java,
 *   deriveFromTotalFlinkMemory, 1.20 l.107-195 / 2.0 l.103-188): managed = its size, else
 *   total × fraction (capped to [0, MAX]); with a task heap (l.117-148 / l.113-144), network = the
 *   rest, failing when the others exceed the total or the rest is outside the network range
 *   (sanityCheckNetworkMemory, l.351-393 / l.324-352); without (l.149-182 / l.145-175), network =
 *   total × fraction capped to [min, max] and task heap = the rest, failing when the others exceed
 *   the total. A task heap of 0 is accepted. With task heap and managed size both set
 *   (deriveFromRequiredFineGrainedOptions, l.46-104 / l.44-100), network = (the others) ×
 *   fraction/(1 − fraction) capped, or the rest of `taskmanager.memory.flink.size` when that is set.
 * - Fractions (ProcessMemoryUtils l.285-338, RangeFraction.java l.31-39): min ≤ max and
 *   0 ≤ fraction < 1, else "Inconsistently configured …". A fraction is a Java float
 *   (core ConfigurationUtils.java 2.0 l.565-583: `Float.parseFloat`) widened to double;
 *   `MemorySize.multiply(double)` (flink-core-api MemorySize.java l.207-218) multiplies exactly by
 *   `BigDecimal.valueOf(double)` (the double's decimal string) and truncates to whole bytes.
 * - Config values (MemorySize.java l.267-343): digits, then an optional unit b/bytes,
 *   k/kb/kibibytes, m/mb/mebibytes, g/gb/gibibytes, t/tb/tebibytes (all binary, case-insensitive,
 *   blanks allowed around it). A key is read before its deprecated keys, in order (core
 *   Configuration.java 2.0 l.300-331).
 *
 * Differences between 1.20 and 2.0 (FLINK-33750, commits 21c1360ffaa and 6d2724fa840): 1.20 still
 * reads `taskmanager.network.numberOfBuffers` (when no network key is set) and the legacy heap keys
 * `jobmanager.heap.{size,mb}` / `taskmanager.heap.{size,mb}` (only when no process or flink size is
 * set, which the operator always sets). None is in the platform's key lists, so neither is read
 * here and both versions compute the same model.
 */
import { RunError } from "@pulumi/pulumi";
import { binaryQuantity, containerMemoryBytes } from "./quantity";

/** Which Flink release's model applies: 2.1 and 2.2 use 2.0's (see the sources above). */
export type MemoryModelVersion = "1.20" | "2.0";

/** A JobManager's memory, in bytes; `jvmHeap + offHeap = flink`, `flink + jvmMetaspace + jvmOverhead = process`. */
export interface JobManagerMemory {
    process: number;
    flink: number;
    jvmHeap: number;
    /** Direct and native memory; the JVM's direct-memory limit when `jobmanager.memory.enable-jvm-direct-memory-limit`. */
    offHeap: number;
    jvmMetaspace: number;
    jvmOverhead: number;
    /** What Flink logs as a warning (a heap below its recommended 128 MiB). */
    warnings: string[];
}

/** A TaskManager's memory, in bytes; the six Flink components add up to `flink`, and `flink + jvmMetaspace + jvmOverhead = process`. */
export interface TaskManagerMemory {
    process: number;
    flink: number;
    frameworkHeap: number;
    taskHeap: number;
    frameworkOffHeap: number;
    taskOffHeap: number;
    network: number;
    managed: number;
    jvmMetaspace: number;
    jvmOverhead: number;
    /** -Xmx and -Xms: framework heap + task heap. */
    jvmHeap: number;
    /** -XX:MaxDirectMemorySize: framework off-heap + task off-heap + network. */
    jvmDirect: number;
}

const KiB = 1n << 10n;
const MiB = 1n << 20n;
const GiB = 1n << 30n;
const TiB = 1n << 40n;
/** `MemorySize.MAX_VALUE` = Long.MAX_VALUE bytes. */
const LONG_MAX = (1n << 63n) - 1n;
/** The largest container the search for a working size tries. */
const SEARCH_LIMIT = 1n << 50n;

interface SizeOption {
    readonly key: string;
    readonly deprecated: readonly string[];
    readonly fallback?: bigint;
}

interface FractionOption {
    readonly key: string;
    readonly deprecated: readonly string[];
    readonly fallback: string;
}

interface JvmOptions {
    readonly metaspace: SizeOption;
    readonly overheadMin: SizeOption;
    readonly overheadMax: SizeOption;
    readonly overheadFraction: FractionOption;
}

const jm = {
    flink: { key: "jobmanager.memory.flink.size", deprecated: [] },
    heap: { key: "jobmanager.memory.heap.size", deprecated: [] },
    offHeap: { key: "jobmanager.memory.off-heap.size", deprecated: [], fallback: 128n * MiB },
    jvm: {
        metaspace: { key: "jobmanager.memory.jvm-metaspace.size", deprecated: [], fallback: 256n * MiB },
        overheadMin: { key: "jobmanager.memory.jvm-overhead.min", deprecated: [], fallback: 192n * MiB },
        overheadMax: { key: "jobmanager.memory.jvm-overhead.max", deprecated: [], fallback: GiB },
        overheadFraction: { key: "jobmanager.memory.jvm-overhead.fraction", deprecated: [], fallback: "0.1" },
    },
    minHeap: 128n * MiB,
} as const;

const tm = {
    flink: { key: "taskmanager.memory.flink.size", deprecated: [] },
    frameworkHeap: { key: "taskmanager.memory.framework.heap.size", deprecated: [], fallback: 128n * MiB },
    frameworkOffHeap: { key: "taskmanager.memory.framework.off-heap.size", deprecated: [], fallback: 128n * MiB },
    taskHeap: { key: "taskmanager.memory.task.heap.size", deprecated: [] },
    taskOffHeap: { key: "taskmanager.memory.task.off-heap.size", deprecated: [], fallback: 0n },
    managed: { key: "taskmanager.memory.managed.size", deprecated: ["taskmanager.memory.size"] },
    managedFraction: { key: "taskmanager.memory.managed.fraction", deprecated: [], fallback: "0.4" },
    networkMin: { key: "taskmanager.memory.network.min", deprecated: ["taskmanager.network.memory.min"], fallback: 64n * MiB },
    networkMax: { key: "taskmanager.memory.network.max", deprecated: ["taskmanager.network.memory.max"], fallback: LONG_MAX },
    networkFraction: { key: "taskmanager.memory.network.fraction", deprecated: ["taskmanager.network.memory.fraction"], fallback: "0.1" },
    jvm: {
        metaspace: { key: "taskmanager.memory.jvm-metaspace.size", deprecated: [], fallback: 256n * MiB },
        overheadMin: { key: "taskmanager.memory.jvm-overhead.min", deprecated: [], fallback: 192n * MiB },
        overheadMax: { key: "taskmanager.memory.jvm-overhead.max", deprecated: [], fallback: GiB },
        overheadFraction: { key: "taskmanager.memory.jvm-overhead.fraction", deprecated: [], fallback: "0.1" },
    },
} as const;

// ---------------------------------------------------------------------------
// Parsing

/** Why a text is not a Flink memory size, or undefined when it is one. */
function memorySizeProblem(text: string): string | undefined {
    const trimmed = text.trim();
    if (trimmed === "") return "it is empty";
    const match = /^([0-9]*)(.*)$/s.exec(trimmed) as RegExpExecArray;
    const [, digits, rest] = match;
    if (digits === "") return "it does not start with a number";
    const unit = rest.trim().toLowerCase();
    if (unit !== "" && unitBytes(unit) === undefined) {
        return `the unit ${JSON.stringify(unit)} is none of b, k, kb, m, mb, g, gb, t, tb (binary)`;
    }
    if (BigInt(digits) * (unitBytes(unit) ?? 1n) > LONG_MAX) return "it is more than 8 EiB";
    return undefined;
}

function unitBytes(unit: string): bigint | undefined {
    switch (unit) {
        case "": case "b": case "bytes": return 1n;
        case "k": case "kb": case "kibibytes": return KiB;
        case "m": case "mb": case "mebibytes": return MiB;
        case "g": case "gb": case "gibibytes": return GiB;
        case "t": case "tb": case "tebibytes": return TiB;
        default: return undefined;
    }
}

/**
 * Flink's `MemorySize.parse`: digits, then an optional binary unit (b, k/kb, m/mb, g/gb, t/tb or
 * the spelled-out kibibytes…tebibytes), case-insensitive, blanks allowed around the unit; no sign,
 * no fraction. "128m", "1 gb", "256MB" and "1073741824" are sizes; "1.5g" and "2Gi" are not.
 */
export function parseMemorySize(text: string): bigint {
    const problem = memorySizeProblem(text);
    if (problem !== undefined) {
        throw new RunError(`${JSON.stringify(text)} is not a Flink memory size: ${problem}`);
    }
    const match = /^([0-9]+)(.*)$/s.exec(text.trim()) as RegExpExecArray;
    return BigInt(match[1]) * (unitBytes(match[2].trim().toLowerCase()) as bigint);
}


// ---------------------------------------------------------------------------
// Flink's arithmetic

interface Fraction {
    /** The Java float, widened to double, as JavaScript holds it. */
    readonly value: number;
    readonly text: string;
    readonly key: string;
}

/** `MemorySize.multiply(double)`: exact product with the double's decimal form, truncated to bytes. */
function multiply(bytes: bigint, factor: number): bigint {
    const match = /^(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/.exec(String(factor)) as RegExpExecArray;
    const [, whole, fraction = "", exponent = "0"] = match;
    const scale = fraction.length - Number(exponent);
    const product = bytes * BigInt(whole + fraction);
    return scale >= 0 ? product / 10n ** BigInt(scale) : product * 10n ** BigInt(-scale);
}

interface Range {
    readonly min: bigint;
    readonly max: bigint;
    readonly fraction: Fraction;
    readonly minKey: string;
    readonly maxKey: string;
}

/** `ProcessMemoryUtils.capToMinMax` after `deriveWithFraction` / `deriveWithInverseFraction`. */
function capped(base: bigint, range: Range, inverse = false): bigint {
    const factor = inverse ? range.fraction.value / (1 - range.fraction.value) : range.fraction.value;
    const size = multiply(base, factor);
    return size > range.max ? range.max : size < range.min ? range.min : size;
}

// ---------------------------------------------------------------------------
// Reading the configuration

type Direction = "small" | "large" | "config";

/** A derivation Flink refuses: too small or too large a container, or settings no container fixes. */
class Refusal {
    constructor(readonly direction: Direction, readonly detail: string) {}
}

class Settings {
    constructor(private readonly config: Readonly<Record<string, string>>) {}

    /** The key that sets an option and its value: the option's own key first, then its deprecated keys in order. */
    private entry(option: { key: string; deprecated: readonly string[] }): [string, string] | undefined {
        for (const key of [option.key, ...option.deprecated]) {
            const value: unknown = this.config[key];
            if (typeof value === "number") return [key, String(value)];
            if (value !== undefined && value !== null) return [key, value as string];
        }
        return undefined;
    }

    has(option: SizeOption): boolean {
        return this.entry(option) !== undefined;
    }

    /** The key that set an option (a deprecated one if that is what the configuration uses). */
    keyOf(option: SizeOption | FractionOption): string {
        return this.entry(option)?.[0] ?? option.key;
    }

    size(option: SizeOption): bigint {
        const found = this.entry(option);
        if (found === undefined) return option.fallback as bigint;
        const [key, value] = found;
        const problem = typeof value === "string" ? memorySizeProblem(value) : "it is not a string";
        if (problem !== undefined) {
            throw new Refusal("config", `flinkConfiguration ${key}: ${JSON.stringify(value)} is not a Flink memory size (${problem}); ` +
                'write digits with an optional binary unit, such as "256m", "1g" or "1 gb"');
        }
        return parseMemorySize(value);
    }

    fraction(option: FractionOption): Fraction {
        const found = this.entry(option);
        const [key, text] = found ?? [option.key, option.fallback];
        const body = typeof text === "string" ? text.trim().replace(/[fFdD]$/, "") : "";
        const value = Math.fround(Number(body));
        if (typeof text !== "string" || !/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(body) || !Number.isFinite(value)) {
            throw new Refusal("config", `flinkConfiguration ${key}: ${JSON.stringify(text)} is not a fraction; expected a number from 0 to below 1, such as "0.4"`);
        }
        if (value < 0 || value >= 1) {
            throw new Refusal("config", `flinkConfiguration ${key}: ${JSON.stringify(text)} is not valid; Flink needs a fraction from 0 to below 1`);
        }
        return { value, text, key };
    }

    range(min: SizeOption, max: SizeOption, fraction: FractionOption): Range {
        const range = { min: this.size(min), max: this.size(max), fraction: this.fraction(fraction), minKey: this.keyOf(min), maxKey: this.keyOf(max) };
        if (range.min > range.max) {
            throw new Refusal("config", `flinkConfiguration ${range.minKey} (${size(range.min)}) is more than ${range.maxKey} (${size(range.max)}); Flink needs min ≤ max`);
        }
        return range;
    }
}

// ---------------------------------------------------------------------------
// Messages

/** A size for a message: "192 MiB", "1 GiB", "25.6 MiB", "-281.6 MiB", "≈100 MiB", "0 B". */
function size(bytes: bigint): string {
    if (bytes === LONG_MAX) return "no limit";
    const abs = bytes < 0n ? -bytes : bytes;
    const sign = bytes < 0n ? "-" : "";
    if (abs === 0n) return "0 B";
    if (abs % GiB === 0n) return `${sign}${abs / GiB} GiB`;
    if (abs % MiB === 0n) return `${sign}${abs / MiB} MiB`;
    if (abs < MiB) return abs % KiB === 0n ? `${sign}${abs / KiB} KiB` : `${sign}${abs} B`;
    const mebibytes = (Number(abs) / Number(MiB)).toFixed(3).replace(/\.?0+$/, "");
    // An inexact size that rounds to whole MiB is marked, so that "≈100 MiB" is not read as exact.
    return `${mebibytes.includes(".") ? "" : "≈"}${sign}${mebibytes} MiB`;
}

function list(parts: readonly string[]): string {
    return parts.length <= 1 ? parts.join("") : `${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1]}`;
}

/** "framework heap 128 MiB" with the key that set it, when one did. */
function part(name: string, bytes: bigint, settings: Settings, option?: SizeOption): string {
    return option !== undefined && settings.has(option) ? `${name} ${size(bytes)} (${settings.keyOf(option)})` : `${name} ${size(bytes)}`;
}

// ---------------------------------------------------------------------------
// The model

interface JvmPart {
    metaspace: bigint;
    overhead: bigint;
}

/** JVM metaspace and overhead from the process size; the rest is Total Flink Memory (ProcessMemoryUtils l.137-162). */
function jvmFromProcess(settings: Settings, options: JvmOptions, process: bigint): JvmPart & { flink: bigint } {
    const metaspace = settings.size(options.metaspace);
    const overheadRange = settings.range(options.overheadMin, options.overheadMax, options.overheadFraction);
    const overhead = capped(process, overheadRange);
    const flink = process - metaspace - overhead;
    if (flink < 0n) {
        throw new Refusal("small", `leaves Total Flink Memory of ${size(flink)} after ${part("JVM metaspace", metaspace, settings, options.metaspace)} ` +
            `and JVM overhead ${size(overhead)}`);
    }
    return { metaspace, overhead, flink };
}

/** JVM overhead as the rest of the process after Total Flink Memory and metaspace (ProcessMemoryUtils l.189-237). */
function jvmFromFlink(settings: Settings, options: JvmOptions, process: bigint, flink: bigint, flinkParts: string): JvmPart {
    const metaspace = settings.size(options.metaspace);
    const range = settings.range(options.overheadMin, options.overheadMax, options.overheadFraction);
    const overhead = process - flink - metaspace;
    const after = `after ${part("JVM metaspace", metaspace, settings, options.metaspace)} and Total Flink Memory ${size(flink)} (${flinkParts})`;
    if (overhead < range.min) {
        throw new Refusal("small", `leaves JVM overhead of ${size(overhead)}, below its minimum ${size(range.min)} (${range.minKey}), ${after}`);
    }
    if (overhead > range.max) {
        throw new Refusal("large", `leaves JVM overhead of ${size(overhead)}, above its maximum ${size(range.max)} (${range.maxKey}), ${after}`);
    }
    return { metaspace, overhead };
}

function jobManagerModel(settings: Settings, process: bigint): JobManagerMemory {
    const offHeapSet = settings.has(jm.offHeap);
    let offHeap = settings.size(jm.offHeap);
    let heap: bigint;
    let jvm: JvmPart;
    if (settings.has(jm.heap) || settings.has(jm.flink)) {
        if (settings.has(jm.heap)) {
            heap = settings.size(jm.heap);
            if (settings.has(jm.flink)) {
                const flink = settings.size(jm.flink);
                if (offHeapSet && heap + offHeap !== flink) {
                    throw new Refusal("config", `flinkConfiguration ${jm.heap.key} (${size(heap)}) plus ${jm.offHeap.key} (${size(offHeap)}) ` +
                        `is not ${jm.flink.key} (${size(flink)}); set only one of heap and flink size`);
                }
                if (!offHeapSet) {
                    if (flink < heap) {
                        throw new Refusal("config", `flinkConfiguration ${jm.heap.key} (${size(heap)}) is more than ${jm.flink.key} (${size(flink)})`);
                    }
                    offHeap = flink - heap;
                }
            }
        } else {
            const flink = settings.size(jm.flink);
            if (flink <= offHeap) {
                throw new Refusal("config", `flinkConfiguration ${jm.flink.key} (${size(flink)}) leaves a JVM heap of ${size(flink - offHeap)} ` +
                    `after off-heap memory ${size(offHeap)}; Flink needs a heap above 0`);
            }
            heap = flink - offHeap;
        }
        jvm = jvmFromFlink(settings, jm.jvm, process, heap + offHeap,
            `${part("JVM heap", heap, settings, jm.heap)} and ${part("off-heap", offHeap, settings, jm.offHeap)}`);
    } else {
        const fromProcess = jvmFromProcess(settings, jm.jvm, process);
        if (fromProcess.flink <= offHeap) {
            throw new Refusal("small", `leaves a JVM heap of ${size(fromProcess.flink - offHeap)} (Flink needs more than 0): Total Flink Memory ` +
                `${size(fromProcess.flink)} after JVM overhead ${size(fromProcess.overhead)} and ` +
                `${part("JVM metaspace", fromProcess.metaspace, settings, jm.jvm.metaspace)}, less ${part("off-heap memory", offHeap, settings, jm.offHeap)}`);
        }
        heap = fromProcess.flink - offHeap;
        jvm = fromProcess;
    }
    const warnings = heap < jm.minHeap
        ? [`the JobManager's JVM heap of ${size(heap)} is below Flink's recommended minimum of ${size(jm.minHeap)}`]
        : [];
    return {
        process: safe(process), flink: safe(heap + offHeap), jvmHeap: safe(heap), offHeap: safe(offHeap),
        jvmMetaspace: safe(jvm.metaspace), jvmOverhead: safe(jvm.overhead), warnings,
    };
}

interface FlinkParts {
    frameworkHeap: bigint;
    frameworkOffHeap: bigint;
    taskHeap: bigint;
    taskOffHeap: bigint;
    network: bigint;
    managed: bigint;
}

/**
 * TaskExecutorFlinkMemoryUtils.deriveFromTotalFlinkMemory. `from` says where the total came from:
 * the process size (failures depend on the container) or `taskmanager.memory.flink.size`.
 */
function taskManagerFlink(settings: Settings, flink: bigint, from: string, fromProcess: boolean): FlinkParts {
    const frameworkHeap = settings.size(tm.frameworkHeap);
    const frameworkOffHeap = settings.size(tm.frameworkOffHeap);
    const taskOffHeap = settings.size(tm.taskOffHeap);
    const managedFraction = settings.fraction(tm.managedFraction);
    const networkRange = settings.range(tm.networkMin, tm.networkMax, tm.networkFraction);
    const managed = settings.has(tm.managed) ? settings.size(tm.managed) : multiply(flink, managedFraction.value);
    const managedPart = settings.has(tm.managed)
        ? part("managed memory", managed, settings, tm.managed)
        : `managed memory ${size(managed)} (${managedFraction.key} ${managedFraction.text})`;
    const total = `Total Flink Memory ${size(flink)} (${from})`;
    const fixed = [part("framework heap", frameworkHeap, settings, tm.frameworkHeap), part("framework off-heap", frameworkOffHeap, settings, tm.frameworkOffHeap),
        part("task off-heap", taskOffHeap, settings, tm.taskOffHeap), managedPart];
    const bound = (direction: "small" | "large") => fromProcess ? direction : "config";
    if (settings.has(tm.taskHeap)) {
        const taskHeap = settings.size(tm.taskHeap);
        const network = flink - frameworkHeap - frameworkOffHeap - taskHeap - taskOffHeap - managed;
        const rest = `${total} less ${list([part("task heap", taskHeap, settings, tm.taskHeap), ...fixed])}`;
        if (network < networkRange.min) {
            throw new Refusal(bound("small"), `leaves network memory of ${size(network)}, below its minimum ${size(networkRange.min)} ` +
                `(${networkRange.minKey}): ${rest}`);
        }
        if (network > networkRange.max) {
            throw new Refusal(bound("large"), `leaves network memory of ${size(network)}, above its maximum ${size(networkRange.max)} ` +
                `(${networkRange.maxKey}): ${rest}`);
        }
        return { frameworkHeap, frameworkOffHeap, taskHeap, taskOffHeap, network, managed };
    }
    const network = capped(flink, networkRange);
    const taskHeap = flink - frameworkHeap - frameworkOffHeap - taskOffHeap - managed - network;
    if (taskHeap < 0n) {
        throw new Refusal(bound("small"), `leaves a task heap of ${size(taskHeap)}: ${total} less ` +
            `${list([...fixed, `network memory ${size(network)}`])}`);
    }
    return { frameworkHeap, frameworkOffHeap, taskHeap, taskOffHeap, network, managed };
}

function taskManagerModel(settings: Settings, process: bigint): TaskManagerMemory {
    let parts: FlinkParts;
    let jvm: JvmPart;
    if (settings.has(tm.taskHeap) && settings.has(tm.managed)) {
        // TaskExecutorFlinkMemoryUtils.deriveFromRequiredFineGrainedOptions
        const frameworkHeap = settings.size(tm.frameworkHeap);
        const frameworkOffHeap = settings.size(tm.frameworkOffHeap);
        const taskOffHeap = settings.size(tm.taskOffHeap);
        const taskHeap = settings.size(tm.taskHeap);
        const managed = settings.size(tm.managed);
        const networkRange = settings.range(tm.networkMin, tm.networkMax, tm.networkFraction);
        const others = frameworkHeap + frameworkOffHeap + taskHeap + taskOffHeap + managed;
        let network: bigint;
        if (settings.has(tm.flink)) {
            const flink = settings.size(tm.flink);
            network = flink - others;
            if (network < networkRange.min || network > networkRange.max) {
                throw new Refusal("config", `flinkConfiguration ${tm.flink.key} (${size(flink)}) less task heap ${size(taskHeap)}, managed memory ` +
                    `${size(managed)}, framework heap, framework off-heap and task off-heap leaves network memory of ${size(network)}, ` +
                    `outside its range [${size(networkRange.min)}, ${size(networkRange.max)}]`);
            }
        } else {
            network = capped(others, networkRange, true);
        }
        parts = { frameworkHeap, frameworkOffHeap, taskHeap, taskOffHeap, network, managed };
        jvm = jvmFromFlink(settings, tm.jvm, process, others + network, list([part("task heap", taskHeap, settings, tm.taskHeap),
            part("managed memory", managed, settings, tm.managed), `network memory ${size(network)}`,
            part("framework heap", frameworkHeap, settings, tm.frameworkHeap), part("framework off-heap", frameworkOffHeap, settings, tm.frameworkOffHeap),
            part("task off-heap", taskOffHeap, settings, tm.taskOffHeap)]));
    } else if (settings.has(tm.flink)) {
        const flink = settings.size(tm.flink);
        parts = taskManagerFlink(settings, flink, `flinkConfiguration ${tm.flink.key}`, false);
        jvm = jvmFromFlink(settings, tm.jvm, process, flink, `${tm.flink.key}`);
    } else {
        const fromProcess = jvmFromProcess(settings, tm.jvm, process);
        parts = taskManagerFlink(settings, fromProcess.flink, `the process size less JVM overhead ${size(fromProcess.overhead)} and ` +
            `${part("JVM metaspace", fromProcess.metaspace, settings, tm.jvm.metaspace)}`, true);
        jvm = fromProcess;
    }
    const flink = parts.frameworkHeap + parts.frameworkOffHeap + parts.taskHeap + parts.taskOffHeap + parts.network + parts.managed;
    return {
        process: safe(process), flink: safe(flink),
        frameworkHeap: safe(parts.frameworkHeap), taskHeap: safe(parts.taskHeap), frameworkOffHeap: safe(parts.frameworkOffHeap),
        taskOffHeap: safe(parts.taskOffHeap), network: safe(parts.network), managed: safe(parts.managed),
        jvmMetaspace: safe(jvm.metaspace), jvmOverhead: safe(jvm.overhead),
        jvmHeap: safe(parts.frameworkHeap + parts.taskHeap), jvmDirect: safe(parts.frameworkOffHeap + parts.taskOffHeap + parts.network),
    };
}

function safe(bytes: bigint): number {
    if (bytes > BigInt(Number.MAX_SAFE_INTEGER)) {
        throw new Refusal("config", `a memory component of ${size(bytes)} is beyond what this check computes (8 PiB)`);
    }
    return Number(bytes);
}

// ---------------------------------------------------------------------------
// Entry points

type Model<T> = (settings: Settings, process: bigint) => T;

/** The model at `process`, or the refusal; other errors (bugs) propagate. */
function attempt<T>(model: Model<T>, settings: Settings, process: bigint): T | Refusal {
    try {
        return model(settings, process);
    } catch (error) {
        if (error instanceof Refusal) return error;
        throw error;
    }
}

/** The smallest container (whole MiB) above `process` that works, or undefined when none up to 1 PiB does. */
function smallestWorking<T>(model: Model<T>, settings: Settings, process: bigint): bigint | undefined {
    const small = (mebibytes: bigint) => {
        const result = attempt(model, settings, mebibytes * MiB);
        return result instanceof Refusal && result.direction === "small";
    };
    let low = process / MiB; // refused as too small (or below the process, which is)
    let high = low < 1n ? 1n : low * 2n;
    while (small(high)) {
        low = high;
        high *= 2n;
        if (high * MiB > SEARCH_LIMIT) return undefined;
    }
    while (high - low > 1n) {
        const middle = (low + high) / 2n;
        if (small(middle)) low = middle;
        else high = middle;
    }
    return attempt(model, settings, high * MiB) instanceof Refusal ? undefined : high * MiB;
}

/** The largest container (whole MiB) below `process` that works, or undefined when none does. */
function largestWorking<T>(model: Model<T>, settings: Settings, process: bigint): bigint | undefined {
    const large = (mebibytes: bigint) => {
        const result = attempt(model, settings, mebibytes * MiB);
        return result instanceof Refusal && result.direction === "large";
    };
    let low = 0n;
    let high = (process + MiB - 1n) / MiB; // refused as too large (or above the process, which is)
    while (high - low > 1n) {
        const middle = (low + high) / 2n;
        if (large(middle)) high = middle;
        else low = middle;
    }
    return low > 0n && !(attempt(model, settings, low * MiB) instanceof Refusal) ? low * MiB : undefined;
}

function compute<T>(component: string, model: Model<T>, version: MemoryModelVersion, container: number | string,
    config: Readonly<Record<string, string>> | undefined, field: string): T {
    const bytes = typeof container === "string" ? containerMemoryBytes(field, container) : container;
    if (!Number.isSafeInteger(bytes) || bytes <= 0) {
        throw new RunError(`${field}: ${JSON.stringify(container)} is not valid; expected a memory size in whole bytes above 0`);
    }
    const shown = JSON.stringify(typeof container === "string" ? container : binaryQuantity(bytes));
    const settings = new Settings(config ?? {});
    const process = BigInt(bytes);
    const result = attempt(model, settings, process);
    if (!(result instanceof Refusal)) return result;
    if (result.direction === "config") {
        throw new RunError(`${field}: the ${component} memory settings are refused by Flink ${version}: ${result.detail}`);
    }
    const tooSmall = result.direction === "small";
    const fits = tooSmall ? smallestWorking(model, settings, process) : largestWorking(model, settings, process);
    const withSettings = hasMemoryKeys(config) ? " with these flinkConfiguration settings" : "";
    const advice = fits === undefined
        ? `no container size works${withSettings}`
        : `the ${tooSmall ? "smallest" : "largest"} container that works${withSettings} is ${binaryQuantity(fits)}`;
    throw new RunError(`${field}: ${shown} is too ${tooSmall ? "small" : "large"} for the ${component} in Flink ${version}: it ${result.detail}; ${advice}`);
}

function hasMemoryKeys(config: Readonly<Record<string, string>> | undefined): boolean {
    return Object.keys(config ?? {}).some((key) => /^(jobmanager|taskmanager)\.(memory|network\.memory)\./.test(key));
}

/**
 * The JobManager's memory for a container of `processBytes` (bytes, or a Kubernetes quantity such
 * as "2.5Gi") and the cluster's `flinkConfiguration`, as Flink `version` derives it; a `RunError`
 * naming `field` when Flink would refuse to start.
 */
export function jobManagerMemory(version: MemoryModelVersion, processBytes: number | string,
    config?: Readonly<Record<string, string>>, field = "jobManager.memory"): JobManagerMemory {
    return compute("JobManager", jobManagerModel, version, processBytes, config, field);
}

/**
 * The TaskManager's memory for a container of `processBytes` (bytes, or a Kubernetes quantity such
 * as "4Gi") and the cluster's `flinkConfiguration`, as Flink `version` derives it; a `RunError`
 * naming `field` when Flink would refuse to start.
 */
export function taskManagerMemory(version: MemoryModelVersion, processBytes: number | string,
    config?: Readonly<Record<string, string>>, field = "taskManager.memory"): TaskManagerMemory {
    return compute("TaskManager", taskManagerModel, version, processBytes, config, field);
}
