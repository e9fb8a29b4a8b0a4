import { describe, expect, it } from '@jest/globals';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import * as contracts from '../../src/contract/actions.js';
import type { ActionContract } from '../../src/contract/actions.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const { ACTIONS, Release } = contracts;

interface ActionYaml {
  name?: unknown;
  description?: unknown;
  author?: unknown;
  branding?: { icon?: unknown; color?: unknown };
  inputs?: Record<string, { description?: unknown; required?: unknown; default?: unknown }>;
  outputs?: Record<string, { description?: unknown }>;
  runs?: { using?: unknown; main?: unknown };
}

/** Where a contract's metadata lives: actions/<name>/action.yml, or action.yml for the root action. */
function metadataDir(contract: ActionContract): string {
  return contract === Release ? ROOT : join(ROOT, 'actions', contract.name);
}

function readMetadata(contract: ActionContract): ActionYaml {
  return parse(readFileSync(join(metadataDir(contract), 'action.yml'), 'utf8')) as ActionYaml;
}

function entrySource(contract: ActionContract): string {
  return readFileSync(join(ROOT, 'src', 'actions', `${contract.name}.ts`), 'utf8');
}

/** The exported identifier of a contract in src/contract/actions.ts (BuildArchive, Checksum...). */
function constantName(contract: ActionContract): string {
  const entry = Object.entries(contracts).find(([, value]) => value === contract);
  if (!entry) throw new Error(`contract ${contract.name} is not exported from src/contract/actions.ts`);
  return entry[0];
}

/** Whether `source` binds `alias` to `<constant>.<field>` (`const I = X.inputs` or `const { inputs: I } = X`). */
function binds(source: string, alias: string, constant: string, field: 'inputs' | 'outputs'): boolean {
  const direct = new RegExp(`const\\s+${alias}\\s*=\\s*${constant}\\.${field}\\b`);
  const destructured = new RegExp(`const\\s*\\{[^}]*\\b${field}\\s*:\\s*${alias}\\b[^}]*\\}\\s*=\\s*${constant}\\b`);
  return direct.test(source) || destructured.test(source);
}

const sorted = (values: Iterable<string>) => [...values].sort();
const ALL: readonly ActionContract[] = [...ACTIONS, Release];
const ARCHIVE_INPUTS = readFileSync(join(ROOT, 'src', 'action-kit', 'archive-inputs.ts'), 'utf8');
/** GitHub Marketplace's branding colours. */
const BRANDING_COLORS = ['white', 'black', 'yellow', 'blue', 'green', 'orange', 'red', 'purple', 'gray-dark'];

describe.each(ALL.map((c) => [c.name, c] as const))('%s: action.yml matches the contract', (_name, contract) => {
  const meta = readMetadata(contract);

  it('declares exactly the contract inputs and outputs', () => {
    expect(sorted(Object.keys(meta.inputs ?? {}))).toEqual(sorted(Object.values(contract.inputs)));
    expect(sorted(Object.keys(meta.outputs ?? {}))).toEqual(sorted(Object.values(contract.outputs)));
  });

  it('runs the bundle of its entry on node24', () => {
    expect(meta.runs?.using).toBe('node24');
    expect(meta.runs?.main).toBe(contract === Release ? 'dist/release.js' : `../../dist/${contract.name}.js`);
    // resolved from the action's folder, main is dist/<name>.js, which rollup builds from src/actions/<name>.ts
    expect(resolve(metadataDir(contract), String(meta.runs?.main))).toBe(join(ROOT, 'dist', `${contract.name}.js`));
  });

  it('describes itself and every input and output', () => {
    expect(typeof meta.name).toBe('string');
    expect(typeof meta.description).toBe('string');
    expect(meta.author).toBe('packreg');
    expect(typeof meta.branding?.icon).toBe('string');
    expect(BRANDING_COLORS).toContain(meta.branding?.color);
    for (const [name, spec] of Object.entries({ ...meta.inputs, ...meta.outputs })) {
      expect([name, typeof spec?.description === 'string' && spec.description.trim() !== '']).toEqual([name, true]);
    }
    for (const [name, spec] of Object.entries(meta.inputs ?? {})) {
      expect([name, typeof spec.required]).toEqual([name, 'boolean']);
      if (spec.default !== undefined) expect([name, typeof spec.default]).toEqual([name, 'string']);
    }
  });

  it('keeps expressions out of descriptions (the runner evaluates ${{ }} there and refuses unknown contexts)', () => {
    const texts = [meta.description, ...Object.values({ ...meta.inputs, ...meta.outputs }).map((spec) => spec?.description)];
    expect(texts.filter((text) => String(text).includes('${{'))).toEqual([]);
    for (const [name, spec] of Object.entries(meta.inputs ?? {})) {
      // A default may use only the contexts the runner offers there (github, runner, env...).
      if (String(spec.default ?? '').includes('${{')) expect([name, spec.default]).toEqual([name, '${{ github.token }}']);
    }
  });

  it('says in its description whether it is implemented, and which issue brings it if not', () => {
    const description = String(meta.description);
    if (contract.pendingIssue === undefined) {
      expect(description).not.toMatch(/not implemented/i);
    } else {
      expect(description).toMatch(/not implemented yet/i);
      expect(description).toContain(`issue #${contract.pendingIssue}`);
    }
  });
});

