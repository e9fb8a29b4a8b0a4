export { c as compareByteOrder } from './ajv.js';
import { C as COMPONENT_KINDS } from './pack-files.js';
export { a as assertPackDirectory, d as directoryPackFiles, i as inventory } from './pack-files.js';
export { S as SEMVER_FORMAT, i as isStrictSemver, p as packManifestSchema, a as parseManifest, r as readManifestSource } from './manifest.js';
import { f as formatProblem } from './problem.js';
import { v as validatePack } from './validate.js';
import 'node:fs/promises';
import 'node:path';
import './errors.js';
import './index.js';
import './_commonjsHelpers.js';
import 'process';
import 'buffer';
import './fs-tree.js';
import 'node:fs';
import './packignore.js';
import './index2.js';



export { COMPONENT_KINDS, formatProblem, validatePack };
