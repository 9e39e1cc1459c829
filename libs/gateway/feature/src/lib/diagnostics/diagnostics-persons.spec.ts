import { PERSON_ID, personView } from '../patient/person-view.testing';
import { reportsScopeOf } from './diagnostics-persons';

const merge = (mergedPersonId: string, undone: boolean) => ({
  mergeId: `m-${mergedPersonId}`,
  mergedPersonId,
  localRecordIds: [],
  reason: 'duplicate',
  mergedAt: '2025-06-01T10:00:00.000Z',
  undone,
});

describe('reportsScopeOf', () => {
  it("is the person's current local records and the person ids merged into it", () => {
    const person = personView({ merges: [merge('old-1', false), merge('old-2', true)] });
    expect(reportsScopeOf(person)).toEqual({ localRecordIds: ['lr-rbs-1'], personIds: [PERSON_ID, 'old-1'] });
  });

  it('is the person alone when nothing was merged', () => {
    expect(reportsScopeOf(personView()).personIds).toEqual([PERSON_ID]);
  });
});
