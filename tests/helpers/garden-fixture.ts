import fs from 'node:fs/promises';
import path from 'node:path';
import { makeVault, seedPath, shared } from './vault.ts';

/** A small garden for feed and browser tests: every state, tags, moods, links, a CJK note, private notes. */
export const PRIVATE_WORD = 'zqprivatewordxy';

/*
 * Notes that write no `updated` take it from their file (the `dates` setting): the fixture's files
 * are dated as if last changed on 1 February 2025, so the garden's order does not depend on the day
 * the tests run (the seed note, tended 2025-06-18, stays the newest).
 */
const FILES_CHANGED = new Date('2025-02-01T00:00:00Z');

export async function fixtureGarden(extra: Record<string, string> = {}): Promise<string> {
  const vault = await makeVault({
    'seed.md': await fs.readFile(seedPath('000_99e5d27f15d7dee7')),
    'Ferns.md': shared('Ferns love shade and the word **fiddlehead** is unique to this note. See [[Oak]].\n\n![[fern.svg]]', 'state: evergreen\nmood: Calm\ntags: [plants/shade]\ncreated: 2024-03-01\nupdated: 2025-05-01\n'),
    'Oak.md': shared('Oaks grow slowly. Back to [[Ferns]].', 'state: bud\nmood: In Awe\ntags: [plants/trees]\ncreated: 2024-02-01\nupdated: 2025-04-01\n'),
    'Moss.md': shared('Moss carpets the stones.', 'state: seed\nmood: calm\ntags: [plants/shade]\ncreated: 2025-01-01\n'),
    '日本語.md': shared('庭の苔はとても美しいです。', 'title: 日本の庭\nstate: seed\ntags: [languages]\ncreated: 2024-12-01\n'),
    'Tricky & <title>.md': shared('Ampersands & angle brackets.', 'title: "Tom & Jerry <3 ‘quotes’"\ncreated: 2023-01-01\n'),
    'private.md': `---\nshare: false\ntitle: Private ${PRIVATE_WORD}\ntags: [secret-tag]\nmood: Secret Mood\n---\n${PRIVATE_WORD} lives here. [[Ferns]]`,
    'fern.svg': '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>',
    ...extra,
  });
  for (const file of await fs.readdir(vault, { recursive: true })) {
    await fs.utimes(path.join(vault, file), FILES_CHANGED, FILES_CHANGED);
  }
  return vault;
}
