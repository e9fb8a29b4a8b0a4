// dist/<name>.js is what actions/<name>/action.yml runs; dist/cli.js is the packreg command.
import commonjs from '@rollup/plugin-commonjs';
import json from '@rollup/plugin-json';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import typescript from '@rollup/plugin-typescript';
import { readdirSync } from 'node:fs';

const actions = readdirSync('src/actions')
  .filter((f) => f.endsWith('.ts'))
  .map((f) => f.slice(0, -3));

const plugins = () => [
  typescript({ tsconfig: 'tsconfig.build.json' }),
  nodeResolve({ preferBuiltins: true, exportConditions: ['node'] }),
  commonjs(),
  json(),
];

// One build for every action and the CLI: modules are parsed, type-checked and transformed
// once, not once per bundle. dist/<name>.js is each entry; the code they share is split into
// dist/chunks/*.js, so the CLI loads only what a command uses (`packreg checksum` never pays
// for the schema validator or the YAML parser) and an action only what it imports.
const entries = Object.fromEntries([...actions.map((name) => [name, `src/actions/${name}.ts`]), ['cli', 'src/cli/main.ts']]);

// PACKREG_ONLY=name,name,cli builds just those entries (for quick iteration; `npm run build` builds all).
const only = process.env.PACKREG_ONLY?.split(',').map((s) => s.trim());

export default {
  input: Object.fromEntries(Object.entries(entries).filter(([name]) => !only || only.includes(name))),
  output: {
    dir: 'dist',
    format: 'es',
    entryFileNames: '[name].js',
    chunkFileNames: 'chunks/[name].js',
    banner: (chunk) => (chunk.isEntry && chunk.name === 'cli' ? '#!/usr/bin/env node' : ''),
  },
  plugins: plugins(),
  onwarn(warning, warn) {
    // @actions/* and ajv use `this` at module top and circular imports; both are harmless here.
    if (warning.code === 'THIS_IS_UNDEFINED' || warning.code === 'CIRCULAR_DEPENDENCY') return;
    warn(warning);
  },
};
