import { describe, expect, it } from 'vitest';
import { parseFrontmatter } from '../../src/garden/collect/frontmatter.ts';
import { decidePublish } from '../../src/garden/publish/publish-rule.ts';

const decide = (text: string) => decidePublish(parseFrontmatter(text));

describe('the publish rule', () => {
  it.each([
    ['share: true', '---\nshare: true\n---\nx'],
    ['share: True (YAML boolean)', '---\nshare: True\n---\nx'],
    ['share: "true"', '---\nshare: "true"\n---\nx'],
    ['share: " TRUE " (string, any case, spaces)', '---\nshare: " TRUE "\n---\nx'],
    ['share: \'True\'', "---\nshare: 'True'\n---\nx"],
  ])('publishes %s', (_name, text) => {
    expect(decide(text).shared).toBe(true);
  });

  it.each([
    ['no frontmatter', 'just text', undefined],
    ['empty frontmatter', '---\n---\nx', undefined],
    ['share: false', '---\nshare: false\n---\nx', undefined],
    ['share: yes', '---\nshare: yes\n---\nx', 'share is "yes"'],
    ['share: on', '---\nshare: on\n---\nx', 'share is "on"'],
    ['share: 1', '---\nshare: 1\n---\nx', 'share is 1'],
    ['Share: true', '---\nShare: true\n---\nx', 'has "Share:"'],
    ['SHARE: true', '---\nSHARE: true\n---\nx', 'has "SHARE:"'],
    ['share: true in the body', '# Title\n\nshare: true\n', 'in the body'],
    ['share: true below other frontmatter in the body', '---\ntitle: x\n---\nshare: true\n', 'in the body'],
    ['broken YAML containing share: true', '---\nshare: true\ntitle: [unclosed\n---\nx', 'says share: true'],
    ['broken YAML', '---\ntitle: "a\n---\nx', undefined],
    ['a YAML list, not a mapping', '---\n- share\n- true\n---\nx', undefined],
    ['a YAML scalar', '---\ntrue\n---\nx', undefined],
    ['share: [true]', '---\nshare: [true]\n---\nx', undefined],
    ['share: "truee"', '---\nshare: "truee"\n---\nx', undefined],
    ['share: true inside a nested map', '---\nmeta:\n  share: true\n---\nx', undefined],
    ['JavaScript frontmatter', '---js\n{ share: true }\n---\nx', undefined],
    ['publish: true (Obsidian Publish, Quartz)', '---\npublish: true\n---\nx', 'did you mean `share: true`?'],
    ['publish: "true"', '---\npublish: "true"\n---\nx', 'has "publish: true"'],
    ['dg-publish: true (Obsidian Digital Garden)', '---\ndg-publish: true\n---\nx', 'has "dg-publish: true" (Obsidian Digital Garden); did you mean `share: true`?'],
    ['publish: true beside share: false', '---\nshare: false\npublish: true\n---\nx', undefined],
    ['publish: false', '---\npublish: false\n---\nx', undefined],
  ])('keeps private: %s', (_name, text, nearMiss) => {
    const decision = decide(text);
    expect(decision.shared).toBe(false);
    if (decision.shared) return;
    if (nearMiss) expect(decision.nearMiss).toContain(nearMiss);
    else expect(decision.nearMiss).toBeUndefined();
  });

  it('publishes a note that says share: true, whatever else it says (publish: false, dg-publish)', () => {
    expect(decide('---\nshare: true\npublish: false\ndg-publish: false\n---\nx').shared).toBe(true);
  });

  it('never evaluates JavaScript frontmatter', () => {
    const marker = `__garden_eval_${Date.now()}`;
    decide(`---js\n{ share: (globalThis.${marker} = true) }\n---\n`);
    expect((globalThis as Record<string, unknown>)[marker]).toBeUndefined();
  });

  it('keeps YAML dates and yes/no as strings (YAML 1.2 core schema)', () => {
    const parsed = parseFrontmatter('---\ncreated: 2025-06-18\nflag: yes\n---\n');
    expect(parsed.ok && parsed.data).toEqual({ created: '2025-06-18', flag: 'yes' });
  });
});
