import type { Participant, RecipientReason, ReportRecipient } from '../results/result.types';

/** Who a report is routed to, from its request, the person's registration and the lab. */
export interface RecipientSources {
  /** The matched request's requester: its organisation with the team or practitioner it named. */
  readonly requester?: Participant;
  /** The matched request's copies. */
  readonly requestCopies: readonly Participant[];
  /** ODS code of the person's registered practice. */
  readonly registeredPractice?: string;
  /** The report's own copies. */
  readonly labCopies: readonly Participant[];
}

/**
 * The recipients of a report: the requester, the requester's copies, the registered practice and
 * the lab's copies, in that order; a participant (same organisation, team and practitioner)
 * appears once, where first named, with every reason it is a recipient. May be empty: a report
 * with no recipients is still recorded.
 */
export function recipientsOf(sources: RecipientSources): ReportRecipient[] {
  const named: { participant: Participant; reason: RecipientReason }[] = [
    ...(sources.requester ? [{ participant: sources.requester, reason: 'requester' as const }] : []),
    ...sources.requestCopies.map((participant) => ({ participant, reason: 'copied-by-requester' as const })),
    ...(sources.registeredPractice
      ? [
          {
            participant: { organisation: sources.registeredPractice },
            reason: 'registered-practice' as const,
          },
        ]
      : []),
    ...sources.labCopies.map((participant) => ({ participant, reason: 'copied-by-lab' as const })),
  ];
  const byKey = new Map<string, { participant: Participant; reasons: RecipientReason[] }>();
  for (const { participant, reason } of named) {
    const key = participantKey(participant);
    const recipient = byKey.get(key) ?? { participant: participantOf(participant), reasons: [] };
    if (!recipient.reasons.includes(reason)) recipient.reasons.push(reason);
    byKey.set(key, recipient);
  }
  return [...byKey.values()];
}

/** True when two participants are the same organisation, team and practitioner. */
export function isSameParticipant(a: Participant, b: Participant): boolean {
  return participantKey(a) === participantKey(b);
}

function participantKey(participant: Participant): string {
  return JSON.stringify([
    participant.organisation,
    participant.team ?? null,
    participant.practitioner ?? null,
  ]);
}

// Only the three fields: a caller's extra properties do not travel into the routing.
function participantOf(participant: Participant): Participant {
  return {
    organisation: participant.organisation,
    ...(participant.team === undefined ? {} : { team: participant.team }),
    ...(participant.practitioner === undefined ? {} : { practitioner: participant.practitioner }),
  };
}
