import katex from 'katex/package.json' with { type: 'json' };

/*
 * KaTeX's stylesheet and fonts, copied from the npm package into the site by the integration and
 * linked only by pages that show math. The folder is named after KaTeX's version, so a browser
 * never pairs a cached stylesheet with markup from another version. Nothing is loaded from a CDN.
 */
export const KATEX_FOLDER = `_katex/${katex.version}`;
export const KATEX_STYLESHEET = `${KATEX_FOLDER}/katex.min.css`;
