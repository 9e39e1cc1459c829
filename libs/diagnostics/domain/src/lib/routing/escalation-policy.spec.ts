import { type EscalationFacts, type EscalationPolicy, nextEscalation } from './escalation-policy';

const policy: EscalationPolicy = {
  abnormalAfterSeconds: 14_400,
  criticalAfterSeconds: 3_600,
  dutyTeam: 'duty-clinician',
};
const recordedAt = '2026-03-01T10:00:00.000Z';

function facts(overrides: Partial<EscalationFacts> = {}): EscalationFacts {
  return {
    flag: 'critical',
    acknowledgementStatus: 'awaiting',
    revisionRecordedAt: recordedAt,
    escalationsOfRevision: [],
    requester: { organisation: 'RRK', team: 'renal', practitioner: 'dr-1' },
    registeredPractice: 'GP1',
    recipients: [{ participant: { organisation: 'C1' }, reasons: ['copied-by-lab'] }],
    ...overrides,
  };
}

describe('nextEscalation', () => {
  describe('level 1', () => {
    it('falls due an hour after a critical revision, to the requester’s team', () => {
      expect(nextEscalation(facts(), policy)).toEqual({
        level: 1,
        to: { organisation: 'RRK', team: 'renal' },
        dueAt: '2026-03-01T11:00:00.000Z',
      });
    });

    it('falls due four hours after an abnormal revision', () => {
      expect(nextEscalation(facts({ flag: 'abnormal' }), policy)?.dueAt).toBe('2026-03-01T14:00:00.000Z');
    });

    it('goes to the requester organisation’s duty team when the request named no team', () => {
      expect(
        nextEscalation(facts({ requester: { organisation: 'RRK', practitioner: 'dr-1' } }), policy)?.to,
      ).toEqual({ organisation: 'RRK', team: 'duty-clinician' });
    });

    it('goes to the registered practice’s duty team with no request', () => {
      expect(nextEscalation(facts({ requester: undefined }), policy)?.to).toEqual({
        organisation: 'GP1',
        team: 'duty-clinician',
      });
    });

    it('goes to the first recipient organisation’s duty team with no request and no practice', () => {
      expect(
        nextEscalation(facts({ requester: undefined, registeredPractice: undefined }), policy)?.to,
      ).toEqual({ organisation: 'C1', team: 'duty-clinician' });
    });

    it('has no one to go to with no request, practice or recipient', () => {
      expect(
        nextEscalation(
          facts({ requester: undefined, registeredPractice: undefined, recipients: [] }),
          policy,
        ),
      ).toBeUndefined();
    });
  });

  describe('level 2', () => {
    const level1 = {
      level: 1,
      to: { organisation: 'RRK', team: 'renal' },
      dueAt: '2026-03-01T11:00:00.000Z',
      escalatedAt: '2026-03-01T11:00:40.000Z',
    };

    it('falls due `after` the level 1 due time, to the same organisation’s duty clinician', () => {
      expect(nextEscalation(facts({ escalationsOfRevision: [level1] }), policy)).toEqual({
        level: 2,
        to: { organisation: 'RRK', team: 'duty-clinician' },
        dueAt: '2026-03-01T12:00:00.000Z',
      });
    });

    it('counts from when level 1 was due, not when the sweep escalated it', () => {
      expect(
        nextEscalation(
          facts({
            flag: 'abnormal',
            escalationsOfRevision: [{ ...level1, escalatedAt: '2026-03-01T13:00:00.000Z' }],
          }),
          policy,
        )?.dueAt,
      ).toBe('2026-03-01T15:00:00.000Z');
    });

    it('is nothing after level 2', () => {
      const level2 = {
        level: 2,
        to: { organisation: 'RRK', team: 'duty-clinician' },
        dueAt: '2026-03-01T12:00:00.000Z',
        escalatedAt: '2026-03-01T12:00:10.000Z',
      };
      expect(nextEscalation(facts({ escalationsOfRevision: [level1, level2] }), policy)).toBeUndefined();
      expect(nextEscalation(facts({ escalationsOfRevision: [level2, level1] }), policy)).toBeUndefined();
    });
  });

  describe('nothing to escalate', () => {
    it.each(['acknowledged', 'not-required'] as const)('when %s', (acknowledgementStatus) => {
      expect(nextEscalation(facts({ acknowledgementStatus }), policy)).toBeUndefined();
    });

    it.each(['normal', 'unknown'] as const)('for a %s result', (flag) => {
      expect(nextEscalation(facts({ flag }), policy)).toBeUndefined();
    });
  });

  it('throws on an unparsable revision date rather than inventing one', () => {
    expect(() => nextEscalation(facts({ revisionRecordedAt: 'soon' }), policy)).toThrow(RangeError);
  });
});
