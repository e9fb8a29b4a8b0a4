/** The gates a pull request passes through, and what each found. */
export type GateName = 'version' | 'changelog' | 'registry';

/** `skipped`: the gate is turned off, or there was nothing for it to check. */
export type GateStatus = 'passed' | 'failed' | 'skipped';

/** One finding. Only `error` details fail a gate; `info` lists what passed. */
export interface GateDetail {
  /** The pack's ref (or its folder, when pack.yaml names none), or `ref@version` in a registry. */
  readonly pack?: string;
  /** The file to look at, relative to the checked folder (`/` separators). */
  readonly file?: string;
  /** Line in `file`, when known (for annotations). */
  readonly line?: number;
  readonly message: string;
  readonly level: 'error' | 'warning' | 'info';
}

export interface GateCheck {
  readonly name: GateName;
  readonly status: GateStatus;
  readonly details: readonly GateDetail[];
}

/** Every gate's result; `failures` counts error details over all gates. */
export interface GateReport {
  readonly checks: readonly GateCheck[];
  readonly passed: boolean;
  readonly failures: number;
}

/** A gate's result from its details: failed when any is an error. */
export function gateCheck(name: GateName, details: readonly GateDetail[]): GateCheck {
  return { name, status: details.some((d) => d.level === 'error') ? 'failed' : 'passed', details };
}

/** A gate that did not run, with the reason as its one detail. */
export function skippedGate(name: GateName, reason: string): GateCheck {
  return { name, status: 'skipped', details: [{ message: reason, level: 'info' }] };
}

/** The report over `checks`. */
export function gateReport(checks: readonly GateCheck[]): GateReport {
  const failures = checks.reduce((n, c) => n + c.details.filter((d) => d.level === 'error').length, 0);
  return { checks, passed: failures === 0, failures };
}

/** How each gate is named to people. */
export const GATE_TITLES: Record<GateName, string> = {
  version: 'Version increment',
  changelog: 'Changelog',
  registry: 'Released entries',
};
