/**
 * Byte → text decoding for instrument exports.
 * Order: BOM (UTF-8, UTF-16LE/BE) → UTF-16 without BOM (NUL pattern) → strict UTF-8 → Windows-1252.
 * Windows-1252 is a superset of Latin-1's printable range, so Latin-1 files (° = 0xB0, µ = 0xB5) read correctly.
 */

export interface DecodedText {
  text: string;
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';
  hadBom: boolean;
}

export function decodeBytes(bytes: Uint8Array): DecodedText {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8', hadBom: true };
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le', hadBom: true };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be', hadBom: true };
  }
  const utf16 = guessUtf16WithoutBom(bytes);
  if (utf16) return { text: new TextDecoder(utf16).decode(bytes), encoding: utf16, hadBom: false };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8', hadBom: false };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252', hadBom: false };
  }
}

/** ASCII text stored as UTF-16 has a NUL in every other byte. */
function guessUtf16WithoutBom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 8) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  if (oddNul > 0.4 * pairs && evenNul < 0.05 * pairs) return 'utf-16le';
  if (evenNul > 0.4 * pairs && oddNul < 0.05 * pairs) return 'utf-16be';
  return null;
}

/**
 * Split text into lines on LF only (CRLF's CR is dropped). A form feed or other control character does not start a
 * line, so line numbers match `grep -n` on the decoded text.
 */
export function splitLines(text: string): string[] {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (l.length > 0 && l.charCodeAt(l.length - 1) === 13) lines[i] = l.slice(0, -1);
  }
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** The first `maxBytes` of a file decoded, for format sniffing. */
export function decodeHead(bytes: Uint8Array, maxBytes = 16384): string {
  const head = bytes.subarray(0, Math.min(bytes.length, maxBytes) & ~1 || Math.min(bytes.length, maxBytes));
  return decodeBytes(head).text;
}
