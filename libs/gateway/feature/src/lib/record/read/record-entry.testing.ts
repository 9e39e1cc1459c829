import type { RecordEntryV1 } from '@ilinks/record-projection/contracts';

/** A current Condition entry recorded by RBS about its PAS patient RBS0012345 (for specs). */
export function recordEntry(changes: Partial<RecordEntryV1> = {}): RecordEntryV1 {
  return {
    entryId: 'e-1',
    revision: 1,
    organisation: 'RBS',
    recordedBy: { subject: 'system-rbs', role: 'system' },
    resourceType: 'Condition',
    partnerId: 'cond-1',
    subject: { system: 'https://fhir.rbs.example/Id/pas-number', value: 'RBS0012345' },
    part: 'problems',
    status: 'current',
    effectiveAt: '2025-03-01T10:00:00.000Z',
    recordedAt: '2025-03-01T10:05:00.000Z',
    lastUpdated: '2025-03-01T10:05:00.000Z',
    codes: [{ system: 'http://snomed.info/sct', code: '38341003', display: 'Hypertension' }],
    unknownCodeSystems: false,
    resource: {
      resourceType: 'Condition',
      id: 'cond-1',
      clinicalStatus: {
        coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' }],
      },
      category: [
        {
          coding: [
            { system: 'http://terminology.hl7.org/CodeSystem/condition-category', code: 'problem-list-item' },
          ],
        },
      ],
      code: { coding: [{ system: 'http://snomed.info/sct', code: '38341003', display: 'Hypertension' }] },
      subject: { identifier: { system: 'https://fhir.rbs.example/Id/pas-number', value: 'RBS0012345' } },
    },
    ...changes,
  };
}

/** The SNOMED CT coding of an HIV infection, sealed by the default coded list. */
export const HIV_CODING = { system: 'http://snomed.info/sct', code: '86406008', display: 'HIV infection' };
