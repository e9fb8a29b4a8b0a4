/** A gate's result from its details: failed when any is an error. */
function gateCheck(name, details) {
    return { name, status: details.some((d) => d.level === 'error') ? 'failed' : 'passed', details };
}
/** A gate that did not run, with the reason as its one detail. */
function skippedGate(name, reason) {
    return { name, status: 'skipped', details: [{ message: reason, level: 'info' }] };
}
/** The report over `checks`. */
function gateReport(checks) {
    const failures = checks.reduce((n, c) => n + c.details.filter((d) => d.level === 'error').length, 0);
    return { checks, passed: failures === 0, failures };
}
/** How each gate is named to people. */
const GATE_TITLES = {
    version: 'Version increment',
    changelog: 'Changelog',
    registry: 'Released entries',
};

export { GATE_TITLES as G, gateReport as a, gateCheck as g, skippedGate as s };
