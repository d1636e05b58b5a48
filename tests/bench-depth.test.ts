import * as assert from "node:assert/strict";
import { longestChain } from "../bench/dependency-depth";

describe("bench/dependency-depth", () => {
    it("counts the longest chain of waits, in resources", () => {
        const { depth, chain } = longestChain([
            { urn: "ns", dependsOn: [] },
            { urn: "role", dependsOn: ["ns"] },
            { urn: "chart", dependsOn: ["ns"] },
            { urn: "deployment", dependsOn: ["ns", "role", "chart"] },
            { urn: "session-job", dependsOn: ["deployment"] },
            { urn: "quota", dependsOn: ["ns"] },
        ]);
        assert.equal(depth, 4);
        assert.deepEqual(chain, ["ns", "role", "deployment", "session-job"]);
    });

    it("ignores dependencies outside the graph (components) and refuses cycles", () => {
        assert.equal(longestChain([{ urn: "a", dependsOn: ["component"] }]).depth, 1);
        assert.throws(() => longestChain([{ urn: "a", dependsOn: ["b"] }, { urn: "b", dependsOn: ["a"] }]), { message: "dependency cycle through a" });
    });
});
