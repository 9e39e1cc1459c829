import type { RecordEntryV1 } from '@ilinks/record-projection/contracts';
import { recordEntry } from '../read/record-entry.testing';

/** The RBS PAS identifier the spec entries are about. */
export const SUBJECT = { system: 'https://fhir.rbs.example/Id/pas-number', value: 'RBS0012345' };

/** A current, uncoded entry of `resourceType` recorded by RBS, its resource `resource` (for specs). */
export function viewEntry(
  resourceType: string,
  resource: Record<string, unknown>,
  changes: Partial<RecordEntryV1> = {},
): RecordEntryV1 {
  return recordEntry({
    resourceType,
    codes: [],
    resource: { resourceType, subject: { identifier: SUBJECT }, ...resource },
    ...changes,
  });
}

/** A SNOMED CT coding (for specs). */
export function sct(code: string, display: string): { system: string; code: string; display: string } {
  return { system: 'http://snomed.info/sct', code, display };
}
