import type { AuditEntityV1, AuditOutcomeV1, AuditRecordV1 } from '@ilinks/audit/contracts';

/**
 * What a handler learned about a request that the audit record needs and the HTTP layer cannot see:
 * which persons and resources it touched, why it was allowed, and how the access decision came out.
 * Handlers (and the access-control service) add to it as they go; the audit recorder reads it once,
 * when the response (or the error) is about to leave.
 */
export interface RequestAuditFacts {
  /** `Patient.read`, `Patient.search`, `Consent.create`, …; derived from the route when unset. */
  operation?: string;
  readonly personIds: Set<string>;
  readonly entities: AuditEntityV1[];
  purposeOfUse?: AuditRecordV1['purposeOfUse'];
  /** The access decision's basis (`care-relationship`, `break-glass`, `own-record`, …). */
  basis?: string;
  breakGlassReason?: string;
  breakGlassGrantId?: string;
  /** Set by the access decision; the recorder derives `permitted`/`failed` from the status otherwise. */
  outcome?: Exclude<AuditOutcomeV1, 'failed'>;
  /** A deny reason or error code; never personal data. */
  outcomeDetail?: string;
}

const AUDIT_FACTS = Symbol('ilinks.audit-facts');

interface CarriesAuditFacts {
  [AUDIT_FACTS]?: RequestAuditFacts;
}

/** The request's audit facts, created empty on first use. */
export function auditFactsOf(request: object): RequestAuditFacts {
  const carrier = request as CarriesAuditFacts;
  carrier[AUDIT_FACTS] ??= { personIds: new Set<string>(), entities: [] };
  return carrier[AUDIT_FACTS];
}

/** Notes that the request touched `personId` (and, when given, one of their resources). */
export function noteAccess(request: object, personId: string, entity?: AuditEntityV1): void {
  const facts = auditFactsOf(request);
  facts.personIds.add(personId);
  if (entity) facts.entities.push(entity);
}

/** Merges `changes` into the request's audit facts (later values win). */
export function noteAuditFacts(
  request: object,
  changes: Partial<Omit<RequestAuditFacts, 'personIds' | 'entities'>>,
): void {
  Object.assign(auditFactsOf(request), changes);
}
