import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/*
 * The shape the code keeps, read with the TypeScript compiler over src/:
 * - imports flow one way: pages → site → integration → core, and inside the core stage by stage
 *   (collect → publish → normalize → link → render → assemble → emit → report), each stage
 *   importing only itself, earlier stages and the core's shared modules; pages and site modules
 *   reach the core only through its light entry for pages (garden/public.ts) and its types;
 * - no function is longer than 60 lines.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
const SRC = path.join(ROOT, 'src');
const STAGES = ['collect', 'publish', 'normalize', 'link', 'render', 'assemble', 'emit', 'report'];
/** Outer layers first: a module may import its own layer and those after it. */
const LAYERS = ['pages', 'site', 'integration', 'core'];
const MAX_FUNCTION_LINES = 60;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(file);
    return /\.(ts|astro)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [file] : [];
  });
}

/** A module's layer, and its stage inside the core (-1 for the core's shared modules). */
function placeOf(file: string): { layer: string; stage: number; inCore: string } {
  const [top = '', second = ''] = path.relative(SRC, file).split(path.sep);
  if (top === 'garden') return { layer: 'core', stage: STAGES.indexOf(second), inCore: path.relative(path.join(SRC, 'garden'), file).split(path.sep).join('/') };
  if (['pages', 'layouts', 'components'].includes(top)) return { layer: 'pages', stage: -1, inCore: '' };
  if (top === 'site' || top === 'content.config.ts' || top === 'scripts') return { layer: 'site', stage: -1, inCore: '' };
  return { layer: top, stage: -1, inCore: '' };
}

/** A file's TypeScript: an .astro file's frontmatter and scripts, a .ts file whole. */
function scriptOf(file: string): string {
  const text = fs.readFileSync(file, 'utf8');
  if (!file.endsWith('.astro')) return text;
  const frontmatter = /^---\n([\s\S]*?)\n---/.exec(text)?.[1] ?? '';
  const scripts = [...text.matchAll(/<script[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
  return [frontmatter, ...scripts].join('\n');
}

/** The relative modules a file imports (static imports and exports, and dynamic imports of a literal). */
function importsOf(file: string): string[] {
  const source = ts.createSourceFile(file, scriptOf(file), ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    const specifier =
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)
        ? node.moduleSpecifier.text
        : ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteral(node.arguments[0])
          ? node.arguments[0].text
          : undefined;
    if (specifier?.startsWith('.')) found.push(path.resolve(path.dirname(file), specifier));
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Why an import goes against the flow, or undefined when it follows it. */
function againstTheFlow(from: string, to: string): string | undefined {
  const [a, b] = [placeOf(from), placeOf(to)];
  if (!LAYERS.includes(b.layer)) return undefined;
  if (LAYERS.indexOf(b.layer) < LAYERS.indexOf(a.layer)) return `${a.layer} imports ${b.layer}`;
  if ((a.layer === 'pages' || a.layer === 'site') && b.layer === 'core' && !['public.ts', 'types.ts'].includes(b.inCore)) {
    return `${a.layer} imports the core's ${b.inCore}, not its entry for pages (public.ts)`;
  }
  if (a.layer === 'core' && b.layer === 'core' && a.stage !== -1 && b.stage > a.stage) return `stage ${STAGES[a.stage]} imports a later stage, ${STAGES[b.stage]}`;
  return undefined;
}

/** Every function of a file longer than the limit, as `file:line (N lines)`. */
function longFunctions(file: string): string[] {
  const source = ts.createSourceFile(file, scriptOf(file), ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const first = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
      const last = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      if (last - first + 1 > MAX_FUNCTION_LINES) found.push(`${path.relative(ROOT, file)}:${first + 1} (${last - first + 1} lines)`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('the shape of the code', () => {
  const files = sourceFiles(SRC);

  it('reads every module of src/', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(files.some((file) => file.endsWith('.astro'))).toBe(true);
  });

  it('imports one way: pages → site → integration → core, and through the core stage by stage', () => {
    const wrong = files.flatMap((file) =>
      importsOf(file).flatMap((target) => {
        const why = againstTheFlow(file, target);
        return why ? [`${path.relative(ROOT, file)} → ${path.relative(ROOT, target)}: ${why}`] : [];
      }),
    );
    expect(wrong).toEqual([]);
  });

  it('finds imports against the flow (the check itself)', () => {
    const at = (file: string) => path.join(SRC, file);
    expect(againstTheFlow(at('garden/collect/walk-vault.ts'), at('garden/render/renderer.ts'))).toMatch(/later stage, render/);
    expect(againstTheFlow(at('integration/index.ts'), at('site/garden.ts'))).toBe('integration imports site');
    expect(againstTheFlow(at('pages/index.astro'), at('garden/assemble/graph.ts'))).toMatch(/not its entry for pages/);
    expect(againstTheFlow(at('site/garden.ts'), at('integration/core.ts'))).toBeUndefined();
    expect(againstTheFlow(at('garden/render/renderer.ts'), at('garden/normalize/slug.ts'))).toBeUndefined();
  });

  it(`has no function longer than ${MAX_FUNCTION_LINES} lines`, () => {
    expect(files.flatMap(longFunctions)).toEqual([]);
  });
});
