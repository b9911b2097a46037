import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { decodeNote } from '../../src/garden/collect/decode.ts';
import { repairMojibake } from '../../src/garden/collect/mojibake.ts';

describe('decoding files', () => {
  it('drops a UTF-8 byte order mark and turns CRLF into LF', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from('---\r\nshare: true\r\n---\r\nCafé\r\n')]);
    expect(decodeNote(bytes)).toEqual({ text: '---\nshare: true\n---\nCafé\n', fallback: false });
  });

  it('reads bytes that are not UTF-8 as Windows-1252 and says so', () => {
    const bytes = iconv.encode('Café “quoted” – naïve €5', 'windows-1252');
    expect(decodeNote(bytes)).toEqual({ text: 'Café “quoted” – naïve €5', fallback: true });
  });
});

describe('repairing mojibake', () => {
  it.each([
    ['2025-06-18 â€“ Decided to ask for a job shift', '2025-06-18 – Decided to ask for a job shift'],
    ['whatâ€™s unfolded', 'what’s unfolded'],
    ['frustrationsâ€¦ after', 'frustrations… after'],
    ['â€œis my team healthy?â€ ', '“is my team healthy?” '],
    ['ICs ðŸ™‚â€â†”ï¸. That', 'ICs 🙂\u200d↔\ufe0f. That'],
    ['Ã©tÃ© Ã\u00a0 Paris', 'été à Paris'], // à is C3 A0: its second byte reads as a no-break space
    ['My next step â†’', 'My next step →'],
  ])('repairs %j', (broken, repaired) => {
    expect(repairMojibake(broken)).toBe(repaired);
  });

  it.each(['Café déjà vu', 'naïve façade', '日本語のノート', 'Ελληνικά και русский', 'Straße «Zitat»', 'Ça coûte 5 €', '🙂 emoji', 'Æsir Øresund', 'ÀÉÎÕÜ'])(
    'never changes correct text: %j',
    (text) => {
      expect(repairMojibake(text)).toBe(text);
    },
  );
});
