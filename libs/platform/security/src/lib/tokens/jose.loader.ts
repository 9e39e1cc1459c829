import type * as Jose from 'jose';

export type JoseModule = typeof Jose;

let loading: Promise<JoseModule> | undefined;

/**
 * jose 6 is ESM-only. Node 20.19+ can `require` it, but CommonJS test runners cannot; loading it
 * on first use keeps every importer of this lib (decorators, types, guards) free of that problem.
 */
export function loadJose(): Promise<JoseModule> {
  loading ??= import('jose');
  return loading;
}
