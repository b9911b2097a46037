import iconv from 'iconv-lite';

export interface DecodedText {
  text: string;
  /** True when the bytes were not valid UTF-8 and were read as Windows-1252. */
  fallback: boolean;
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** Bytes to text: UTF-8 (BOM dropped, CRLF and lone CR made LF), else Windows-1252. */
export function decodeNote(bytes: Uint8Array): DecodedText {
  let text: string;
  let fallback = false;
  try {
    text = utf8.decode(bytes);
  } catch {
    text = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'windows-1252');
    fallback = true;
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { text: text.replace(/\r\n?/g, '\n'), fallback };
}

/**
 * Whether bytes are not text at all (an image or archive named `.md`): control bytes that no
 * text holds (any but tab, line feed, form feed, carriage return and escape) make up more than 1%
 * of the first 8 KB. A stray NUL in a note does not make it binary; random bytes have ~11%.
 */
export function looksBinary(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 8192);
  let controls = 0;
  for (const byte of sample) if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0c && byte !== 0x0d && byte !== 0x1b) controls++;
  return controls > Math.max(8, sample.length / 100);
}

/** C0 controls but tab and line feed, and DEL: never text, and not allowed in XML (the feed). */
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f]/g;

/** The text without control characters, and how many there were. */
export function stripControls(text: string): { text: string; removed: number } {
  let removed = 0;
  const cleaned = text.replace(CONTROLS, () => {
    removed++;
    return '';
  });
  return { text: cleaned, removed };
}
