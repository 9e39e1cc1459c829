import { isSameParticipant, recipientsOf } from './report-recipients';

const none = { requestCopies: [], labCopies: [] };

describe('recipientsOf', () => {
  it('is empty with no one to route to (the report is still recorded: its lab sees it)', () => {
    expect(recipientsOf(none)).toEqual([]);
  });

  it('routes to the requester as the request named them', () => {
    expect(
      recipientsOf({ ...none, requester: { organisation: 'A81001', team: 'renal', practitioner: 'dr-1' } }),
    ).toEqual([
      {
        participant: { organisation: 'A81001', team: 'renal', practitioner: 'dr-1' },
        reasons: ['requester'],
      },
    ]);
  });

  it('routes to the registered practice as an organisation only', () => {
    expect(recipientsOf({ ...none, registeredPractice: 'B82002' })).toEqual([
      { participant: { organisation: 'B82002' }, reasons: ['registered-practice'] },
    ]);
  });

  it('lists requester, request copies, registered practice and lab copies in that order', () => {
    const recipients = recipientsOf({
      requester: { organisation: 'RRK' },
      requestCopies: [{ organisation: 'C1' }, { organisation: 'C2' }],
      registeredPractice: 'GP1',
      labCopies: [{ organisation: 'L1' }],
    });
    expect(recipients.map((recipient) => [recipient.participant.organisation, recipient.reasons])).toEqual([
      ['RRK', ['requester']],
      ['C1', ['copied-by-requester']],
      ['C2', ['copied-by-requester']],
      ['GP1', ['registered-practice']],
      ['L1', ['copied-by-lab']],
    ]);
  });

  it('names the same participant once with every reason, where first named', () => {
    const recipients = recipientsOf({
      requester: { organisation: 'GP1' },
      requestCopies: [{ organisation: 'C1' }],
      registeredPractice: 'GP1',
      labCopies: [{ organisation: 'GP1' }, { organisation: 'C1' }],
    });
    expect(recipients).toEqual([
      {
        participant: { organisation: 'GP1' },
        reasons: ['requester', 'registered-practice', 'copied-by-lab'],
      },
      { participant: { organisation: 'C1' }, reasons: ['copied-by-requester', 'copied-by-lab'] },
    ]);
  });

  it('keeps a team of the organisation apart from the organisation', () => {
    const recipients = recipientsOf({
      ...none,
      requester: { organisation: 'GP1', team: 'nurses' },
      registeredPractice: 'GP1',
    });
    expect(recipients).toHaveLength(2);
  });

  it('keeps two practitioners of one team apart', () => {
    const recipients = recipientsOf({
      ...none,
      requestCopies: [
        { organisation: 'X', team: 't', practitioner: 'p1' },
        { organisation: 'X', team: 't', practitioner: 'p2' },
      ],
    });
    expect(recipients).toHaveLength(2);
  });

  it('does not repeat a reason when a participant is copied twice', () => {
    expect(recipientsOf({ ...none, labCopies: [{ organisation: 'L1' }, { organisation: 'L1' }] })).toEqual([
      { participant: { organisation: 'L1' }, reasons: ['copied-by-lab'] },
    ]);
  });

  it('treats an absent team like a missing key', () => {
    expect(
      recipientsOf({ ...none, requester: { organisation: 'A', team: undefined }, registeredPractice: 'A' }),
    ).toEqual([{ participant: { organisation: 'A' }, reasons: ['requester', 'registered-practice'] }]);
  });

  it('carries only organisation, team and practitioner', () => {
    const withExtra = { organisation: 'A', display: 'Dr Who' } as { organisation: string };
    expect(recipientsOf({ ...none, labCopies: [withExtra] })[0].participant).toEqual({ organisation: 'A' });
  });
});

describe('isSameParticipant', () => {
  it('compares organisation, team and practitioner', () => {
    expect(isSameParticipant({ organisation: 'A', team: 't' }, { organisation: 'A', team: 't' })).toBe(true);
    expect(isSameParticipant({ organisation: 'A', team: 't' }, { organisation: 'A' })).toBe(false);
    expect(isSameParticipant({ organisation: 'A' }, { organisation: 'B' })).toBe(false);
    expect(
      isSameParticipant({ organisation: 'A', practitioner: 'p' }, { organisation: 'A', team: 'p' }),
    ).toBe(false);
  });
});
