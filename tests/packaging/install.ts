// What a user does with the packages: npm pack (as publishing does), npm install into a fresh folder,
// tsc with Pulumi's TypeScript template tsconfig. Child processes run on the Node.js the tests run on.
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

export const repoRoot = path.resolve(__dirname, "..", "..");

/** tsconfig.json of `pulumi new typescript` (Pulumi's TypeScript template), verbatim. */
export const templateTsconfig = {
    compilerOptions: {
        strict: true,
        outDir: "bin",
        target: "es2020",
        module: "commonjs",
        moduleResolution: "node",
        sourceMap: true,
        experimentalDecorators: true,
        pretty: true,
        noFallthroughCasesInSwitch: true,
        noImplicitReturns: true,
        forceConsistentCasingInFileNames: true,
    },
    files: ["index.ts"],
};

export interface Completed {
    code: number | null;
    stdout: string;
    stderr: string;
}

/** The environment without what the `npm test` around us set (npm_config_*, npm_package_*, …). */
export function childEnv(): NodeJS.ProcessEnv {
    return Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
}

/** Runs a command to its end; rejects with its output when it fails. */
export function exec(command: string, args: string[], cwd: string): Promise<Completed> {
    return new Promise((resolve, reject) => {
        const child = spawn(command, args, { cwd, env: childEnv(), stdio: ["ignore", "pipe", "pipe"] });
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (chunk) => (stdout += chunk));
        child.stderr.on("data", (chunk) => (stderr += chunk));
        child.on("error", reject);
        child.on("close", (code) => {
            if (code === 0) resolve({ code, stdout, stderr });
            else reject(new Error(`${command} ${args.join(" ")} (in ${cwd}) exited with ${code}:\n${stdout}\n${stderr}`));
        });
    });
}

/** npm, on this Node.js: the npm that runs `npm test` when there is one. */
export function npm(args: string[], cwd: string): Promise<Completed> {
    const cli = process.env.npm_execpath;
    return cli !== undefined && /\.c?js$/.test(cli) ? exec(process.execPath, [cli, ...args], cwd) : exec("npm", args, cwd);
}

/** `npm install` as a user runs it, reusing the cache `npm ci` filled. */
export function npmInstall(cwd: string, ...packages: string[]): Promise<Completed> {
    return npm(["install", "--prefer-offline", "--no-audit", "--no-fund", ...packages], cwd);
}

/** `npm pack` of a workspace folder (its prepack script builds bin/ first, as on publish); the tarball's path. */
export async function pack(workspace: string, destination: string): Promise<string> {
    fs.mkdirSync(destination, { recursive: true });
    const before = new Set(fs.readdirSync(destination));
    await npm(["pack", "--workspace", workspace, "--pack-destination", destination], repoRoot);
    const created = fs.readdirSync(destination).filter((file) => file.endsWith(".tgz") && !before.has(file));
    if (created.length !== 1) throw new Error(`npm pack of ${workspace} created ${JSON.stringify(created)}`);
    return path.join(destination, created[0]);
}

/** The paths in a tarball, without npm's leading "package/". */
export async function tarballFiles(tarball: string): Promise<string[]> {
    const { stdout } = await exec("tar", ["-tzf", tarball], path.dirname(tarball));
    return stdout.split("\n").filter((line) => line !== "").map((line) => line.replace(/^package\//, "")).sort();
}

/** The version range the repository's own package.json gives a dependency (what package-lock.json pinned). */
export function rootRange(name: string): string {
    const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8"));
    const range = manifest.dependencies?.[name] ?? manifest.devDependencies?.[name];
    if (range === undefined) throw new Error(`the root package.json does not depend on ${name}`);
    return range;
}

export function writeJson(file: string, value: unknown): void {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(value, null, 2) + "\n");
}
