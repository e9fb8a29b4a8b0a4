export { c as compareByteOrder, i as isStrictSemver } from './runtime.js';
import { C as COMPONENT_KINDS } from './pack-files.js';
export { a as assertPackDirectory, d as directoryPackFiles, i as inventory } from './pack-files.js';
export { p as parseManifest, r as readManifestSource } from './manifest.js';
import { f as formatProblem } from './problem.js';
import { v as validatePack } from './validate.js';
import './_commonjsHelpers.js';
import './index.js';
import './yaml-source.js';
import './index2.js';
import 'process';
import 'buffer';
import 'node:fs/promises';
import 'node:path';
import './errors.js';
import './fs-tree.js';
import 'node:fs';
import './packignore.js';
import './index3.js';



export { COMPONENT_KINDS, formatProblem, validatePack };