describe('the action folders, the entries and the contracts', () => {
  const entries = readdirSync(join(ROOT, 'src', 'actions'))
    .filter((f) => f.endsWith('.ts'))
    .map((f) => f.slice(0, -3));
  const folders = readdirSync(join(ROOT, 'actions'), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name);

  it('pair every src/actions/<name>.ts with an action.yml and the reverse', () => {
    expect(sorted(entries)).toEqual(sorted([...folders, 'release']));
    for (const folder of folders) expect([folder, existsSync(join(ROOT, 'actions', folder, 'action.yml'))]).toEqual([folder, true]);
    expect(existsSync(join(ROOT, 'action.yml'))).toBe(true);
  });

  it('have one contract per entry: ACTIONS lists the folders, Release is the root', () => {
    expect(sorted(ACTIONS.map((c) => c.name))).toEqual(sorted(folders));
    expect(sorted(ALL.map((c) => c.name))).toEqual(sorted(entries));
  });

  it('keep the root description within the Marketplace limit (under 125 characters)', () => {
    expect(String(readMetadata(Release).description).length).toBeLessThan(125);
  });
});

describe.each(ALL.map((c) => [c.name, c] as const))('%s: the entry uses its contract', (_name, contract) => {
  const source = entrySource(contract);
  const constant = constantName(contract);

  it('imports its contract constant', () => {
    expect(source).toMatch(new RegExp(`import\\s*\\{[^}]*\\b${constant}\\b[^}]*\\}\\s*from\\s*'\\.\\./contract/actions\\.js'`));
  });

  if (contract.pendingIssue !== undefined) {
    it('only declares its interface: notImplemented with its own contract', () => {
      expect(source).toMatch(new RegExp(`notImplemented\\(\\s*${constant}\\s*\\)`));
    });
    return;
  }

  it('reads inputs and sets outputs only through its contract (no direct getInput or setOutput)', () => {
    expect(source).not.toMatch(/\bcore\.(getInput|getBooleanInput|getMultilineInput|setOutput)\(/);
    expect(source).not.toMatch(/process\.env\.INPUT_/);
  });

  it('runs its body under its own contract', () => {
    expect(source).toMatch(new RegExp(`runAction\\(\\s*${constant}\\s*,`));
  });

  it('reads every input (directly or through archiveSettings)', () => {
    const shared = /\barchiveSettings\(/.test(source);
    const readers: string[] = [];
    if (binds(source, 'I', constant, 'inputs')) readers.push(source);
    if (shared) {
      // archive-inputs.ts reads BuildArchive's inputs; a contract using it must have those inputs (and may add its own).
      expect(binds(ARCHIVE_INPUTS, 'I', 'BuildArchive', 'inputs')).toBe(true);
      expect(contract.inputs).toMatchObject(contracts.BuildArchive.inputs);
      readers.push(ARCHIVE_INPUTS);
    }
    const unread = Object.keys(contract.inputs).filter((key) => !readers.some((r) => new RegExp(`\\bI\\.${key}\\b`).test(r)));
    expect(unread).toEqual([]);
  });

  it('sets every output', () => {
    expect(binds(source, 'O', constant, 'outputs')).toBe(true);
    const unset = Object.keys(contract.outputs).filter((key) => !new RegExp(`\\boutput\\(\\s*O\\.${key}\\s*,`).test(source));
    expect(unset).toEqual([]);
  });

  it('marks an input required in action.yml exactly when the entry requires it', () => {
    const meta = readMetadata(contract);
    const readers = `${source}\n${/\barchiveSettings\(/.test(source) ? ARCHIVE_INPUTS : ''}`;
    for (const [key, name] of Object.entries(contract.inputs)) {
      const requiredInCode = new RegExp(`\\.required\\(\\s*I\\.${key}\\s*\\)`).test(readers);
      expect([name, meta.inputs?.[name]?.required]).toEqual([name, requiredInCode]);
    }
  });
});
