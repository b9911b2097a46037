/**
 * Does package-lock.json hold, for every package that ships a native binary per platform
 * (esbuild, rolldown, lightningcss, Pagefind, Astro's compiler, sharp…), the binary of each
 * platform the garden is installed on? npm installs from the lock only what the lock lists: a
 * binary missing there is silently not installed, and the build fails on that platform only.
 *
 * Pure: takes the parsed lock file, reads nothing. `scripts/check-lockfile.ts` is the command.
 */

/** A platform in npm's terms (`process.platform`, `process.arch`, and the C library on Linux). */
export interface Platform {
  name: string;
  os: string;
  cpu: string;
  libc?: 'glibc' | 'musl';
  /** A gap on a required platform fails the check; on the others it is only reported. */
  required: boolean;
}

export const PLATFORMS: readonly Platform[] = [
  { name: 'linux-x64', os: 'linux', cpu: 'x64', libc: 'glibc', required: true },
  { name: 'linux-arm64', os: 'linux', cpu: 'arm64', libc: 'glibc', required: true },
  { name: 'darwin-x64', os: 'darwin', cpu: 'x64', required: true },
  { name: 'darwin-arm64', os: 'darwin', cpu: 'arm64', required: true },
  { name: 'win32-x64', os: 'win32', cpu: 'x64', required: true },
  { name: 'linux-x64-musl', os: 'linux', cpu: 'x64', libc: 'musl', required: false },
  { name: 'linux-arm64-musl', os: 'linux', cpu: 'arm64', libc: 'musl', required: false },
];

interface LockEntry {
  version?: string;
  os?: string[] | string;
  cpu?: string[] | string;
  libc?: string[] | string;
  optionalDependencies?: Record<string, string>;
}

/** The parts of a lock file (lockfileVersion 2 or 3) that the check reads. */
export interface Lockfile {
  lockfileVersion?: number;
  packages?: Record<string, LockEntry>;
}

/** A package whose optional dependencies are one native binary per platform. */
export interface Family {
  name: string;
  version: string;
  /** Its key in the lock's `packages`, e.g. `node_modules/esbuild`. */
  location: string;
  /** How many of its platform binaries the lock lists. */
  listed: number;
}

/** A platform for which the lock lists none of a family's binaries. */
export interface Gap {
  family: Family;
  platform: Platform;
  /** Optional dependencies the lock does not list whose names say they are for that platform. */
  missing: string[];
}

export interface LockfileReport {
  families: Family[];
  /** Gaps on required platforms: the check fails when there is any. */
  failures: Gap[];
  /** Gaps on the other platforms (musl), reported only. */
  notes: Gap[];
}

const asList = (value: string[] | string | undefined) => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/** npm's rule (npm-install-checks): `!x` excludes x; any other entry is an allowed value. */
function allows(list: string[], value: string): boolean {
  if (list.length === 0 || (list.length === 1 && list[0] === 'any')) return true;
  if (list.includes(`!${value}`)) return false;
  const allowed = list.filter((entry) => !entry.startsWith('!'));
  return allowed.length === 0 || allowed.includes(value);
}

/** Whether npm would install the package of this lock entry on the platform. */
export function installsOn(entry: LockEntry, platform: Platform): boolean {
  return (
    allows(asList(entry.os), platform.os) &&
    allows(asList(entry.cpu), platform.cpu) &&
    (platform.libc === undefined || allows(asList(entry.libc), platform.libc))
  );
}

const isPlatformSpecific = (entry: LockEntry) => asList(entry.os).length > 0 || asList(entry.cpu).length > 0;

/** Where Node would find `name` from the package at `from`: its own node_modules, then each parent's. */
function resolve(packages: Record<string, LockEntry>, from: string, name: string): string | undefined {
  let base = from;
  for (;;) {
    const candidate = `${base ? `${base}/` : ''}node_modules/${name}`;
    if (packages[candidate]) return candidate;
    if (!base) return undefined;
    const parent = base.lastIndexOf('/node_modules/');
    base = parent === -1 ? '' : base.slice(0, parent);
  }
}

const nameAt = (location: string) => location.slice(location.lastIndexOf('node_modules/') + 'node_modules/'.length);

const OS_WORDS: Record<string, string[]> = { darwin: ['darwin', 'macos', 'mac', 'osx', 'apple'], win32: ['win32', 'windows', 'win'], linux: ['linux', 'linuxmusl'] };
const CPU_WORDS: Record<string, string[]> = { x64: ['x64', 'amd64', 'x86_64'], arm64: ['arm64', 'aarch64'] };

/** Whether a package name reads as a binary for the platform (`@pagefind/darwin-arm64`, `lightningcss-linux-x64-gnu`). */
function namedFor(name: string, platform: Platform): boolean {
  const words = name.toLowerCase().split(/[^a-z0-9_]+/);
  const has = (list: string[] | undefined) => (list ?? []).some((word) => words.includes(word));
  if (!has(OS_WORDS[platform.os]) || !has(CPU_WORDS[platform.cpu])) return false;
  const musl = words.some((word) => word.includes('musl'));
  return platform.libc === 'musl' ? musl : !musl;
}

export function checkLockfile(lock: Lockfile, platforms: readonly Platform[] = PLATFORMS): LockfileReport {
  const packages = lock.packages;
  if (!packages || typeof packages !== 'object') {
    throw new Error('the lock file has no "packages" section: npm 7 or newer writes one (lockfileVersion 2 or 3)');
  }
  const report: LockfileReport = { families: [], failures: [], notes: [] };
  for (const [location, entry] of Object.entries(packages)) {
    const optional = Object.keys(entry.optionalDependencies ?? {});
    // One optional dependency is an extra for some platforms (vite's fsevents, a sharp binary's
    // libvips), not a binary per platform.
    if (optional.length < 2) continue;
    const listed = new Map<string, LockEntry>();
    const absent: string[] = [];
    for (const name of optional) {
      const at = resolve(packages, location, name);
      if (at === undefined) absent.push(name);
      else listed.set(name, packages[at]!);
    }
    const binaries = [...listed.values()].filter(isPlatformSpecific);
    if (binaries.length === 0) continue;
    const family: Family = { name: location === '' ? '(the project)' : nameAt(location), version: entry.version ?? '?', location, listed: binaries.length };
    report.families.push(family);
    for (const platform of platforms) {
      if (binaries.some((binary) => installsOn(binary, platform))) continue;
      const gap: Gap = { family, platform, missing: absent.filter((name) => namedFor(name, platform)) };
      (platform.required ? report.failures : report.notes).push(gap);
    }
  }
  return report;
}

/** One line per gap: the package, the platform, and what the lock lacks. */
export function describeGap({ family, platform, missing }: Gap): string {
  const what = missing.length > 0 ? `missing: ${missing.join(', ')}` : 'none of its optional dependencies in the lock is for it';
  return `${family.name}@${family.version} (${family.location}): no binary for ${platform.name} (${what})`;
}
