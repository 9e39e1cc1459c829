import { Buffer } from 'node:buffer';

// MIME (RFC 2045) lets base64 be broken into lines; nothing else may appear between the characters.
const MIME_WHITESPACE = /[ \t\r\n]+/g;
const STANDARD_ALPHABET = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * The bytes of standard-alphabet base64 (padding optional, spaces and line breaks ignored), or
 * `undefined` when the text is anything else: another alphabet (`-`, `_`), stray characters,
 * misplaced padding, an impossible length or non-zero unused bits (so each byte string has
 * exactly one accepted spelling, up to padding and whitespace).
 */
export function decodeStrictBase64(text: string): Buffer | undefined {
  const compact = text.replace(MIME_WHITESPACE, '');
  if (!STANDARD_ALPHABET.test(compact)) return undefined;
  const unpadded = compact.replace(/=+$/, '');
  const padding = compact.length - unpadded.length;
  if (padding > 0 && compact.length % 4 !== 0) return undefined;
  if (unpadded.length % 4 === 1) return undefined;
  const bytes = Buffer.from(unpadded, 'base64');
  // Re-encoding reveals non-zero unused bits, which Node's lenient decoder silently drops.
  if (bytes.toString('base64').replace(/=+$/, '') !== unpadded) return undefined;
  return bytes;
}

/** How many bytes valid base64 decodes to, without decoding it (after {@link decodeStrictBase64}'s rules). */
export function decodedBase64Length(text: string): number {
  const unpadded = text.replace(MIME_WHITESPACE, '').replace(/=+$/, '');
  return Math.floor((unpadded.length * 3) / 4);
}
