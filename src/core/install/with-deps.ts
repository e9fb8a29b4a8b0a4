import type { MissingPack } from './dependencies.js';
import type { InstallReport } from './install-report.js';
import type { StepDetail } from './report.js';
import type { InstallSettings } from './settings.js';

/** Refs being installed (outermost first) and the packs folders whose packs count as installed. */
export interface InstallContext {
  /** A ref seen again in this chain is a dependency cycle. */
  readonly chain: readonly string[];
  /** A dry run adds its private folder, so its dependencies count without being registered. */
  readonly lookupDirs: readonly string[];
}

/** Runs one install (the orchestrator, passed in to keep the modules acyclic). */
export type InstallOne = (settings: InstallSettings, context: InstallContext) => Promise<InstallReport>;

/** Where dependencies go and which folders count as installed. */
export interface DependencyTarget {
  readonly packsDir: string;
  readonly lookupDirs: readonly string[];
}

/**
 * `--with-deps`: resolve each missing pack dependency from the registries and install it
 * (and, first, what it depends on). A ref already being installed further up the chain is a
 * cycle: reported with the whole chain, and nothing of it is installed.
 */
export async function installMissingDependencies(
  missing: readonly MissingPack[],
  target: DependencyTarget,
  settings: InstallSettings,
  context: InstallContext,
  install: InstallOne,
): Promise<{ reports: InstallReport[]; error?: StepDetail }> {
  const reports: InstallReport[] = [];
  for (const pack of missing) {
    if (context.chain.includes(pack.ref)) {
      const cycle = [...context.chain.slice(context.chain.indexOf(pack.ref)), pack.ref].join(' -> ');
      return { reports, error: { level: 'error', message: `dependency cycle: ${cycle}; packs cannot depend on each other in a circle, remove one of these dependencies` } };
    }
    const report = await install(dependencySettings(pack, target, settings), { chain: context.chain, lookupDirs: target.lookupDirs });
    reports.push(report);
    if (!report.passed) {
      return { reports, error: { level: 'error', message: `pack dependency ${pack.ref}@${pack.range} could not be installed: ${report.error ?? 'it failed'}` } };
    }
  }
  return { reports };
}

/** The same install, for one dependency, from the registries only, into the target folder. */
function dependencySettings(pack: MissingPack, target: DependencyTarget, settings: InstallSettings): InstallSettings {
  return {
    ...settings,
    spec: pack.range === '*' ? pack.ref : `${pack.ref}@${pack.range}`,
    gitRef: undefined,
    noRegistry: false,
    registryOnly: true,
    allowUnverified: false,
    packsDir: target.packsDir,
    dryRun: false,
    // A wrong version installed is replaced only when the user allowed replacing.
    force: settings.force && pack.installed !== undefined,
  };
}
