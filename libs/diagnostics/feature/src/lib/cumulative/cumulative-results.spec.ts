import { ValidationError } from '@ilinks/shared/kernel';
import { cumulativeQueryOf } from './cumulative-results';

const personId = '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b';

describe('cumulativeQueryOf', () => {
  it('takes a known analyte id', () => {
    expect(cumulativeQueryOf({ personId, analyte: 'hba1c' })).toEqual({
      localRecordIds: [],
      personIds: [personId],
      releasedOnly: false,
      analyte: 'hba1c',
      excludeOrganisations: [],
    });
  });

  it('takes the labs to leave out, one or repeated', () => {
    expect(
      cumulativeQueryOf({ personId, analyte: 'hba1c', excludeOrganisation: 'RQ6LAB' }).excludeOrganisations,
    ).toEqual(['RQ6LAB']);
    expect(
      cumulativeQueryOf({ personId, analyte: 'hba1c', excludeOrganisation: ['RQ6LAB', 'RBSPATH'] })
        .excludeOrganisations,
    ).toEqual(['RQ6LAB', 'RBSPATH']);
  });

  it('refuses a lab to leave out that is not an ODS code, naming it', () => {
    expect(() =>
      cumulativeQueryOf({ personId, analyte: 'hba1c', excludeOrganisation: ['RQ6LAB', 'lab 2'] }),
    ).toThrow(
      expect.objectContaining({ issues: [expect.objectContaining({ path: 'excludeOrganisation[1]' })] }),
    );
  });

  it('takes a system|code', () => {
    expect(cumulativeQueryOf({ personId, analyte: 'urn:lab|X1', releasedOnly: 'true' })).toMatchObject({
      analyte: 'urn:lab|X1',
      releasedOnly: true,
    });
  });

  it('refuses an unknown analyte or a missing subject, naming each', () => {
    try {
      cumulativeQueryOf({ analyte: 'unobtainium' });
      throw new Error('accepted');
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues.map((issue) => issue.path)).toEqual(['personId', 'analyte']);
    }
  });
});
