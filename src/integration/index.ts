import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { writeSearchIndex } from './search-index.ts';
import { loadGarden, invalidateGarden, rememberConfig, summary, timing, problemLines, strictFailure, type GardenConfig } from '../garden/index.ts';

/**
 * The garden's Astro integration: reads the vault once before Astro loads content, reports what it
 * found, serves attachments in dev and copies the used ones into the build.
 */
const reported = new WeakSet<object>();

export default function garden(config: GardenConfig): AstroIntegration {
  rememberConfig(config);
  return {
    name: 'digital-garden',
    hooks: {
      'astro:config:setup': ({ addWatchFile }) => {
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
          if (!req.url?.startsWith('/attachments/')) return next();
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
            const target = path.join(out, attachment.url);
            await fs.mkdir(path.dirname(target), { recursive: true });
            await fs.copyFile(attachment.source, target);
          }),
        );
        const search = await writeSearchIndex(out);
        logger.info(`search index: ${search.pages} notes indexed by Pagefind in ${search.seconds.toFixed(1)} s`);
        logger.info(summary(garden));
      },
    },
  };
}
