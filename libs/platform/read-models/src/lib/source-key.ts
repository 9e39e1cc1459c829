import { InvalidReadModelRequestError } from './read-model.errors';
import type { VersionGuard } from './read-model.port';

// Characters kept as they are in a versions key; everything else (notably `.`, `$`, `%`, quotes)
// is percent-encoded from its UTF-8 bytes, so keys are safe as MongoDB field names and inside a
// quoted SQLite JSON path label, and both adapters store the same key for the same source.
// Matched one code point at a time (`u`).
const UNSAFE_CHARACTER = /[^A-Za-z0-9_:/-]/gu;

/** Encodes a source name as a key of the stored `versions` object. Reversible by `decodeSourceKey`. */
export function encodeSourceKey(source: string): string {
  return source.replace(UNSAFE_CHARACTER, percentEncoded);
}

function percentEncoded(character: string): string {
  let encoded = '';
  for (const byte of Buffer.from(character, 'utf8'))
    encoded += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  return encoded;
}

/** The inverse of `encodeSourceKey`. */
export function decodeSourceKey(key: string): string {
  return decodeURIComponent(key);
}

/** Turns stored (encoded) versions back into versions keyed by source name. */
export function decodeVersions(stored: Readonly<Record<string, number>>): Record<string, number> {
  return Object.fromEntries(Object.entries(stored).map(([key, version]) => [decodeSourceKey(key), version]));
}

/** Throws unless the guard names a source and carries a non-negative safe integer version. */
export function assertVersionGuard(guard: VersionGuard): void {
  if (typeof guard.source !== 'string' || guard.source.length === 0) {
    throw new InvalidReadModelRequestError('A version guard needs a non-empty source');
  }
  if (!Number.isSafeInteger(guard.version) || guard.version < 0) {
    throw new InvalidReadModelRequestError(
      'A version guard needs a version that is a non-negative safe integer',
    );
  }
}
