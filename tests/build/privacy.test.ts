import fs from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeVault, seedPath, shared } from '../helpers/vault.ts';
import { buildSite, listFiles, pageHtml, type BuiltSite } from '../helpers/build.ts';
import { SHARED_BUILD_FOLDERS, scanForCanaries } from '../helpers/canaries.ts';

/*
 * A vault of private notes full of canary strings, and shared notes that link to, embed and sit
 * beside them. After a real build, no canary may appear in any file of the output, the Astro
 * data store and cache included, in any encoding a visitor or crawler could read.
 */
const CANARIES = {
  body: 'zqcanarybody',
  title: 'zqcanarytitle',
  tag: 'zqcanarytag',
  mood: 'zqcanarymood',
  fileName: 'zqcanaryfilename',
  folder: 'zqcanaryfolder',
  attachment: 'zqcanaryattachment',
  attachmentBytes: 'zqcanaryattbytes',
  slug: 'zqcanaryslug',
  alias: 'zqcanaryalias',
  obsidianComment: 'zqcanaryobsidiancomment',
  htmlComment: 'zqcanaryhtmlcomment',
  unlistedField: 'zqcanaryunlisted',
  embedded: 'zqcanaryembedded',
  nearMissYes: 'zqcanaryyes',
  nearMissKey: 'zqcanarykey',
  brokenYaml: 'zqcanarybrokenyaml',
  inBody: 'zqcanaryinbody',
  noFrontmatter: 'zqcanarynofm',
  heading: 'zqcanaryheading',
  privateBacklink: 'zqcanarybacklink',
  homeNote: 'zqcanaryhomenote',
  sectionHeading: 'zqcanarysectionheading',
  sectionBody: 'zqcanarysectionbody',
  blockId: 'zqcanaryblockid',
  blockBody: 'zqcanaryblockbody',
  // An old address the gardener listed for a private note: no redirect page may answer there.
  redirect: 'zqcanaryredirect',
  canvasTitle: 'zqcanarycanvastitle',
  canvasFileName: 'zqcanarycanvasfile',
  canvasBody: 'zqcanarycanvasbody',
  canvasHeading: 'zqcanarycanvasheading',
  // Notes that say `share: true` in folders and files the vault's walk never reads.
  inObsidian: 'zqcanarydotobsidian',
  inTrash: 'zqcanarydottrash',
  trashedAttachment: 'zqcanarydottrashedpng',
  inGit: 'zqcanarydotgit',
  inDotFolder: 'zqcanarydotfolder',
  dotFile: 'zqcanarydotfile',
};

/** A note in a hidden folder or file that still says `share: true`, its canary in every field, linking to the hub. */
const hiddenShared = (canary: string) => `---\nshare: true\ntitle: ${canary}\ntags: [${canary}, shared-tag]\naliases: [${canary}alias]\n---\n# ${canary}\n\n${canary} [[Shared hub]]\n`;

let site: BuiltSite;

