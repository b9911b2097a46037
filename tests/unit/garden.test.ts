import fs from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { gardenOf, seedPath, shared } from '../helpers/vault.ts';

const seed = (name: string) => fs.readFile(seedPath(name));
const NOTE = '000_99e5d27f15d7dee7';
const NEWSLETTERS = ['001_50e9220da141179b', '002_c641354e3dcc01f8', '003_1831977e9fddeca6'];

describe('the seed garden note', () => {
  it('publishes as the seed README says', async () => {
    const garden = await gardenOf({ 'Journal/seed.md': await seed(NOTE) });
    expect(garden.notes).toHaveLength(1);
    const note = garden.notes[0]!;
    expect(note.slug).toBe('2025-06-18-decided-to-ask-for-a-job-shift');
    expect(note.title).toBe('2025-06-18 – Decided to ask for a job shift');
    expect(note.created).toBe('2025-06-18T21:48:00Z');
    expect(note.updated).toBe('2025-06-18T22:46:00Z');
    expect(note.state).toBe('seed');
    expect(note.mood).toEqual({ name: 'In Awe', slug: 'in-awe' });
    expect(note.tags).toEqual(['my/words/moments']);
    expect([...garden.tags.keys()].sort()).toEqual(['my', 'my/words', 'my/words/moments']);
    expect(note.up).toEqual([]);
    // Mojibake repaired in the body, the emoji included.
    expect(note.html).toContain('what’s unfolded');
    expect(note.html).toContain('🙂\u200d↔\ufe0f');
    expect(note.html).not.toMatch(/â€|ðŸ|Ã/);
    expect(garden.problems).toEqual([]);
  });

  it('does not publish unlisted frontmatter fields', async () => {
    const garden = await gardenOf({ 'seed.md': await seed(NOTE) });
    expect(JSON.stringify(garden.notes)).not.toContain('"garden"'); // `type: garden`
    expect(Object.keys(garden.notes[0]!)).not.toContain('filename');
  });
});

