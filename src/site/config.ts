import config from 'virtual:garden/config';
import { siteUrls } from '../garden/public.ts';
import { mutedColor, wordsFor } from '../garden/public.ts';

/** The gardener's settings, resolved once by the integration and handed over as a virtual module. */
export const site = config;

/** Every URL a page emits, with the site's base path. */
export const urls = siteUrls(config.siteUrl, config.base);

/** The gardener's colours as the custom properties garden.css is written in. */
export const themeColors = (() => {
  const pair = (c: { light: string; dark: string }) => `light-dark(${c.light}, ${c.dark})`;
  const { paper, ink, accent } = site.colors;
  return `:root{--paper:${pair(paper)};--ink:${pair(ink)};--accent:${pair(accent)};--muted:${pair(mutedColor(site.colors))}}`;
})();

/** The site's words, numbers and dates in the garden's language (the `locale` setting). */
export const words = wordsFor(config.locale, config.timeZone);

/** The locale as Open Graph writes it, language_TERRITORY (`de_DE`): a tag without a region is given its likeliest. */
export const ogLocale = (() => {
  const likely = new Intl.Locale(config.locale).maximize();
  return likely.region ? `${likely.language}_${likely.region}` : likely.language;
})();

/** A note's own language (its `lang`), when it is not the garden's: what its page and feed item mark. */
export const ownLanguage = (lang: string | undefined): string | undefined => (lang && lang !== config.locale ? lang : undefined);
