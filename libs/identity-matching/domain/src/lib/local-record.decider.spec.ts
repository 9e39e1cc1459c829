import { ForbiddenError, IllegalStateError, OrganisationCode, ValidationError } from '@ilinks/shared/kernel';
import { DeciderSpecification } from '@ilinks/shared/testing';
import {
  localRecordDecider,
  type LocalRecordDemographicsUpdated,
  type LocalRecordRegistered,
  type RecordMatchDecision,
  type RegisterLocalRecord,
} from './local-record.decider';
import { localRecordIdFor } from './local-record.stream';
import type { Demographics } from './local-record.types';

const now = new Date('2026-11-26T10:00:00Z');
const identifier = { system: 'https://fhir.alderhey.example/Id/mrn', value: 'AH-12345' };
const localRecordId = localRecordIdFor(identifier);
const hospital = OrganisationCode('RBS');
const demographics: Demographics = {
  nhsNumber: '9434765919',
  names: [{ family: 'Jones', given: ['Amelia', 'Rose'], use: 'official' }],
  birthDate: '2015-03-14',
  gender: 'female',
  addresses: [{ lines: ['12 Park Road'], city: 'Liverpool', postcode: 'L8 1AB' }],
  telecom: [{ system: 'phone', value: '07700900123' }],
};

function register(overrides: Partial<RegisterLocalRecord['data']> = {}, at = now): RegisterLocalRecord {
  return {
    type: 'RegisterLocalRecord',
    data: { localRecordId, organisation: hospital, identifier, demographics, ...overrides },
    metadata: { idempotencyKey: 'k1', now: at },
  };
}

const registered: LocalRecordRegistered = {
  type: 'LocalRecordRegistered',
  data: { localRecordId, organisation: hospital, identifier, demographics, registeredAt: now.toISOString() },
};

const spec = DeciderSpecification.for(localRecordDecider);

describe('RegisterLocalRecord', () => {
  it('registers a new local record', () => {
    spec.when(register()).then([registered]);
  });

  it('records changed demographics as an update of the same record', () => {
    const moved = { ...demographics, addresses: [{ lines: ['3 New Street'], postcode: 'L1 2CD' }] };
    const later = new Date('2026-12-01T09:00:00Z');
    const updated: LocalRecordDemographicsUpdated = {
      type: 'LocalRecordDemographicsUpdated',
      data: {
        localRecordId,
        demographics: moved,
        previousDemographics: demographics,
        updatedAt: later.toISOString(),
      },
    };
    spec
      .given([registered])
      .when(register({ demographics: moved }, later))
      .then([updated]);
  });

  it('stays quiet when the same demographics are sent again', () => {
    spec.given([registered]).when(register()).thenNothing();
  });

  it('refuses an identifier already registered by another organisation', () => {
    spec
      .given([registered])
      .when(register({ organisation: OrganisationCode('A81001') }))
      .thenThrows(ForbiddenError);
  });

  it('refuses an NHS number that fails Modulus 11', () => {
    spec
      .when(register({ demographics: { ...demographics, nhsNumber: '9434765918' } }))
      .thenThrows(ValidationError, /not valid/);
  });

  it.each([
    ['an impossible date', '2015-02-30'],
    ['a date in the future', '2027-01-01'],
    ['a date that is not ISO', '14/03/2015'],
  ])('refuses %s of birth', (_why, birthDate) => {
    spec.when(register({ demographics: { ...demographics, birthDate } })).thenThrows(ValidationError);
  });

  it('refuses a record without a family name', () => {
    spec
      .when(register({ demographics: { ...demographics, names: [{ family: ' ', given: ['A'] }] } }))
      .thenThrows(ValidationError);
  });

  it('refuses the NHS number posing as a local identifier', () => {
    spec
      .when(register({ identifier: { system: 'https://fhir.nhs.uk/Id/nhs-number', value: '9434765919' } }))
      .thenThrows(ValidationError);
  });
});

describe('validation issues', () => {
  it('name every broken rule by path', () => {
    try {
      localRecordDecider.decide(
        register({ demographics: { ...demographics, nhsNumber: '123', birthDate: 'x', names: [] } }),
        localRecordDecider.initialState(),
      );
      throw new Error('expected a ValidationError');
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues.map((issue) => issue.path)).toEqual([
        'identifier.nhs-number',
        'name',
        'birthDate',
      ]);
    }
  });
});

describe('RecordMatchDecision', () => {
  const decision = {
    localRecordId,
    outcome: 'link' as const,
    personId: 'c2b5f3a4-0000-4000-8000-000000000001',
    method: 'nhs-number' as const,
    score: 1,
    explanation: [{ field: 'birthDate' as const, level: 'exact' as const, weight: 8.1 }],
    candidates: [{ personId: 'c2b5f3a4-0000-4000-8000-000000000001', score: 1 }],
    modelId: 'default',
  };
  const recordDecision = (): RecordMatchDecision => ({
    type: 'RecordMatchDecision',
    data: decision,
    metadata: { idempotencyKey: 'k2', now },
  });

  it('records the decision with its evidence and time', () => {
    spec
      .given([registered])
      .when(recordDecision())
      .then([{ type: 'MatchDecisionRecorded', data: { ...decision, decidedAt: now.toISOString() } }]);
  });

  it('refuses a decision for a record that is not registered', () => {
    spec.when(recordDecision()).thenThrows(IllegalStateError);
  });
});
