// One bundle per action plus the CLI; dist/<name>.js is what actions/<name>/action.yml runs.
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

const bundle = (name, input, banner) => ({
  input,
  output: { file: `dist/${name}.js`, format: 'es', banner, inlineDynamicImports: true },
  plugins: plugins(),
  onwarn(warning, warn) {
    // @actions/* and ajv use `this` at module top and circular imports; both are harmless here.
    if (warning.code === 'THIS_IS_UNDEFINED' || warning.code === 'CIRCULAR_DEPENDENCY') return;
    warn(warning);
  },
});

// The CLI is split into chunks (dist/cli/*.js) so a command loads only what it uses:
// `packreg checksum` never pays for the schema validator or the YAML parser.
const cli = {
  input: { cli: 'src/cli/main.ts' },
  output: { dir: 'dist', format: 'es', entryFileNames: '[name].js', chunkFileNames: 'cli/[name].js', banner: (chunk) => (chunk.isEntry ? '#!/usr/bin/env node' : '') },
  plugins: plugins(),
  onwarn: bundle('cli', 'src/cli/main.ts').onwarn,
};

// PACKREG_ONLY=name,name,cli builds just those bundles (for quick iteration; `npm run build` builds all).
const only = process.env.PACKREG_ONLY?.split(',').map((s) => s.trim());
const all = [...actions.map((name) => ({ name, config: bundle(name, `src/actions/${name}.ts`) })), { name: 'cli', config: cli }];
export default all.filter(({ name }) => !only || only.includes(name)).map(({ config }) => config);
