// Completes package-lock.json with the foreign-platform binaries of packages such as rollup
// and unrs-resolver (jest). Some registries (mirrors) serve only the binaries of common
// platforms; `npm install` then leaves the others out of the lockfile, and `npm ci` refuses
// the lockfile as "out of sync" (npm/cli#9846). Each missing optional dependency is added as
// an entry restricted to its own os/cpu/libc, so npm ci skips it on every other platform and
// never fetches it. Run after changing dependencies: node scripts/complete-lockfile.mjs
import { readFileSync, writeFileSync } from 'node:fs';

const LOCK = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(LOCK, 'utf8'));
const packages = lock.packages;

/** os, cpu and libc of a platform binary, read from its conventional package name. */
function platformOf(name) {
  const tail = name.slice(name.lastIndexOf('/') + 1);
  const os = ['android', 'darwin', 'freebsd', 'linux', 'openbsd', 'openharmony', 'win32', 'sunos', 'aix', 'netbsd', 'wasm32'].find((o) => tail.includes(`-${o}-`) || tail.startsWith(`${o}-`));
  const cpu = ['arm64', 'x64', 'ia32', 'arm', 'loong64', 'ppc64', 'riscv64', 's390x', 'wasm32', 'mips64el'].find((c) => new RegExp(`-${c}(-|$)`).test(tail));
  const libc = /-musl/.test(tail) ? ['musl'] : /-gnu/.test(tail) && os === 'linux' ? ['glibc'] : undefined;
  if (!os || !cpu) return undefined;
  return { os: [os === 'wasm32' ? 'wasi' : os], cpu: [cpu], ...(libc ? { libc } : {}) };
}

let added = 0;
for (const [path, meta] of Object.entries(packages)) {
  for (const [dep, spec] of Object.entries(meta.optionalDependencies ?? {})) {
    const where = `${path ? `${path}/` : ''}node_modules/${dep}`;
    if (packages[where] || packages[`node_modules/${dep}`]) continue;
    const platform = platformOf(dep);
    if (!platform || !/^\d+\.\d+\.\d+(-[\w.]+)?$/.test(spec)) {
      console.error(`cannot complete ${dep}@${spec} (needed by ${path || 'the root'}): add it by hand`);
      process.exitCode = 1;
      continue;
    }
    packages[`node_modules/${dep}`] = { version: spec, ...platform, dev: meta.dev, optional: true };
    added += 1;
  }
}
lock.packages = Object.fromEntries(Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : a > b ? 1 : 0)));
writeFileSync(LOCK, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`added ${added} platform entries to package-lock.json`);
