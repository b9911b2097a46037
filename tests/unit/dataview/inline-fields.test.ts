import { describe, expect, it } from 'vitest';
import { inlineFieldsOf } from '../../../src/garden/assemble/views/dataview/evaluate-dataview.ts';
import { evaluateDataview } from '../../../src/garden/assemble/views/dataview/evaluate-dataview.ts';
import { viewContext, viewNote } from '../../helpers/view-context.ts';
import { onlyView, rowsOf } from './cell-text.ts';

/*
 * Inline fields as Dataview's "Adding metadata" page writes them: a `key:: value` line, and
 * `[key:: value]` or `(key:: value)` anywhere in a line; none in code.
 */

describe('inlineFieldsOf', () => {
  it('reads the "Adding metadata" example page', () => {
    const body = [
      '# Example page',
      '',
      'Basic Field:: Value',
      '**Bold Field**:: Nice!',
      'You can also write [field:: inline fields]; multiple [field2:: on the same line].',
      'If you want to hide the (field3:: key) from the rendered text, you can do that too.',
    ].join('\n');
    expect(inlineFieldsOf(body)).toEqual({
      'Basic Field': ['Value'],
      'Bold Field': ['Nice!'],
      field: ['inline fields'],
      field2: ['on the same line'],
      field3: ['key'],
    });
  });

  it('reads a field after a list marker, a task box or a quote', () => {
    expect(inlineFieldsOf('- mood:: happy\n> source:: book\n1. step:: one\n- [ ] due:: 2024-01-01')).toEqual({ mood: ['happy'], source: ['book'], step: ['one'], due: ['2024-01-01'] });
  });

  it('a bracketed value runs to its matching bracket, so it can hold a link', () => {
    expect(inlineFieldsOf('I would rate this a [rating:: 9]! [up:: [[Home]]] (mood:: acceptable (mostly))')).toEqual({ rating: ['9'], up: ['[[Home]]'], mood: ['acceptable (mostly)'] });
  });

  it('a key written twice keeps both values, in order', () => {
    expect(inlineFieldsOf('tag:: a\ntag:: b')).toEqual({ tag: ['a', 'b'] });
  });

  it('ignores fenced code, inline code, links and plain colons', () => {
    const body = ['```', 'inside:: no', '```', 'Use `key:: value` to add one.', '~~~js', 'x:: 1', '~~~', '[[Some Page]] and (see: this) at 10:30', 'https://example.com'].join('\n');
    expect(inlineFieldsOf(body)).toEqual({});
  });
});

describe('inline fields in queries', () => {
  it('the three forms are fields of the note, typed and canonicalized', () => {
    const body = 'Basic Field:: 7\nI would rate this a [rating:: 9]! (mood:: acceptable)';
    const note = viewNote('Review.md', { inlineFields: inlineFieldsOf(body) });
    const view = onlyView(evaluateDataview('TABLE WITHOUT ID basic-field + rating, mood', viewContext([note])));
    expect(rowsOf(view)).toEqual([['16', 'acceptable']]);
  });
});
