// The compiled benchmarks read the same data files as the sources: Flink's key lists and the policy configs.
const fs = require("node:fs");
const path = require("node:path");
const root = path.resolve(__dirname, "..");
for (const dir of ["sdk/flink/keys", "policies/config"]) {
    fs.mkdirSync(path.join(root, ".bench-build", dir), { recursive: true });
    for (const file of fs.readdirSync(path.join(root, dir))) {
        fs.copyFileSync(path.join(root, dir, file), path.join(root, ".bench-build", dir, file));
    }
}
