import {
  assertNever,
  type Decider,
  IllegalStateError,
  type Issue,
  NotFoundError,
  ValidationError,
} from '@ilinks/shared/kernel';
import {
  CARE_RELATIONSHIP_KINDS,
  RECORD_PARTS,
  type RecordPart,
  SENSITIVE_CATEGORIES,
  type SensitiveCategory,
} from '../access/access.types';
import type {
  AgreeToShareCategory,
  ConsentCommand,
  EndCareRelationship,
  GrantBreakGlass,
  GrantDelegation,
  RecordObjection,
  StartCareRelationship,
  WithdrawConsent,
} from './consent.commands';
import type { ConsentEvent } from './consent.events';
import {
  type ConsentItem,
  type ConsentKind,
  type ConsentState,
  initialConsentState,
  unexpiredBreakGlassGrant,
} from './consent.state';

/** Longest free-text reason kept (self-declared relationships, break-glass). */
export const MAX_REASON_LENGTH = 1000;

const MINUTE_MS = 60_000;

function refuseIfAny(issues: readonly Issue[], message: string): void {
  if (issues.length > 0) throw new ValidationError(message, issues);
}

/** True when the id is free; false when the same kind of item already has it (a repeat); throws otherwise. */
function isNewConsentId(state: ConsentState, consentId: string, kind: ConsentKind): boolean {
  const existing = state.items[consentId];
  if (existing === undefined) return true;
  if (existing.kind !== kind) {
    throw new IllegalStateError('The consent id is already used by another kind of consent item');
  }
  return false;
}

const isInstant = (value: string): boolean => !Number.isNaN(Date.parse(value));

function recordObjection(command: RecordObjection, state: ConsentState): ConsentEvent[] {
  const { personId, consentId, recordedBy, onBehalf } = command.data;
  if (!isNewConsentId(state, consentId, 'objection')) return [];
  const recordedAt = command.metadata.now.toISOString();
  return [{ type: 'ObjectionRecorded', data: { personId, consentId, recordedBy, onBehalf, recordedAt } }];
}

const isSensitiveCategory = (value: string): value is SensitiveCategory =>
  (SENSITIVE_CATEGORIES as readonly string[]).includes(value);

function agreeToShareCategory(command: AgreeToShareCategory, state: ConsentState): ConsentEvent[] {
  const { personId, consentId, recordedBy, category } = command.data;
  if (!isSensitiveCategory(category)) {
    throw new ValidationError('The category is not a sensitive category', [
      { path: 'category', message: `category must be one of ${SENSITIVE_CATEGORIES.join(', ')}` },
    ]);
  }
  if (!isNewConsentId(state, consentId, 'category-agreement')) return [];
  const recordedAt = command.metadata.now.toISOString();
  return [{ type: 'CategorySharingAgreed', data: { personId, consentId, recordedBy, category, recordedAt } }];
}

const isRecordPart = (value: string): value is RecordPart =>
  (RECORD_PARTS as readonly string[]).includes(value);

function delegationIssues(command: GrantDelegation): Issue[] {
  const { carer, parts, until } = command.data;
  const issues: Issue[] = [];
  if (carer.trim() === '') issues.push({ path: 'carer', message: 'carer must name the carer user id' });
  if (parts.length === 0) issues.push({ path: 'parts', message: 'parts must name at least one part' });
  parts.forEach((part, index) => {
    if (!isRecordPart(part)) {
      issues.push({ path: `parts[${index}]`, message: `parts[${index}] is not a part of the record` });
    }
  });
  if (!isInstant(until)) issues.push({ path: 'until', message: 'until must be an ISO instant' });
  else if (Date.parse(until) <= command.metadata.now.getTime()) {
    issues.push({ path: 'until', message: 'until must be in the future' });
  }
  return issues;
}

function grantDelegation(command: GrantDelegation, state: ConsentState): ConsentEvent[] {
  refuseIfAny(delegationIssues(command), 'The delegation is not valid');
  const { personId, consentId, recordedBy, carer, parts, until } = command.data;
  if (!isNewConsentId(state, consentId, 'delegation')) return [];
  return [
    {
      type: 'DelegationGranted',
      data: {
        personId,
        consentId,
        recordedBy,
        carer,
        parts: [...new Set(parts.filter(isRecordPart))],
        until: new Date(until).toISOString(),
        grantedAt: command.metadata.now.toISOString(),
      },
    },
  ];
}

