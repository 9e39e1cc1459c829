import type { RecordEntryV1 } from '@ilinks/record-projection/contracts';
import { fhirDateRange } from './fhir-date-range';
import { recordEntry } from './record-entry.testing';
import {
  codingsAt,
  dateMatches,
  entryOrder,
  matchesEverything,
  matchesRecordSearch,
  siftedPage,
  tokensMatch,
} from './record-search';
import { parseEverythingParameters, parseRecordSearch, type SearchQuery } from './record-search.params';

const PERSON = '0b7c6f1e-5d0a-4c3e-9f4b-2a1d8e6c7b90';
const search = (query: SearchQuery = {}) => parseRecordSearch('Condition', { patient: PERSON, ...query });
const entries = (count: number, changes: (index: number) => Partial<RecordEntryV1> = () => ({})) =>
  Array.from({ length: count }, (_, index) =>
    recordEntry({
      entryId: `e-${String(index).padStart(3, '0')}`,
      effectiveAt: new Date(Date.UTC(2025, 0, 1 + index)).toISOString(),
      ...changes(index),
    }),
  );
const fromRbs = (entry: RecordEntryV1): boolean => entry.organisation === 'RBS';

describe('siftedPage: filtering before counting', () => {
  const mixed = entries(10, (index) => ({ organisation: index % 2 === 0 ? 'RBS' : 'Y12345' }));

  it('counts only what the caller may see', () => {
    expect(siftedPage(mixed, fromRbs, entryOrder('-date'), { count: 50, offset: 0 }).total).toBe(5);
  });

  it('keeps hidden items off every page', () => {
    const pages = [0, 2, 4].map((offset) =>
      siftedPage(mixed, fromRbs, entryOrder('-date'), { count: 2, offset }),
    );
    const shown = pages.flatMap((page) => page.page);
    expect(shown).toHaveLength(5);
    expect(shown.every(fromRbs)).toBe(true);
  });

  it('gives no next page when the hidden items would have filled one', () => {
    const page = siftedPage(mixed, fromRbs, entryOrder('-date'), { count: 5, offset: 0 });
    expect(page.nextOffset).toBeUndefined();
  });

  it('answers the same total, pages and links whatever is hidden beside the visible items', () => {
    const visible = mixed.filter(fromRbs);
    const alone = siftedPage(visible, fromRbs, entryOrder('-date'), { count: 2, offset: 2 });
    const amongHidden = siftedPage(mixed, fromRbs, entryOrder('-date'), { count: 2, offset: 2 });
    expect({ ...amongHidden, withheld: [] }).toEqual({ ...alone, withheld: [] });
  });

  it('lists what it hid, for the audit trail', () => {
    const page = siftedPage(mixed, fromRbs, entryOrder('-date'), { count: 1, offset: 0 });
    expect(page.withheld.map((entry) => entry.entryId)).toEqual([
      'e-001',
      'e-003',
      'e-005',
      'e-007',
      'e-009',
    ]);
  });

  it('pages through the visible items in order', () => {
    const all = entries(5);
    const first = siftedPage(all, () => true, entryOrder('-date'), { count: 2, offset: 0 });
    const last = siftedPage(all, () => true, entryOrder('-date'), { count: 2, offset: 4 });
    expect(first.page.map((entry) => entry.entryId)).toEqual(['e-004', 'e-003']);
    expect(first.nextOffset).toBe(2);
    expect(last.page.map((entry) => entry.entryId)).toEqual(['e-000']);
    expect(last.nextOffset).toBeUndefined();
  });

  it('answers an empty page beyond the end', () => {
    const page = siftedPage(entries(3), () => true, entryOrder('-date'), { count: 2, offset: 10 });
    expect(page).toMatchObject({ total: 3, page: [] });
    expect(page.nextOffset).toBeUndefined();
  });
});

describe('entryOrder', () => {
  it('sorts oldest first for date, newest first for -date', () => {
    const list = entries(3);
    expect([...list].sort(entryOrder('date')).map((entry) => entry.entryId)).toEqual([
      'e-000',
      'e-001',
      'e-002',
    ]);
    expect([...list].sort(entryOrder('-date')).map((entry) => entry.entryId)).toEqual([
      'e-002',
      'e-001',
      'e-000',
    ]);
  });

  it('compares instants, not text, across time zones', () => {
    const early = recordEntry({ entryId: 'a', effectiveAt: '2025-03-01T10:00:00+05:00' });
    const late = recordEntry({ entryId: 'b', effectiveAt: '2025-03-01T09:00:00Z' });
    expect([early, late].sort(entryOrder('-date')).map((entry) => entry.entryId)).toEqual(['b', 'a']);
  });

  it('uses the recording date of an undated entry, and the id on a tie', () => {
    const undated = recordEntry({ entryId: 'u', effectiveAt: undefined, recordedAt: '2025-06-01T00:00:00Z' });
    const tie = recordEntry({ entryId: 't', effectiveAt: '2025-06-01T00:00:00Z' });
    expect([undated, tie].sort(entryOrder('-date')).map((entry) => entry.entryId)).toEqual(['t', 'u']);
  });
});

