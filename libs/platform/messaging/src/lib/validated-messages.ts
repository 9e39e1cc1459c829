import { createHash } from 'node:crypto';
import type { EventDataClass } from './integration-events';

/**
 * The message values this process validated before publishing them, by a digest of their bytes:
 * when the same bytes come back to a consumer in this process (the embedded platform's bus, or
 * Kafka with the publisher and the consumer in one process), validating them again against the
 * same class would give the same answer, so the consumer may skip it. Only data that survives
 * JSON unchanged is remembered: its validation and its consumer's (of the parsed bytes) are then
 * of the same value. Bounded: the oldest are forgotten first, and a forgotten message is simply
 * validated again.
 */
export class ValidatedMessages {
  private readonly classByDigest = new Map<string, EventDataClass<object>>();

  constructor(private readonly capacity: number) {}

  /** Remembers that `value` (the JSON of `data`) holds valid data of `dataClass`. */
  remember(dataClass: EventDataClass<object>, data: unknown, value: Buffer): void {
    if (this.capacity <= 0 || !isJsonPlain(data)) return;
    const digest = digestOf(value);
    this.classByDigest.delete(digest);
    this.classByDigest.set(digest, dataClass);
    if (this.classByDigest.size > this.capacity) {
      const oldest = this.classByDigest.keys().next();
      if (oldest.done !== true) this.classByDigest.delete(oldest.value);
    }
  }

  /** Whether `value` was validated against `dataClass` here before being published. */
  has(dataClass: EventDataClass<object>, value: Buffer): boolean {
    return this.classByDigest.size > 0 && this.classByDigest.get(digestOf(value)) === dataClass;
  }

  get size(): number {
    return this.classByDigest.size;
  }
}

function digestOf(value: Buffer): string {
  return createHash('sha256').update(value).digest('base64');
}

/**
 * Whether `JSON.parse(JSON.stringify(value))` is the same value: only null, booleans, strings,
 * finite numbers, arrays without holes and plain objects, with no undefined anywhere. Anything else
 * (a Date, a class instance, undefined, NaN) changes on the way, and so might its validation.
 */
export function isJsonPlain(value: unknown): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value) && !Object.is(value, -0);
    case 'object':
      if (value === null) return true;
      if (Array.isArray(value)) {
        for (let index = 0; index < value.length; index++) {
          if (!(index in value) || !isJsonPlain(value[index])) return false;
        }
        return true;
      }
      return isPlainRecord(value);
    case 'bigint':
    case 'symbol':
    case 'undefined':
    case 'function':
      return false;
  }
}

function isPlainRecord(value: object): boolean {
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return false;
  if (Object.getOwnPropertySymbols(value).length > 0) return false;
  for (const key of Object.getOwnPropertyNames(value)) {
    const descriptor = Object.getOwnPropertyDescriptor(value, key);
    // A getter, a hidden property or a key JSON.parse treats apart would not round-trip as is.
    if (descriptor === undefined || !('value' in descriptor) || descriptor.enumerable !== true) return false;
    if (key === '__proto__' || !isJsonPlain(descriptor.value)) return false;
  }
  return true;
}
