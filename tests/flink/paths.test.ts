import * as assert from "node:assert/strict";
import { overlappingPaths } from "../../sdk/flink/paths";

const pairs = (paths: string[]) => overlappingPaths(paths.map((path) => ({ path, entry: path })))
    .map(({ outer, inner, same }) => `${inner} ${same ? "=" : "in"} ${outer}`).sort();

describe("flink/paths", () => {
    it("finds equal paths and paths inside others, trailing slashes aside", () => {
        assert.deepEqual(pairs(["s3://b/a", "s3://b/a/ha", "s3://b/a/", "s3://b/c"]), [
            "s3://b/a/ = s3://b/a",
            "s3://b/a/ha in s3://b/a",
            "s3://b/a/ha in s3://b/a/",
        ]);
    });

    it("does not take a shared prefix for nesting", () => {
        assert.deepEqual(pairs(["s3://b/a", "s3://b/a-b", "s3://b/a.b/c", "s3://b/ab"]), []);
    });

    it("reports every enclosing path, not only the nearest", () => {
        assert.deepEqual(pairs(["x", "x/y", "x/y/z", "x-1/z"]), ["x/y in x", "x/y/z in x", "x/y/z in x/y"]);
    });
});