beforeAll(async () => {
  const c = CANARIES;
  const vault = await makeVault({
    'seed.md': await fs.readFile(seedPath('000_99e5d27f15d7dee7')),
    'Shared hub.md': shared(
      [
        'Public words. Links: [[' + c.fileName + '|a private thing]], [[' + c.alias + '|by alias]], [[Private titled|plain]].',
        'Embeds: ![[' + c.fileName + ']] and ![[missing-picture.png]].',
        // A section, a block and a link to a block of a private note.
        '![[' + c.fileName + '#' + c.sectionHeading + ']]',
        '![[' + c.fileName + '#^' + c.blockId + ']] and [[' + c.fileName + '#^' + c.blockId + '|a block]]',
        'Markdown link: [private](' + c.folder + '/inside.md).',
        '%% ' + c.obsidianComment + ' %%',
        '<!-- ' + c.htmlComment + ' -->',
        '#shared-tag',
        // A canvas whose cards show private notes (by path, with a heading, in a folder).
        '![[Shared board.canvas]] and a link to it: [[Shared board]].',
      ].join('\n\n'),
      `tags: [shared-tag]\naliases: [Shared alias]\nsecret-field: ${c.unlistedField}\nnotes: ${c.unlistedField}\n`,
    ),
    [`${c.fileName}.md`]: `---\nshare: false\ntitle: ${c.title}\ntags: [${c.tag}, shared-tag]\nmood: ${c.mood}\nslug: ${c.slug}\naliases: [${c.alias}]\n---\n# ${c.heading}\n\n${c.body} ${c.embedded}\n\n![[${c.attachment}.png]]\n\n[[Shared hub]]\n\n## ${c.sectionHeading}\n\n${c.sectionBody}\n\n${c.blockBody} ^${c.blockId}\n`,
    'Private titled.md': `---\nshare: no\ntitle: ${c.title}\n---\n${c.body}`,
    [`${c.folder}/inside.md`]: `---\ntags: [${c.tag}]\n---\n${c.body}`,
    'near-yes.md': `---\nshare: yes\n---\n${c.nearMissYes}`,
    'near-key.md': `---\nShare: true\n---\n${c.nearMissKey}`,
    'broken.md': `---\nshare: true\ntitle: "${c.brokenYaml}\n---\n${c.brokenYaml}`,
    'in-body.md': `# Draft\n\nshare: true\n\n${c.inBody}`,
    'no-frontmatter.md': `${c.noFrontmatter} [[Shared hub]]`,
    // The home page opens with index.md only when it is shared.
    'index.md': `---\nshare: false\ntitle: ${c.homeNote}\n---\n${c.homeNote} [[Shared hub]]`,
    'backlinker.md': `---\nshare: false\ntitle: ${c.privateBacklink}\n---\n[[Shared hub]] [[seed]]`,
    [`${c.attachment}.png`]: c.attachmentBytes,
    [`${c.folder}/${c.canvasFileName}.md`]: `---\nshare: false\ntitle: ${c.canvasTitle}\n---\n## ${c.canvasHeading}\n\n${c.canvasBody}`,
    '.obsidian/Workspace note.md': hiddenShared(c.inObsidian),
    '.obsidian/workspace.json': JSON.stringify({ lastOpenFiles: [`${c.inObsidian}.md`] }),
    '.trash/Trashed.md': hiddenShared(c.inTrash),
    [`.trash/${c.trashedAttachment}.png`]: c.trashedAttachment,
    '.git/Committed.md': hiddenShared(c.inGit),
    [`${c.folder}/.drafts/Draft.md`]: hiddenShared(c.inDotFolder),
    '.Dotted.md': hiddenShared(c.dotFile),
    'Shared board.canvas': JSON.stringify({
      nodes: [
        { id: 'words', type: 'text', x: 0, y: 0, width: 240, height: 80, text: 'Board words.' },
        { id: 'a', type: 'file', x: 300, y: 0, width: 240, height: 80, file: `${c.folder}/${c.canvasFileName}.md`, subpath: `#${c.canvasHeading}` },
        { id: 'b', type: 'file', x: 300, y: 120, width: 240, height: 80, file: `${c.fileName}.md` },
        { id: 'c', type: 'file', x: 300, y: 240, width: 240, height: 80, file: `${c.alias}` },
      ],
      edges: [{ id: 'e', fromNode: 'words', toNode: 'a', label: 'board label' }],
    }),
  });
  site = await buildSite(vault, { GARDEN_SETTINGS: JSON.stringify({ redirects: { [`/${c.redirect}/`]: c.fileName, '/old-hub/': 'Shared hub' } }) });
});

