import type { LinkWorld } from '../link/link-world.ts';
import { LinkLookup } from '../link/link-lookup.ts';
import { isImageFile } from '../collect/walk-vault.ts';
import { attachmentUrl } from '../render/renderer.ts';
import type { Problems } from '../problems.ts';
import type { SitePath, SiteUrls } from '../urls.ts';

/**
 * Each shared note's own image (its `image`, `cover` or `banner` property), looked up from the note
 * as a link is and published like the note's other attachments: a shared link to the note shows
 * it (og:image). One the vault lacks, or that is no image, is reported and not used.
 */
export function coverImages(notes: { path: string; cover?: string }[], world: LinkWorld, urls: SiteUrls, problems: Problems): { urls: Map<string, SitePath>; files: string[] } {
  const lookup = new LinkLookup(world);
  const found = new Map<string, SitePath>();
  const files: string[] = [];
  for (const { path, cover } of notes) {
    if (cover === undefined) continue;
    const file = lookup.attachment(cover, path);
    if (file === undefined || !isImageFile(file)) {
      problems.warn(path, `image "${cover}" names no image of the vault, so links to the note are shared without it`);
      continue;
    }
    found.set(path, attachmentUrl(urls, file));
    files.push(file);
  }
  return { urls: found, files };
}
