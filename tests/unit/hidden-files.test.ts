import { describe, expect, it } from 'vitest';
import { gardenOf, shared } from '../helpers/vault.ts';
import { canaryForms } from '../helpers/canaries.ts';
import type { Garden } from '../../src/garden/types.ts';

/*
 * Hidden folders and files of a vault are never read (src/garden/collect/walk-vault.ts): Obsidian's
 * settings (.obsidian/), its bin (.trash/: deleted notes that still say `share: true`), git's
 * folder, any other dot-folder, and dot-files. A vault with a shared note, with canaries, in each
 * publishes none of them, knows none of them as a private note, counts none, and names none in
 * its problems. tests/build/privacy.test.ts builds such notes too.
 */
const HIDDEN = {
  obsidian: 'zqhiddenobsidian',
  trash: 'zqhiddentrash',
  git: 'zqhiddengit',
  dotFolder: 'zqhiddenfolder',
  dotFile: 'zqhiddendotfile',
  nestedDotFolder: 'zqhiddennestedfolder',
  nestedDotFile: 'zqhiddennesteddotfile',
  attachment: 'zqhiddenattachment',
  settings: 'zqhiddensettings',
};

/** A note that says `share: true`, its canary in its title, alias, tag, heading and body. */
const sharedWith = (canary: string) => shared(`# ${canary} heading\n\n${canary} words, linking [[Garden]].\n`, `title: ${canary}\naliases: [${canary}alias]\ntags: [${canary}]\nmood: ${canary}\n`);

/** The garden model as text, its maps included. */
const asText = (garden: Garden) => JSON.stringify(garden, (_key, value: unknown) => (value instanceof Map ? [...value] : value)).toLowerCase();

describe('hidden folders and files of the vault', () => {
  it('are never read: nothing of a shared note in .obsidian/, .trash/, .git/, any dot-folder or dot-file reaches the garden', async () => {
    const garden = await gardenOf({
      'Garden.md': shared('Visible words. Links: [[Trashed]], [[Settings note]], [[In git]], [[Hidden]], [[Dotted]], [[Deep]], [[Nested dot]].\n\n![[trashed picture.png]]\n', 'tags: [visible]\n'),
      '.obsidian/Settings note.md': sharedWith(HIDDEN.obsidian),
      '.obsidian/workspace.json': JSON.stringify({ lastOpenFiles: [`${HIDDEN.settings}.md`] }),
      '.obsidian/plugins/some-plugin/data.json': JSON.stringify({ note: HIDDEN.settings }),
      '.trash/Trashed.md': sharedWith(HIDDEN.trash),
      '.trash/trashed picture.png': HIDDEN.attachment,
      '.git/In git.md': sharedWith(HIDDEN.git),
      '.git/COMMIT_EDITMSG': HIDDEN.git,
      '.hidden folder/Hidden.md': sharedWith(HIDDEN.dotFolder),
      '.Dotted.md': sharedWith(HIDDEN.dotFile),
      'notes/Visible.md': shared('Also visible.', 'tags: [visible]\n'),
      'notes/.nested/Deep.md': sharedWith(HIDDEN.nestedDotFolder),
      'notes/.Nested dot.md': sharedWith(HIDDEN.nestedDotFile),
    });
    expect(garden.notes.map((n) => n.slug).sort()).toEqual(['garden', 'visible']);
    expect(garden.private).toEqual([]);
    expect(garden.attachments).toEqual([]);
    expect(garden.stats).toMatchObject({ found: 2, published: 2, private: 0, attachments: 0 });
    expect(garden.redirects).toEqual([]);
    expect([...garden.tags.keys()]).toEqual(['visible']);
    expect(garden.moods).toEqual([]);
    // Every link to a hidden note is a link to no note.
    const html = garden.notes.find((n) => n.slug === 'garden')!.html;
    expect(html.match(/class="link-unresolved"/g)).toHaveLength(7);
    expect(html).not.toMatch(/href="\/(trashed|settings-note|in-git|hidden|dotted|deep|nested-dot)\//);
    expect(garden.problems.filter((p) => p.file.split('/').some((part) => part.startsWith('.')))).toEqual([]);
    const text = asText(garden);
    const found = Object.entries(HIDDEN).flatMap(([kind, canary]) => canaryForms(canary).filter((form) => text.includes(form)).map((form) => `${kind}: ${form}`));
    expect(found).toEqual([]);
  });
});
