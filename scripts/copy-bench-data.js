// The compiled benchmarks read the same data files as the sources: Flink's key lists, the policy configs, the
// pack's package.json (its version) and the generated args validators (JavaScript that tsc does not emit).
const fs = require("node:fs");
const path = require("node:path");
const root = path.resolve(__dirname, "..");
const copy = (file) => {
    fs.mkdirSync(path.dirname(path.join(root, ".bench-build", file)), { recursive: true });
    fs.copyFileSync(path.join(root, file), path.join(root, ".bench-build", file));
};
for (const dir of ["sdk/flink/keys", "policies/config"]) {
    for (const file of fs.readdirSync(path.join(root, dir))) copy(path.join(dir, file));
}
copy("sdk/flink/args-validators.js");
copy("policies/package.json");
