import * as assert from "node:assert/strict";
import { Environment } from "../../sdk/flink/environment";
import { requireCidr, requireDnsLabel, requireEnum, requireReleaseNumber, requireUnique } from "../../sdk/flink/validation";

describe("flink/validation", () => {
    it("accepts DNS-1123 labels and rejects everything else with the rule", () => {
        assert.equal(requireDnsLabel("name", "flink-jobs-1"), "flink-jobs-1");
        const rule = "a DNS-1123 label: at most 63 lowercase letters, digits or '-', starting and ending with a letter or digit";
        for (const bad of ["Flink", "flink_jobs", "-flink", "flink-", "a".repeat(64), ""]) {
            assert.throws(() => requireDnsLabel("name", bad), { message: `name: ${JSON.stringify(bad)} is not valid; expected ${rule}` });
        }
    });

    it("accepts release numbers only", () => {
        assert.equal(requireReleaseNumber("version", "1.15.0"), "1.15.0");
        for (const bad of ["latest", "1.15", "v1.15.0", "1.15.0-SNAPSHOT"]) {
            assert.throws(() => requireReleaseNumber("version", bad),
                { message: `version: ${JSON.stringify(bad)} is not valid; expected a release number MAJOR.MINOR.PATCH such as 1.15.0` });
        }
    });

    it("accepts enum values and lists them when wrong", () => {
        assert.equal(requireEnum("environment", "prod", Environment), Environment.Prod);
        assert.throws(() => requireEnum("environment", "production", Environment),
            { message: 'environment: "production" is not valid; expected one of "dev", "staging", "prod"' });
    });

    it("accepts IPv4 and IPv6 CIDRs", () => {
        for (const cidr of ["10.0.0.0/16", "172.20.0.2/32", "0.0.0.0/0", "fd00::/8"]) {
            assert.equal(requireCidr("cidrs[0]", cidr), cidr);
        }
        for (const bad of ["10.0.0.0", "10.0.0.256/16", "10.0.0.0/33", "kubernetes.default"]) {
            assert.throws(() => requireCidr("cidrs[0]", bad), { message: `cidrs[0]: ${JSON.stringify(bad)} is not valid; expected a CIDR block such as 10.0.0.0/16 or 172.20.0.1/32` });
        }
    });

    it("finds duplicates", () => {
        assert.doesNotThrow(() => requireUnique("namespaces", ["a", "b"]));
        assert.throws(() => requireUnique("namespaces", ["a", "b", "a"]),
            { message: 'namespaces: "a" is listed more than once; each entry must be unique' });
    });
});
