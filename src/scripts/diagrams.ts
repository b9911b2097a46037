/*
 * Mermaid diagrams, drawn in the browser from the site's copy of Mermaid (integration/mermaid.ts), whose
 * address the page's `link[data-mermaid]` gives. Only pages whose note has a diagram that can be
 * drawn include this script, and Mermaid itself (~250 KB gzipped for a flowchart and a sequence
 * diagram) is imported below, once the page is shown.
 * Without JavaScript, or when drawing fails, the diagram's source stays as it is in the page; a
 * diagram that fails here says so under its source. Diagrams follow the page's theme: the
 * visitor's choice (data-theme on <html>) or the system's, and are drawn again when it changes.
 * A note opened beside another (stacked-notes.ts) brings its figures later: drawNewDiagrams draws them.
 */
const figures = () => [...document.querySelectorAll<HTMLElement>('figure[data-diagram="mermaid"]')];
const undrawn = () => figures().filter((figure) => !figure.querySelector(':scope > .diagram-drawing, :scope > .diagram-error'));

const dark = () => {
  const chosen = document.documentElement.dataset.theme;
  return chosen ? chosen === 'dark' : matchMedia('(prefers-color-scheme: dark)').matches;
};

/** The site's own colours, as computed for the current theme, for Mermaid's `base` theme. */
function themeVariables() {
  const style = getComputedStyle(document.body);
  const probe = document.createElement('span');
  document.body.append(probe);
  const canvas = document.createElement('canvas').getContext('2d', { willReadFrequently: true })!;
  // Computed colours may be oklab() or color-mix() results, which Mermaid's colour maths cannot
  // read: they are painted once and read back as plain sRGB.
  const read = (value: string) => {
    probe.style.color = value;
    canvas.clearRect(0, 0, 1, 1);
    canvas.fillStyle = getComputedStyle(probe).color;
    canvas.fillRect(0, 0, 1, 1);
    const [r, g, b] = canvas.getImageData(0, 0, 1, 1).data;
    return `#${[r, g, b].map((n) => (n ?? 0).toString(16).padStart(2, '0')).join('')}`;
  };
  const colors = {
    darkMode: dark(),
    background: read('var(--paper)'),
    primaryColor: read('var(--soft)'),
    primaryTextColor: read('var(--ink)'),
    primaryBorderColor: read('var(--accent)'),
    secondaryColor: read('var(--raised)'),
    tertiaryColor: read('var(--paper)'),
    lineColor: read('var(--muted)'),
    textColor: read('var(--ink)'),
    fontFamily: style.fontFamily,
  };
  probe.remove();
  return colors;
}

let drawing = Promise.resolve();
let count = 0;

async function draw(which = figures) {
  const address = document.querySelector<HTMLLinkElement>('link[data-mermaid]')!.href;
  const { default: mermaid } = (await import(/* @vite-ignore */ address)) as typeof import('mermaid');
  // Dagre lays diagrams out as Obsidian does; Mermaid 12's default, ELK, would add 460 KB (gzipped) to every page with a flowchart.
  mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', layout: 'dagre', theme: 'base', themeVariables: themeVariables() });
  for (const figure of which()) {
    const source = figure.querySelector('pre');
    if (!source) continue;
    figure.querySelector('.diagram-drawing, .diagram-error')?.remove();
    try {
      const { svg } = await mermaid.render(`diagram-${++count}`, source.textContent ?? '');
      const drawing = document.createElement('div');
      drawing.className = 'diagram-drawing';
      // Mermaid's output in its strict mode: labels are sanitized by Mermaid's DOMPurify.
      drawing.innerHTML = svg;
      source.hidden = true;
      figure.prepend(drawing);
    } catch (error) {
      source.hidden = false;
      const note = document.createElement('figcaption');
      note.className = 'diagram-error';
      // The words come in the garden's language from the page (Diagrams.astro's data-failed).
      const reason = String((error as Error)?.message ?? error).split('\n')[0]!;
      note.textContent = (document.querySelector<HTMLElement>('link[data-mermaid]')?.dataset.failed ?? '{reason}').replace('{reason}', () => reason);
      figure.append(note);
    }
  }
}

const redraw = () => (drawing = drawing.then(() => draw(), () => draw()));
let watching = false;

/** Draws every figure again when the theme changes, from the first figure on. */
function watchTheme() {
  if (watching) return;
  watching = true;
  new MutationObserver(redraw).observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  matchMedia('(prefers-color-scheme: dark)').addEventListener('change', redraw);
}

/** Draws the figures added since the last drawing (a stacked note's), and follows the theme from then on. */
export function drawNewDiagrams() {
  watchTheme();
  drawing = drawing.then(() => draw(undrawn), () => draw(undrawn));
  return drawing;
}

if (figures().length) {
  redraw();
  watchTheme();
}
