import { DEFAULT_UNUSUAL_ACCESS_SETTINGS, detectUnusualAccess, type UserAccess } from './unusual-access';

const HOUR = 60 * 60 * 1000;
const T0 = Date.UTC(2026, 0, 1, 9);

const breakGlass = (index: number, at = T0 + index * 1000, personId = `p${index}`): UserAccess => ({
  recordId: `bg${index}-${at}`,
  at,
  personIds: [personId],
  basis: 'break-glass',
  denied: false,
});
const denied = (index: number, at = T0 + index * 1000): UserAccess => ({
  recordId: `d${index}`,
  at,
  personIds: [`p${index}`],
  denied: true,
});
const series = (count: number, make: (index: number) => UserAccess) =>
  Array.from({ length: count }, (_, index) => make(index));

describe('detectUnusualAccess', () => {
  it('stays quiet at N distinct persons outside a relationship', () => {
    const accesses = series(5, (index) => breakGlass(index));
    expect(detectUnusualAccess(accesses.slice(0, 4), accesses[4], undefined)).toBeUndefined();
  });

  it('raises when the N+1th distinct person is opened outside a relationship', () => {
    const accesses = series(6, (index) => breakGlass(index));
    const finding = detectUnusualAccess(accesses.slice(0, 5), accesses[5], undefined);
    expect(finding).toEqual({
      reason: 'outside-relationship',
      tippedBy: { recordId: accesses[5].recordId, at: accesses[5].at },
      personIds: ['p0', 'p1', 'p2', 'p3', 'p4', 'p5'],
      detail: '6 persons opened by break-glass or a self-declared relationship within 1 hour',
    });
  });

  it('counts self-declared relationships with break-glass', () => {
    const accesses = series(6, (index) => ({ ...breakGlass(index), basis: 'self-declared-relationship' }));
    expect(detectUnusualAccess(accesses.slice(0, 5), accesses[5], undefined)?.reason).toBe(
      'outside-relationship',
    );
  });

  it('counts distinct persons, not requests', () => {
    const accesses = series(10, (index) => breakGlass(index, T0 + index, `p${index % 3}`));
    expect(detectUnusualAccess(accesses.slice(0, 9), accesses[9], undefined)).toBeUndefined();
  });

  it('ignores accesses on a care relationship', () => {
    const accesses = series(10, (index) => ({ ...breakGlass(index), basis: 'care-relationship' }));
    expect(detectUnusualAccess(accesses.slice(0, 9), accesses[9], undefined)).toBeUndefined();
  });

  it('ignores accesses that left the window', () => {
    const old = series(5, (index) => breakGlass(index, T0 + index));
    const latest = breakGlass(9, T0 + HOUR + 10);
    expect(detectUnusualAccess(old, latest, undefined)).toBeUndefined();
  });

  it('does not raise on an ordinary access after a burst', () => {
    const burst = series(6, (index) => breakGlass(index));
    const ordinary: UserAccess = { ...breakGlass(7), basis: 'care-relationship' };
    expect(detectUnusualAccess(burst, ordinary, undefined)).toBeUndefined();
  });

  it('raises when more than M distinct persons are denied', () => {
    const accesses = series(11, (index) => denied(index));
    expect(detectUnusualAccess(accesses.slice(0, 10), accesses[10], undefined)).toMatchObject({
      reason: 'denied',
      detail: 'access to 11 persons denied within 1 hour',
    });
    expect(detectUnusualAccess(accesses.slice(0, 9), accesses[9], undefined)).toBeUndefined();
  });

  it('does not count denied requests as opened outside a relationship', () => {
    const accesses = series(6, (index) => ({ ...denied(index), basis: 'break-glass' }));
    expect(detectUnusualAccess(accesses.slice(0, 5), accesses[5], undefined)).toBeUndefined();
  });

  it('raises once per window: not again while the last alert is within it', () => {
    const accesses = series(8, (index) => breakGlass(index));
    expect(detectUnusualAccess(accesses.slice(0, 7), accesses[7], accesses[5].at)).toBeUndefined();
  });

  it('raises nothing when an alert was raised after the access (records arrive out of order)', () => {
    const accesses = series(8, (index) => breakGlass(index));
    expect(detectUnusualAccess(accesses.slice(0, 5), accesses[5], accesses[7].at)).toBeUndefined();
  });

  it('raises again once the last alert has left the window', () => {
    const accesses = series(6, (index) => breakGlass(index, T0 + 2 * HOUR + index));
    expect(detectUnusualAccess(accesses.slice(0, 5), accesses[5], T0)).toBeDefined();
  });

  it('names the same tipping access from any later check in the window', () => {
    const accesses = series(8, (index) => breakGlass(index));
    const fromSixth = detectUnusualAccess(accesses.slice(0, 5), accesses[5], undefined);
    const fromEighth = detectUnusualAccess(accesses.slice(0, 7), accesses[7], undefined);
    expect(fromEighth?.tippedBy).toEqual(fromSixth?.tippedBy);
    expect(fromEighth?.personIds).toEqual(['p0', 'p1', 'p2', 'p3', 'p4', 'p5']);
  });

  it('counts the latest access once when the recent list already holds it', () => {
    const accesses = series(5, (index) => breakGlass(index));
    expect(detectUnusualAccess(accesses, accesses[4], undefined)).toBeUndefined();
  });

  it('follows the settings', () => {
    const accesses = series(3, (index) => breakGlass(index, T0 + index * 60_000));
    const settings = {
      ...DEFAULT_UNUSUAL_ACCESS_SETTINGS,
      maxPersonsOutsideRelationship: 2,
      windowMs: 30 * 60_000,
    };
    expect(detectUnusualAccess(accesses.slice(0, 2), accesses[2], undefined, settings)?.detail).toBe(
      '3 persons opened by break-glass or a self-declared relationship within 30 minutes',
    );
  });
});
