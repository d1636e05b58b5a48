// Flink's process memory model. Expected byte counts were produced by running Flink's own
// ProcessMemoryUtils, JobManagerFlinkMemoryUtils and TaskExecutorFlinkMemoryUtils (release-2.0
// sources, on Java 17 as in the official images) on the same process sizes and configurations;
// the sources are cited in sdk/flink/memory-model.ts. 1.20 and 2.0 derive the same model.
import * as assert from "node:assert/strict";
import { RunError } from "@pulumi/pulumi";
import { jobManagerMemory, MemoryModelVersion, parseMemorySize, taskManagerMemory } from "../../sdk/flink/memory-model";
import { binaryQuantity, containerMemoryBytes } from "../../sdk/flink/quantity";

const MiB = 2 ** 20;
const GiB = 2 ** 30;
const versions: MemoryModelVersion[] = ["1.20", "2.0"];

/** The TaskManager components as Flink's TaskExecutorFlinkMemory and JvmMetaspaceAndOverhead report them. */
function tmParts(m: ReturnType<typeof taskManagerMemory>): number[] {
    return [m.frameworkHeap, m.taskHeap, m.frameworkOffHeap, m.taskOffHeap, m.network, m.managed, m.jvmMetaspace, m.jvmOverhead];
}

function jmParts(m: ReturnType<typeof jobManagerMemory>): number[] {
    return [m.jvmHeap, m.offHeap, m.jvmMetaspace, m.jvmOverhead];
}

/** Asserts a clean RunError (Pulumi prints it without a stack trace) with exactly this message. */
function refuses(run: () => unknown, message: string): void {
    assert.throws(run, (error: unknown) => {
        assert.ok(error instanceof RunError, `a RunError, got ${String(error)}`);
        assert.equal((error as Error).message, message);
        return true;
    });
}