function withdrawConsent(command: WithdrawConsent, state: ConsentState): ConsentEvent[] {
  const { personId, consentId, withdrawnBy } = command.data;
  const item: ConsentItem | undefined = state.items[consentId];
  if (item === undefined) throw new NotFoundError('No such consent item for this person');
  if (item.withdrawnAt !== undefined) return [];
  const withdrawnAt = command.metadata.now.toISOString();
  return [
    { type: 'ConsentWithdrawn', data: { personId, consentId, kind: item.kind, withdrawnBy, withdrawnAt } },
  ];
}

function relationshipIssues(command: StartCareRelationship): Issue[] {
  const { kind, since, until, declaredBy, reason, organisation } = command.data;
  const issues: Issue[] = [];
  if (!(CARE_RELATIONSHIP_KINDS as readonly string[]).includes(kind) || kind === 'holds-local-record') {
    issues.push({ path: 'kind', message: 'kind must be a relationship that can be started by request' });
  }
  if (organisation.trim() === '') issues.push({ path: 'organisation', message: 'organisation is required' });
  if (since !== undefined && !isInstant(since)) {
    issues.push({ path: 'since', message: 'since must be an ISO instant' });
  }
  if (until !== undefined && !isInstant(until)) {
    issues.push({ path: 'until', message: 'until must be an ISO instant' });
  } else if (until !== undefined) {
    const start =
      since !== undefined && isInstant(since) ? Date.parse(since) : command.metadata.now.getTime();
    if (Date.parse(until) <= start) issues.push({ path: 'until', message: 'until must be after since' });
  }
  if (kind === 'self-declared') {
    if (!declaredBy?.trim()) {
      issues.push({ path: 'declaredBy', message: 'declaredBy is required for a self-declared relationship' });
    }
    if (!reason?.trim()) {
      issues.push({ path: 'reason', message: 'reason is required for a self-declared relationship' });
    }
  }
  if (reason !== undefined && reason.length > MAX_REASON_LENGTH) {
    issues.push({ path: 'reason', message: `reason must be at most ${MAX_REASON_LENGTH} characters` });
  }
  return issues;
}

function startCareRelationship(command: StartCareRelationship, state: ConsentState): ConsentEvent[] {
  refuseIfAny(relationshipIssues(command), 'The care relationship is not valid');
  const { personId, relationshipId, organisation, kind, since, until, declaredBy, reason } = command.data;
  if (state.relationships[relationshipId] !== undefined) return [];
  const now = command.metadata.now.toISOString();
  return [
    {
      type: 'CareRelationshipStarted',
      data: {
        personId,
        relationshipId,
        organisation,
        kind,
        since: since === undefined ? now : new Date(since).toISOString(),
        ...(until === undefined ? {} : { until: new Date(until).toISOString() }),
        ...(declaredBy === undefined ? {} : { declaredBy }),
        ...(reason === undefined ? {} : { reason }),
        startedAt: now,
      },
    },
  ];
}

function endCareRelationship(command: EndCareRelationship, state: ConsentState): ConsentEvent[] {
  const { personId, relationshipId, endedBy } = command.data;
  const relationship = state.relationships[relationshipId];
  if (relationship === undefined) throw new NotFoundError('No such care relationship for this person');
  if (relationship.endedAt !== undefined) return [];
  const endedAt = command.metadata.now.toISOString();
  return [{ type: 'CareRelationshipEnded', data: { personId, relationshipId, endedBy, endedAt } }];
}

function breakGlassIssues(command: GrantBreakGlass): Issue[] {
  const { subject, organisation, reason, durationMinutes } = command.data;
  const issues: Issue[] = [];
  if (subject.trim() === '') issues.push({ path: 'subject', message: 'subject is required' });
  if (organisation.trim() === '') issues.push({ path: 'organisation', message: 'organisation is required' });
  if (reason.trim() === '') issues.push({ path: 'reason', message: 'reason must state why' });
  if (reason.length > MAX_REASON_LENGTH) {
    issues.push({ path: 'reason', message: `reason must be at most ${MAX_REASON_LENGTH} characters` });
  }
  if (!Number.isInteger(durationMinutes) || durationMinutes <= 0) {
    issues.push({ path: 'durationMinutes', message: 'durationMinutes must be a positive whole number' });
  }
  return issues;
}

