import type { Json } from '@ilinks/platform/read-models';

/** A JSON object, as documents hold them. */
export type JsonObject = { [key: string]: Json };

/**
 * A value of a recorded event (which holds JSON: what was sent, as parsed) as a document field.
 * Typed interfaces lack the index signature `Json` asks for; their values are JSON all the same.
 */
export function asJson<T>(value: T): T extends readonly unknown[] ? Json[] : JsonObject {
  return value as unknown as T extends readonly unknown[] ? Json[] : JsonObject;
}

/** A document field back as the typed value it was written from. */
export function fromJson<T>(value: Json | undefined): T {
  return value as unknown as T;
}