describe('dateMatches', () => {
  const day = fhirDateRange('2025-03-01');
  const target = (text: string) => fhirDateRange(text) ?? { start: NaN, end: NaN };
  const check = (prefix: 'eq' | 'ge' | 'gt' | 'le' | 'lt', text: string): boolean =>
    day !== undefined && dateMatches({ prefix, range: day }, target(text));

  it.each([
    ['eq', '2025-03-01T12:00Z', true],
    ['eq', '2025-03-02T12:00Z', false],
    ['eq', '2025-03', false],
    ['ge', '2025-03-01T00:00Z', true],
    ['ge', '2025-02-28T12:00Z', false],
    ['gt', '2025-03-01T12:00Z', false],
    ['gt', '2025-03-02T00:00Z', true],
    ['le', '2025-03-01T23:59Z', true],
    ['le', '2025-03-02T00:00Z', false],
    ['lt', '2025-03-01T00:00Z', false],
    ['lt', '2025-02-28T23:59Z', true],
  ] as const)('%s 2025-03-01 against %s is %s', (prefix, text, expected) => {
    expect(check(prefix, text)).toBe(expected);
  });
});

describe('tokensMatch and codingsAt', () => {
  const snomed = { system: 'http://snomed.info/sct', code: '38341003' };

  it('reads a code, a Coding, a CodeableConcept and lists of them', () => {
    expect(codingsAt('active')).toEqual([{ code: 'active' }]);
    expect(codingsAt([{ coding: [snomed] }, 'food'])).toEqual([snomed, { code: 'food' }]);
    expect(codingsAt({ text: 'no codes' })).toEqual([]);
    expect(codingsAt(42)).toEqual([]);
  });

  it.each([
    [{ code: '38341003' }, true],
    [{ system: 'http://snomed.info/sct', code: '38341003' }, true],
    [{ system: 'http://snomed.info/sct' }, true],
    [{ system: '', code: '38341003' }, false],
    [{ system: 'http://other', code: '38341003' }, false],
    [{ code: 'other' }, false],
  ])('matches %p: %s', (criterion, expected) => {
    expect(tokensMatch([[criterion]], [snomed])).toBe(expected);
  });

  it('matches a code without a system with |code', () => {
    expect(tokensMatch([[{ system: '', code: 'active' }]], [{ code: 'active' }])).toBe(true);
  });

  it('ORs alternatives and ANDs parameters', () => {
    expect(tokensMatch([[{ code: 'x' }, { code: '38341003' }]], [snomed])).toBe(true);
    expect(tokensMatch([[{ code: '38341003' }], [{ code: 'x' }]], [snomed])).toBe(false);
  });
});

describe('matchesRecordSearch', () => {
  it('matches a current entry of the type with no criteria', () => {
    expect(matchesRecordSearch(recordEntry(), 'Condition', search())).toBe(true);
  });

  it('never matches another type or an entry in error', () => {
    expect(matchesRecordSearch(recordEntry({ resourceType: 'Procedure' }), 'Condition', search())).toBe(
      false,
    );
    expect(matchesRecordSearch(recordEntry({ status: 'entered-in-error' }), 'Condition', search())).toBe(
      false,
    );
  });

  it('matches dates on the clinical date; an undated entry never matches a date', () => {
    expect(matchesRecordSearch(recordEntry(), 'Condition', search({ date: 'ge2025-03' }))).toBe(true);
    expect(matchesRecordSearch(recordEntry(), 'Condition', search({ date: 'lt2025-03' }))).toBe(false);
    expect(
      matchesRecordSearch(recordEntry({ effectiveAt: undefined }), 'Condition', search({ date: 'ge2000' })),
    ).toBe(false);
  });

  it("matches category on the resource's category", () => {
    expect(matchesRecordSearch(recordEntry(), 'Condition', search({ category: 'problem-list-item' }))).toBe(
      true,
    );
    expect(matchesRecordSearch(recordEntry(), 'Condition', search({ category: 'encounter-diagnosis' }))).toBe(
      false,
    );
  });

  it("matches a Condition's status on its clinicalStatus", () => {
    expect(matchesRecordSearch(recordEntry(), 'Condition', search({ status: 'active' }))).toBe(true);
    expect(matchesRecordSearch(recordEntry(), 'Condition', search({ status: 'resolved' }))).toBe(false);
  });

  it('matches code on the indexed codes', () => {
    expect(
      matchesRecordSearch(recordEntry(), 'Condition', search({ code: 'http://snomed.info/sct|38341003' })),
    ).toBe(true);
    expect(matchesRecordSearch(recordEntry(), 'Condition', search({ code: '73211009' }))).toBe(false);
  });
});

describe('matchesEverything', () => {
  it('matches every current entry without parameters', () => {
    expect(matchesEverything(recordEntry(), parseEverythingParameters({}))).toBe(true);
    expect(
      matchesEverything(recordEntry({ status: 'entered-in-error' }), parseEverythingParameters({})),
    ).toBe(false);
  });

  it('keeps to the asked-for types', () => {
    expect(matchesEverything(recordEntry(), parseEverythingParameters({ _type: 'Flag' }))).toBe(false);
    expect(matchesEverything(recordEntry(), parseEverythingParameters({ _type: 'Flag,Condition' }))).toBe(
      true,
    );
  });

  it('keeps to the care dates, leaving undated entries out when they are given', () => {
    expect(
      matchesEverything(recordEntry(), parseEverythingParameters({ start: '2025-03-01', end: '2025-03-01' })),
    ).toBe(true);
    expect(matchesEverything(recordEntry(), parseEverythingParameters({ start: '2025-03-02' }))).toBe(false);
    expect(matchesEverything(recordEntry(), parseEverythingParameters({ end: '2025-02' }))).toBe(false);
    expect(
      matchesEverything(recordEntry({ effectiveAt: undefined }), parseEverythingParameters({ end: '2030' })),
    ).toBe(false);
  });
});
