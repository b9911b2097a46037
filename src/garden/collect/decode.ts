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
