#!/usr/bin/env node
// Generates the action reference from the action metadata, so the two never disagree:
//   docs/actions.md                          one section per action (action.yml and actions/*/action.yml)
//   README.md <!-- actions:start/end -->     a compact table of the actions
//   README.md <!-- cli:start/end -->         the CLI help (`node dist/cli.js help [command]`)
//
// Usage: node scripts/gen-action-docs.mjs [--check] [--readme PATH] [--out PATH]
//   --check        change nothing; exit 1 naming each file that regenerating would change
//   --readme PATH  the README to fill in (default README.md)
//   --out PATH     the reference to write (default docs/actions.md)
// The CLI reference needs the built CLI (dist/cli.js: npm run build).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** Placeholder owner/repository in the `uses:` lines. */
const REPOSITORY = 'packreg/packreg';
/** The release tag the `uses:` lines pin. */
const TAG = 'v0';
const REFERENCE_LINK = 'docs/actions.md';
const MARKERS = {
  actions: ['<!-- actions:start -->', '<!-- actions:end -->'],
  cli: ['<!-- cli:start -->', '<!-- cli:end -->'],
};

class DocsError extends Error {}

function parseArgs(argv) {
  const options = { check: false, readme: join(ROOT, 'README.md'), out: join(ROOT, 'docs', 'actions.md') };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--check') options.check = true;
    else if (arg === '--readme' || arg === '--out') {
      const value = argv[++i];
      if (value === undefined || value.startsWith('--')) throw new DocsError(`${arg} needs a path`);
      options[arg.slice(2)] = resolve(value);
    } else throw new DocsError(`unknown argument "${arg}"; usage: gen-action-docs.mjs [--check] [--readme PATH] [--out PATH]`);
  }
  return options;
}

/** A path for messages: relative to the working directory when inside it. */
function shown(path) {
  const rel = relative(process.cwd(), path);
  return rel === '' || rel.startsWith('..') ? path : rel;
}

// ---------------------------------------------------------------------------------------------
// Reading the metadata

