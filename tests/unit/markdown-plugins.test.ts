/*
 * Fixture tests for the Markdown plugins of src/garden/render/markdown/, one plugin at a time, as
 * remark-gfm and rehype-sanitize test themselves:
 *
 *   tests/fixtures/markdown/<plugin>/<case>/input.md     the note's text
 *   tests/fixtures/markdown/<plugin>/<case>/output.html  the HTML expected from that plugin alone
 *   tests/fixtures/markdown/<plugin>/<case>/report.json  what it found, as it left it on the file
 *                                                         (links, embeds, tags, notices, contexts…)
 *
 * How each plugin is run (its neighbours, the fake notes and attachments) is in
 * tests/helpers/markdown-plugin.ts. A regression shows as the diff of one fixture file.
 *
 * New case: add its input.md, then write its expected files with
 *
 *   UPDATE_FIXTURES=1 npx vitest run tests/unit/markdown-plugins.test.ts
 *
 * which (re)writes every output.html and report.json from what the plugins produce now. Then READ
 * each written file and check it is what the plugin should do (its comments, Obsidian, CommonMark)
 * before committing it: an expected output copied from a bug only locks the bug in.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PLUGINS, runPlugin } from '../helpers/markdown-plugin.ts';

const ROOT = path.resolve(import.meta.dirname, '../fixtures/markdown');
const UPDATE = process.env.UPDATE_FIXTURES === '1';

const dirs = (dir: string) =>
  fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();

const read = (file: string) => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined);

/** Writes a file, or checks it: a missing expected file fails like a wrong one. */
function check(file: string, actual: string) {
  if (UPDATE) {
    fs.writeFileSync(file, actual);
    return;
  }
  const expected = read(file);
  expect(expected, `${path.relative(ROOT, file)} is missing: write it with UPDATE_FIXTURES=1, then review it`).toBeDefined();
  expect(actual, path.relative(ROOT, file)).toBe(expected);
}

const plugins = dirs(ROOT);

it('has fixtures for every plugin the harness knows, and a harness for every fixture folder', () => {
  expect(plugins).toEqual(Object.keys(PLUGINS).sort());
});

for (const plugin of plugins) {
  describe(plugin, () => {
    const cases = dirs(path.join(ROOT, plugin));
    it('has at least three cases', () => expect(cases.length).toBeGreaterThanOrEqual(3));

    it.each(cases)('%s', async (name) => {
      const dir = path.join(ROOT, plugin, name);
      const input = read(path.join(dir, 'input.md'));
      expect(input, `${plugin}/${name}/input.md`).toBeDefined();
      const { html, report } = await runPlugin(plugin, input!);
      check(path.join(dir, 'output.html'), html.endsWith('\n') ? html : `${html}\n`);
      const reportFile = path.join(dir, 'report.json');
      if (report) check(reportFile, `${JSON.stringify(report, null, 2)}\n`);
      else expect(fs.existsSync(reportFile), `${plugin} reports nothing: ${plugin}/${name}/report.json is stale`).toBe(false);
    });
  });
}
