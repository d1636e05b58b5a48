import * as assert from "node:assert/strict";
import { prometheusDurationMs } from "../../sdk/flink/prometheus-duration";

describe("Prometheus durations (prometheus/common model.ParseDuration)", () => {
    it("reads whole numbers with units in decreasing order, each once, and a bare 0", () => {
        assert.equal(prometheusDurationMs("90s"), 90_000);
        assert.equal(prometheusDurationMs("1h30m"), 5_400_000);
        assert.equal(prometheusDurationMs("1y2w3d4h5m6s7ms"), 31_536_000_000 + 2 * 604_800_000 + 3 * 86_400_000 + 4 * 3_600_000 + 5 * 60_000 + 6_000 + 7);
        assert.equal(prometheusDurationMs("500ms"), 500);
        assert.equal(prometheusDurationMs("0"), 0);
        assert.equal(prometheusDurationMs("0s"), 0);
        assert.equal(prometheusDurationMs("05m"), 300_000);
    });

    it("refuses what Prometheus refuses", () => {
        for (const bad of ["", "30s1m", "1h1h", "10d1d", "1m1h", "5", "5 m", "1.5h", "-5m", "5M", "1ms1s", "m", "1h 30m", "9999999999999999999y"]) {
            assert.equal(prometheusDurationMs(bad), undefined, JSON.stringify(bad));
        }
    });
});
