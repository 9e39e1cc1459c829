import { ValidationError } from '@ilinks/shared/kernel';
import { identifierFromSearchParameter, personSearchBundle } from './patient-search.mapping';
import { PERSON_ID, personView } from './person-view.testing';

function issueOf(raw: unknown): { path: string; message: string } | undefined {
  try {
    identifierFromSearchParameter(raw);
  } catch (error) {
    if (error instanceof ValidationError) return error.issues[0];
    throw error;
  }
  throw new Error('expected a ValidationError');
}

describe('identifierFromSearchParameter', () => {
  it('reads system|value', () => {
    expect(identifierFromSearchParameter('https://fhir.nhs.uk/Id/nhs-number|9434765919')).toEqual({
      system: 'https://fhir.nhs.uk/Id/nhs-number',
      value: '9434765919',
    });
  });

  it('keeps colons and slashes in the system', () => {
    expect(identifierFromSearchParameter('urn:oid:1.2.3|A-1').system).toBe('urn:oid:1.2.3');
  });

  it.each([undefined, ''])('requires the parameter (%p)', (raw) => {
    expect(issueOf(raw)).toEqual({ path: 'identifier', message: expect.stringContaining('is required') });
  });

  it('refuses a repeated parameter', () => {
    expect(issueOf(['a|b', 'c|d'])).toEqual({
      path: 'identifier',
      message: expect.stringContaining('only once'),
    });
  });

  it.each(['9434765919', '|9434765919', 'https://x.example/id|', 'a|b|c'])(
    'refuses the malformed token %p',
    (raw) => {
      expect(issueOf(raw)?.path).toBe('identifier');
    },
  );

  it('refuses an over-long token without quoting it', () => {
    const issue = issueOf(`https://x.example/id|${'9'.repeat(300)}`);
    expect(issue?.path).toBe('identifier');
    expect(issue?.message).not.toContain('999');
  });
});

describe('personSearchBundle', () => {
  it('is a searchset of Patients in match mode', () => {
    expect(personSearchBundle({ persons: [personView()] }, 'https://exchange.example/fhir')).toMatchObject({
      resourceType: 'Bundle',
      type: 'searchset',
      total: 1,
      entry: [
        {
          fullUrl: `https://exchange.example/fhir/Patient/${PERSON_ID}`,
          resource: { resourceType: 'Patient', id: PERSON_ID },
          search: { mode: 'match' },
        },
      ],
    });
  });

  it('is empty when nobody holds the identifier', () => {
    expect(personSearchBundle({ persons: [] }, 'https://x/fhir')).toEqual({
      resourceType: 'Bundle',
      type: 'searchset',
      total: 0,
      entry: [],
    });
  });
});
