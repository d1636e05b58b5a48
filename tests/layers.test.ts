// The pure layer (sdk/flink/: args types, schemas, plans, checks) derives values and never registers a
// resource: it imports nothing from the component files beside it (sdk/*.ts), only its own modules and
// packages. So a plan can be read and tested without Pulumi's runtime, and no import goes in a circle.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";

const pureLayer = path.resolve(__dirname, "..", "sdk", "flink");

function sourceFiles(dir: string): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) return sourceFiles(full);
        return entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts") ? [full] : [];
    });
}

/** Each relative import of `file` that resolves outside sdk/flink/. */
export function importsLeavingPureLayer(file: string, text: string): string[] {
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
    const specifiers: string[] = [];
    const visit = (node: ts.Node) => {
        if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier !== undefined && ts.isStringLiteral(node.moduleSpecifier)) {
            specifiers.push(node.moduleSpecifier.text);
        } else if (ts.isCallExpression(node) && node.arguments.length === 1 && ts.isStringLiteral(node.arguments[0]) &&
            (node.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(node.expression) && node.expression.text === "require"))) {
            specifiers.push(node.arguments[0].text);
        }
        ts.forEachChild(node, visit);
    };
    visit(source);
    return specifiers
        .filter((specifier) => specifier.startsWith("."))
        .filter((specifier) => path.relative(pureLayer, path.resolve(path.dirname(file), specifier)).startsWith(".."))
        .map((specifier) => `${path.relative(path.resolve(pureLayer, "..", ".."), file)}: imports ${specifier}`);
}

describe("layers: the pure layer imports no component file", () => {
    it("no module of sdk/flink/ imports from outside it", () => {
        const found = sourceFiles(pureLayer).flatMap((file) => importsLeavingPureLayer(file, fs.readFileSync(file, "utf8")));
        assert.deepEqual(found, []);
    });

    it("finds an import of a component file, static, type-only or dynamic", () => {
        const file = path.join(pureLayer, "example-plan.ts");
        assert.deepEqual(importsLeavingPureLayer(file, [
            'import type { FlinkDeploymentSpec } from "../crds";',
            'import { planStorage } from "./storage-plan";',
            'const cluster = require("../cluster");',
            'export { FlinkStorage } from "../storage";',
        ].join("\n")), [
            "sdk/flink/example-plan.ts: imports ../crds",
            "sdk/flink/example-plan.ts: imports ../cluster",
            "sdk/flink/example-plan.ts: imports ../storage",
        ]);
    });
});
