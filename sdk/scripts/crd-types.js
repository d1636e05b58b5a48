// The spec types of the typed custom resources (crds.ts) come from @kubernetes-models/*, which are
// ES modules whose declarations resolve only with `moduleResolution: node16`/`nodenext`/`bundler`
// (they import "@kubernetes-models/base", which has types only under its "exports"). A program with
// Pulumi's TypeScript template tsconfig (`moduleResolution: node`, no `skipLibCheck`) would fail to
// type-check the package's declarations. So, after tsc, every interface the sources import from
// those packages (type-only imports) is written out structurally, with its documentation, into
// bin/crd-types.d.ts, and the emitted declarations import it from there instead: the same types,
// with no dependency on how the consumer resolves modules. The JavaScript never imports them.
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const ts = require("typescript");

const modelPackage = /^(@kubernetes-models\/|kubernetes-models(\/|$))/;
const generatedFile = "crd-types.d.ts";

/** The type-only imports from the model packages in the program's own source files. */
function modelImports(program) {
    const imports = [];
    for (const file of program.getSourceFiles()) {
        if (file.isDeclarationFile || file.fileName.includes("/node_modules/")) continue;
        for (const statement of file.statements) {
            if (!ts.isImportDeclaration(statement) || !modelPackage.test(statement.moduleSpecifier.text)) continue;
            const clause = statement.importClause;
            const bindings = clause?.namedBindings;
            if (!clause || clause.name || !bindings || !ts.isNamedImports(bindings)) {
                throw new Error(`${file.fileName}: import only named types from ${statement.moduleSpecifier.text}`);
            }
            for (const element of bindings.elements) {
                if (!clause.isTypeOnly && !element.isTypeOnly) {
                    throw new Error(`${file.fileName}: ${element.name.text} from ${statement.moduleSpecifier.text} must be a type-only import ` +
                        "(the package would otherwise be a runtime dependency)");
                }
                imports.push({ file, specifier: statement.moduleSpecifier.text, name: element.name.text, node: element });
            }
        }
    }
    return imports;
}

