import type { Garden } from './types.ts';
import type { GardenConfig } from './config/config.ts';
import { Problems } from './report/problems.ts';
import { siteUrls } from './urls.ts';
import { collect } from './collect/collect.ts';
import { decide } from './publish/decide.ts';
import { normalize } from './normalize/normalize-notes.ts';
import { linkWorld } from './link/link-world.ts';
import { render } from './render/render-garden.ts';
import { renderCanvases } from './render/canvas/render-canvases.ts';
import { assemble } from './assemble/assemble.ts';

/*
 * A vault read into a garden, stage by stage, as the contract reads: collect every note, decide
 * which are published (before anything else is derived, so from then on only shared notes are
 * carried forward and private ones are only names a link can meet), normalize what their
 * frontmatter says, learn what links can point at, render, and assemble the garden's cross-links.
 */
export async function buildGarden(config: GardenConfig): Promise<Garden> {
  const problems = new Problems();
  const urls = siteUrls(config.siteUrl, config.base);
  const started = performance.now();

  const collected = await collect(config.contentDir, problems);
  const decided = decide(collected.sources, problems);
  const drafts = normalize(decided.shared, config.timeZone, problems);
  const world = linkWorld(collected.sources, drafts, collected.attachments, { url: config.siteUrl, base: urls.base });
  const read = performance.now();

  const rendered = await render(drafts, world, config.cacheDir, problems);
  // The canvases shared notes embed, each drawn once (their boards are never cached).
  const canvases = await renderCanvases(rendered, world, problems);
  const renderEnded = performance.now();

  const garden = assemble(rendered, world, urls, problems, canvases);
  return {
    ...garden,
    problems: problems.sorted(),
    private: decided.private,
    stats: { found: collected.sources.length, published: garden.notes.length, private: decided.private.length, attachments: garden.attachments.length },
    seconds: { read: (read - started) / 1000, render: (renderEnded - read) / 1000, total: (performance.now() - started) / 1000 },
  };
}
