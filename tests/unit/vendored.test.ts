import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyVendoredFiles } from '../../src/integration/vendored.ts';
import type { Garden } from '../../src/garden/types.ts';

const gardenWith = (...notes: { hasMath?: true; hasDiagram?: true }[]) => ({ notes }) as unknown as Garden;
const copiedInto = async (garden: Garden) => {
  const out = await fs.mkdtemp(path.join(os.tmpdir(), 'garden-vendored-'));
  await copyVendoredFiles(garden, out);
  return (await fs.readdir(out, { recursive: true })).map((name) => name.split(path.sep).join('/'));
};

describe('files taken from npm packages', () => {
  it('are copied only into a site with a page that uses them', async () => {
    expect(await copiedInto(gardenWith({}, {}))).toEqual([]);
    const diagrams = await copiedInto(gardenWith({}, { hasDiagram: true }));
    expect(diagrams.filter((f) => f.startsWith('_katex'))).toEqual([]);
    expect(diagrams).toContainEqual(expect.stringMatching(/^_mermaid\/[\d.]+\/mermaid\.esm\.min\.mjs$/));
    expect(diagrams.filter((f) => f.endsWith('.map'))).toEqual([]);
    const math = await copiedInto(gardenWith({ hasMath: true }));
    expect(math.filter((f) => f.startsWith('_mermaid'))).toEqual([]);
    expect(math).toContainEqual(expect.stringMatching(/^_katex\/[\d.]+\/katex\.min\.css$/));
    expect(math.filter((f) => f.endsWith('.woff2')).length).toBeGreaterThan(15);
    expect(math.filter((f) => /\.(woff|ttf)$/.test(f))).toEqual([]);
  });
});
