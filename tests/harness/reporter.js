"use strict";
// Mocha's Spec reporter plus a final summary line "N passed, N failed" (", N skipped" when there
// are pending tests), printed after Spec's epilogue so it is the last line of the run.
const { reporters, Runner } = require("mocha");

class SummaryReporter extends reporters.Spec {
    constructor(runner, options) {
        super(runner, options);
        // Registered after Spec's own EVENT_RUN_END listener (its epilogue), so it runs after it.
        runner.once(Runner.constants.EVENT_RUN_END, () => {
            const { passes, failures, pending } = runner.stats;
            const skipped = pending ? `, ${pending} skipped` : "";
            reporters.Base.consoleLog(`${passes} passed, ${failures} failed${skipped}`);
        });
    }
}

module.exports = SummaryReporter;
