import type { MergeV1 } from '@ilinks/identity-matching/contracts';
import { NHS_NUMBER_SYSTEM } from './fhir-patient.mapping';
import {
  fhirPatientFromPerson,
  LINK_OUTCOME_EXTENSION,
  linkOutcomeExtension,
  ODS_ORGANISATION_SYSTEM,
  SOURCE_LOCAL_RECORD_EXTENSION,
  SOURCE_ORGANISATION_EXTENSION,
} from './person.fhir';
import { fromRbs, OTHER_PERSON_ID, PERSON_ID, personView } from './person-view.testing';

const FROM_RBS = [
  { url: SOURCE_ORGANISATION_EXTENSION, valueIdentifier: { system: ODS_ORGANISATION_SYSTEM, value: 'RBS' } },
  { url: SOURCE_LOCAL_RECORD_EXTENSION, valueString: 'lr-rbs-1' },
];

function merge(changes: Partial<MergeV1> = {}): MergeV1 {
  return {
    mergeId: 'm-1',
    mergedPersonId: OTHER_PERSON_ID,
    localRecordIds: ['lr-x'],
    reason: 'duplicate',
    mergedAt: '2025-02-01T00:00:00.000Z',
    undone: false,
    ...changes,
  };
}

describe('fhirPatientFromPerson', () => {
  it('renders a full golden record, each element saying where it came from', () => {
    expect(fhirPatientFromPerson(personView())).toEqual({
      resourceType: 'Patient',
      id: PERSON_ID,
      meta: { lastUpdated: '2025-01-02T10:00:00.000Z' },
      identifier: [
        { extension: FROM_RBS, system: NHS_NUMBER_SYSTEM, value: '9434765919' },
        {
          system: 'https://fhir.rbs.example/Id/pas-number',
          value: 'RBS0012345',
          assigner: { identifier: { system: ODS_ORGANISATION_SYSTEM, value: 'RBS' } },
        },
      ],
      active: true,
      name: [{ extension: FROM_RBS, use: 'official', family: 'Smith', given: ['Jane', 'Anne'] }],
      telecom: [{ extension: FROM_RBS, system: 'phone', value: '07700 900123' }],
      gender: 'female',
      _gender: { extension: FROM_RBS },
      birthDate: '1980-02-29',
      _birthDate: { extension: FROM_RBS },
      address: [{ extension: FROM_RBS, line: ['1 High Street'], city: 'Leeds', postalCode: 'LS1 4AP' }],
    });
  });

  it('lists every linked local identifier with its assigning organisation', () => {
    const base = personView();
    const second = {
      localRecordId: 'lr-rx1',
      organisation: 'RX1',
      identifier: { system: 'https://rx1.example/mrn', value: 'M9' },
      linkedAt: '2025-01-03T00:00:00.000Z',
      method: 'probabilistic' as const,
    };
    const patient = fhirPatientFromPerson(personView({ localRecords: [...base.localRecords, second] }));
    expect(patient.identifier.map((identifier) => identifier.assigner?.identifier.value)).toEqual([
      undefined,
      'RBS',
      'RX1',
    ]);
  });

  it('omits what the golden record does not hold', () => {
    const patient = fhirPatientFromPerson(personView({ golden: {} }));
    expect(Object.keys(patient).sort()).toEqual(['active', 'id', 'identifier', 'meta', 'resourceType']);
    expect(patient.identifier).toHaveLength(1);
  });

  it('omits an empty telecom list', () => {
    const patient = fhirPatientFromPerson(personView({ golden: { telecom: fromRbs([]) } }));
    expect(patient.telecom).toBeUndefined();
  });

  it('omits given and use when the name has none', () => {
    const name = fromRbs({ family: 'Smith', given: [] });
    expect(fhirPatientFromPerson(personView({ golden: { name } })).name).toEqual([
      { extension: FROM_RBS, family: 'Smith' },
    ]);
  });

  it('marks a retired person inactive and replaced by the survivor', () => {
    const patient = fhirPatientFromPerson(personView({ status: 'retired', mergedInto: OTHER_PERSON_ID }));
    expect(patient.active).toBe(false);
    expect(patient.link).toEqual([
      { other: { reference: `Patient/${OTHER_PERSON_ID}` }, type: 'replaced-by' },
    ]);
  });

  it('gives an active person a replaces link per merge still in force', () => {
    const patient = fhirPatientFromPerson(
      personView({
        merges: [merge(), merge({ mergeId: 'm-2', mergedPersonId: 'undone-person', undone: true })],
      }),
    );
    expect(patient.link).toEqual([{ other: { reference: `Patient/${OTHER_PERSON_ID}` }, type: 'replaces' }]);
  });

  it('has no link when every merge was undone', () => {
    expect(fhirPatientFromPerson(personView({ merges: [merge({ undone: true })] })).link).toBeUndefined();
  });
});

describe('linkOutcomeExtension', () => {
  it('carries every part of the outcome', () => {
    expect(
      linkOutcomeExtension({
        outcome: 'pending-review',
        method: 'probabilistic',
        score: 0.82,
        grade: 'possible',
        reviewId: 'r-1',
      }),
    ).toEqual({
      url: LINK_OUTCOME_EXTENSION,
      extension: [
        { url: 'outcome', valueCode: 'pending-review' },
        { url: 'method', valueCode: 'probabilistic' },
        { url: 'score', valueDecimal: 0.82 },
        { url: 'grade', valueCode: 'possible' },
        { url: 'reviewId', valueString: 'r-1' },
      ],
    });
  });

  it('leaves out what the outcome does not say', () => {
    expect(linkOutcomeExtension({ outcome: 'already-linked' })).toEqual({
      url: LINK_OUTCOME_EXTENSION,
      extension: [{ url: 'outcome', valueCode: 'already-linked' }],
    });
  });

  it('keeps a score of 0', () => {
    expect(linkOutcomeExtension({ outcome: 'new-person', score: 0 }).extension).toContainEqual({
      url: 'score',
      valueDecimal: 0,
    });
  });

  it('never carries the field-by-field explanation', () => {
    const extension = linkOutcomeExtension({
      outcome: 'linked',
      explanation: [{ field: 'birthDate', level: 'exact', weight: 7.1 }],
    });
    expect(JSON.stringify(extension)).not.toContain('birthDate');
  });
});
