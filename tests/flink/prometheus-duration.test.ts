import * as assert from "node:assert/strict";
import { formatPrometheusDuration, prometheusDurationMs } from "../../sdk/flink/prometheus-duration";

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

    it("writes milliseconds as a duration Prometheus reads back exactly", () => {
        assert.deepEqual([0, 500, 90_000, 3_600_000, 5_400_000, 172_800_000, 93_784_005].map(formatPrometheusDuration),
            ["0", "500ms", "1m30s", "1h", "1h30m", "2d", "1d2h3m4s5ms"]);
        for (const ms of [1, 61_001, 7_200_000, 86_400_000]) assert.equal(prometheusDurationMs(formatPrometheusDuration(ms)), ms);
    });
});
