import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  // src/**/*.generated.ts: written by scripts/gen-validators.mjs.
  { ignores: ['dist/**', 'node_modules/**', 'build/**', 'coverage/**', 'bench/.data/**', 'src/**/*.generated.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  { languageOptions: { globals: { ...globals.node } } },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      // The core library is shared by the CLI and the actions: it must not depend on the runner.
      'no-restricted-imports': ['error', { patterns: [{ group: ['@actions/*'], message: 'src/core must not import @actions/*; take a Logger or an interface instead.' }] }],
      'no-restricted-properties': ['error', { object: 'process', property: 'exit', message: 'core code never exits the process; throw a typed error.' }],
    },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
);
