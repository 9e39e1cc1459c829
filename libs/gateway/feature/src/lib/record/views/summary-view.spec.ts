import { recordEntry } from '../read/record-entry.testing';
import {
  isActiveProblem,
  isCurrentAlert,
  isCurrentAllergy,
  isCurrentMedication,
  isSummaryItem,
  latestPreferences,
  summaryLists,
} from './summary-view';
import { sct, viewEntry } from './view-entry.testing';

const NOW = new Date('2026-03-01T12:00:00.000Z');
const concept = (code: string) => ({ coding: [{ code }] });
const allergy = (clinical?: string, verification?: string) =>
  viewEntry('AllergyIntolerance', {
    ...(clinical ? { clinicalStatus: concept(clinical) } : {}),
    ...(verification ? { verificationStatus: concept(verification) } : {}),
  });
const flag = (status: string, period?: Record<string, string>) =>
  viewEntry('Flag', { status, ...(period ? { period } : {}) });
const preference = (entryId: string, effectiveAt: string, code = '304253006') =>
  viewEntry(
    'Observation',
    { status: 'final' },
    {
      entryId,
      effectiveAt,
      part: 'preferences',
      codes: [sct(code, 'Not for resuscitation')],
    },
  );

describe('isCurrentAllergy', () => {
  it.each([
    ['active', undefined, true],
    [undefined, undefined, true],
    [undefined, 'confirmed', true],
    ['inactive', undefined, false],
    ['resolved', undefined, false],
    ['active', 'refuted', false],
  ])('clinical %s, verification %s → %s', (clinical, verification, expected) => {
    expect(isCurrentAllergy(allergy(clinical, verification))).toBe(expected);
  });

  it('is false for another type', () => {
    expect(isCurrentAllergy(recordEntry())).toBe(false);
  });
});

describe('isCurrentMedication', () => {
  it.each([
    ['active', true],
    ['intended', true],
    ['on-hold', true],
    ['completed', false],
    ['stopped', false],
  ])('%s → %s', (status, expected) => {
    expect(isCurrentMedication(viewEntry('MedicationStatement', { status }))).toBe(expected);
  });

  it('is false without a status', () => {
    expect(isCurrentMedication(viewEntry('MedicationStatement', {}))).toBe(false);
  });
});

describe('isActiveProblem', () => {
  it.each([
    ['active', true],
    ['recurrence', true],
    ['relapse', true],
    ['remission', false],
    ['resolved', false],
  ])('%s → %s', (status, expected) => {
    expect(isActiveProblem(viewEntry('Condition', { clinicalStatus: concept(status) }))).toBe(expected);
  });

  it('is false for a Procedure', () => {
    expect(isActiveProblem(viewEntry('Procedure', { clinicalStatus: concept('active') }))).toBe(false);
  });
});

describe('isCurrentAlert', () => {
  it('holds an active flag without a period', () => {
    expect(isCurrentAlert(flag('active'), NOW)).toBe(true);
  });

  it('holds an active flag whose period covers now, the end day included', () => {
    expect(isCurrentAlert(flag('active', { start: '2026-01-15', end: '2026-03-01' }), NOW)).toBe(true);
  });

  it('drops a flag not yet started, ended or inactive', () => {
    expect(isCurrentAlert(flag('active', { start: '2026-03-02' }), NOW)).toBe(false);
    expect(isCurrentAlert(flag('active', { end: '2026-02-28' }), NOW)).toBe(false);
    expect(isCurrentAlert(flag('inactive'), NOW)).toBe(false);
  });
});

describe('latestPreferences', () => {
  it('keeps the newest of each code', () => {
    const latest = latestPreferences([
      preference('old', '2025-01-01T00:00:00.000Z'),
      preference('new', '2025-06-01T00:00:00.000Z'),
      preference('respect', '2024-01-01T00:00:00.000Z', '1382601000000107'),
    ]);
    expect(latest.map((entry) => entry.entryId)).toEqual(['new', 'respect']);
  });

  it('keeps uncoded preferences each on their own', () => {
    const uncoded = (entryId: string) => ({ ...preference(entryId, '2025-01-01T00:00:00.000Z'), codes: [] });
    expect(latestPreferences([uncoded('a'), uncoded('b')])).toHaveLength(2);
  });

  it('ignores entries of other parts', () => {
    expect(latestPreferences([recordEntry()])).toEqual([]);
  });
});

describe('isSummaryItem', () => {
  it('takes current clinical items and every preference, never an entered-in-error one', () => {
    expect(isSummaryItem(allergy('active'), NOW)).toBe(true);
    expect(isSummaryItem(preference('p', '2020-01-01T00:00:00.000Z'), NOW)).toBe(true);
    expect(isSummaryItem(allergy('resolved'), NOW)).toBe(false);
    expect(isSummaryItem({ ...allergy('active'), status: 'entered-in-error' }, NOW)).toBe(false);
  });
});

describe('summaryLists', () => {
  it('puts each entry in its list, newest first, and returns what it shows', () => {
    const older = recordEntry({ entryId: 'c-old', effectiveAt: '2020-01-01T00:00:00.000Z' });
    const newer = recordEntry({ entryId: 'c-new', effectiveAt: '2025-01-01T00:00:00.000Z' });
    const resolved = viewEntry('Condition', { clinicalStatus: concept('resolved') }, { entryId: 'c-gone' });
    const { view, returned } = summaryLists([older, resolved, newer, flag('active')], NOW);
    expect(view.problems.map((item) => item.reference)).toEqual(['Condition/c-new', 'Condition/c-old']);
    expect(view.problems[0]?.status).toBe('active');
    expect(view.alerts).toHaveLength(1);
    expect(view.allergies).toEqual([]);
    expect(returned.map((entry) => entry.entryId)).not.toContain('c-gone');
    expect(returned).toHaveLength(3);
  });

  it('shows a DNACPR-coded Condition as a preference only', () => {
    const dnacpr = recordEntry({ entryId: 'dn', part: 'preferences', codes: [sct('304253006', 'x')] });
    const { view } = summaryLists([dnacpr], NOW);
    expect(view.problems).toEqual([]);
    expect(view.preferences.map((item) => item.reference)).toEqual(['Condition/dn']);
  });
});
