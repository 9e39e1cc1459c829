import type { PersonViewV1, SourcedValueV1 } from '@ilinks/identity-matching/contracts';

export const PERSON_ID = '0b7c6f1e-5d0a-4c3e-9f4b-2a1d8e6c7b90';
export const OTHER_PERSON_ID = '6f2e9a4b-1c3d-4e5f-8a7b-9c0d1e2f3a4b';

/** A golden value sourced from the PAS record of organisation RBS (for specs). */
export function fromRbs<T>(value: T): SourcedValueV1<T> {
  return { value, localRecordId: 'lr-rbs-1', organisation: 'RBS', recordedAt: '2025-01-02T10:00:00.000Z' };
}

/** An active person with one linked PAS record and a full golden record (for specs). */
export function personView(changes: Partial<PersonViewV1> = {}): PersonViewV1 {
  return {
    personId: PERSON_ID,
    status: 'active',
    golden: {
      nhsNumber: fromRbs('9434765919'),
      name: fromRbs({ use: 'official', family: 'Smith', given: ['Jane', 'Anne'] }),
      birthDate: fromRbs('1980-02-29'),
      gender: fromRbs('female'),
      address: fromRbs({ lines: ['1 High Street'], city: 'Leeds', postcode: 'LS1 4AP' }),
      telecom: fromRbs([{ system: 'phone', value: '07700 900123' }]),
    },
    localRecords: [
      {
        localRecordId: 'lr-rbs-1',
        organisation: 'RBS',
        identifier: { system: 'https://fhir.rbs.example/Id/pas-number', value: 'RBS0012345' },
        nhsNumber: '9434765919',
        linkedAt: '2025-01-02T10:00:00.000Z',
        method: 'new-person',
      },
    ],
    merges: [],
    updatedAt: '2025-01-02T10:00:00.000Z',
    ...changes,
  };
}
