import * as assert from "node:assert/strict";
import { quantityValue, requireNotAbove, requireQuantity } from "../../sdk/flink/quantity";

describe("flink/quantity", () => {
    it("accepts Kubernetes quantities and returns them unchanged", () => {
        for (const q of ["0", "2", "500m", "0.5", ".5", "16Gi", "1Ti", "100M", "1e3", "+1"]) {
            assert.equal(requireQuantity("quota.requestsCpu", q), q);
        }
    });

    it("rejects malformed and negative quantities naming the field and the value", () => {
        const expected = (value: string) => `quota.requestsMemory: ${JSON.stringify(value)} is not valid; expected a non-negative Kubernetes quantity: ` +
            'a number with an optional suffix (m, k, M, G, T, Ki, Mi, Gi, Ti, …), such as "500m", "2", "4Gi"';
        for (const bad of ["2 GB", "-1Gi", "2GB", "Gi", "", "1.2.3", "2gi"]) {
            assert.throws(() => requireQuantity("quota.requestsMemory", bad), { message: expected(bad) });
        }
        assert.throws(() => requireQuantity("quota.requestsMemory", 4), { message: /quota.requestsMemory: 4 is not valid/ });
    });

    it("computes values in base units", () => {
        assert.equal(quantityValue("500m"), 0.5);
        assert.equal(quantityValue("2Gi"), 2 * 1024 ** 3);
        assert.equal(quantityValue("3G"), 3e9);
        assert.equal(quantityValue("1e3"), 1000);
    });

    it("refuses a request above its limit", () => {
        assert.doesNotThrow(() => requireNotAbove("cpuRequest", "500m", "cpuLimit", "1"));
        assert.throws(() => requireNotAbove("x.cpuRequest", "2", "cpuLimit", "1500m"),
            { message: 'x.cpuRequest: "2" is more than cpuLimit "1500m"; a request cannot exceed its limit' });
    });
});
