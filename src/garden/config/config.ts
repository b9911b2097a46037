import path from 'node:path';
import { colord } from 'colord';
import { closest as nearest, distance } from 'fastest-levenshtein';
import type { z } from 'zod';
import { normalizeBase } from '../urls.ts';
import { mutedColor } from './colors.ts';
import { catalogueOf } from '../locale/locale.ts';
import { settingsSchema, type ColorRole, type GardenSettings, type Settings, type ThemeColor } from './settings.ts';

export { redirectPath } from './redirect-path.ts';
export { mutedColor } from './colors.ts';
export { COLOR_ROLES, DATE_SOURCES, ENV_OVERRIDES, type ColorRole, type GardenSettings, type Settings, type ThemeColor } from './settings.ts';

/**
 * The settings the garden builds with: the gardener's, checked and completed (settings.ts), and
 * what the build itself adds, apart from them.
 */
export interface GardenConfig extends Settings {
  /** The vault folder, absolute. */
  contentDir: string;
  /** The path the site is served under: `base`, else the site URL's path; `/` or `/a/b/`. */
  base: string;
  /** Which setting named the vault folder, for messages. */
  contentDirFrom: 'contentDir' | 'GARDEN_CONTENT_DIR';
  /** Where rendered notes are kept between builds; none when unset. Set by the integration. */
  cacheDir?: string;
}

/** Every setting's default, as the schema gives it. */
export const defaultConfig: Settings = settingsSchema.parse({});

/** A mistake in the gardener's settings; the message names the file and the setting. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(`garden.config.ts: ${message}`);
    this.name = 'ConfigError';
  }
}

/**
 * Merges the gardener's settings, GARDEN_SETTINGS and the environment overrides, and checks them
 * against the schema, so that a typo fails early with a message naming the setting.
 */
export function resolveConfig(settings: GardenSettings = {}, env: NodeJS.ProcessEnv = process.env, root: string = process.cwd()): GardenConfig {
  const given: Record<string, unknown> = { ...settings, ...settingsFromEnv(env.GARDEN_SETTINGS) };
  if (env.GARDEN_CONTENT_DIR) given.contentDir = env.GARDEN_CONTENT_DIR;
  if (env.GARDEN_SITE_URL) given.siteUrl = env.GARDEN_SITE_URL;
  if (env.GARDEN_STRICT !== undefined && env.GARDEN_STRICT !== '') given.strict = /^(1|true|yes|on)$/i.test(env.GARDEN_STRICT.trim());
  const parsed = settingsSchema.safeParse(given);
  if (!parsed.success) throw new ConfigError(problemOf(parsed.error.issues[0]!));
  const checked = parsed.data;
  checkContrast(checked.colors);
  // A garden that names itself in no words is named in its own language's.
  const words = catalogueOf(checked.locale).defaults;
  return {
    ...checked,
    title: given.title === undefined ? words.title : checked.title,
    description: given.description === undefined ? words.description : checked.description,
    contentDir: path.resolve(root, checked.contentDir),
    base: normalizeBase(checked.base || new URL(checked.siteUrl).pathname),
    contentDirFrom: env.GARDEN_CONTENT_DIR ? 'GARDEN_CONTENT_DIR' : 'contentDir',
  };
}

/** The first thing wrong with the settings, in the gardener's words. */
function problemOf(issue: z.core.$ZodIssue): string {
  if (issue.code !== 'unrecognized_keys' || issue.path.length > 0) return issue.message;
  const key = issue.keys[0]!;
  const near = closest(key, Object.keys(settingsSchema.shape));
  return `unknown setting "${key}"${near ? `; did you mean "${near}"?` : ''}`;
}

/**
 * GARDEN_SETTINGS: settings as JSON, laid over garden.config.ts for one run (tests build fixture
 * gardens with their own settings; a preview deploy can say `{"noindex": true}`).
 */
function settingsFromEnv(json: string | undefined): GardenSettings {
  if (!json?.trim()) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (error) {
    throw new ConfigError(`GARDEN_SETTINGS must be JSON, such as {"noindex": true}: ${(error as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new ConfigError('GARDEN_SETTINGS must be a JSON object of settings');
  return parsed as GardenSettings;
}

/** The sample's own settings (garden.config.ts as the project ships it), which no real garden should publish under. */
export const SAMPLE_SETTINGS = { title: 'The Tended Garden', author: 'The Gardener' } as const;

/** A warning for each setting still as the sample has it, or on a domain reserved for examples. */
export function sampleSettingWarnings(config: GardenConfig): string[] {
  const warnings: string[] = [];
  const host = new URL(config.siteUrl).hostname;
  if (/(^|\.)example\.(org|com|net)$/i.test(host)) {
    warnings.push(`siteUrl is the example ${config.siteUrl}: the feed, the sitemap and canonical links will point there; set your site's address in garden.config.ts (or GARDEN_SITE_URL)`);
  }
  for (const key of ['title', 'author'] as const) {
    if (config[key] === SAMPLE_SETTINGS[key]) warnings.push(`${key} is still the sample's "${SAMPLE_SETTINGS[key]}": set your own in garden.config.ts`);
  }
  return warnings;
}

/** The known setting a misspelt one most likely meant (`colours` → `colors`, `feedlimit` → `feedLimit`). */
function closest(key: string, known: string[]): string | undefined {
  const lower = key.toLowerCase();
  const candidate = nearest(lower, known.map((k) => k.toLowerCase()));
  return distance(lower, candidate) <= 2 ? known.find((k) => k.toLowerCase() === candidate) : undefined;
}

/** WCAG AA for every text colour on the paper, in both themes. */
function checkContrast(colors: Record<ColorRole, ThemeColor>): void {
  const muted = mutedColor(colors);
  for (const theme of ['light', 'dark'] as const) {
    const paper = colord(colors.paper[theme]);
    for (const [name, color] of [['ink', colors.ink[theme]], ['accent', colors.accent[theme]], ['muted text (70% ink, 30% paper)', muted[theme]]] as const) {
      const ratio = paper.contrast(color);
      if (ratio < 4.5) {
        throw new ConfigError(`colors (${theme} theme): ${name} ${color} on paper ${colors.paper[theme]} has a contrast of ${ratio}:1; text needs at least 4.5:1`);
      }
    }
  }
}
