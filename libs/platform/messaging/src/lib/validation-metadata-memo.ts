import { getMetadataStorage, type MetadataStorage } from 'class-validator';

type LookUp = MetadataStorage['getTargetValidationMetadatas'];
type Metadatas = ReturnType<LookUp>;
type Grouped = ReturnType<MetadataStorage['groupByPropertyName']>;
type Target = Parameters<LookUp>[0];

const MEMOIZED = Symbol.for('ilinks.platform.validation-metadata-memo');

/**
 * Makes class-validator's metadata lookup, done once for every object it validates (each nested
 * one too), a map read. Unmemoized it filters the rules of every decorated class loaded in the
 * process, with an `instanceof` per class: in the one-process platform, where hundreds of DTO
 * classes are loaded, that was most of the cost of validating a 500-entity audit record or a
 * 50-entry batch. The answers are the same: the memo is emptied whenever a rule is added (a class
 * decorated later), and class-validator only reads what the lookup returns. Idempotent; `storage`
 * is the process-wide one unless a test gives its own.
 */
export function memoizeValidationMetadata(storage: MetadataStorage = getMetadataStorage()): void {
  const marked = storage as MetadataStorage & { [MEMOIZED]?: true };
  if (marked[MEMOIZED] === true) return;
  const lookUp = storage.getTargetValidationMetadatas.bind(storage);
  const group = storage.groupByPropertyName.bind(storage);
  const addRule = storage.addValidationMetadata.bind(storage);
  let lookedUp = new WeakMap<Target, Map<string, Metadatas>>();
  let grouped = new WeakMap<Metadatas, Grouped>();

  storage.addValidationMetadata = (metadata) => {
    addRule(metadata);
    lookedUp = new WeakMap();
    grouped = new WeakMap();
  };
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    // Not a class (an object without a constructor): left to class-validator, which refuses it.
    if (typeof target !== 'function') return lookUp(target, schema, always, strictGroups, groups);
    const key = JSON.stringify([schema, always, strictGroups, groups ?? null]);
    let byOptions = lookedUp.get(target);
    if (byOptions === undefined) {
      byOptions = new Map();
      lookedUp.set(target, byOptions);
    }
    let metadatas = byOptions.get(key);
    if (metadatas === undefined) {
      metadatas = lookUp(target, schema, always, strictGroups, groups);
      byOptions.set(key, metadatas);
    }
    return metadatas;
  };
  storage.groupByPropertyName = (metadatas) => {
    let byProperty = grouped.get(metadatas);
    if (byProperty === undefined) {
      byProperty = group(metadatas);
      grouped.set(metadatas, byProperty);
    }
    return byProperty;
  };
  Object.defineProperty(marked, MEMOIZED, { value: true });
}
