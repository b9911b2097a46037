import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeVault, shared } from '../helpers/vault.ts';
import { buildSite, listFiles, pageHtml, type BuiltSite } from '../helpers/build.ts';

/*
 * A real build of a vault whose names are too long for a file system (a tag, a mood, a slug, a
 * file name, an attachment's name) beside hostile notes: one page too long to write used to stop
 * the whole build. Every problem is reported by file, and the healthy note is published.
 */
const long = (word: string, end: string) => `${word} `.repeat(60) + end;
const bomb = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
for (let i = 1; i < 9; i++) bomb.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
const picture = `${'p'.repeat(250)}.svg`;
const random = Uint8Array.from({ length: 4096 }, (_, i) => createHash('sha256').update(String(i >> 5)).digest()[i % 32]!);

let site: BuiltSite;

beforeAll(async () => {
  const vault = await makeVault({
    'healthy.md': shared(`A healthy note. ![[${picture}]]`, `tags: ["${long('tag', 'one')}", "${long('tag', 'two')}"]\nmood: "${long('mood', 'one')}"\n`),
    'long-slug.md': shared('Long slug.', `slug: "${long('path', 'end')}"\n`),
    [`${'ж'.repeat(120)}.md`]: shared('Long file name.'),
    [picture]: '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 4"><rect width="4" height="4"/></svg>',
    'deep.md': shared(`Before.\n\n${'>'.repeat(10_000)} deep\n\nAfter.`),
    'bomb.md': `---\nshare: true\ntitle: Bomb\n${bomb.join('\n')}\ncreated: *i\n---\nBoom.`,
    'nul.md': shared('Body with a \u0000 NUL.', 'title: "Nul\\0 title"\n'),
    'binary.md': random,
  });
  site = await buildSite(vault);
});

describe('a vault with over-long names and hostile notes', () => {
  it('builds, publishes the healthy notes and reports each problem by file', async () => {
    expect(site.code, site.output.slice(-3000)).toBe(0);
    expect(await pageHtml(site, 'healthy')).toContain('A healthy note.');
    for (const [file, words] of [
      ['healthy.md', 'tag "tag tag .*" is too long for a web address'],
      ['healthy.md', 'mood "mood mood .*" is too long for a web address'],
      ['long-slug.md', 'slug "path-path-.*" is too long for a web address'],
      ['ж+.md', 'is too long for a web address'],
      ['deep.md', 'nests 10000 levels deep \\(more than 100\\); published as plain text'],
      ['bomb.md', 'not published: says share: true, but its YAML aliases expand'],
      ['nul.md', 'control character'],
      ['binary.md', 'is not a text file; skipped'],
    ]) {
      expect(site.output).toMatch(new RegExp(`${file!.replace('.md', '\\.md')}: .*${words}`));
    }
    expect(site.output).toMatch(/7 notes found: 5 published, 2 private/);
  });

  it('writes every page of a long name under a shortened, stable address', async () => {
    const files = await listFiles(site.outDir);
    for (const file of files) {
      for (const segment of path.relative(site.outDir, file).split(path.sep)) expect(Buffer.byteLength(segment)).toBeLessThanOrEqual(255);
    }
    const pages = files.map((f) => path.relative(site.outDir, f));
    expect(pages.filter((p) => /^tags\/tag-tag-.*-[0-9a-f]{8}\/index\.html$/.test(p))).toHaveLength(2);
    expect(pages.filter((p) => /^moods\/mood-mood-.*-[0-9a-f]{8}\/index\.html$/.test(p))).toHaveLength(1);
    expect(pages.some((p) => /^path-path-.*-[0-9a-f]{8}\/index\.html$/.test(p))).toBe(true);
    expect(pages.some((p) => /^attachments\/p+-[0-9a-f]{8}-[0-9a-f]{8}\.svg$/.test(p))).toBe(true);
    expect(await pageHtml(site, 'deep')).toContain('After.');
  });

  it('lets no NUL reach a page or the feed', async () => {
    for (const file of await listFiles(site.outDir)) {
      if (!/\.(html|xml)$/.test(file)) continue;
      expect(await fs.readFile(file, 'utf8'), file).not.toContain('\u0000');
    }
    expect(await pageHtml(site, 'nul')).toContain('<h1>Nul title</h1>');
  });
});
