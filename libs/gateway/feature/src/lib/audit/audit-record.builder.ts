import type { AuditAgentV1, AuditEntityV1, AuditRecordV1 } from '@ilinks/audit/contracts';
import type { Principal } from '@ilinks/platform/security';
import type { RequestAuditFacts } from './request-audit';

/** The methods the audit record can name; no gateway route answers any other. */
const AUDITABLE_METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);
const MAX_ITEMS = 1000;
const UNMATCHED = '(unmatched)';

/** Everything the HTTP layer knows about a finished request, plus what the handler noted. */
export interface FinishedRequest {
  readonly recordId: string;
  readonly recordedAt: Date;
  /** The authenticated caller; absent when authentication failed or never ran. */
  readonly principal?: Principal;
  readonly method: string;
  /** The matched route template (`/fhir/Patient/:id`) or `(unmatched)`; never the concrete URL. */
  readonly route: string;
  readonly status: number;
  readonly facts: RequestAuditFacts;
  /** The OperationOutcome's first issue code, when the response is an error outcome. */
  readonly issueCode?: string;
  readonly sourceAddress?: string;
  readonly traceId?: string;
}

/**
 * Whether a request is recorded. Everything is, except what touches no person's data: the health
 * probes, the dev token issuer and the CapabilityStatement. Exemptions (not inclusions) so that a
 * route added later is audited by default. Express matches routes case-insensitively and ignores a
 * trailing slash, so the exemptions are compared the same way. Methods no route can serve are left
 * out: they cannot touch anything, and the record could not name them.
 */
export function isAuditedRequest(method: string, url: string): boolean {
  if (!AUDITABLE_METHODS.has(method)) return false;
  const path = (url.split('?')[0] ?? '').toLowerCase().replace(/\/+$/, '');
  if (path === '/health' || path.startsWith('/health/')) return false;
  if (path === '/auth/dev-token') return false;
  if (path === '/fhir/metadata' && (method === 'GET' || method === 'HEAD')) return false;
  return true;
}

/** The audit record of a finished request (valid against `AuditRecordV1` by construction). */
export function buildAuditRecord(request: FinishedRequest): AuditRecordV1 {
  const { facts, principal, status } = request;
  const route = request.route.slice(0, 256);
  const outcomeDetail = facts.outcomeDetail ?? (status >= 400 ? request.issueCode : undefined);
  return {
    recordId: request.recordId,
    recordedAt: request.recordedAt.toISOString(),
    agent: agentOf(principal),
    action: actionOf(request.method, route, facts.operation),
    operation: (facts.operation ?? operationOf(request.method, route)).slice(0, 128),
    method: request.method,
    route,
    personIds: [...facts.personIds].slice(0, MAX_ITEMS),
    entities: distinctEntities(facts.entities).slice(0, MAX_ITEMS),
    purposeOfUse: facts.purposeOfUse ?? purposeOf(principal, request.method),
    ...(facts.basis ? { basis: facts.basis.slice(0, 64) } : {}),
    ...(facts.breakGlassReason ? { breakGlassReason: facts.breakGlassReason.slice(0, 1000) } : {}),
    ...(facts.breakGlassGrantId ? { breakGlassGrantId: facts.breakGlassGrantId } : {}),
    outcome: outcomeOf(status, facts.outcome),
    ...(outcomeDetail ? { outcomeDetail: outcomeDetail.slice(0, 256) } : {}),
    status,
    ...(request.sourceAddress ? { sourceAddress: request.sourceAddress.slice(0, 64) } : {}),
    ...(request.traceId ? { traceId: request.traceId } : {}),
  };
}

/** The caller as the trail names it; an unauthenticated caller is `anonymous` at `UNKNOWN`. */
export function agentOf(principal: Principal | undefined): AuditAgentV1 {
  if (!principal) return { subject: 'anonymous', role: 'anonymous', organisation: 'UNKNOWN' };
  return {
    subject: principal.subject,
    role: principal.role,
    organisation: principal.organisation,
    ...(principal.professionalRole ? { professionalRole: principal.professionalRole.slice(0, 64) } : {}),
  };
}

/** FHIR AuditEvent.action: a POST is a create unless it runs an operation (`$match`) or a search. */
export function actionOf(method: string, route: string, operation?: string): AuditRecordV1['action'] {
  switch (method) {
    case 'POST': {
      const lastSegment = route.split('/').pop() ?? '';
      if (lastSegment === '_search') return 'R';
      return lastSegment.startsWith('$') || operation?.includes('$') ? 'E' : 'C';
    }
    case 'PUT':
    case 'PATCH':
      return 'U';
    case 'DELETE':
      return 'D';
    default:
      return 'R';
  }
}

/**
 * `Patient.read`, `Patient.search`, `Patient.create`, `Patient.$match` for FHIR routes;
 * `governance.alerts.get`, `audit.$verify` for the others; `unmatched` when no route matched.
 */
export function operationOf(method: string, route: string): string {
  if (route === UNMATCHED) return 'unmatched';
  const segments = route.split('/').filter((segment) => segment.length > 0);
  if (segments[0]?.toLowerCase() === 'fhir' && segments.length >= 2) return fhirOperationOf(method, segments);
  const named = segments.filter((segment) => !segment.startsWith(':'));
  const last = named[named.length - 1] ?? '';
  return last.startsWith('$') ? named.join('.') : [...named, method.toLowerCase()].join('.');
}

function fhirOperationOf(method: string, segments: readonly string[]): string {
  const [, type = '', second, third] = segments;
  const operation = [second, third].find((segment) => segment?.startsWith('$'));
  if (operation) return `${type}.${operation}`;
  if (second === '_search') return `${type}.search`;
  const instance = second !== undefined;
  switch (method) {
    case 'POST':
      return `${type}.create`;
    case 'PUT':
    case 'PATCH':
      return `${type}.update`;
    case 'DELETE':
      return `${type}.delete`;
    default:
      return instance ? `${type}.read` : `${type}.search`;
  }
}

/** Why, when the handler did not say: by role (a partner system writing is integration). */
export function purposeOf(principal: Principal | undefined, method: string): AuditRecordV1['purposeOfUse'] {
  switch (principal?.role) {
    case 'system':
      return method === 'GET' || method === 'HEAD' ? 'direct-care' : 'integration';
    case 'individual':
      return 'own-record';
    case 'carer':
      return 'carer-access';
    case 'ig-officer':
      return 'governance';
    case 'admin':
      return 'administration';
    case 'practitioner':
    case undefined:
      // Callers we could not identify too: the exchange exists for direct care.
      return 'direct-care';
  }
}

/**
 * The access decision's outcome, unless the response says otherwise: an error status means the
 * request did not get what it asked for (denied for 401/403, failed otherwise), whatever was
 * decided before; a denial stays a denial even when it is answered as a 404.
 */
export function outcomeOf(status: number, decided: RequestAuditFacts['outcome']): AuditRecordV1['outcome'] {
  if (decided === 'denied') return 'denied';
  if (status === 401 || status === 403) return 'denied';
  if (status >= 400) return 'failed';
  return decided ?? 'permitted';
}

function distinctEntities(entities: readonly AuditEntityV1[]): AuditEntityV1[] {
  const seen = new Map<string, AuditEntityV1>();
  for (const entity of entities) {
    const key = `${entity.resourceType}/${entity.id}`;
    const known = seen.get(key);
    // Withheld anywhere means withheld: the trail must show what the caller did not get.
    if (!known || (entity.withheld && !known.withheld)) seen.set(key, entity);
  }
  return [...seen.values()];
}