describe('the pasted newsletters', () => {
  it.each(NEWSLETTERS)('%s stays private: it has no frontmatter', async (name) => {
    const garden = await gardenOf({ 'newsletter.md': await seed(name) });
    expect(garden.notes).toEqual([]);
    expect(garden.private).toEqual([{ path: 'newsletter.md', reason: 'no frontmatter' }]);
  });

  it.each(NEWSLETTERS)('%s, when shared, keeps all its text after the broken HTML', async (name) => {
    const text = (await seed(name)).toString('utf8');
    const garden = await gardenOf({ 'newsletter.md': `---\nshare: true\n---\n${text}` });
    const note = garden.notes[0]!;
    // Every line of prose that follows the first HTML block must still be on the page.
    const lines = text.split('\n');
    const firstHtml = lines.findIndex((l) => l.trimStart().startsWith('<'));
    const prose = lines
      .slice(firstHtml + 1)
      .filter((l) => /^[A-Z][a-z]+ [a-z]+ [a-z]+/.test(l) && !l.includes('<') && !l.includes('[') && !l.includes('*') && !l.includes('_'))
      .map((l) => l.trim().slice(0, 40));
    expect(prose.length).toBeGreaterThan(3);
    const visible = note.html.replace(/<[^>]*>/g, '').replace(/&#x26;/g, '&').replace(/&#x3C;/g, '<');
    for (const line of prose) expect(visible).toContain(line);
    expect(note.title).toBe(/^# (.*)$/m.exec(text)![1]!.trim());
    expect(note.html).not.toMatch(/<script|onerror|javascript:/i);
  });
});

describe('a messy vault', () => {
  const files = {
    'good.md': shared('Fine.'),
    'bad-yaml.md': '---\nshare: true\ntitle: "unclosed\n---\nBROKEN',
    'bad-date.md': shared('x', 'created: the day before yesterday\nupdated: 2025-13-45\n'),
    'unknown-state.md': shared('x', 'state: wilting\n'),
    'a/same.md': shared('first'),
    'b/same.md': shared('second'),
    'traversal.md': shared('x', 'slug: ../../../etc/passwd\n'),
    'reserved.md': shared('x', 'slug: tags\n'),
    'empty.md': '',
    'only-frontmatter.md': '---\nshare: true\n---\n',
    'cp1252.md': iconv.encode('---\nshare: true\ntitle: Café “quoted”\n---\nNaïve – text', 'windows-1252'),
  };

  it('publishes what is shareable and reports each problem by file', async () => {
    const garden = await gardenOf(files);
    const slugs = garden.notes.map((n) => n.slug).sort();
    expect(slugs).toEqual(['bad-date', 'cp1252', 'etc/passwd', 'good', 'only-frontmatter', 'same', 'same-2', 'tags-2', 'unknown-state']);
    const problem = (file: string) => garden.problems.filter((p) => p.file === file).map((p) => p.message).join(' | ');
    expect(problem('bad-yaml.md')).toMatch(/not valid YAML/);
    expect(garden.problems.find((p) => p.file === 'bad-yaml.md')!.severity).toBe('error');
    expect(problem('bad-date.md')).toMatch(/created "the day before yesterday"/);
    expect(problem('bad-date.md')).toMatch(/updated "2025-13-45"/);
    expect(problem('unknown-state.md')).toMatch(/wilting/);
    expect(problem('b/same.md')).toMatch(/same-2.*a\/same\.md/);
    expect(problem('reserved.md')).toMatch(/reserved/);
    expect(problem('cp1252.md')).toMatch(/Windows-1252/);
    const cp = garden.notes.find((n) => n.slug === 'cp1252')!;
    expect(cp.title).toBe('Café “quoted”');
    expect(cp.html).toContain('Naïve – text');
    const dated = garden.notes.find((n) => n.slug === 'bad-date')!;
    // The unreadable written dates are ignored: the next source in `dates` (the file) gives them.
    expect(dated.dateSources).toEqual({ created: 'filesystem', updated: 'filesystem' });
    expect(JSON.stringify(garden)).not.toContain('BROKEN');
  });

  it('reports links and images to files the vault lacks, but not those to private notes as missing', async () => {
    const garden = await gardenOf({
      'note.md': shared('![](pictures/gone.png) [the slides](slides.pdf) ![[also-gone.jpg]] [[Hidden]] ![[Hidden]] [here](./Hidden.md) ![](there.png)'),
      'Hidden.md': '---\nshare: false\n---\nsecret',
      'there.png': 'png',
    });
    // An embed of a private note shows nothing and the gardener is told so (issue 10); a link to
    // one is plain text, as a missing note's is, and needs no report.
    expect(garden.problems.filter((p) => p.file === 'note.md').map((p) => p.message).sort()).toEqual([
      'embeds "Hidden", a private note; nothing of it is shown',
      'links to "also-gone.jpg", which is not in the vault',
      'links to "pictures/gone.png", which is not in the vault',
      'links to "slides.pdf", which is not in the vault',
    ]);
  });

  it('never leaves the vault through a symbolic link', async () => {
    const { makeVault } = await import('../helpers/vault.ts');
    const outside = await makeVault({ 'outside.md': shared('OUTSIDE SECRET') });
    const vault = await makeVault({ 'inside.md': shared('inside') });
    await fs.symlink(outside, `${vault}/linked-folder`);
    await fs.symlink(`${outside}/outside.md`, `${vault}/linked.md`);
    const { buildGarden } = await import('../../src/garden/build-garden.ts');
    const { resolveConfig } = await import('../../src/garden/config/config.ts');
    const garden = await buildGarden(resolveConfig({ contentDir: vault }, {}));
    expect(garden.notes.map((n) => n.slug)).toEqual(['inside']);
    expect(garden.problems.map((p) => p.file).sort()).toEqual(['linked-folder', 'linked.md']);
  });
});

describe('the garden model', () => {
  it('groups moods case-insensitively with one stable spelling', async () => {
    const garden = await gardenOf({
      'a.md': shared('x', 'mood: In Awe\n'),
      'b.md': shared('x', 'mood: "in   awe "\n'),
      'c.md': shared('x', 'mood: In Awe\n'),
      'p.md': '---\nshare: false\nmood: Secret Mood\n---\n',
    });
    expect(garden.moods).toEqual([{ name: 'In Awe', slug: 'in-awe', notes: expect.arrayContaining(['a', 'b', 'c']) }]);
    expect(garden.notes.every((n) => n.mood?.name === 'In Awe')).toBe(true);
  });

  it('builds nested tags whose parents list their descendants, grouped case-insensitively', async () => {
    const garden = await gardenOf({
      'a.md': shared('x', 'tags: [My/Words/Moments]\n'),
      'b.md': shared('x', 'tag: "#my/words, other"\n'),
      'c.md': shared('x', 'tags: my other2\n'),
    });
    const tag = (key: string) => garden.tags.get(key)!;
    expect([...garden.tags.keys()].sort()).toEqual(['my', 'my/words', 'my/words/moments', 'other', 'other2']);
    expect(tag('my').notes.sort()).toEqual(['a', 'b', 'c']);
    expect(tag('my/words').notes.sort()).toEqual(['a', 'b']);
    expect(tag('my/words/moments').notes).toEqual(['a']);
    expect(tag('my').children).toEqual(['my/words']);
    expect(tag('my/words/moments').path).toBe('My/Words/Moments');
  });

  it('lists backlinks from shared notes only, and sorts notes by tended date', async () => {
    const garden = await gardenOf({
      'target.md': shared('x', 'updated: 2024-01-01\n'),
      'from-shared.md': shared('[[target]]', 'updated: 2025-01-01\n'),
      'from-private.md': '---\nshare: false\n---\n[[target]]',
    });
    expect(garden.notes.map((n) => n.slug)).toEqual(['from-shared', 'target']);
    expect(garden.notes.find((n) => n.slug === 'target')!.backlinks).toEqual([{ slug: 'from-shared', title: 'from-shared', context: 'target' }]);
  });

  it('gives each backlink the words around the link, from the linking note only', async () => {
    const long = `${'Moss grows slowly on the north side of old stones. '.repeat(6)}Then [[target|the shady corner]] appears, ${'and ferns follow where water stays. '.repeat(6)}`;
    const garden = await gardenOf({
      'target.md': shared('Target text'),
      'short.md': shared('- first item\n- I planted it after reading [[target]] twice.\n'),
      'long.md': shared(long),
      'embeds.md': shared('![[short]]'),
    });
    const backlinks = garden.notes.find((n) => n.slug === 'target')!.backlinks;
    const context = (slug: string) => backlinks.find((b) => b.slug === slug)?.context;
    expect(context('short')).toBe('I planted it after reading target twice.');
    const cut = context('long')!;
    expect(cut).toMatch(/^….*the shady corner.*…$/);
    expect(cut.length).toBeLessThanOrEqual(182);
    // Cut at spaces: every word of the window is a whole word of the note.
    const words = new Set(long.replace('[[target|the shady corner]]', 'the shady corner').split(/\s+/));
    for (const word of cut.replace(/…/g, '').split(' ')) expect(words).toContain(word);
    // A note that only embeds the linking note does not link to the target itself.
    expect(backlinks.map((b) => b.slug).sort()).toEqual(['long', 'short']);
  });

  it('follows `up` into breadcrumbs, through shared notes only', async () => {
    const garden = await gardenOf({
      'root.md': shared('x'),
      'mid.md': shared('x', 'up: "[[root]]"\n'),
      'leaf.md': shared('x', 'up:\n  - "[[mid]]"\n'),
      'orphan.md': shared('x', 'up: "[[hidden]]"\n'),
      'unquoted.md': shared('x', 'up: [[mid]]\n'),
      'hidden.md': '---\nshare: false\nup: "[[root]]"\n---\n',
    });
    const up = (slug: string) => garden.notes.find((n) => n.slug === slug)!.up.map((r) => r.slug);
    expect(up('leaf')).toEqual(['root', 'mid']);
    expect(up('orphan')).toEqual([]);
    expect(up('unquoted')).toEqual(['root', 'mid']);
  });

  it('takes the title from the field, else the heading that heads the note, else the file name', async () => {
    const garden = await gardenOf({
      'a.md': shared('# Heading A', 'title: Field A\n'),
      'b.md': shared('![badge](https://img.example/b.svg)\n%% a comment %%\n\n# Heading *B*'),
      // A heading after the note's first words (here, code) names a section, not the note.
      'c file.md': shared('```\n# not this\n```\n\n# Nor this'),
      'd.md': shared('no heading'),
    });
    const titles = Object.fromEntries(garden.notes.map((n) => [n.path, n.title]));
    expect(titles).toEqual({ 'a.md': 'Field A', 'b.md': 'Heading B', 'c file.md': 'c file', 'd.md': 'd' });
  });

  it('does not let a private note take a slug from a shared one', async () => {
    const garden = await gardenOf({ 'a/idea.md': '---\nshare: false\n---\n', 'b/idea.md': shared('x') });
    expect(garden.notes.map((n) => n.slug)).toEqual(['idea']);
  });
});

describe('related notes', () => {
  /** Notes newest tended first, each with the tags given for it. */
  const notesWith = (tags: string[][]) => tags.map((t, i) => ({ slug: `n${i}`, title: `Note ${i}`, tags: t, related: [] as { slug: string; title: string }[] }));
  const tagsOf = (notes: { slug: string; tags: string[] }[]) => {
    const tags = new Map<string, { notes: string[] }>();
    for (const note of notes) for (const t of note.tags) (tags.get(t) ?? tags.set(t, { notes: [] }).get(t)!).notes.push(note.slug);
    return tags;
  };

  it('are the five sharing the most tags, newest first among equals; of a broad tag, only the notes nearest in tended order count', async () => {
    const { addRelated } = await import('../../src/garden/assemble/related.ts');
    // 120 notes share `broad`; n60 and n70 also share `pair`.
    const notes = notesWith(Array.from({ length: 120 }, (_, i) => (i === 60 || i === 70 ? ['broad', 'pair'] : ['broad'])));
    addRelated(notes as never, tagsOf(notes) as never);
    // n70 shares two tags; then the broad tag's notes from 25 places before n60, newest first.
    expect(notes[60]!.related.map((r) => r.slug)).toEqual(['n70', 'n35', 'n36', 'n37', 'n38']);
    expect(notes[0]!.related.map((r) => r.slug)).toEqual(['n1', 'n2', 'n3', 'n4', 'n5']);
    expect(notes[119]!.related.map((r) => r.slug)).toEqual(['n94', 'n95', 'n96', 'n97', 'n98']);
    expect(notes[5]!.related[0]).toEqual({ slug: 'n0', title: 'Note 0' });
  });
});
