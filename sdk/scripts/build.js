// Compiles the package into bin/ (JavaScript and declarations, tsconfig.json), writes the custom
// resource model types the declarations need (scripts/crd-types.js), and copies the data files the
// compiled code reads at runtime beside it: flink/keys/*.txt, read from config-keys.js's __dirname, and
// the generated args validators.
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const ts = require("typescript");
const { writeCrdTypes } = require("./crd-types");

const root = path.resolve(__dirname, "..");
const configFile = path.join(root, "tsconfig.json");
const config = ts.getParsedCommandLineOfConfigFile(configFile, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: fail });
if (config.errors.length > 0) fail(config.errors);
const outDir = config.options.outDir;

fs.rmSync(outDir, { recursive: true, force: true });
const program = ts.createProgram({ rootNames: config.fileNames, options: config.options, projectReferences: config.projectReferences });
const emitted = program.emit();
const diagnostics = [...ts.getPreEmitDiagnostics(program), ...emitted.diagnostics];
if (diagnostics.length > 0 || emitted.emitSkipped) fail(diagnostics);

writeCrdTypes(program, root, outDir);
fs.cpSync(path.join(root, "flink", "keys"), path.join(outDir, "flink", "keys"), { recursive: true });
// The args validators are generated JavaScript (scripts/args-schema.ts), beside their declarations.
for (const file of ["args-validators.js", "args-validators.d.ts"]) fs.copyFileSync(path.join(root, "flink", file), path.join(outDir, "flink", file));

function fail(diagnostics) {
    const host = { getCanonicalFileName: (f) => f, getCurrentDirectory: () => process.cwd(), getNewLine: () => "\n" };
    console.error(ts.formatDiagnosticsWithColorAndContext([].concat(diagnostics), host));
    process.exit(1);
}
