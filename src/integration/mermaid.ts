import mermaid from 'mermaid/package.json' with { type: 'json' };

/*
 * Mermaid as its authors publish it for browsers (its self-contained `dist/mermaid.esm.min.mjs`
 * and the chunks it imports), copied from the npm package into the site by the integration when
 * a note has a diagram. Bundled by Vite instead, Mermaid and its dependencies took 2.4–3.6 s of
 * every build's client bundling (33 ms without them, on the 10,000-note bench's rebuilds), whether
 * a note had a diagram or not. The folder is
 * named after Mermaid's version, as KaTeX's is (math.ts). Nothing is loaded from a CDN.
 */
export const MERMAID_FOLDER = `_mermaid/${mermaid.version}`;
export const MERMAID_MODULE = `${MERMAID_FOLDER}/mermaid.esm.min.mjs`;
