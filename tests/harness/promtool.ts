/**
 * Prometheus's own rule engine for the tests: `promtool check rules` (the
 * parser and checks Prometheus runs when it loads a rule file) and `promtool
 * test rules` (rule unit tests over synthetic series). promtool is `$PROMTOOL`,
 * else `promtool` on PATH, else the copy `npm test` unpacks from Debian's
 * `prometheus` package (scripts/promtool.sh). Without it the tests fail with
 * how to get it, unless `SKIP_PROMTOOL=1` says to skip them.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as yaml from "js-yaml";

export const howToGetPromtool =
    "promtool was not found: set PROMTOOL to its path or put it on PATH. On Debian or Ubuntu, without installing anything: " +
    "`apt-get download prometheus && dpkg-deb -x prometheus_*.deb /tmp/prometheus && export PROMTOOL=/tmp/prometheus/usr/bin/promtool` " +
    "(what scripts/promtool.sh does for npm test); or a release from https://prometheus.io/download/. SKIP_PROMTOOL=1 skips these tests.";

/** Where scripts/promtool.sh (run by `npm test`) unpacks Debian's promtool. */
export const unpackedPromtool = path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache"), "flink-platform", "prometheus", "root", "usr", "bin", "promtool");

/** The promtool binary ($PROMTOOL, promtool on PATH, or the one scripts/promtool.sh unpacked), or undefined when there is none. */
export function findPromtool(): string | undefined {
    const candidates = process.env.PROMTOOL ? [process.env.PROMTOOL] : ["promtool", unpackedPromtool];
    return candidates.find((candidate) => spawnSync(candidate, ["--version"], { encoding: "utf8" }).status === 0);
}

export interface PromtoolResult {
    status: number | null;
    output: string;
}

/** Runs promtool in `dir` with `args`; stdout and stderr together, as a person reads them. */
export function promtool(binary: string, dir: string, args: string[]): PromtoolResult {
    const run = spawnSync(binary, args, { cwd: dir, encoding: "utf8" });
    if (run.error) throw run.error;
    return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

/** A fresh directory for rule and test files. */
export function workDir(prefix: string): string {
    return fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
}

export function writeYaml(dir: string, file: string, value: unknown): string {
    const target = path.join(dir, file);
    fs.writeFileSync(target, yaml.dump(value, { lineWidth: -1, noRefs: true }));
    return target;
}