describe('a vault with private notes', () => {
  it('builds', () => {
    expect(site.output).toContain('Complete!');
    expect(site.code).toBe(0);
  });

  it('publishes the shared notes, the seed note with its tag pages', async () => {
    const seed = await pageHtml(site, '2025-06-18-decided-to-ask-for-a-job-shift');
    expect(seed).toContain('<h1>2025-06-18 – Decided to ask for a job shift</h1>');
    expect(seed).toContain('datetime="2025-06-18T21:48:00Z"');
    expect(seed).toContain('href="/states/seed/"');
    expect(seed).toContain('In Awe');
    for (const tag of ['my', 'my/words', 'my/words/moments']) {
      expect(await pageHtml(site, `tags/${tag}`)).toContain('2025-06-18 – Decided to ask for a job shift');
    }
    const hub = await pageHtml(site, 'shared-hub');
    expect(hub).toContain('Public words.');
    expect(hub).toContain('<span class="link-unresolved">a private thing</span>');
    expect(hub).toContain('<span class="link-unresolved">plain</span>');
    // The board is drawn, its private cards empty and nameless.
    expect(hub).toContain('Board words.');
    expect(hub).toContain('board label');
    expect(hub.match(/class="canvas-node canvas-empty"/g)).toHaveLength(3);
    expect(hub).toMatch(/<a class="internal" href="\/shared-hub\/#canvas-shared-board-[0-9a-f]{8}">Shared board<\/a>/);
  });

  it("lets no canary reach any output file, the data store and Pagefind files included, in any form Pagefind's index stores it", async () => {
    const files = [...(await listFiles(site.outDir)), ...(await listFiles(site.cacheDir))];
    expect(files.some((f) => f.endsWith('data-store.json'))).toBe(true);
    expect(files.length).toBeGreaterThan(10);
    // The build's own folders, and those every build of the project writes to (Astro's .astro/).
    const leaks = await scanForCanaries([site.outDir, site.cacheDir, ...SHARED_BUILD_FOLDERS], CANARIES);
    expect(leaks).toEqual([]);
  });

  it("makes redirect pages for a shared note's alias and listed address only, never for a private note's", async () => {
    // The shared note's alias and its listed old address answer, as a control…
    expect(await pageHtml(site, 'shared-alias')).toContain('url=/shared-hub/');
    expect(await pageHtml(site, 'old-hub')).toContain('url=/shared-hub/');
    // …the private note's alias and the old address listed for it do not (the canary scan above
    // also finds no file or folder named after them), and the build says why, naming no note's content.
    const pages = (await listFiles(site.outDir)).filter((f) => f.endsWith('.html'));
    const redirects = [];
    for (const file of pages) if ((await fs.readFile(file, 'utf8')).includes('http-equiv="refresh"')) redirects.push(path.relative(site.outDir, file));
    expect(redirects.sort()).toEqual(['old-hub/index.html', 'shared-alias/index.html']);
    await expect(fs.stat(path.join(site.outDir, CANARIES.alias))).rejects.toThrow();
    await expect(fs.stat(path.join(site.outDir, CANARIES.redirect))).rejects.toThrow();
    expect(site.output).toContain(`redirects["/${CANARIES.redirect}/"] makes no redirect: "${CANARIES.fileName}" is not a shared note`);
    expect(site.output).toContain('redirects: 2 pages');
  });

  it('counts only shared notes', async () => {
    const tag = await pageHtml(site, 'tags/shared-tag');
    expect(tag).toContain('1 note');
    const home = await pageHtml(site, '');
    expect(home).toMatch(/class="count">\(1\)<\/span>/);
  });

  it('lists no private note as a backlink', async () => {
    const hub = await pageHtml(site, 'shared-hub');
    const backlinks = hub.slice(hub.indexOf('id="note.backlinks"'));
    expect(backlinks).toContain('No other note links here yet.');
  });

  it('copies no attachment that only private notes use, and no vault folder names', async () => {
    const attachments = (await listFiles(site.outDir)).filter((f) => f.includes(`${path.sep}attachments${path.sep}`));
    expect(attachments).toEqual([]);
  });
});
