import { CURSOR_PARAMETER } from '../../audit/audit-event-search';
import { ValidationError } from '@ilinks/shared/kernel';
import {
  type SearchQuery,
  cursorAt,
  offsetOfCursor,
  parseEverythingParameters,
  parseRecordSearch,
} from './record-search.params';

const PERSON = '0b7c6f1e-5d0a-4c3e-9f4b-2a1d8e6c7b90';

function issuesOf(run: () => unknown): { path: string; message: string }[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ValidationError) return [...error.issues];
    throw error;
  }
  throw new Error('expected a ValidationError');
}

describe('parseRecordSearch', () => {
  const search = (query: SearchQuery) => parseRecordSearch('Condition', { patient: PERSON, ...query });

  it('reads a bare search with the defaults', () => {
    expect(search({})).toMatchObject({
      personId: PERSON,
      dates: [],
      categories: [],
      statuses: [],
      codes: [],
      count: 50,
      offset: 0,
      sort: '-date',
      applied: [
        ['patient', PERSON],
        ['_count', '50'],
      ],
    });
  });

  it('accepts Patient/<id> and an absolute reference, and lower-cases the id', () => {
    expect(search({ patient: `Patient/${PERSON.toUpperCase()}` }).personId).toBe(PERSON);
    expect(search({ patient: `https://x.example/fhir/Patient/${PERSON}` }).personId).toBe(PERSON);
  });

  it('requires patient', () => {
    expect(issuesOf(() => parseRecordSearch('Condition', {}))).toEqual([
      expect.objectContaining({ path: 'patient' }),
    ]);
  });

  it.each([['not-an-id'], [''], ['Practitioner/' + PERSON], [[PERSON, PERSON]], [{ nested: 'x' }]])(
    'refuses patient %p',
    (patient) => {
      expect(issuesOf(() => search({ patient }))).toEqual([expect.objectContaining({ path: 'patient' })]);
    },
  );

  it('reads every date prefix, eq by default', () => {
    const parsed = search({ date: ['ge2025-01', 'lt2025-03-01T10:00Z', '2025', 'gt2024', 'le2026'] });
    expect(parsed.dates.map((date) => date.prefix)).toEqual(['ge', 'lt', 'eq', 'gt', 'le']);
    expect(parsed.applied).toContainEqual(['date', 'ge2025-01']);
  });

  it.each(['ne2025', 'sa2025', 'ap2025', 'ge', 'ge2025-13', '2025-03-01T10:00', 'yesterday'])(
    'refuses date %p',
    (date) => {
      expect(issuesOf(() => search({ date }))).toEqual([expect.objectContaining({ path: 'date' })]);
    },
  );

  it('reads tokens: code, system|code, |code, system| and alternatives', () => {
    const parsed = search({
      code: ['http://snomed.info/sct|38341003,|local', 'http://snomed.info/sct|'],
      status: 'active',
    });
    expect(parsed.codes).toEqual([
      [
        { system: 'http://snomed.info/sct', code: '38341003' },
        { system: '', code: 'local' },
      ],
      [{ system: 'http://snomed.info/sct' }],
    ]);
    expect(parsed.statuses).toEqual([[{ code: 'active' }]]);
  });

  it.each(['', '|', 'a|b|c', 'x,,y'])('refuses token %p', (code) => {
    expect(issuesOf(() => search({ code }))).toEqual([expect.objectContaining({ path: 'code' })]);
  });

  it('ignores category and status on a type without them', () => {
    const parsed = parseRecordSearch('PractitionerRole', { patient: PERSON, category: 'x', status: 'y' });
    expect(parsed.categories).toEqual([]);
    expect(parsed.statuses).toEqual([]);
    expect(parsed.applied.map(([name]) => name)).toEqual(['patient', '_count']);
  });

  it('ignores the parameters it does not support, and leaves them out of the links', () => {
    const parsed = search({
      _include: 'Condition:subject',
      _revinclude: 'Provenance:target',
      _summary: 'count',
      _elements: 'id',
      _total: 'accurate',
      anything: 'else',
    });
    expect(parsed.applied.map(([name]) => name)).toEqual(['patient', '_count']);
  });

  it('reads _count within 1-100', () => {
    expect(search({ _count: '1' }).count).toBe(1);
    expect(search({ _count: '100' }).count).toBe(100);
  });

  it.each(['0', '101', '-1', '2.5', 'ten', ''])('refuses _count %p', (count) => {
    expect(issuesOf(() => search({ _count: count }))).toEqual([expect.objectContaining({ path: '_count' })]);
  });

  it('refuses _count given twice', () => {
    expect(issuesOf(() => search({ _count: ['1', '2'] }))).toEqual([
      expect.objectContaining({ path: '_count' }),
    ]);
  });

  it('reads _sort date and -date only', () => {
    expect(search({ _sort: 'date' }).sort).toBe('date');
    expect(search({ _sort: '-date' }).sort).toBe('-date');
    expect(issuesOf(() => search({ _sort: 'code' }))).toEqual([expect.objectContaining({ path: '_sort' })]);
  });

  it('reads the cursor of a next link as an offset', () => {
    expect(search({ [CURSOR_PARAMETER]: cursorAt(150) }).offset).toBe(150);
  });

  it.each([
    'abc',
    cursorAt(-1),
    Buffer.from('{"offset":1.5}').toString('base64url'),
    Buffer.from('null').toString('base64url'),
  ])('refuses cursor %p', (cursor) => {
    expect(issuesOf(() => search({ [CURSOR_PARAMETER]: cursor }))).toEqual([
      expect.objectContaining({ path: CURSOR_PARAMETER }),
    ]);
  });

  it('names every parameter at fault at once', () => {
    const paths = issuesOf(() => parseRecordSearch('Condition', { date: 'x', _count: '0', _sort: 'y' })).map(
      (issue) => issue.path,
    );
    expect(paths).toEqual(['patient', 'date', '_sort', '_count']);
  });
});

