import type { PersonAccessPolicyV1 } from '@ilinks/consent/contracts';
import { policyV1 } from '../access/consent-stub.testing';
import { PERSON_ID, personView } from '../patient/person-view.testing';
import { localSubjectOf, registeredPracticeIn } from './diagnostic-subjects';

const NOW = new Date('2026-11-26T12:00:00Z');
const PAS = { system: 'https://fhir.rbs.example/Id/pas-number', value: 'RBS0012345' };
type Relationship = PersonAccessPolicyV1['relationships'][number];

const practice = (organisation: string, since: string, until?: string): Relationship => ({
  relationshipId: `r-${organisation}`,
  organisation,
  kind: 'registered-practice',
  since,
  ...(until === undefined ? {} : { until }),
});

describe('localSubjectOf', () => {
  it("finds the person holding the sender's own record, with that record's id", () => {
    expect(localSubjectOf([personView()], 'RBS', PAS)).toEqual({
      personId: PERSON_ID,
      localRecordId: 'lr-rbs-1',
    });
  });

  it("does not take another organisation's record for the sender's", () => {
    expect(localSubjectOf([personView()], 'Y12345', PAS)).toBeUndefined();
  });

  it('does not match another identifier value or system', () => {
    expect(localSubjectOf([personView()], 'RBS', { ...PAS, value: 'RBS999' })).toBeUndefined();
    expect(localSubjectOf([personView()], 'RBS', { ...PAS, system: 'https://x.example/Id' })).toBeUndefined();
  });

  it('resolves a retired person to the person it became', () => {
    const retired = personView({ status: 'retired', mergedInto: 'survivor-1' });
    expect(localSubjectOf([retired], 'RBS', PAS)).toEqual({
      personId: 'survivor-1',
      localRecordId: 'lr-rbs-1',
    });
  });

  it('finds no one among no persons', () => {
    expect(localSubjectOf([], 'RBS', PAS)).toBeUndefined();
  });
});

describe('registeredPracticeIn', () => {
  it('is the organisation of the active registered-practice relationship', () => {
    const policy = policyV1(PERSON_ID, {
      relationships: [
        { ...practice('RBS', '2020-01-01T00:00:00Z'), kind: 'holds-local-record' },
        practice('Y12345', '2020-01-01T00:00:00Z'),
      ],
    });
    expect(registeredPracticeIn(policy, NOW)).toBe('Y12345');
  });

  it('skips an ended and a future registration, and takes the latest of two current ones', () => {
    const policy = policyV1(PERSON_ID, {
      relationships: [
        practice('A11111', '2010-01-01T00:00:00Z', '2020-01-01T00:00:00Z'),
        practice('B22222', '2027-01-01T00:00:00Z'),
        practice('C33333', '2015-01-01T00:00:00Z'),
        practice('D44444', '2024-01-01T00:00:00Z'),
      ],
    });
    expect(registeredPracticeIn(policy, NOW)).toBe('D44444');
  });

  it('is none when there is no registration', () => {
    expect(registeredPracticeIn(policyV1(PERSON_ID), NOW)).toBeUndefined();
  });
});
