import type { UnscheduledAttendance } from './safeguarding-entries';
import { DEFAULT_PATTERN_RULE, patternWindows } from './safeguarding-pattern';

const attendance = (entryId: string, organisation: string, day: number): UnscheduledAttendance => ({
  entryId,
  organisation,
  setting: 'emergency-department',
  at: new Date(Date.UTC(2026, 0, day, 10)).toISOString(),
});
const ids = (windows: ReturnType<typeof patternWindows>) =>
  windows.map((window) => [window.raisedBy.entryId, window.attendances.map((a) => a.entryId)]);

describe('patternWindows (3 attendances, 2 organisations, 30 days)', () => {
  const rule = DEFAULT_PATTERN_RULE;

  it('raises when the third attendance at a second organisation falls within 30 days', () => {
    const found = patternWindows(
      [attendance('a', 'H1', 1), attendance('b', 'H2', 10), attendance('c', 'H1', 31)],
      rule,
    );
    expect(ids(found)).toEqual([['c', ['a', 'b', 'c']]]);
  });

  it('does not raise for attendances at one organisation', () => {
    expect(
      patternWindows([attendance('a', 'H1', 1), attendance('b', 'H1', 2), attendance('c', 'H1', 3)], rule),
    ).toEqual([]);
  });

  it('does not raise when the attendances span more than 30 days', () => {
    expect(
      patternWindows([attendance('a', 'H1', 1), attendance('b', 'H2', 10), attendance('c', 'H1', 32)], rule),
    ).toEqual([]);
  });

  it('raises once per window: a further attendance in it raises nothing new', () => {
    const found = patternWindows(
      [
        attendance('a', 'H1', 1),
        attendance('b', 'H2', 2),
        attendance('c', 'H1', 3),
        attendance('d', 'H2', 4),
      ],
      rule,
    );
    expect(ids(found)).toEqual([['c', ['a', 'b', 'c']]]);
  });

  it('raises again for three fresh attendances', () => {
    const found = patternWindows(
      [1, 2, 3, 4, 5, 6].map((day, index) => attendance(`x${day}`, index % 2 === 0 ? 'H1' : 'H2', day)),
      rule,
    );
    expect(ids(found)).toEqual([
      ['x3', ['x1', 'x2', 'x3']],
      ['x6', ['x4', 'x5', 'x6']],
    ]);
  });

  it('gives the same answer whatever order the attendances arrive in', () => {
    const list = [attendance('a', 'H1', 1), attendance('b', 'H2', 2), attendance('c', 'H1', 3)];
    expect(patternWindows([...list].reverse(), rule)).toEqual(patternWindows(list, rule));
  });

  it('follows a configured rule', () => {
    const list = [attendance('a', 'H1', 1), attendance('b', 'H2', 2)];
    expect(patternWindows(list, { attendances: 2, organisations: 2, days: 7 })).toHaveLength(1);
    expect(patternWindows(list, { attendances: 2, organisations: 3, days: 7 })).toEqual([]);
  });
});
