import { ValidationError } from '@ilinks/shared/kernel';
import { recordEntry } from '../read/record-entry.testing';
import { cursorAt } from '../read/record-search.params';
import {
  TIMELINE_COUNT,
  matchesTimeline,
  nextQueryString,
  parseTimelineQuery,
  timelineItemOf,
  timelinePage,
} from './timeline-view';
import { viewEntry } from './view-entry.testing';

function issuesOf(query: Record<string, unknown>): string[] {
  try {
    parseTimelineQuery(query);
  } catch (error) {
    if (error instanceof ValidationError) return error.issues.map((issue) => issue.path);
    throw error;
  }
  return [];
}

describe('parseTimelineQuery', () => {
  it('defaults to the first page of 50, nothing applied', () => {
    expect(parseTimelineQuery({})).toEqual({ count: TIMELINE_COUNT.default, offset: 0, applied: [] });
  });

  it('reads type and organisation lists, dates, count and cursor', () => {
    const query = parseTimelineQuery({
      type: 'Condition, Appointment',
      organisation: 'RBS,Y12345',
      from: '2025-01-01',
      to: '2025-12-31',
      _count: '200',
      _cursor: cursorAt(400),
      other: 'ignored',
    });
    expect([...(query.types ?? [])]).toEqual(['Condition', 'Appointment']);
    expect([...(query.organisations ?? [])]).toEqual(['RBS', 'Y12345']);
    expect(query.from?.start).toBe(Date.parse('2025-01-01T00:00:00Z'));
    expect(query.to?.end).toBe(Date.parse('2026-01-01T00:00:00Z'));
    expect(query).toMatchObject({ count: 200, offset: 400 });
    expect(query.applied).toEqual([
      ['type', 'Condition,Appointment'],
      ['organisation', 'RBS,Y12345'],
      ['from', '2025-01-01'],
      ['to', '2025-12-31'],
      ['_count', '200'],
    ]);
  });

  it('reads days in England', () => {
    expect(parseTimelineQuery({ from: '2025-07-01' }).from?.start).toBe(Date.parse('2025-06-30T23:00:00Z'));
  });

  it.each([
    [{ type: 'condition' }, 'type'],
    [{ type: 'Condition,' }, 'type'],
    [{ organisation: 'R!' }, 'organisation'],
    [{ from: '2025-02' }, 'from'],
    [{ to: '2025-02-30' }, 'to'],
    [{ _count: '0' }, '_count'],
    [{ _count: '201' }, '_count'],
    [{ _count: '1.5' }, '_count'],
    [{ _cursor: 'nope' }, '_cursor'],
    [{ type: ['Condition', 'Flag'] }, 'type'],
    [{ from: '2025-02-01', to: '2025-01-31' }, 'to'],
  ])('refuses %j, naming %s', (query, path) => {
    expect(issuesOf(query)).toEqual([path]);
  });

  it('names every bad parameter at once', () => {
    expect(issuesOf({ type: '1', from: 'x', _count: 'y' })).toEqual(['type', 'from', '_count']);
  });

  it('accepts from and to on the same day', () => {
    expect(issuesOf({ from: '2025-02-01', to: '2025-02-01' })).toEqual([]);
  });
});

describe('matchesTimeline', () => {
  const condition = recordEntry({ effectiveAt: '2025-03-01T10:00:00.000Z' });

  it('keeps to the types and organisations asked for', () => {
    expect(matchesTimeline(condition, parseTimelineQuery({ type: 'Condition' }))).toBe(true);
    expect(matchesTimeline(condition, parseTimelineQuery({ type: 'Flag' }))).toBe(false);
    expect(matchesTimeline(condition, parseTimelineQuery({ organisation: 'Y12345' }))).toBe(false);
  });

  it('includes both ends of the date range', () => {
    expect(matchesTimeline(condition, parseTimelineQuery({ from: '2025-03-01', to: '2025-03-01' }))).toBe(
      true,
    );
    expect(matchesTimeline(condition, parseTimelineQuery({ from: '2025-03-02' }))).toBe(false);
    expect(matchesTimeline(condition, parseTimelineQuery({ to: '2025-02-28' }))).toBe(false);
  });

  it('dates an undated entry by when it was recorded', () => {
    const undated = recordEntry({ effectiveAt: undefined, recordedAt: '2024-05-05T10:00:00.000Z' });
    expect(matchesTimeline(undated, parseTimelineQuery({ from: '2024-05-05', to: '2024-05-05' }))).toBe(true);
  });

  it('never keeps an entered-in-error entry', () => {
    expect(matchesTimeline({ ...condition, status: 'entered-in-error' }, parseTimelineQuery({}))).toBe(false);
  });
});

describe('timelinePage', () => {
  const entries = ['2025-01-01', '2025-02-01', '2025-03-01', '2025-04-01'].map((day, index) =>
    recordEntry({ entryId: `e${index}`, effectiveAt: `${day}T10:00:00.000Z` }),
  );
  const hidden = (entry: { entryId: string }) => entry.entryId !== 'e3';

  it('sifts before counting and paging, newest first', () => {
    const { page, returned, withheld } = timelinePage(entries, hidden, parseTimelineQuery({ _count: '2' }));
    expect(page.total).toBe(3);
    expect(page.items.map((item) => item.reference)).toEqual(['Condition/e2', 'Condition/e1']);
    expect(page.nextCursor).toBe(cursorAt(2));
    expect(returned.map((entry) => entry.entryId)).toEqual(['e2', 'e1']);
    expect(withheld.map((entry) => entry.entryId)).toEqual(['e3']);
  });

  it('filters before sifting: a hidden entry outside the filter is not withheld', () => {
    const { withheld, page } = timelinePage(entries, hidden, parseTimelineQuery({ to: '2025-02-01' }));
    expect(withheld).toEqual([]);
    expect(page.total).toBe(2);
  });

  it('has no next cursor on the last page', () => {
    const { page } = timelinePage(entries, hidden, parseTimelineQuery({ _cursor: cursorAt(2) }));
    expect(page.items.map((item) => item.reference)).toEqual(['Condition/e0']);
    expect(page.nextCursor).toBeUndefined();
  });
});

describe('timelineItemOf', () => {
  it('adds the part and a plain or clinical status', () => {
    expect(timelineItemOf(recordEntry())).toMatchObject({ part: 'problems', status: 'active' });
    expect(
      timelineItemOf(viewEntry('Appointment', { status: 'booked' }, { part: 'appointments' })),
    ).toMatchObject({
      part: 'appointments',
      status: 'booked',
    });
  });
});

describe('nextQueryString', () => {
  it('repeats the applied parameters and adds the cursor', () => {
    const query = parseTimelineQuery({ type: 'Condition', _count: '5' });
    expect(nextQueryString(query, 'abc')).toBe('type=Condition&_count=5&_cursor=abc');
  });
});
