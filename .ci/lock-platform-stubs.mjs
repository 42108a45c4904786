// The registry this project's machines reach lacks some platform builds of optional native
// packages (biome, cbor-extract, msgpackr-extract for other OSes/CPUs). npm then leaves them out of
// package-lock.json, and `npm ci` refuses the lock as out of sync. This adds a lock entry for each
// missing optional dependency, with the os/cpu its name states, so `npm ci` skips the ones for
// other platforms (and treats a failed fetch of an optional one as non-fatal).
// Run after changing dependencies: `node .ci/lock-platform-stubs.mjs`.
import { readFileSync, writeFileSync } from 'node:fs';

const path = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(path, 'utf8'));
const OS = ['android', 'darwin', 'freebsd', 'linux', 'openbsd', 'sunos', 'win32', 'aix'];
const CPU = ['arm64', 'arm', 'x64', 'ia32', 'ppc64', 's390x', 'riscv64', 'loong64'];

let added = 0;
for (const [key, entry] of Object.entries(lock.packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const base = key === '' ? 'node_modules' : `${key}/node_modules`;
    if (lock.packages[`${base}/${name}`] || lock.packages[`node_modules/${name}`]) continue;
    const parts = name.split('/').pop().split('-');
    const os = OS.filter((o) => parts.includes(o));
    const cpu = CPU.filter((c) => parts.includes(c));
    const stub = { version: version.replace(/^[\^~=]/, ''), dev: entry.dev, optional: true };
    if (os.length) stub.os = os;
    if (cpu.length) stub.cpu = cpu;
    if (parts.includes('musl')) stub.libc = ['musl'];
    if (!stub.dev) delete stub.dev;
    // npm writes `version` first and the other keys in alphabetical order; match it so that a
    // later `npm install` leaves the file unchanged.
    const { version: v, ...rest } = stub;
    lock.packages[`node_modules/${name}`] = {
      version: v,
      ...Object.fromEntries(Object.entries(rest).sort(([a], [b]) => (a < b ? -1 : 1))),
    };
    added++;
  }
}
// npm orders the entries with localeCompare; so do we, for the same reason.
lock.packages = Object.fromEntries(
  Object.entries(lock.packages).sort(([a], [b]) => a.localeCompare(b, 'en')),
);
writeFileSync(path, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`lock-platform-stubs: ${added} optional platform packages added to package-lock.json`);
