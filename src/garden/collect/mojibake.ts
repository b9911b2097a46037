import iconv from 'iconv-lite';

/*
 * Repairs UTF-8 that was once decoded as Windows-1252 ("â€™" for "’", "ðŸ™‚" for "🙂").
 *
 * Written here rather than taken from a library: the usual JavaScript recipe re-encodes the whole
 * string as Windows-1252, which destroys any correct non-Latin text beside the mojibake, and no
 * maintained port of Python's ftfy exists on npm. We repair run by run instead: only a run of
 * characters that Windows-1252 can encode, and only where those bytes form valid UTF-8, is
 * replaced, so correct text ("Café", "naïve", "日本語") is never changed.
 */

const charToByte = new Map<string, number>();
for (let byte = 0x80; byte <= 0xff; byte++) {
  const char = iconv.decode(Buffer.from([byte]), 'windows-1252');
  // The five bytes Windows-1252 leaves undefined survive some decoders as C1 controls.
  charToByte.set(char === '\ufffd' ? String.fromCharCode(byte) : char, byte);
}

const RUN = new RegExp(`[${[...charToByte.keys()].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')}]{2,}`, 'gu');

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/* Two-byte sequences are only trusted up to U+04FF (Latin, Greek, Cyrillic), combining marks
   excluded: an accented capital followed by a symbol ("ß«") is more likely correct text than NKo. */
function sequenceLength(lead: number): number {
  if (lead >= 0xc2 && lead <= 0xd3 && lead !== 0xcc && lead !== 0xcd) return 2;
  if (lead >= 0xd4 && lead <= 0xdf) return 0;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

const isContinuation = (byte: number | undefined): boolean => byte !== undefined && byte >= 0x80 && byte <= 0xbf;

function decodeStrict(bytes: number[]): string | undefined {
  try {
    const text = strictUtf8.decode(Uint8Array.from(bytes));
    return /\p{Cn}|\p{Cc}/u.test(text) ? undefined : text;
  } catch {
    return undefined;
  }
}

/* Bytes Windows-1252 cannot show; a lossy decoder dropped them, so a sequence one byte short
   may be completed with one of them. Order matters: the first that decodes wins. */
const DROPPED = [0x8f, 0x8d, 0x9d, 0x81, 0x90];

function completeSequence(bytes: number[], next: number | undefined): string | undefined {
  // "â€" then a gap: U+200D (zero-width joiner) inside an emoji run, else U+201D (closing quote).
  if (bytes.length === 2 && bytes[0] === 0xe2 && bytes[1] === 0x80) {
    return decodeStrict([...bytes, next !== undefined && sequenceLength(next) ? 0x8d : 0x9d]);
  }
  for (const candidate of DROPPED) {
    const text = decodeStrict([...bytes, candidate]);
    if (text) return text;
  }
  return undefined;
}

function repairRun(run: string): string {
  const chars = [...run];
  const bytes = chars.map((c) => charToByte.get(c)!);
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const length = sequenceLength(bytes[i]!);
    if (length) {
      let have = 1;
      while (have < length && isContinuation(bytes[i + have])) have++;
      const sequence = bytes.slice(i, i + have);
      const text =
        have === length ? decodeStrict(sequence) : have === length - 1 && have >= 2 ? completeSequence(sequence, bytes[i + have]) : undefined;
      if (text) {
        out += text;
        i += have;
        continue;
      }
    }
    out += chars[i];
    i++;
  }
  return out;
}

/** Returns the text with mojibake repaired; correct text comes back unchanged. */
export function repairMojibake(text: string): string {
  return text.replace(RUN, repairRun);
}
