import type { PersonAccessPolicyV1 } from '@ilinks/consent/contracts';
import { policyV1 } from '../access/consent-stub.testing';
import { PERSON_ID } from '../patient/person-view.testing';
import { registeredPracticeIn } from './diagnostic-subjects';

const NOW = new Date('2026-11-26T12:00:00Z');
type Relationship = PersonAccessPolicyV1['relationships'][number];

const practice = (organisation: string, since: string, until?: string): Relationship => ({
  relationshipId: `r-${organisation}`,
  organisation,
  kind: 'registered-practice',
  since,
  ...(until === undefined ? {} : { until }),
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
