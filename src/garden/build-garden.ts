import type { Garden } from './types.ts';
import type { GardenConfig } from './config/config.ts';
import { Problems } from './problems.ts';
import { siteUrls } from './urls.ts';
import { collect } from './collect/collect.ts';
import { collectFileDates, type VaultTimes } from './collect/file-dates.ts';
import type { VaultFile } from './collect/walk-vault.ts';
import { vaultGit } from './collect/git-log.ts';
import { readVaultHistory } from './collect/git-history.ts';
import { decideHistories, type SharedVersion } from './publish/shared-versions.ts';
import { withGrowth } from './normalize/growth.ts';
import { gitTimes } from './normalize/git-times.ts';
import { decide } from './publish/decide.ts';
import { normalize } from './normalize/normalize-notes.ts';
import { linkWorld } from './link/link-world.ts';
import { render } from './render/render-garden.ts';
import { renderCanvases } from './render/canvas/render-canvases.ts';
import { assemble } from './assemble/assemble.ts';
import { readBases } from './collect/read-bases.ts';
import { drawViews, showsViews } from './assemble/views/draw-views.ts';
import { basesShown } from './assemble/views/base-pages.ts';
import { readPropertyTypes } from './collect/read-property-types.ts';
import { readVaultPlugins } from './collect/read-vault-plugins.ts';
import { VIEW_ENGINES } from './assemble/views/engines.ts';
import { findRedirects } from './assemble/redirects.ts';
import { catalogueOf } from './locale/locale.ts';

/*
 * A vault read into a garden, stage by stage, as the contract reads: collect every note, decide
 * which are published (before anything else is derived, so from then on only shared notes are
 * carried forward and private ones are only names a link can meet), normalize what their
 * frontmatter says, learn what links can point at, render, assemble the garden's cross-links,
 * and find the old addresses (aliases, the `redirects` setting) that send visitors on to a note.
 */
export async function buildGarden(config: GardenConfig): Promise<Garden> {
  const problems = new Problems();
  const urls = siteUrls(config.siteUrl, config.base);
  const started = performance.now();

  const collected = await collect(config.contentDir, problems);
  const decided = decide(collected.sources, problems);
  const { times, histories } = await readVaultTimes(config, decided.shared.map((source) => source.file), problems);
  const drafts = withGrowth(normalize(decided.shared, config.timeZone, problems, { order: config.dates, times }), histories, config.timeZone);
  const plugins = await readVaultPlugins(config.contentDir, problems);
  const world = linkWorld(collected.sources, drafts, collected.attachments, { url: config.siteUrl, base: urls.base, locale: config.locale }, plugins);
  const read = performance.now();

  const rendered = await render(drafts, world, { cacheDir: config.cacheDir, timeout: config.renderTimeout }, problems);
  // The canvases shared notes embed, each drawn once (their boards are never cached).
  const canvases = await renderCanvases(rendered, world, problems);
  const renderEnded = performance.now();

  // The vault's views shared notes show (Bases, Dataview), evaluated over the shared notes only,
  // and the pages of the bases they link or embed.
  const shown = basesShown(rendered, canvases.values());
  const bases = await readBases(shown.keys(), collected.attachments, problems);
  const propertyTypes = showsViews(rendered) || shown.size ? await readPropertyTypes(config.contentDir, problems) : new Map();
  const views = drawViews(rendered, world, urls, { engines: VIEW_ENGINES, bases, basesShown: shown, propertyTypes, now: new Date(), timeZone: config.timeZone, words: catalogueOf(config.locale).views }, problems);
  const garden = assemble(rendered, world, urls, problems, { canvases, views });
  const redirects = findRedirects(garden.notes, world, config.redirects, problems);
  return {
    ...garden,
    basePages: views.pages,
    redirects,
    vault: { folder: config.contentDir, ...(collected.unreadable ? { unreadable: collected.unreadable } : {}) },
    problems: problems.sorted(),
    private: decided.private,
    stats: { found: collected.sources.length, published: garden.notes.length, private: decided.private.length, attachments: garden.attachments.length },
    seconds: { read: (read - started) / 1000, render: (renderEnded - read) / 1000, total: (performance.now() - started) / 1000 },
  };
}

/**
 * What the vault knows of shared notes beyond their frontmatter, read once the publish rule has
 * spoken: their files' times and their git history, each only when a setting asks for it. Git's
 * dates and the growth history both come from the versions the publish rule shared.
 */
async function readVaultTimes(config: GardenConfig, shared: VaultFile[], problems: Problems): Promise<{ times: VaultTimes; histories: Map<string, SharedVersion[]> }> {
  const datesFromGit = config.dates.includes('git');
  const readsGit = shared.length > 0 && (datesFromGit || config.growthHistory);
  const wanted = new Set(shared.map((file) => file.path.normalize('NFC')));
  const [files, history] = await Promise.all([
    collectFileDates(shared, config.dates),
    readsGit ? readVaultHistory(vaultGit(config.contentDir, problems), wanted) : undefined,
  ]);
  const histories = decideHistories(history?.versions ?? new Map());
  const times = datesFromGit && history ? { ...files, git: gitTimes(histories, history.uncommitted) } : files;
  return { times, histories: config.growthHistory ? histories : new Map() };
}
