import path from 'node:path';
import { IANAZone } from 'luxon';

/** What a gardener can configure. Environment variables override the file (see README). */
export interface GardenConfig {
  /** Folder of the vault, absolute or relative to the project root. */
  contentDir: string;
  /** Absolute site URL used in the feed, sitemap and canonical links. */
  siteUrl: string;
  /** IANA time zone for dates written without one. */
  timeZone: string;
  /** Any warning fails the build. */
  strict: boolean;
  /** How many notes the feed carries. */
  feedLimit: number;
  title: string;
  description: string;
  author: string;
  /** Where rendered notes are kept between builds; none when unset. Set by the integration. */
  cacheDir?: string;
}

export const defaultConfig: GardenConfig = {
  contentDir: 'content',
  siteUrl: 'http://localhost:4321',
  timeZone: 'UTC',
  strict: false,
  feedLimit: 50,
  title: 'A digital garden',
  description: 'Notes growing in public.',
  author: '',
};

export class ConfigError extends Error {}

/**
 * Merges the gardener's settings with the environment overrides and validates the result,
 * so that a typo fails early with a message naming the setting.
 */
export function resolveConfig(
  settings: Partial<GardenConfig> = {},
  env: NodeJS.ProcessEnv = process.env,
  root: string = process.cwd(),
): GardenConfig {
  const config: GardenConfig = { ...defaultConfig, ...settings };
  if (env.GARDEN_CONTENT_DIR) config.contentDir = env.GARDEN_CONTENT_DIR;
  if (env.GARDEN_SITE_URL) config.siteUrl = env.GARDEN_SITE_URL;
  if (env.GARDEN_STRICT !== undefined && env.GARDEN_STRICT !== '') {
    config.strict = /^(1|true|yes|on)$/i.test(env.GARDEN_STRICT.trim());
  }
  config.contentDir = path.resolve(root, config.contentDir);

  let url: URL;
  try {
    url = new URL(config.siteUrl);
  } catch {
    throw new ConfigError(`siteUrl (or GARDEN_SITE_URL) must be an absolute URL, got "${config.siteUrl}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(`siteUrl must use http or https, got "${config.siteUrl}"`);
  }
  config.siteUrl = url.href.replace(/\/$/, '');
  if (!IANAZone.isValidZone(config.timeZone)) {
    throw new ConfigError(`timeZone must be an IANA time zone such as "Europe/Paris", got "${config.timeZone}"`);
  }
  if (!Number.isInteger(config.feedLimit) || config.feedLimit < 1) {
    throw new ConfigError(`feedLimit must be a whole number of at least 1, got ${String(config.feedLimit)}`);
  }
  return config;
}