describe("flink/memory-model", () => {
    describe("sizes", () => {
        it("parses Flink memory sizes as MemorySize.parse does (binary units, case-insensitive, blanks around the unit)", () => {
            const cases: [string, bigint][] = [
                ["128m", 128n * 2n ** 20n], ["1 gb", 2n ** 30n], ["256MB", 256n * 2n ** 20n], ["1073741824", 2n ** 30n],
                ["64 k", 64n * 1024n], ["2 kibibytes", 2048n], [" 1t ", 2n ** 40n], ["100b", 100n], ["7 bytes", 7n], ["0", 0n],
            ];
            for (const [text, bytes] of cases) assert.equal(parseMemorySize(text), bytes, text);
            for (const bad of ["1.5g", "2Gi", "-1m", "", "m", "1 g b", "9223372036854775808"]) {
                assert.throws(() => parseMemorySize(bad), RunError, bad);
            }
        });

        it("reads Kubernetes quantities for the container, decimals and decimal SI included, rounding bytes up", () => {
            const cases: [string, number][] = [
                ["2Gi", 2 * GiB], ["1536Mi", 1536 * MiB], ["2.5Gi", 2560 * MiB], ["0.5Gi", 512 * MiB], ["2G", 2e9], ["1e9", 1e9],
                ["1.1Gi", 1181116007], ["4096", 4096], ["+1Gi", GiB], ["1500m", 2],
            ];
            for (const [quantity, bytes] of cases) assert.equal(containerMemoryBytes("memory", quantity), bytes, quantity);
            for (const bad of ["2 Gi", "2GB", "2gi", "-1Gi", "Gi", "", "1.2.3", "0", "1e99", "1e-99"]) {
                assert.throws(() => containerMemoryBytes("clusters[0].taskManager.memory", bad),
                    (error: unknown) => error instanceof RunError && error.message.startsWith(`clusters[0].taskManager.memory: ${JSON.stringify(bad)} is not valid`));
            }
            refuses(() => containerMemoryBytes("taskManager.memory", "2GB"),
                'taskManager.memory: "2GB" is not valid; expected a Kubernetes memory quantity such as "2Gi", "1536Mi" or "2.5Gi"');
        });

        it("writes bytes as the shortest exact binary quantity, which the operator reads back exactly", () => {
            assert.equal(binaryQuantity(2560 * MiB), "2560Mi");
            assert.equal(binaryQuantity(1728 * MiB), "1728Mi");
            assert.equal(binaryQuantity(2 * GiB), "2Gi");
            assert.equal(binaryQuantity(2e9), "1953125Ki");
            assert.equal(binaryQuantity(1181116007), "1181116007");
        });
    });

    describe("defaults", () => {
        for (const version of versions) {
            it(`TaskManager at 1Gi, 2Gi and 4Gi (Flink ${version})`, () => {
                // framework heap, task heap, framework off-heap, task off-heap, network, managed, metaspace, overhead
                assert.deepEqual(tmParts(taskManagerMemory(version, "1Gi")),
                    [134217728, 26843542, 134217728, 0, 67108864, 241591914, 268435456, 201326592]);
                assert.deepEqual(tmParts(taskManagerMemory(version, "2Gi")),
                    [134217728, 563714445, 134217728, 0, 166429984, 665719939, 268435456, 214748368]);
                assert.deepEqual(tmParts(taskManagerMemory(version, 4 * GiB)),
                    [134217728, 1530082070, 134217728, 0, 359703515, 1438814063, 268435456, 429496736]);
                const m = taskManagerMemory(version, "4Gi");
                assert.equal(m.process, 4 * GiB);
                assert.equal(m.flink + m.jvmMetaspace + m.jvmOverhead, m.process);
                assert.equal(m.jvmHeap, m.frameworkHeap + m.taskHeap);
                assert.equal(m.jvmDirect, m.frameworkOffHeap + m.taskOffHeap + m.network);
            });

            it(`JobManager at 1Gi, 2Gi and 4Gi (Flink ${version})`, () => {
                // heap, off-heap, metaspace, overhead
                assert.deepEqual(jmParts(jobManagerMemory(version, "1Gi")), [469762048, 134217728, 268435456, 201326592]);
                assert.deepEqual(jmParts(jobManagerMemory(version, "2Gi")), [1530082096, 134217728, 268435456, 214748368]);
                assert.deepEqual(jmParts(jobManagerMemory(version, "4Gi")), [3462817376, 134217728, 268435456, 429496736]);
                assert.deepEqual(jobManagerMemory(version, "4Gi").warnings, []);
            });
        }

        it("the sizes of Flink's default configuration file: TaskManager 1728m, JobManager 1600m (docs: deployment/memory/mem_migration)", () => {
            // The well-known split of 1728m: 128 MiB framework heap and off-heap, 384 MiB task heap,
            // 512 MiB managed, 128 MiB network, 256 MiB metaspace, 192 MiB overhead; the float
            // fractions 0.4f and 0.1f add a few bytes to managed and network memory.
            assert.deepEqual(tmParts(taskManagerMemory("2.0", "1728Mi")),
                [134217728, 402653174, 134217728, 0, 134217730, 536870920, 268435456, 201326592]);
            assert.deepEqual(jmParts(jobManagerMemory("2.0", "1600Mi")), [GiB, 128 * MiB, 256 * MiB, 192 * MiB]);
        });

        it("JVM overhead as in the docs' capped-fraction examples (deployment/memory/mem_setup)", () => {
            const range = (min: string, max: string) => ({ "taskmanager.memory.jvm-overhead.min": min, "taskmanager.memory.jvm-overhead.max": max });
            // 1000MB × 0.1 = 100MB within 64–128MB (Flink's float 0.1f gives one byte more).
            assert.equal(taskManagerMemory("2.0", "1000Mi", range("64m", "128m")).jvmOverhead, 104857601);
            assert.equal(jobManagerMemory("2.0", "1000Mi", { "jobmanager.memory.jvm-overhead.min": "64m", "jobmanager.memory.jvm-overhead.max": "128m" }).jvmOverhead, 104857601);
            // 100MB is below the minimum 128MB, so 128MB.
            assert.equal(taskManagerMemory("2.0", "1000Mi", range("128m", "256m")).jvmOverhead, 128 * MiB);
        });

        it("the docs' third example (process 1000MB, task heap 100MB, overhead 64–256MB) fails in Flink's code: the network memory is the rest", () => {
            // The docs say the overhead becomes the rest; the code makes the overhead the capped
            // fraction and the network memory the rest, which is below its 64 MiB minimum.
            refuses(() => taskManagerMemory("2.0", "1000Mi", { "taskmanager.memory.task.heap.size": "100m", ...{ "taskmanager.memory.jvm-overhead.min": "64m", "taskmanager.memory.jvm-overhead.max": "256m" } }),
                'taskManager.memory: "1000Mi" is too small for the TaskManager in Flink 2.0: it leaves network memory of 30.4 MiB, below its minimum ' +
                "64 MiB (taskmanager.memory.network.min): Total Flink Memory ≈644 MiB (the process size less JVM overhead ≈100 MiB and JVM metaspace " +
                "256 MiB) less task heap 100 MiB (taskmanager.memory.task.heap.size), framework heap 128 MiB, framework off-heap 128 MiB, task off-heap " +
                "0 B and managed memory 257.6 MiB (taskmanager.memory.managed.fraction 0.4); the smallest container that works with these " +
                "flinkConfiguration settings is 1063Mi");
        });

        it("takes decimal quantities: 2.5Gi is 2560Mi", () => {
            for (const version of versions) {
                assert.deepEqual(taskManagerMemory(version, "2.5Gi"), taskManagerMemory(version, 2560 * MiB));
                assert.deepEqual(tmParts(taskManagerMemory(version, "2.5Gi")),
                    [134217728, 805306351, 134217728, 0, 214748367, 858993470, 268435456, 268435460]);
                assert.deepEqual(jmParts(jobManagerMemory(version, "2.5Gi")), [2013265916, 134217728, 268435456, 268435460]);
            }
        });
    });

    describe("too small, per component and version", () => {
        for (const version of versions) {
            it(`TaskManager: a negative task heap, and no Total Flink Memory at all (Flink ${version})`, () => {
                refuses(() => taskManagerMemory(version, "512Mi", {}, "clusters[0].taskManager.memory"),
                    `clusters[0].taskManager.memory: "512Mi" is too small for the TaskManager in Flink ${version}: it leaves a task heap of ` +
                    "-281.6 MiB: Total Flink Memory 64 MiB (the process size less JVM overhead 192 MiB and JVM metaspace 256 MiB) less framework " +
                    "heap 128 MiB, framework off-heap 128 MiB, task off-heap 0 B, managed memory 25.6 MiB (taskmanager.memory.managed.fraction 0.4) " +
                    "and network memory 64 MiB; the smallest container that works is 982Mi");
                refuses(() => taskManagerMemory(version, "300Mi"),
                    `taskManager.memory: "300Mi" is too small for the TaskManager in Flink ${version}: it leaves Total Flink Memory of -148 MiB ` +
                    "after JVM metaspace 256 MiB and JVM overhead 192 MiB; the smallest container that works is 982Mi");
                assert.equal(taskManagerMemory(version, "982Mi").taskHeap, 419428);
                assert.throws(() => taskManagerMemory(version, "981Mi"), RunError);
            });

            it(`JobManager: a heap of 0 or less, and no Total Flink Memory at all (Flink ${version})`, () => {
                refuses(() => jobManagerMemory(version, "512Mi", {}, "clusters[0].jobManager.memory"),
                    `clusters[0].jobManager.memory: "512Mi" is too small for the JobManager in Flink ${version}: it leaves a JVM heap of -64 MiB ` +
                    "(Flink needs more than 0): Total Flink Memory 64 MiB after JVM overhead 192 MiB and JVM metaspace 256 MiB, less off-heap " +
                    "memory 128 MiB; the smallest container that works is 577Mi");
                refuses(() => jobManagerMemory(version, "576Mi"),
                    `jobManager.memory: "576Mi" is too small for the JobManager in Flink ${version}: it leaves a JVM heap of 0 B (Flink needs ` +
                    "more than 0): Total Flink Memory 128 MiB after JVM overhead 192 MiB and JVM metaspace 256 MiB, less off-heap memory 128 MiB; " +
                    "the smallest container that works is 577Mi");
                refuses(() => jobManagerMemory(version, 400 * MiB),
                    `jobManager.memory: "400Mi" is too small for the JobManager in Flink ${version}: it leaves Total Flink Memory of -48 MiB ` +
                    "after JVM metaspace 256 MiB and JVM overhead 192 MiB; the smallest container that works is 577Mi");
                assert.equal(jobManagerMemory(version, "577Mi").jvmHeap, MiB);
            });
        }

        it("warns (as Flink logs) when the JobManager heap is below the recommended 128 MiB", () => {
            const m = jobManagerMemory("2.0", "600Mi");
            assert.equal(m.jvmHeap, 24 * MiB);
            assert.deepEqual(m.warnings, ["the JobManager's JVM heap of 24 MiB is below Flink's recommended minimum of 128 MiB"]);
        });
    });

    describe("flinkConfiguration overrides", () => {
        it("taskmanager.memory.managed.fraction", () => {
            assert.deepEqual(tmParts(taskManagerMemory("2.0", "2Gi", { "taskmanager.memory.managed.fraction": "0.25" })),
                [134217728, 813359428, 134217728, 0, 166429984, 416074956, 268435456, 214748368]);
            assert.equal(taskManagerMemory("1.20", "2Gi", { "taskmanager.memory.managed.fraction": "0" }).managed, 0);
        });

        it("taskmanager.memory.task.heap.size larger than the container", () => {
            refuses(() => taskManagerMemory("2.0", "4Gi", { "taskmanager.memory.task.heap.size": "8g" }),
                'taskManager.memory: "4Gi" is too small for the TaskManager in Flink 2.0: it leaves network memory of -6389.76 MiB, below its ' +
                "minimum 64 MiB (taskmanager.memory.network.min): Total Flink Memory 3430.4 MiB (the process size less JVM overhead 409.6 MiB and " +
                "JVM metaspace 256 MiB) less task heap 8 GiB (taskmanager.memory.task.heap.size), framework heap 128 MiB, framework off-heap " +
                "128 MiB, task off-heap 0 B and managed memory 1372.16 MiB (taskmanager.memory.managed.fraction 0.4); the smallest container " +
                "that works with these flinkConfiguration settings is 15467Mi");
            const fits = taskManagerMemory("2.0", "15467Mi", { "taskmanager.memory.task.heap.size": "8g" });
            assert.equal(fits.taskHeap, 8 * GiB);
            assert.ok(fits.network >= 64 * MiB);
        });

        it("a container too large for a capped component names the largest that works", () => {
            refuses(() => taskManagerMemory("1.20", "8Gi", { "taskmanager.memory.task.heap.size": "1g", "taskmanager.memory.network.max": "512m" }),
                'taskManager.memory: "8Gi" is too large for the TaskManager in Flink 1.20: it leaves network memory of 2990.08 MiB, above its ' +
                "maximum 512 MiB (taskmanager.memory.network.max): Total Flink Memory 7116.8 MiB (the process size less JVM overhead 819.2 MiB " +
                "and JVM metaspace 256 MiB) less task heap 1 GiB (taskmanager.memory.task.heap.size), framework heap 128 MiB, framework off-heap " +
                "128 MiB, task off-heap 0 B and managed memory 2846.72 MiB (taskmanager.memory.managed.fraction 0.4); the largest container " +
                "that works with these flinkConfiguration settings is 3602Mi");
            // Task heap and managed size fix Total Flink Memory; the JVM overhead is the rest and must stay within [192 MiB, 1 GiB].
            refuses(() => taskManagerMemory("2.0", "4Gi", { "taskmanager.memory.task.heap.size": "1g", "taskmanager.memory.managed.size": "1g" }),
                'taskManager.memory: "4Gi" is too large for the TaskManager in Flink 2.0: it leaves JVM overhead of ≈1280 MiB, above its maximum ' +
                "1 GiB (taskmanager.memory.jvm-overhead.max), after JVM metaspace 256 MiB and Total Flink Memory ≈2560 MiB (task heap 1 GiB " +
                "(taskmanager.memory.task.heap.size), managed memory 1 GiB (taskmanager.memory.managed.size), network memory ≈256 MiB, framework " +
                "heap 128 MiB, framework off-heap 128 MiB and task off-heap 0 B); the largest container that works with these flinkConfiguration " +
                "settings is 3840Mi");
            refuses(() => jobManagerMemory("2.0", "1000Mi", { "jobmanager.memory.heap.size": "100m", "jobmanager.memory.jvm-overhead.min": "64m", "jobmanager.memory.jvm-overhead.max": "256m" }),
                'jobManager.memory: "1000Mi" is too large for the JobManager in Flink 2.0: it leaves JVM overhead of 516 MiB, above its maximum ' +
                "256 MiB (jobmanager.memory.jvm-overhead.max), after JVM metaspace 256 MiB and Total Flink Memory 228 MiB (JVM heap 100 MiB " +
                "(jobmanager.memory.heap.size) and off-heap 128 MiB); the largest container that works with these flinkConfiguration settings is 740Mi");
            assert.deepEqual(jmParts(jobManagerMemory("2.0", "740Mi", { "jobmanager.memory.heap.size": "100m", "jobmanager.memory.jvm-overhead.min": "64m", "jobmanager.memory.jvm-overhead.max": "256m" })),
                [100 * MiB, 128 * MiB, 256 * MiB, 256 * MiB]);
        });

        it("settings no container size fixes", () => {
            refuses(() => taskManagerMemory("2.0", "2Gi", { "taskmanager.memory.managed.fraction": "0.95" }),
                'taskManager.memory: "2Gi" is too small for the TaskManager in Flink 2.0: it leaves a task heap of -335.36 MiB: Total Flink Memory ' +
                "1587.2 MiB (the process size less JVM overhead 204.8 MiB and JVM metaspace 256 MiB) less framework heap 128 MiB, framework " +
                "off-heap 128 MiB, task off-heap 0 B, managed memory 1507.84 MiB (taskmanager.memory.managed.fraction 0.95) and network memory " +
                "158.72 MiB; no container size works with these flinkConfiguration settings");
            refuses(() => taskManagerMemory("2.0", "2Gi", { "taskmanager.memory.managed.fraction": "1.2" }),
                "taskManager.memory: the TaskManager memory settings are refused by Flink 2.0: flinkConfiguration taskmanager.memory.managed.fraction: " +
                '"1.2" is not valid; Flink needs a fraction from 0 to below 1');
            refuses(() => taskManagerMemory("2.0", "2Gi", { "taskmanager.memory.managed.fraction": "lots" }),
                "taskManager.memory: the TaskManager memory settings are refused by Flink 2.0: flinkConfiguration taskmanager.memory.managed.fraction: " +
                '"lots" is not a fraction; expected a number from 0 to below 1, such as "0.4"');
            refuses(() => taskManagerMemory("2.0", "2Gi", { "taskmanager.memory.network.min": "512m", "taskmanager.memory.network.max": "256m" }),
                "taskManager.memory: the TaskManager memory settings are refused by Flink 2.0: flinkConfiguration taskmanager.memory.network.min " +
                "(512 MiB) is more than taskmanager.memory.network.max (256 MiB); Flink needs min ≤ max");
            refuses(() => taskManagerMemory("2.0", "2Gi", { "taskmanager.memory.task.off-heap.size": "1.5g" }),
                "taskManager.memory: the TaskManager memory settings are refused by Flink 2.0: flinkConfiguration taskmanager.memory.task.off-heap.size: " +
                '"1.5g" is not a Flink memory size (the unit ".5g" is none of b, k, kb, m, mb, g, gb, t, tb (binary)); write digits with an ' +
                'optional binary unit, such as "256m", "1g" or "1 gb"');
            refuses(() => jobManagerMemory("1.20", "2Gi", { "jobmanager.memory.flink.size": "100m" }),
                "jobManager.memory: the JobManager memory settings are refused by Flink 1.20: flinkConfiguration jobmanager.memory.flink.size " +
                "(100 MiB) leaves a JVM heap of -28 MiB after off-heap memory 128 MiB; Flink needs a heap above 0");
        });

        it("deprecated keys as Flink reads them: the current key first", () => {
            assert.equal(taskManagerMemory("2.0", "2Gi", { "taskmanager.memory.size": "100m" }).managed, 100 * MiB);
            assert.equal(taskManagerMemory("2.0", "2Gi", { "taskmanager.memory.size": "100m", "taskmanager.memory.managed.size": "200m" }).managed, 200 * MiB);
            assert.equal(taskManagerMemory("1.20", "8Gi", { "taskmanager.network.memory.max": "256m" }).network, 256 * MiB);
        });

        it("the process size is the container's, whatever a process-size key says (the operator sets it from resource.memory)", () => {
            assert.deepEqual(taskManagerMemory("2.0", "2Gi", { "taskmanager.memory.process.size": "1g" }), taskManagerMemory("2.0", "2Gi"));
        });

        it("every smallest or largest container it names works, and one MiB beyond does not", () => {
            const settings: Record<string, string>[] = [
                {}, { "taskmanager.memory.task.heap.size": "3g" }, { "taskmanager.memory.managed.fraction": "0.6", "taskmanager.memory.network.min": "200m" },
                { "taskmanager.memory.task.heap.size": "1g", "taskmanager.memory.managed.size": "256m" }, { "jobmanager.memory.off-heap.size": "1g" },
                { "jobmanager.memory.heap.size": "2g" },
            ];
            let named = 0;
            for (const config of settings) {
                for (const [model, name] of [[taskManagerMemory, "TaskManager"], [jobManagerMemory, "JobManager"]] as const) {
                    for (const mebibytes of [300, 1000, 2048, 6000]) {
                        try {
                            model("2.0", mebibytes * MiB, config);
                        } catch (error) {
                            const found = /(smallest|largest) container that works.* is (\d+)Mi$/.exec((error as Error).message);
                            if (found === null) continue;
                            named++;
                            const fits = Number(found[2]) * MiB;
                            assert.doesNotThrow(() => model("2.0", fits, config), `${name} ${found[2]}Mi with ${JSON.stringify(config)}`);
                            assert.throws(() => model("2.0", found[1] === "smallest" ? fits - MiB : fits + MiB, config), RunError);
                        }
                    }
                }
            }
            assert.ok(named >= 10, `${named} suggestions checked`);
        });

        it("refuses a container size that is no size", () => {
            refuses(() => taskManagerMemory("2.0", 0), 'taskManager.memory: 0 is not valid; expected a memory size in whole bytes above 0');
            refuses(() => taskManagerMemory("2.0", "2 Gi", {}, "clusters[1].taskManager.memory"),
                'clusters[1].taskManager.memory: "2 Gi" is not valid; expected a Kubernetes memory quantity such as "2Gi", "1536Mi" or "2.5Gi"');
        });
    });
});
