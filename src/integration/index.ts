import fs from 'node:fs/promises';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { KATEX_FOLDER } from '../site/math.ts';
import type { AstroIntegration } from 'astro';
import { writeSearchIndex } from './search-index.ts';
import { virtualModules } from './virtual-config.ts';
import { loadGarden, invalidateGarden, resolveConfig, summary, timing, problemLines, strictFailure, type GardenConfig, type GardenSettings } from '../garden/index.ts';

/**
 * The garden's Astro integration: resolves the gardener's settings once and hands them to the
 * site (Astro's `site` and `base`, and the `virtual:garden/config` module the loader and pages
 * read), reads the vault once before Astro loads content, reports what it found, serves
 * attachments in dev and copies the used ones into the build.
 */
const reported = new WeakSet<object>();

/** KaTeX's `dist/` folder, whose stylesheet and woff2 fonts pages with math use (site/math.ts). */
const katexDist = () => path.join(path.dirname(createRequire(import.meta.url).resolve('katex/package.json')), 'dist');

/** Copies KaTeX's stylesheet and its woff2 fonts (every browser the site supports reads woff2, the first source the stylesheet names). */
async function copyKatex(out: string): Promise<void> {
  const from = katexDist();
  const to = path.join(out, KATEX_FOLDER);
  await fs.mkdir(path.join(to, 'fonts'), { recursive: true });
  await fs.copyFile(path.join(from, 'katex.min.css'), path.join(to, 'katex.min.css'));
  const fonts = (await fs.readdir(path.join(from, 'fonts'))).filter((name) => name.endsWith('.woff2'));
  await Promise.all(fonts.map((name) => fs.copyFile(path.join(from, 'fonts', name), path.join(to, 'fonts', name))));
}

export default function garden(settings: GardenSettings): AstroIntegration {
  let config: GardenConfig;
  return {
    name: 'digital-garden',
    hooks: {
      'astro:config:setup': ({ config: astro, updateConfig, addWatchFile }) => {
        // Rendered notes are kept beside Astro's own cache, so a rebuild renders only changed notes.
        config = { ...resolveConfig(settings), cacheDir: fileURLToPath(new URL('garden/', astro.cacheDir)) };
        updateConfig({ site: config.siteUrl, base: config.base, vite: { plugins: [virtualModules(config, new URL('../garden/index.ts', import.meta.url).href)] } });
        addWatchFile(path.resolve('garden.config.ts'));
      },
      'astro:config:done': async ({ logger }) => {
        const garden = await loadGarden(config);
        // Astro may run this hook more than once per build; each garden is reported once.
        if (!reported.has(garden)) {
          for (const line of problemLines(garden)) logger.warn(line);
          logger.info(timing(garden));
        }
        reported.add(garden);
        const failure = strictFailure(garden, config.strict);
        if (failure) throw new Error(failure);
      },
      'astro:server:setup': ({ server }) => {
        server.watcher.add(config.contentDir);
        const changed = (file: string) => {
          if (file.startsWith(config.contentDir)) invalidateGarden();
        };
        server.watcher.on('change', changed).on('add', changed).on('unlink', changed);
        server.middlewares.use(async (req, res, next) => {
          const katex = req.url?.split('?')[0]!.split(`/${KATEX_FOLDER}/`)[1];
          if (katex && /^(katex\.min\.css|fonts\/[\w-]+\.woff2)$/.test(katex)) {
            res.setHeader('content-type', katex.endsWith('.css') ? 'text/css' : 'font/woff2');
            return void res.end(await fs.readFile(path.join(katexDist(), katex)));
          }
          if (!req.url?.includes('/attachments/')) return next();
          const garden = await loadGarden(config);
          const url = decodeURIComponent(req.url.split('?')[0]!);
          const attachment = garden.attachments.find((a) => a.url === url);
          if (!attachment) return next();
          res.end(await fs.readFile(attachment.source));
        });
      },
      'astro:build:done': async ({ dir, logger }) => {
        const garden = await loadGarden(config);
        const out = fileURLToPath(dir);
        await Promise.all(
          garden.attachments.map(async (attachment) => {
            const target = path.join(out, 'attachments', attachment.fileName);
            await fs.mkdir(path.dirname(target), { recursive: true });
            await fs.copyFile(attachment.source, target);
          }),
        );
        if (garden.notes.some((note) => note.hasMath)) await copyKatex(out);
        const search = await writeSearchIndex(out);
        logger.info(`search index: ${search.pages} notes indexed by Pagefind in ${search.seconds.toFixed(1)} s`);
        logger.info(summary(garden));
      },
    },
  };
}
