/**
 * `npm run check`: what would be published, what would not and why, and every problem.
 * Reads the vault like the build does and writes nothing. Exits 1 when there are errors
 * (or, with GARDEN_STRICT=1, any problem), 2 when the configuration itself is wrong.
 */
import settings from '../garden.config.ts';
import { resolveConfig, buildGarden, summary, problemLines, ConfigError, type GardenNote } from '../src/garden/index.ts';

let config;
try {
  config = resolveConfig(settings);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(`configuration: ${error.message}`);
  process.exit(2);
}

const garden = await buildGarden(config);
const byPath = (a: { path: string }, b: { path: string }) => a.path.localeCompare(b.path);

console.log(`Vault: ${config.contentDir}\n`);
console.log(`Published (${garden.notes.length}):`);
for (const note of [...garden.notes].sort(byPath)) console.log(`  ${note.path}  →  /${note.slug}/  (${dateSourceWords(note)})`);
console.log(`\nPrivate (${garden.private.length}):`);
for (const note of [...garden.private].sort(byPath)) console.log(`  ${note.path}  (${note.reason})`);
console.log(`\nProblems (${garden.problems.length}):`);
for (const line of problemLines(garden)) console.log(`  ${line}`);
console.log(`\n${summary(garden)}`);

/** Where a note's dates came from: "created: frontmatter, updated: git", or "undated". */
function dateSourceWords(note: GardenNote): string {
  const { created, updated } = note.dateSources;
  if (!created && !updated) return 'undated';
  return [created && `created: ${created}`, updated && `updated: ${updated}`].filter(Boolean).join(', ');
}

const errors = garden.problems.filter((p) => p.severity === 'error').length;
process.exit(errors > 0 || (config.strict && garden.problems.length > 0) ? 1 : 0);