function grantBreakGlass(command: GrantBreakGlass, state: ConsentState): ConsentEvent[] {
  refuseIfAny(breakGlassIssues(command), 'The break-glass request is not valid');
  const { personId, grantId, subject, organisation, reason, durationMinutes } = command.data;
  const { now } = command.metadata;
  if (state.breakGlass[grantId] !== undefined) return [];
  // A grant still running for the same user covers this request: one review item, not one per click.
  if (unexpiredBreakGlassGrant(state, subject, organisation, now) !== undefined) return [];
  return [
    {
      type: 'BreakGlassGranted',
      data: {
        personId,
        grantId,
        subject,
        organisation,
        reason,
        grantedAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + durationMinutes * MINUTE_MS).toISOString(),
      },
    },
  ];
}

function evolve(state: ConsentState, event: ConsentEvent): ConsentState {
  switch (event.type) {
    case 'ObjectionRecorded': {
      const { consentId, recordedBy, recordedAt, onBehalf } = event.data;
      const item: ConsentItem = { kind: 'objection', consentId, recordedBy, recordedAt, onBehalf };
      return { ...state, items: { ...state.items, [consentId]: item } };
    }
    case 'CategorySharingAgreed': {
      const { consentId, recordedBy, recordedAt, category } = event.data;
      const item: ConsentItem = { kind: 'category-agreement', consentId, recordedBy, recordedAt, category };
      return { ...state, items: { ...state.items, [consentId]: item } };
    }
    case 'DelegationGranted': {
      const { consentId, recordedBy, grantedAt, carer, parts, until } = event.data;
      const item: ConsentItem = {
        kind: 'delegation',
        consentId,
        recordedBy,
        recordedAt: grantedAt,
        carer,
        parts,
        until,
      };
      return { ...state, items: { ...state.items, [consentId]: item } };
    }
    case 'ConsentWithdrawn': {
      const { consentId, withdrawnAt, withdrawnBy } = event.data;
      const item = state.items[consentId];
      if (item === undefined) return state;
      return { ...state, items: { ...state.items, [consentId]: { ...item, withdrawnAt, withdrawnBy } } };
    }
    case 'CareRelationshipStarted': {
      const { personId: _person, startedAt: _started, ...relationship } = event.data;
      return {
        ...state,
        relationships: { ...state.relationships, [relationship.relationshipId]: relationship },
      };
    }
    case 'CareRelationshipEnded': {
      const { relationshipId, endedAt, endedBy } = event.data;
      const relationship = state.relationships[relationshipId];
      if (relationship === undefined) return state;
      return {
        ...state,
        relationships: { ...state.relationships, [relationshipId]: { ...relationship, endedAt, endedBy } },
      };
    }
    case 'BreakGlassGranted': {
      const { personId: _person, ...grant } = event.data;
      return { ...state, breakGlass: { ...state.breakGlass, [grant.grantId]: grant } };
    }
    default:
      return assertNever(event);
  }
}

/**
 * One person's sharing choices, care relationships and break-glass grants (stream
 * `consent.person-<personId>`). Repeating a command with the same id records nothing; withdrawing
 * what is already withdrawn, or ending what has ended, records nothing either.
 */
export const consentDecider: Decider<ConsentCommand, ConsentEvent, ConsentState> = {
  decide(command, state) {
    switch (command.type) {
      case 'RecordObjection':
        return recordObjection(command, state);
      case 'AgreeToShareCategory':
        return agreeToShareCategory(command, state);
      case 'GrantDelegation':
        return grantDelegation(command, state);
      case 'WithdrawConsent':
        return withdrawConsent(command, state);
      case 'StartCareRelationship':
        return startCareRelationship(command, state);
      case 'EndCareRelationship':
        return endCareRelationship(command, state);
      case 'GrantBreakGlass':
        return grantBreakGlass(command, state);
      default:
        return assertNever(command);
    }
  },
  evolve,
  initialState: initialConsentState,
};
