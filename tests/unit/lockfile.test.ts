import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkLockfile, describeGap, type Lockfile } from '../../scripts/lockfile.ts';

const LOCK = path.resolve(import.meta.dirname, '../../package-lock.json');
const realLock = (): Lockfile => JSON.parse(fs.readFileSync(LOCK, 'utf8')) as Lockfile;

/** The real lock with some entries taken out, as a lock written on one machine can be. */
function without(...locations: string[]): Lockfile {
  const lock = realLock();
  for (const location of locations) {
    expect(lock.packages![location], `${location} is in the real lock`).toBeDefined();
    delete lock.packages![location];
  }
  return lock;
}

const failures = (lock: Lockfile) => checkLockfile(lock).failures.map((gap) => `${gap.family.name} ${gap.platform.name}: ${gap.missing.join(' ')}`);

describe('the lock file check', () => {
  it('passes on the committed package-lock.json, which lists every platform binary', () => {
    const report = checkLockfile(realLock());
    expect(report.failures.map(describeGap)).toEqual([]);
    const names = report.families.map((family) => family.name);
    for (const name of ['esbuild', 'rolldown', 'lightningcss', 'pagefind', '@astrojs/compiler-binding']) expect(names).toContain(name);
  });

  it('fails on a lock without the macOS and Windows binaries, naming each one for its platform', () => {
    const lock = without('node_modules/@pagefind/darwin-arm64', 'node_modules/@pagefind/darwin-x64', 'node_modules/@esbuild/win32-x64', 'node_modules/@astrojs/compiler-binding-win32-x64-msvc');
    expect(failures(lock)).toEqual([
      '@astrojs/compiler-binding win32-x64: @astrojs/compiler-binding-win32-x64-msvc',
      'esbuild win32-x64: @esbuild/win32-x64',
      'pagefind darwin-x64: @pagefind/darwin-x64',
      'pagefind darwin-arm64: @pagefind/darwin-arm64',
    ]);
    const message = describeGap(checkLockfile(lock).failures.find((gap) => gap.family.name === 'pagefind')!);
    expect(message).toMatch(/^pagefind@\d+\.\d+\.\d+ \(node_modules\/pagefind\): no binary for darwin-x64 \(missing: @pagefind\/darwin-x64\)$/);
  });

  it('fails on a lock that lists only this machine\'s binaries, as npm has written them', () => {
    const lock = realLock();
    for (const [location, entry] of Object.entries(lock.packages!)) {
      if (location.startsWith('node_modules/@rolldown/binding-') && location !== 'node_modules/@rolldown/binding-linux-x64-gnu' && entry.cpu) delete lock.packages![location];
    }
    expect(failures(lock)).toEqual([
      'rolldown linux-arm64: @rolldown/binding-linux-arm64-gnu',
      'rolldown darwin-x64: @rolldown/binding-darwin-x64',
      'rolldown darwin-arm64: @rolldown/binding-darwin-arm64',
      'rolldown win32-x64: @rolldown/binding-win32-x64-msvc',
    ]);
  });

  it('does not count a musl binary for glibc Linux, and reports musl gaps without failing', () => {
    const glibc = without('node_modules/lightningcss-linux-arm64-gnu');
    expect(failures(glibc)).toEqual(['lightningcss linux-arm64: lightningcss-linux-arm64-gnu']);
    const musl = checkLockfile(without('node_modules/lightningcss-linux-arm64-musl'));
    expect(musl.failures).toEqual([]);
    expect(musl.notes.map(describeGap)).toEqual([expect.stringContaining('no binary for linux-arm64-musl (missing: lightningcss-linux-arm64-musl)')]);
  });

  it('follows Node\'s resolution for nested packages, and ignores a single platform extra such as fsevents', () => {
    const lock: Lockfile = {
      lockfileVersion: 3,
      packages: {
        '': { version: '1.0.0' },
        'node_modules/vite': { version: '8.0.0', optionalDependencies: { fsevents: '~2.3.3' } },
        'node_modules/fsevents': { version: '2.3.3', os: ['darwin'] },
        'node_modules/a': { version: '1.0.0' },
        'node_modules/a/node_modules/tool': { version: '2.0.0', optionalDependencies: { 'tool-linux-x64': '2.0.0', 'tool-linux-arm64': '2.0.0', 'tool-darwin-x64': '2.0.0', 'tool-darwin-arm64': '2.0.0', 'tool-win32-x64': '2.0.0' } },
        'node_modules/a/node_modules/tool-linux-x64': { version: '2.0.0', os: ['linux'], cpu: ['x64'] },
        'node_modules/tool-linux-arm64': { version: '2.0.0', os: ['linux'], cpu: ['arm64'] },
        'node_modules/tool-darwin-x64': { version: '2.0.0', os: ['darwin'], cpu: ['x64'] },
        'node_modules/tool-darwin-arm64': { version: '2.0.0', os: ['darwin'], cpu: ['arm64'] },
      },
    };
    expect(checkLockfile(lock).families.map((f) => `${f.name}@${f.version}`)).toEqual(['tool@2.0.0']);
    expect(failures(lock)).toEqual(['tool win32-x64: tool-win32-x64']);
  });

  it('refuses a lock file without a packages section (lockfileVersion 1)', () => {
    expect(() => checkLockfile({ lockfileVersion: 1 })).toThrow(/packages/);
  });
});
