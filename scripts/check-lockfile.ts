/**
 * `npm run check:lockfile [-- path/to/package-lock.json]`: fails when the lock file does not list,
 * for every package with a native binary per platform, a binary for each of linux-x64,
 * linux-arm64, darwin-x64, darwin-arm64 and win32-x64 (musl Linux is reported, not required).
 * Exits 1 and names what is missing for which platform. The rule is in `scripts/lockfile.ts`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { checkLockfile, describeGap, PLATFORMS } from './lockfile.ts';

const file = path.resolve(process.argv[2] ?? path.join(import.meta.dirname, '..', 'package-lock.json'));
const report = checkLockfile(JSON.parse(fs.readFileSync(file, 'utf8')));
const required = PLATFORMS.filter((p) => p.required).map((p) => p.name);

for (const note of report.notes) console.log(`note: ${describeGap(note)}`);
if (report.failures.length > 0) {
  console.error(`${path.basename(file)} lacks native binaries that npm ci would need on ${[...new Set(report.failures.map((g) => g.platform.name))].join(', ')}:`);
  for (const gap of report.failures) console.error(`  ${describeGap(gap)}`);
  console.error(
    '\nEither npm wrote the lock from a node_modules that held only this machine\'s binaries (run\n' +
      '`npm install --package-lock-only` again with node_modules removed), or the registry has no such\n' +
      'binary for that version (`npm view NAME versions`): then keep the package at a version whose\n' +
      'binaries are all published (see "Installing" in README.md).',
  );
  process.exit(1);
}
console.log(
  `${path.basename(file)}: all ${report.families.length} packages with a binary per platform list one for ${required.join(', ')}` +
    ` (${report.families.map((f) => f.name).join(', ')}).`,
);
