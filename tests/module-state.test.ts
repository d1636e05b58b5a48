// No module-level mutable state in the sdk or the policy pack: several stacks may run in one process
// (the Automation API, the component provider's Construct calls), so components find each other by the
// objects passed to them, never through a registry or cache a module keeps.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";

const repoRoot = path.resolve(__dirname, "..");
const collections = /^(Map|Set|WeakMap|WeakSet|Array)$/;
const readonlyTypes = /^(ReadonlyMap|ReadonlySet|ReadonlyArray|readonly )/;

function sourceFiles(dir: string): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) return ["node_modules", "bin"].includes(entry.name) ? [] : sourceFiles(full);
        return entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts") ? [full] : [];
    });
}

/** Top-level `let`/`var`, and top-level collections (`new Map()`, `new Set()`, …) not typed read-only. */
function moduleState(file: string, text: string): string[] {
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
    const found: string[] = [];
    for (const statement of source.statements) {
        if (!ts.isVariableStatement(statement)) continue;
        const list = statement.declarationList;
        const isConst = (list.flags & ts.NodeFlags.Const) !== 0;
        for (const declaration of list.declarations) {
            const name = declaration.name.getText(source);
            const where = `${path.relative(repoRoot, file)}: ${name}`;
            if (!isConst) {
                found.push(`${where} (a module-level ${list.flags & ts.NodeFlags.Let ? "let" : "var"})`);
                continue;
            }
            const init = declaration.initializer;
            const isCollection = init !== undefined && ts.isNewExpression(init) && collections.test(init.expression.getText(source));
            const typedReadonly = declaration.type !== undefined && readonlyTypes.test(declaration.type.getText(source));
            if (isCollection && !typedReadonly) {
                found.push(`${where} (a module-level ${(init as ts.NewExpression).expression.getText(source)} that can be changed)`);
            }
        }
    }
    return found;
}

describe("module-level state", () => {
    it("the sdk and the policy pack hold none", () => {
        const files = [...sourceFiles(path.join(repoRoot, "sdk")), ...sourceFiles(path.join(repoRoot, "policies"))];
        assert.ok(files.length > 40, `${files.length} files`);
        assert.deepEqual(files.flatMap((file) => moduleState(file, fs.readFileSync(file, "utf8"))), []);
    });

    it("finds a registry, a cache and a counter", () => {
        const program = [
            "const clusters = new Map<string, object>();",
            "export const seen: Set<string> = new Set();",
            "let count = 0;",
            "const keys: ReadonlySet<string> = new Set([\"a\"]);",
            "function inner() { const local = new Map(); let n = 0; return [local, n]; }",
        ].join("\n");
        assert.deepEqual(moduleState(path.join(repoRoot, "sdk", "example.ts"), program), [
            "sdk/example.ts: clusters (a module-level Map that can be changed)",
            "sdk/example.ts: seen (a module-level Set that can be changed)",
            "sdk/example.ts: count (a module-level let)",
        ]);
    });
});
