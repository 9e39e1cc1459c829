import { PERSON_SUBJECT_SYSTEM } from '@ilinks/record-projection/contracts';
import { ConflictError } from '@ilinks/shared/kernel';
import {
  authorshipRefusal,
  type EntryAuthorship,
  isContribution,
  keyInUse,
  mayChange,
  PersonSubjectError,
} from './contribution-rules';

const contribution: EntryAuthorship = {
  subject: { system: PERSON_SUBJECT_SYSTEM, value: 'p-1' },
  recordedBy: { subject: 'p-1', role: 'individual' },
  patientContributed: true,
};
const clinical: EntryAuthorship = {
  subject: { system: 'https://fhir.rbs.example/Id/mrn', value: 'RBS-1' },
  recordedBy: { subject: 'gp-system', role: 'system' },
};

describe('isContribution', () => {
  it('is an individual’s flagged entry under a person id', () => {
    expect(isContribution(contribution)).toBe(true);
  });

  it('is not a clinical entry', () => {
    expect(isContribution(clinical)).toBe(false);
  });

  it('is not an entry under a person id without the flag', () => {
    expect(isContribution({ ...contribution, patientContributed: false })).toBe(false);
  });
});

describe('authorshipRefusal', () => {
  it('accepts an individual’s own contribution', () => {
    expect(authorshipRefusal(contribution)).toBeUndefined();
  });

  it('accepts a clinical entry', () => {
    expect(authorshipRefusal(clinical)).toBeUndefined();
  });

  it('refuses a system using the person subject', () => {
    expect(
      authorshipRefusal({ ...contribution, recordedBy: { subject: 'gp-system', role: 'system' } }),
    ).toBeInstanceOf(PersonSubjectError);
  });

  it('refuses a person-subject entry not flagged patient-contributed', () => {
    const { patientContributed: _flag, ...unflagged } = contribution;
    expect(authorshipRefusal(unflagged)).toBeInstanceOf(PersonSubjectError);
  });

  it('refuses an individual writing under a partner’s identifier', () => {
    expect(
      authorshipRefusal({ ...clinical, recordedBy: contribution.recordedBy, patientContributed: true }),
    ).toBeInstanceOf(PersonSubjectError);
  });

  it('names the element and no person in its issue', () => {
    const error = authorshipRefusal({ ...contribution, patientContributed: false });
    expect(error?.issues).toEqual([expect.objectContaining({ path: 'subject.system' })]);
    expect(JSON.stringify(error?.issues)).not.toContain('p-1');
  });
});

describe('mayChange', () => {
  it('lets an individual change their own contribution', () => {
    expect(mayChange(contribution, 'individual', true)).toBe(true);
  });

  it('refuses an individual another person’s contribution', () => {
    expect(mayChange(contribution, 'individual', false)).toBe(false);
  });

  it('refuses an individual a clinical entry', () => {
    expect(mayChange(clinical, 'individual', true)).toBe(false);
  });

  it('refuses a system or practitioner a contribution', () => {
    expect(mayChange(contribution, 'system', false)).toBe(false);
    expect(mayChange(contribution, 'practitioner', false)).toBe(false);
  });

  it('lets a system change a clinical entry (the organisation rule is the decider’s)', () => {
    expect(mayChange(clinical, 'system', false)).toBe(true);
  });
});

describe('keyInUse', () => {
  it('is a plain conflict that says nothing of the entry', () => {
    const error = keyInUse();
    expect(error).toBeInstanceOf(ConflictError);
    expect(error.message).not.toMatch(/person|patient|Observation/i);
  });
});