describe('parseEverythingParameters', () => {
  it('reads no parameters as everything, 100 a page', () => {
    expect(parseEverythingParameters({})).toEqual({ count: 100, offset: 0, applied: [['_count', '100']] });
  });

  it('reads _type as a set of types', () => {
    expect(parseEverythingParameters({ _type: 'Condition,Patient' }).types).toEqual(
      new Set(['Condition', 'Patient']),
    );
  });

  it('refuses a _type that is not a list of type names', () => {
    expect(issuesOf(() => parseEverythingParameters({ _type: 'Condition,,x' }))).toEqual([
      expect.objectContaining({ path: '_type' }),
      expect.objectContaining({ path: '_type' }),
    ]);
  });

  it('reads start and end as dates', () => {
    const parsed = parseEverythingParameters({ start: '2025-01', end: '2025-03-01' });
    expect(parsed.start?.start).toBe(Date.parse('2025-01-01T00:00:00Z'));
    expect(parsed.end?.end).toBe(Date.parse('2025-03-02T00:00:00Z'));
  });

  it.each([['start'], ['end']])('refuses a bad %s', (name) => {
    expect(issuesOf(() => parseEverythingParameters({ [name]: 'ge2025' }))).toEqual([
      expect.objectContaining({ path: name }),
    ]);
  });

  it('allows _count up to 1000', () => {
    expect(parseEverythingParameters({ _count: '1000' }).count).toBe(1000);
    expect(issuesOf(() => parseEverythingParameters({ _count: '1001' }))).toHaveLength(1);
  });
});

describe('cursors', () => {
  it('round-trip an offset', () => {
    expect(offsetOfCursor(cursorAt(0))).toBe(0);
    expect(offsetOfCursor(cursorAt(4321))).toBe(4321);
  });
});
