/**
 * `node scripts/same-output.ts <folder> [--against <folder>]`: builds the sample garden (`content/`)
 * and the Obsidian fixture vault with this checkout into `<folder>/sample` and `<folder>/obsidian`,
 * under a sub-path; with `--against`, compares both, file by file, with the same builds made by
 * another checkout (a worktree of an earlier commit run with the same command). A change meant to
 * keep behaviour (a refactor) must print "same output". Pagefind's few non-deterministic files
 * are compared as what they say (tests/helpers/site-files.ts).
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildInto } from '../tests/helpers/build.ts';
import { siteFiles } from '../tests/helpers/site-files.ts';

const { positionals, values } = parseArgs({ allowPositionals: true, options: { against: { type: 'string' } } });
const [folder] = positionals;
if (!folder) throw new Error('usage: node scripts/same-output.ts <folder> [--against <folder>]');

const ROOT = path.resolve(import.meta.dirname, '..');
const VAULTS = { sample: path.join(ROOT, 'content'), obsidian: path.join(ROOT, 'tests/fixtures/obsidian-vault') };

for (const [name, vault] of Object.entries(VAULTS)) {
  const out = path.resolve(folder, name);
  await fs.rm(out, { recursive: true, force: true });
  // Dates from the frontmatter only: file times differ between two checkouts.
  const built = await buildInto(vault, path.join(out, 'dist'), path.join(out, 'cache'), {
    GARDEN_SITE_URL: 'https://garden.test/sub/',
    GARDEN_SETTINGS: JSON.stringify({ dates: ['frontmatter'] }),
  });
  if (built.code !== 0) throw new Error(`${name}: the build failed\n${built.output}`);
  console.log(`${name}: built into ${path.join(out, 'dist')}`);
}

if (values.against) {
  let differences = 0;
  for (const name of Object.keys(VAULTS)) {
    const [mine, theirs] = await Promise.all([siteFiles(path.resolve(folder, name, 'dist')), siteFiles(path.resolve(values.against, name, 'dist'))]);
    for (const file of new Set([...mine.keys(), ...theirs.keys()])) {
      if (mine.get(file) === theirs.get(file)) continue;
      differences++;
      console.log(`${name}: ${file} ${!mine.has(file) ? 'only in the other' : !theirs.has(file) ? 'only in this one' : 'differs'}`);
    }
  }
  console.log(differences ? `${differences} file(s) differ` : 'same output');
  process.exitCode = differences ? 1 : 0;
}
