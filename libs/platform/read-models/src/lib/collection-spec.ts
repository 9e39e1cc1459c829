import { createHash } from 'node:crypto';
import { InvalidReadModelRequestError } from './read-model.errors';
import type { CollectionSpec, IndexSpec } from './read-model.port';

const COLLECTION_NAME = /^[a-z][a-z0-9_]*$/;
// Each segment is a plain identifier, so a path is safe both inside a SQLite JSON path literal and
// as a MongoDB field name (no `$`, no quotes, no empty segment).
const FIELD_PATH = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;
const MAX_COLLECTION_NAME_LENGTH = 64;

/** Throws unless `name` is a valid view name (`^[a-z][a-z0-9_]*$`, at most 64 characters). */
export function assertCollectionName(name: string): void {
  if (!COLLECTION_NAME.test(name) || name.length > MAX_COLLECTION_NAME_LENGTH) {
    throw new InvalidReadModelRequestError(
      `Invalid read-model collection name "${name}": expected ^[a-z][a-z0-9_]*$ and at most ${MAX_COLLECTION_NAME_LENGTH} characters`,
    );
  }
}

/** Throws unless `path` is a dotted path of identifiers, e.g. `address.postcode`. */
export function assertFieldPath(path: string): void {
  if (!FIELD_PATH.test(path)) {
    throw new InvalidReadModelRequestError(
      `Invalid field path "${path}": expected dotted identifiers such as "address.postcode"`,
    );
  }
}

/** Validates a whole spec: its name, and every index has at least one well-formed, distinct field. */
export function assertCollectionSpec(spec: CollectionSpec): void {
  assertCollectionName(spec.name);
  for (const index of spec.indexes) {
    if (index.fields.length === 0) {
      throw new InvalidReadModelRequestError(`An index of ${spec.name} declares no field`);
    }
    index.fields.forEach(assertFieldPath);
    if (new Set(index.fields).size !== index.fields.length) {
      throw new InvalidReadModelRequestError(`An index of ${spec.name} repeats a field`);
    }
  }
}

/**
 * A stable, short index name derived from the view and the index definition, identical in both
 * adapters. A changed definition gets a new name: change the view's version when you change indexes.
 */
export function indexName(collection: string, index: IndexSpec): string {
  const definition = JSON.stringify({ fields: index.fields, unique: index.unique === true });
  const digest = createHash('sha256').update(definition).digest('hex').slice(0, 12);
  return `${collection}_${index.unique === true ? 'ux' : 'ix'}_${digest}`;
}
