import type { Participant, ReportRecipient, ResultFlag } from '../results/result.types';

/** The escalation settings (from `ILINKS_RESULT_ESCALATE_*` and `ILINKS_RESULT_DUTY_CLINICIAN_TEAM`). */
export interface EscalationPolicy {
  /** How long an abnormal report may await acknowledgement at each level (default 14400). */
  readonly abnormalAfterSeconds: number;
  /** How long a critical report may await acknowledgement at each level (default 3600). */
  readonly criticalAfterSeconds: number;
  /** The team an organisation's duty clinician answers as (default `duty-clinician`). */
  readonly dutyTeam: string;
}

/** An escalation already recorded for the current revision. */
export interface RecordedEscalation {
  readonly level: number;
  readonly to: Participant;
  readonly dueAt: string;
  readonly escalatedAt: string;
}

/** What the next escalation of a report depends on. */
export interface EscalationFacts {
  readonly flag: ResultFlag;
  readonly acknowledgementStatus: 'awaiting' | 'acknowledged' | 'not-required';
  /** When the current revision was recorded. */
  readonly revisionRecordedAt: string;
  /** The current revision's escalations so far. */
  readonly escalationsOfRevision: readonly RecordedEscalation[];
  /** The matched request's requester, if any. */
  readonly requester?: Participant;
  readonly registeredPractice?: string;
  readonly recipients: readonly ReportRecipient[];
}

/** The escalation that falls due next: its level, to whom, and when. */
export interface NextEscalation {
  readonly level: number;
  readonly to: Participant;
  readonly dueAt: string;
}

/** Escalation stops after the organisation's duty clinician. */
export const LAST_ESCALATION_LEVEL = 2;

/**
 * The next escalation of a report awaiting acknowledgement of an abnormal or critical result, or
 * undefined when none is due ever. Level 1 falls due `after` the revision was recorded and goes to
 * the requester's team (the requester organisation's duty team when it named none; without a
 * request, the registered practice's, else the first recipient organisation's duty team); level 2
 * falls due `after` level 1 was due and goes to the same organisation's duty team. The caller
 * compares `dueAt` with its clock. Throws a RangeError on an unparsable date.
 */
export function nextEscalation(facts: EscalationFacts, policy: EscalationPolicy): NextEscalation | undefined {
  if (facts.acknowledgementStatus !== 'awaiting') return undefined;
  if (facts.flag !== 'critical' && facts.flag !== 'abnormal') return undefined;
  const afterSeconds = facts.flag === 'critical' ? policy.criticalAfterSeconds : policy.abnormalAfterSeconds;
  const last = lastEscalation(facts.escalationsOfRevision);
  if (last === undefined) {
    const to = firstLevelParticipant(facts, policy.dutyTeam);
    return to === undefined
      ? undefined
      : { level: 1, to, dueAt: later(facts.revisionRecordedAt, afterSeconds) };
  }
  if (last.level >= LAST_ESCALATION_LEVEL) return undefined;
  return {
    level: last.level + 1,
    to: { organisation: last.to.organisation, team: policy.dutyTeam },
    dueAt: later(last.dueAt, afterSeconds),
  };
}

function lastEscalation(escalations: readonly RecordedEscalation[]): RecordedEscalation | undefined {
  return escalations.reduce<RecordedEscalation | undefined>(
    (highest, escalation) =>
      highest === undefined || escalation.level > highest.level ? escalation : highest,
    undefined,
  );
}

function firstLevelParticipant(facts: EscalationFacts, dutyTeam: string): Participant | undefined {
  if (facts.requester) {
    return { organisation: facts.requester.organisation, team: facts.requester.team ?? dutyTeam };
  }
  const organisation = facts.registeredPractice ?? facts.recipients[0]?.participant.organisation;
  return organisation === undefined ? undefined : { organisation, team: dutyTeam };
}

function later(isoDateTime: string, seconds: number): string {
  return new Date(Date.parse(isoDateTime) + seconds * 1000).toISOString();
}