/** Every action: the root action first, then actions/<name>/ in byte order of the name. */
function loadActions() {
  const actions = [loadAction(join(ROOT, 'action.yml'), { key: 'release', root: true })];
  const names = readdirSync(join(ROOT, 'actions'), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort(byteOrder);
  for (const name of names) actions.push(loadAction(join(ROOT, 'actions', name, 'action.yml'), { key: name, root: false }));
  return actions;
}

function loadAction(file, { key, root }) {
  if (!existsSync(file)) throw new DocsError(`${shown(file)} is missing: every folder under actions/ needs an action.yml`);
  let meta;
  try {
    meta = parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new DocsError(`${shown(file)} is not valid YAML: ${error.message}`);
  }
  const where = shown(file);
  for (const field of ['name', 'description']) {
    if (typeof meta?.[field] !== 'string' || meta[field].trim() === '') throw new DocsError(`${where}: "${field}" must be a non-empty string`);
  }
  const inputs = Object.entries(meta.inputs ?? {}).map(([name, spec]) => {
    if (typeof spec?.description !== 'string') throw new DocsError(`${where}: input ${name} needs a description`);
    return {
      name,
      description: spec.description,
      required: spec.required === true || spec.required === 'true',
      default: spec.default === undefined || spec.default === null ? undefined : String(spec.default),
    };
  });
  const outputs = Object.entries(meta.outputs ?? {}).map(([name, spec]) => {
    if (typeof spec?.description !== 'string') throw new DocsError(`${where}: output ${name} needs a description`);
    return { name, description: spec.description };
  });
  const pending = /not implemented yet/i.test(meta.description);
  const issue = pending ? /issue #(\d+)/i.exec(meta.description)?.[1] : undefined;
  if (pending && issue === undefined) throw new DocsError(`${where}: a description saying "not implemented yet" must name the issue as "issue #N"`);
  return {
    key,
    root,
    title: root ? `${key} (root action)` : key,
    uses: root ? `${REPOSITORY}@${TAG}` : `${REPOSITORY}/actions/${key}@${TAG}`,
    name: meta.name,
    description: meta.description.trim(),
    inputs,
    outputs,
    issue,
  };
}

function byteOrder(a, b) {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

// ---------------------------------------------------------------------------------------------
// Markdown

/** Text for markdown: `<` would start an HTML tag (`<ref>` would vanish). */
function text(value) {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;');
}

/** One table cell: one line, pipes escaped. */
function cell(value) {
  return text(value.replace(/\s+/g, ' ').trim()).replace(/\|/g, '\\|');
}

/** Inline code, with a fence longer than any backtick run inside. */
function code(value) {
  const longest = Math.max(0, ...(value.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = value.startsWith('`') || value.endsWith('`') || value === '' ? ' ' : '';
  return `${fence}${pad}${value}${pad}${fence}`;
}

/** A fenced block, with a fence longer than any backtick run inside. */
function block(language, body) {
  const longest = Math.max(0, ...(body.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${language}\n${body.replace(/\s+$/, '')}\n${fence}`;
}

/** GitHub's heading anchor: lower case, punctuation dropped, spaces to hyphens. */
function anchor(title) {
  return title
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** The first sentence of a description: what the action does. */
function summary(description) {
  const flat = description.replace(/\s+/g, ' ').trim();
  const match = /^(.*?[.!?])(?=\s+[A-Z]|$)/.exec(flat);
  return match ? match[1] : flat;
}

function status(action) {
  return action.issue === undefined ? 'implemented' : `not implemented yet (issue #${action.issue})`;
}

function table(header, rows) {
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

/** The `uses:` snippet, with a placeholder for every input the action requires (so it is a valid step). */
function usage(action) {
  const required = action.inputs.filter((i) => i.required && i.default === undefined);
  if (required.length === 0) return `- uses: ${action.uses}`;
  return [`- uses: ${action.uses}`, '  with:', ...required.map((i) => `    ${i.name}: <${i.name}>`)].join('\n');
}

function section(action) {
  const parts = [`## ${action.title}`, '', text(action.description.replace(/\s+/g, ' ')), ''];
  parts.push(block('yaml', usage(action)), '');
  parts.push('### Inputs', '');
  if (action.inputs.length === 0) parts.push('None.', '');
  else {
    parts.push(
      table(
        ['Input', 'Required', 'Default', 'Description'],
        action.inputs.map((i) => [code(i.name), i.required ? 'yes' : 'no', i.default === undefined ? '' : code(i.default), cell(i.description)]),
      ),
      '',
    );
  }
  parts.push('### Outputs', '');
  if (action.outputs.length === 0) parts.push('None.', '');
  else parts.push(table(['Output', 'Description'], action.outputs.map((o) => [code(o.name), cell(o.description)])), '');
  return parts.join('\n');
}

function reference(actions) {
  return [
    '<!-- Generated by scripts/gen-action-docs.mjs from action.yml and actions/*/action.yml. Do not edit: run npm run docs. -->',
    '',
    '# Action reference',
    '',
    `packreg's GitHub actions, one section each. Every action runs on \`node24\` from its bundle in \`dist/\`.`,
    `\`${REPOSITORY}\` stands for the repository that hosts packreg; pin a release tag (\`@${TAG}\`) or a full commit SHA.`,
    'Inputs are strings, as in every action: booleans are `true` or `false`, multi-line inputs take one value per line.',
    '',
    ...actions.map((a) => `- [${a.title}](#${anchor(a.title)}): ${status(a)}`),
    '',
    ...actions.map(section),
  ].join('\n');
}

function actionsTable(actions) {
  return table(
    ['Action', 'What it does', 'Status'],
    actions.map((a) => [`[${code(a.root ? REPOSITORY : a.key)}](${REFERENCE_LINK}#${anchor(a.title)})${a.root ? ' (root)' : ''}`, cell(summary(a.description)), status(a)]),
  );
}

// ---------------------------------------------------------------------------------------------
// The CLI reference

function cliReference() {
  const cli = join(ROOT, 'dist', 'cli.js');
  if (!existsSync(cli)) throw new DocsError(`${shown(cli)} is missing: build it first (npm run build), the CLI reference is its help output`);
  const run = (args) => {
    try {
      return execFileSync(process.execPath, [cli, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, PACKREG_DEBUG: '' } });
    } catch (error) {
      throw new DocsError(`node ${shown(cli)} ${args.join(' ')} failed (exit ${error.status}): ${String(error.stderr ?? error.message).trim()}`);
    }
  };
  const general = run(['help']);
  const commands = listedCommands(general);
  if (commands.length === 0) throw new DocsError(`node ${shown(cli)} help lists no commands under "Commands:"`);
  const blocks = [block('text', `$ packreg help\n${general}`)];
  for (const command of commands) blocks.push(block('text', `$ packreg help ${command}\n${run(['help', command])}`));
  return blocks.join('\n\n');
}

/** The command names under "Commands:" in the general help, except help itself. */
function listedCommands(help) {
  const lines = help.split('\n');
  const start = lines.findIndex((l) => l.trim() === 'Commands:');
  if (start < 0) return [];
  const names = [];
  for (const line of lines.slice(start + 1)) {
    const match = /^\s+(\S+)\s/.exec(line);
    if (!match) break;
    if (match[1] !== 'help') names.push(match[1]);
  }
  return names;
}

// ---------------------------------------------------------------------------------------------
// README blocks

function readReadme(path) {
  if (!existsSync(path)) {
    throw new DocsError(`${shown(path)} does not exist; it must hold the generated blocks between ${MARKERS.actions.join(' and ')} and between ${MARKERS.cli.join(' and ')}`);
  }
  return readFileSync(path, 'utf8');
}

function replaceBlock(content, [start, end], body, where) {
  const first = content.indexOf(start);
  const last = content.indexOf(end);
  if (first < 0 || last < 0) {
    const missing = [first < 0 ? start : undefined, last < 0 ? end : undefined].filter(Boolean).join(' and ');
    throw new DocsError(`${where} lacks ${missing}; add the pair ${start} ... ${end} where the generated block belongs`);
  }
  if (content.indexOf(start, first + 1) >= 0 || content.indexOf(end, last + 1) >= 0) throw new DocsError(`${where} has ${start} or ${end} more than once; keep one pair`);
  if (last < first) throw new DocsError(`${where}: ${end} comes before ${start}`);
  return `${content.slice(0, first + start.length)}\n${body}\n${content.slice(last)}`;
}

// ---------------------------------------------------------------------------------------------

function main() {
  const options = parseArgs(process.argv.slice(2));
  const actions = loadActions();
  const readme = readReadme(options.readme);
  let nextReadme = replaceBlock(readme, MARKERS.actions, actionsTable(actions), shown(options.readme));
  nextReadme = replaceBlock(nextReadme, MARKERS.cli, cliReference(), shown(options.readme));
  const nextReference = reference(actions);

  const targets = [
    { path: options.out, content: nextReference },
    { path: options.readme, content: nextReadme },
  ];
  const stale = targets.filter((t) => !existsSync(t.path) || readFileSync(t.path, 'utf8') !== t.content);
  if (options.check) {
    if (stale.length === 0) {
      console.log(`${targets.map((t) => shown(t.path)).join(' and ')} are up to date`);
      return 0;
    }
    for (const t of stale) console.error(`${shown(t.path)} is out of date with the action metadata or the CLI help; run npm run docs and commit the result`);
    return 1;
  }
  for (const t of targets) {
    if (!stale.includes(t)) {
      console.log(`${shown(t.path)} is up to date`);
      continue;
    }
    mkdirSync(dirname(t.path), { recursive: true });
    writeFileSync(t.path, t.content);
    console.log(`wrote ${shown(t.path)}`);
  }
  return 0;
}

try {
  process.exitCode = main();
} catch (error) {
  if (!(error instanceof DocsError)) throw error;
  console.error(`gen-action-docs: ${error.message}`);
  process.exitCode = 1;
}
