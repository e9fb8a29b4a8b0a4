/**
 * The pack model: reading and validating an Attune pack (pack.yaml, components, tests)
 * the way Attune and its index builder read it.
 */
export { compareByteOrder } from './byte-order.js';
export {
  COMPONENT_KINDS,
  inventory,
  type ComponentEntry,
  type ComponentKind,
  type InventoryResult,
  type PackContents,
} from './inventory.js';
export {
  isStrictSemver,
  loadManifest,
  parseManifest,
  readManifestSource,
  type LoadedManifest,
  type ManifestResult,
} from './manifest.js';
export { SEMVER_FORMAT, packManifestSchema } from './manifest-schema.js';
export type { PackDependencies, PackManifest, PackTestRunner, PackTesting } from './manifest-types.js';
export { assertPackDirectory, directoryPackFiles, type PackFiles } from './pack-files.js';
export { formatProblem, type Problem } from './problem.js';
export { validatePack, type PackValidation } from './validate.js';
