import { releaseOf } from './release-policy';

const issuedAt = '2026-03-01T10:00:00.000Z';
const hoursAfterIssue = (hours: number) => new Date(Date.parse(issuedAt) + hours * 3_600_000);
const clinician = { subject: 'dr-1', role: 'practitioner', organisation: 'A81001' };

describe('releaseOf', () => {
  it('is not released before the delay has passed', () => {
    expect(releaseOf({ status: 'final', issuedAt }, hoursAfterIssue(47.9), 48)).toEqual({ released: false });
  });

  it('is released by the policy once the delay has passed, at issue + delay', () => {
    expect(releaseOf({ status: 'final', issuedAt }, hoursAfterIssue(48), 48)).toEqual({
      released: true,
      releasedAt: '2026-03-03T10:00:00.000Z',
      releasedBy: 'policy',
    });
  });

  it('releases at once with a delay of 0', () => {
    expect(releaseOf({ status: 'final', issuedAt }, hoursAfterIssue(0), 0)).toMatchObject({
      released: true,
      releasedAt: issuedAt,
    });
  });

  it.each(['registered', 'partial', 'preliminary'])('never releases a %s report by the delay', (status) => {
    expect(releaseOf({ status, issuedAt }, hoursAfterIssue(1000), 48)).toEqual({ released: false });
  });

  it.each(['amended', 'corrected', 'appended', 'cancelled'])(
    'releases a %s report by the delay',
    (status) => {
      expect(releaseOf({ status, issuedAt }, hoursAfterIssue(49), 48).released).toBe(true);
    },
  );

  it('keeps a clinician’s release, whoever they were, before the delay', () => {
    expect(
      releaseOf(
        { status: 'final', issuedAt, releasedAt: '2026-03-01T11:00:00.000Z', releasedBy: clinician },
        hoursAfterIssue(2),
        48,
      ),
    ).toEqual({
      released: true,
      releasedAt: '2026-03-01T11:00:00.000Z',
      releasedBy: clinician,
    });
  });

  it('keeps a clinician’s release of a preliminary report', () => {
    expect(
      releaseOf(
        { status: 'preliminary', issuedAt, releasedAt: '2026-03-01T11:00:00.000Z', releasedBy: clinician },
        hoursAfterIssue(2),
        48,
      ).released,
    ).toBe(true);
  });

  it('is not released when the issue date cannot be read', () => {
    expect(releaseOf({ status: 'final', issuedAt: 'yesterday' }, hoursAfterIssue(100), 48)).toEqual({
      released: false,
    });
  });
});
