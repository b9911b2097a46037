/**
 * `npm run check`: what would be published, what would not and why, and every problem.
 * Reads the vault like the build does and writes nothing. Exits 1 when there are errors, when the
 * build would refuse the garden (an unreadable or empty vault), or with GARDEN_STRICT=1 on any
 * problem; 2 when the configuration itself is wrong.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { stripVTControlCharacters } from 'node:util';
import fs from 'node:fs/promises';
import { resolveConfig, buildGarden, summary, problemLines, emptyGardenFailure, sampleSettingWarnings, ConfigError, noteAddress, type GardenSettings, type GardenNote } from '../src/garden/index.ts';

// The project's settings, where npm runs scripts from (the project root).
const configFile = path.resolve('garden.config.ts');

let settings: GardenSettings;
try {
  settings = ((await import(pathToFileURL(configFile).href)) as { default: GardenSettings }).default;
} catch (error) {
  console.error(await unreadableConfig(error));
  process.exit(2);
}

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
for (const note of [...garden.notes].sort(byPath)) console.log(`  ${note.path}  →  ${noteAddress(note.slug)}  (${dateSourceWords(note)})`);
console.log(`\nPrivate (${garden.private.length}):`);
for (const note of [...garden.private].sort(byPath)) console.log(`  ${note.path}  (${note.reason})`);
if (garden.redirects.length) {
  console.log(`\nRedirects (${garden.redirects.length}):`);
  for (const redirect of garden.redirects) console.log(`  ${redirect.from}  →  ${noteAddress(redirect.to.slug)}  from ${redirect.origin}`);
}
if (garden.basePages.length) {
  console.log(`\nBase pages (${garden.basePages.length}):`);
  for (const page of [...garden.basePages].sort(byPath)) console.log(`  ${page.path}  →  ${noteAddress(page.slug)}`);
}
console.log(`\nProblems (${garden.problems.length}):`);
for (const line of problemLines(garden)) console.log(`  ${line}`);
const settingWarnings = sampleSettingWarnings(config);
if (settingWarnings.length) {
  console.log(`\nSettings (${settingWarnings.length}):`);
  for (const line of settingWarnings) console.log(`  warning ${line}`);
}
console.log(`\n${summary(garden)}`);

/** Where a note's dates came from: "created: frontmatter, updated: git", or "undated". */
function dateSourceWords(note: GardenNote): string {
  const { created, updated } = note.dateSources;
  if (!created && !updated) return 'undated';
  return [created && `created: ${created}`, updated && `updated: ${updated}`].filter(Boolean).join(', ');
}

const empty = emptyGardenFailure(garden, config);
if (empty) console.error(`\nThe build would fail: ${empty}`);
const errors = garden.problems.filter((p) => p.severity === 'error').length;
process.exit(errors > 0 || empty || (config.strict && garden.problems.length > 0) ? 1 : 0);

/**
 * Why garden.config.ts could not be loaded, as `astro build` says it: a syntax error as the same
 * code frame (from the same parser, Oxc, through Vite) and its location, not Node's stack trace.
 */
async function unreadableConfig(error: unknown): Promise<string> {
  const source = await fs.readFile(configFile, 'utf8').catch(() => undefined);
  if (source === undefined) return `garden.config.ts cannot be read: ${configFile} is missing`;
  const plain = (text: string) => (process.stderr.isTTY ? text : stripVTControlCharacters(text));
  try {
    const { transformWithOxc } = await import('vite');
    await transformWithOxc(source, path.relative(process.cwd(), configFile), { lang: 'ts' });
  } catch (parse) {
    const found = (parse as { errors?: { message: string; loc?: { line: number; column: number } }[] }).errors?.[0];
    if (found) {
      const location = found.loc ? `\n\n  Location:\n    ${configFile}:${found.loc.line}:${found.loc.column}` : '';
      return `garden.config.ts could not be loaded\n\n${plain(found.message).trimEnd()}${location}`;
    }
  }
  // Not a syntax error: a mistake when it runs (a name that is not defined, a failed import).
  const { message, stack = '' } = error as Error;
  const at = stack.split('\n').find((line) => /^\s+at /.test(line) && line.includes(configFile))?.trim();
  return `garden.config.ts could not be loaded: ${message}${at ? `\n    ${at}` : ''}`;
}