/** Prints a type as a self-contained type expression, expanding every named object type. */
function printer(checker) {
    const expanding = [];

    function docs(symbol, indent) {
        const text = ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim();
        if (text === "") return "";
        const lines = text.replace(/\*\//g, "*\\/").split("\n");
        return `${indent}/**\n${lines.map((line) => `${indent} * ${line}`.trimEnd()).join("\n")}\n${indent} */\n`;
    }

    function members(type, indent) {
        const inner = indent + "    ";
        let out = "";
        for (const info of checker.getIndexInfosOfType(type)) {
            out += `${inner}[key: ${print(info.keyType, inner)}]: ${print(info.type, inner)};\n`;
        }
        for (const property of checker.getPropertiesOfType(type)) {
            const optional = (property.flags & ts.SymbolFlags.Optional) !== 0;
            let propertyType = checker.getTypeOfSymbol(property);
            if (optional) propertyType = checker.getNonNullableType(propertyType);
            out += docs(property, inner);
            out += `${inner}${JSON.stringify(property.name)}${optional ? "?" : ""}: ${print(propertyType, inner)};\n`;
        }
        return out;
    }

    function print(type, indent) {
        if (type.flags & ts.TypeFlags.Union) {
            const parts = [];
            let booleans = 0;
            for (const member of type.types) {
                if (member.flags & ts.TypeFlags.BooleanLiteral) booleans++;
                else parts.push(print(member, indent));
            }
            if (booleans === 2) parts.push("boolean");
            else if (booleans === 1) parts.push(...type.types.filter((m) => m.flags & ts.TypeFlags.BooleanLiteral).map((m) => checker.typeToString(m)));
            return parts.join(" | ");
        }
        if (type.flags & ts.TypeFlags.Intersection) {
            return type.types.map((member) => `(${print(member, indent)})`).join(" & ");
        }
        if (!(type.flags & ts.TypeFlags.Object)) {
            return checker.typeToString(type); // primitives, literals, any, unknown, never
        }
        if (checker.isArrayType(type)) {
            return `Array<${print(checker.getTypeArguments(type)[0], indent)}>`;
        }
        if (checker.isTupleType(type) || checker.getSignaturesOfType(type, ts.SignatureKind.Call).length > 0 ||
            checker.getSignaturesOfType(type, ts.SignatureKind.Construct).length > 0) {
            throw new Error(`unsupported type in a custom resource model: ${checker.typeToString(type)}`);
        }
        if (expanding.includes(type)) {
            throw new Error(`recursive type in a custom resource model: ${checker.typeToString(type)}`);
        }
        expanding.push(type);
        try {
            const body = members(type, indent);
            return body === "" ? "{}" : `{\n${body}${indent}}`;
        } finally {
            expanding.pop();
        }
    }

    return { print, members, docs };
}

/**
 * Writes bin/crd-types.d.ts and points the emitted declarations at it.
 * @param {ts.Program} program the program tsc compiled (the package's tsconfig)
 * @param {string} root the package folder
 * @param {string} outDir the compiled output folder
 */
function writeCrdTypes(program, root, outDir) {
    const checker = program.getTypeChecker();
    const { members, docs } = printer(checker);
    const imports = modelImports(program);
    if (imports.length === 0) return;

    const declared = new Map();
    for (const { name, specifier, node } of imports) {
        const previous = declared.get(name);
        if (previous !== undefined && previous.specifier !== specifier) {
            throw new Error(`${name} is imported from both ${previous.specifier} and ${specifier}`);
        }
        if (previous !== undefined) continue;
        const symbol = checker.getAliasedSymbol(checker.getSymbolAtLocation(node.name));
        const type = checker.getDeclaredTypeOfSymbol(symbol);
        declared.set(name, { specifier, text: `${docs(symbol, "")}export interface ${name} {\n${members(type, "")}}\n` });
    }
    const header = "// Generated by scripts/crd-types.js at build time from the type-only imports of the sources:\n" +
        [...declared].map(([name, { specifier }]) => `// ${name} from ${specifier}\n`).join("") +
        "// Written out structurally so that these declarations resolve under any moduleResolution.\n";
    fs.writeFileSync(path.join(outDir, generatedFile), header + [...declared.values()].map((d) => d.text).join("\n"));

    // Point each emitted declaration file at the generated one, import by import.
    for (const file of new Set(imports.map((i) => i.file))) {
        const relative = path.relative(root, file.fileName).replace(/\.ts$/, ".d.ts");
        const emitted = path.join(outDir, relative);
        let text = fs.readFileSync(emitted, "utf8");
        const from = path.relative(path.dirname(emitted), path.join(outDir, generatedFile)).replace(/\.d\.ts$/, "");
        const target = from.startsWith(".") ? from : `./${from}`;
        const pattern = /^import type \{([^}]*)\} from "([^"]+)"( with \{[^}]*\})?;$/gm;
        text = text.replace(pattern, (line, names, specifier) => (modelPackage.test(specifier) ? `import type {${names}} from "${target}";` : line));
        fs.writeFileSync(emitted, text);
    }

    // Nothing emitted may still refer to a model package.
    const leftovers = [];
    const walk = (dir) => {
        for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
            const full = path.join(dir, entry.name);
            if (entry.isDirectory()) walk(full);
            else if (/\.(d\.ts|js)$/.test(entry.name) && /["'](@kubernetes-models\/|kubernetes-models)/.test(fs.readFileSync(full, "utf8"))) leftovers.push(full);
        }
    };
    walk(outDir);
    if (leftovers.length > 0) {
        throw new Error(`still importing @kubernetes-models/* after the rewrite: ${leftovers.join(", ")}`);
    }
}

module.exports = { writeCrdTypes };
