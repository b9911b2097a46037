import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from './build.ts';

/*
 * Real public vaults, kept beside the project in ../shared/vaults/ (with their licenses) and read
 * from there, never copied into it. Their notes say nothing of `share`: a test copies a vault to a
 * temporary folder, shares every note, and keeps a few private with canary words in every place a
 * note can hold words (title, alias, tag, heading, block, body).
 */
export const SHARED_VAULTS = path.resolve(ROOT, '../shared/vaults');

/** The canary words a private note of a real vault is given, by where they stand. */
export const canariesOf = (n: number) => ({
  title: `zqrealtitle${n}`,
  alias: `zqrealalias${n}`,
  tag: `zqrealtag${n}`,
  heading: `zqrealheading${n}`,
  block: `zqrealblock${n}`,
  body: `zqrealbody${n}`,
});

/** A note's text with `share: true` added to its frontmatter (or a frontmatter made for it). */
function shared(text: string): string {
  if (!text.startsWith('---\n')) return `---\nshare: true\n---\n${text}`;
  return `---\nshare: true\n${text.slice(4).replace(/^share:.*\n/m, '')}`;
}

/** A private note's text, with canary words in its frontmatter, a heading, a block and its body. */
function withCanaries(text: string, n: number): string {
  const c = canariesOf(n);
  const body = text.startsWith('---\n') ? text.slice(text.indexOf('\n---', 3) + 4) : `\n${text}`;
  return `---\nshare: false\ntitle: ${c.title}\naliases: [${c.alias}]\ntags: [${c.tag}]\n---\n# ${c.heading}\n\n${c.body} words. ^${c.block}\n${body}`;
}

/**
 * A copy of `../shared/vaults/<name>` in a temporary folder, every note shared but those listed
 * (vault paths), which are private and hold canaries `canariesOf(i)` in the order listed.
 */
export async function sharedCopyOf(name: string, privatePaths: string[]): Promise<string> {
  const source = path.join(SHARED_VAULTS, name);
  const copy = await fs.mkdtemp(path.join(os.tmpdir(), `garden-${name}-`));
  await fs.cp(source, copy, { recursive: true, filter: (file) => !path.basename(file).startsWith('.git') });
  for (const file of await fs.readdir(copy, { recursive: true })) {
    if (!file.endsWith('.md') || file.split(path.sep).some((part) => part.startsWith('.'))) continue;
    const full = path.join(copy, file);
    const text = await fs.readFile(full, 'utf8');
    const at = privatePaths.indexOf(file.split(path.sep).join('/'));
    await fs.writeFile(full, at === -1 ? shared(text) : withCanaries(text, at));
  }
  for (const file of privatePaths) await fs.access(path.join(copy, file));
  return copy;
}
