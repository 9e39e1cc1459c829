import { PERSON_SUBJECT_SYSTEM } from '@ilinks/record-projection/contracts';
import type { EntryDocument } from '../entries-view/entries.projection';
import { selectPersonEntries } from './person-entries';

function entry(overrides: Partial<EntryDocument> & { entryId: string }): EntryDocument {
  return {
    revision: 1,
    organisation: 'RBS',
    recordedBy: { subject: 'system-1', role: 'system' },
    resourceType: 'Condition',
    partnerId: overrides.entryId,
    subject: { system: 'mrn', value: '1' },
    part: 'problems',
    status: 'current',
    recordedAt: '2026-01-01T00:00:00Z',
    lastUpdated: '2026-01-01T00:00:00Z',
    codes: [],
    unknownCodeSystems: false,
    resource: {},
    subjectKey: 'mrn|1',
    ...overrides,
  };
}

const all = { includeEnteredInError: false };

describe('selectPersonEntries', () => {
  it("keeps only the entries of the local record's own organisation", () => {
    const entries = [entry({ entryId: 'a' }), entry({ entryId: 'b', organisation: 'A81001' })];
    expect(
      selectPersonEntries([{ localRecord: { organisation: 'RBS' }, entries }], all).map((e) => e.entryId),
    ).toEqual(['a']);
  });

  it('puts the newest effectiveAt first, falling back to recordedAt', () => {
    const entries = [
      entry({ entryId: 'old', effectiveAt: '2020-01-01' }),
      entry({ entryId: 'recorded-only', recordedAt: '2025-06-01T00:00:00Z' }),
      entry({ entryId: 'new', effectiveAt: '2026-03-01' }),
    ];
    expect(
      selectPersonEntries([{ localRecord: { organisation: 'RBS' }, entries }], all).map((e) => e.entryId),
    ).toEqual(['new', 'recorded-only', 'old']);
  });

  it('leaves out entered-in-error unless asked', () => {
    const entries = [entry({ entryId: 'a', status: 'entered-in-error' })];
    const records = [{ localRecord: { organisation: 'RBS' }, entries }];
    expect(selectPersonEntries(records, all)).toEqual([]);
    expect(selectPersonEntries(records, { includeEnteredInError: true })).toHaveLength(1);
  });

  it('filters by resource type and part', () => {
    const entries = [
      entry({ entryId: 'a' }),
      entry({ entryId: 'b', resourceType: 'MedicationStatement', part: 'medications' }),
    ];
    const records = [{ localRecord: { organisation: 'RBS' }, entries }];
    expect(selectPersonEntries(records, { ...all, resourceType: 'MedicationStatement' })).toHaveLength(1);
    expect(selectPersonEntries(records, { ...all, part: 'problems' }).map((e) => e.entryId)).toEqual(['a']);
  });

  it('joins several local records and returns each entry once, without the view key', () => {
    const shared = entry({ entryId: 'a' });
    const result = selectPersonEntries(
      [
        { localRecord: { organisation: 'RBS' }, entries: [shared] },
        { localRecord: { organisation: 'RBS' }, entries: [shared] },
        {
          localRecord: { organisation: 'A81001' },
          entries: [entry({ entryId: 'g', organisation: 'A81001' })],
        },
      ],
      all,
    );
    expect(result.map((e) => e.entryId).sort()).toEqual(['a', 'g']);
    expect(result[0]).not.toHaveProperty('subjectKey');
  });

  describe('with contributions', () => {
    const contribution = (entryId: string, overrides: Partial<EntryDocument> = {}) =>
      entry({
        entryId,
        organisation: 'APP01',
        recordedBy: { subject: 'person-1', role: 'individual' },
        resourceType: 'Observation',
        subject: { system: PERSON_SUBJECT_SYSTEM, value: 'person-1' },
        subjectKey: `${PERSON_SUBJECT_SYSTEM}|person-1`,
        part: 'results',
        patientContributed: true,
        ...overrides,
      });

    it("adds the person's own contributions beside their local records' entries", () => {
      const records = [{ localRecord: { organisation: 'RBS' }, entries: [entry({ entryId: 'a' })] }];
      const result = selectPersonEntries(records, all, [contribution('c')]);
      expect(result.map((e) => e.entryId).sort()).toEqual(['a', 'c']);
    });

    it('leaves out an entry under a person id that is not patient-contributed by an individual', () => {
      expect(
        selectPersonEntries([], all, [
          contribution('not-flagged', { patientContributed: false }),
          contribution('by-a-system', { recordedBy: { subject: 's', role: 'system' } }),
          contribution('partner-subject', { subject: { system: 'mrn', value: '1' } }),
        ]),
      ).toEqual([]);
    });

    it('filters contributions like any entry', () => {
      const contributions = [contribution('c'), contribution('gone', { status: 'entered-in-error' })];
      expect(selectPersonEntries([], { ...all, part: 'allergies' }, contributions)).toEqual([]);
      expect(selectPersonEntries([], all, contributions).map((e) => e.entryId)).toEqual(['c']);
    });
  });
});
