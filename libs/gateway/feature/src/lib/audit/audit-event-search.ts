import type { Principal } from '@ilinks/platform/security';
import { ForbiddenError, ValidationError } from '@ilinks/shared/kernel';

/** A validated `GET /fhir/AuditEvent` search, in the audit service's terms. */
export interface AuditEventSearch {
  readonly patient?: string;
  readonly agent?: string;
  readonly since?: string;
  readonly until?: string;
  readonly cursor?: string;
  readonly limit: number;
}

export type SearchParameters = Readonly<Record<string, unknown>>;

const DEFAULT_COUNT = 20;
const MAX_COUNT = 100;
const DATE = /^(ge|lt)(\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?)$/;
const ID = /^[A-Za-z0-9._:@|-]{1,256}$/;
/** The cursor travels in the `next` link under this name. */
export const CURSOR_PARAMETER = '_cursor';

/**
 * Reads the search parameters (`patient`, `agent`, `date=geX`, `date=ltY`, `_count`, `_cursor`);
 * a malformed one is a 400 that names it but does not echo its value.
 */
export function auditEventSearchOf(parameters: SearchParameters): AuditEventSearch {
  const patient = single(parameters, 'patient');
  const agent = single(parameters, 'agent');
  const cursor = single(parameters, CURSOR_PARAMETER);
  const count = single(parameters, '_count');
  let since: string | undefined;
  let until: string | undefined;
  for (const value of all(parameters, 'date')) {
    const match = DATE.exec(value);
    if (!match?.[2] || Number.isNaN(Date.parse(match[2])))
      throw invalid('date', 'date must be geYYYY-MM-DD or ltYYYY-MM-DD (a date or an instant)');
    const instant = new Date(match[2].length === 10 ? `${match[2]}T00:00:00Z` : match[2]).toISOString();
    if (match[1] === 'ge') since = instant;
    else until = instant;
  }
  if (patient !== undefined && !ID.test(stripPatientType(patient)))
    throw invalid('patient', 'patient is not an id');
  if (agent !== undefined && !ID.test(agent)) throw invalid('agent', 'agent is not a user id');
  if (count !== undefined && !/^\d{1,3}$/.test(count))
    throw invalid('_count', `_count must be 1 to ${MAX_COUNT}`);
  const limit = count === undefined ? DEFAULT_COUNT : Number(count);
  if (limit < 1 || limit > MAX_COUNT) throw invalid('_count', `_count must be 1 to ${MAX_COUNT}`);
  return {
    ...(patient !== undefined ? { patient: stripPatientType(patient) } : {}),
    ...(agent !== undefined ? { agent } : {}),
    ...(since ? { since } : {}),
    ...(until ? { until } : {}),
    ...(cursor !== undefined ? { cursor } : {}),
    limit,
  };
}

/**
 * Who may search the trail: an information-governance officer anything; an individual only the
 * accesses to their own record (`patient=` their person id); nobody else.
 */
export function assertMaySearch(principal: Principal, search: AuditEventSearch): void {
  if (principal.role === 'ig-officer') return;
  if (
    principal.role === 'individual' &&
    principal.patient !== undefined &&
    search.patient === principal.patient
  )
    return;
  throw new ForbiddenError(
    principal.role === 'individual'
      ? 'you may see who accessed your own record only: search with patient= your own id'
      : 'your role does not allow reading the audit trail',
  );
}

/** `Patient/abc` and `abc` name the same patient. */
function stripPatientType(value: string): string {
  return value.startsWith('Patient/') ? value.slice('Patient/'.length) : value;
}

function single(parameters: SearchParameters, name: string): string | undefined {
  const values = all(parameters, name);
  if (values.length > 1) throw invalid(name, `${name} may be given once`);
  return values[0];
}

function all(parameters: SearchParameters, name: string): string[] {
  const value = parameters[name];
  if (value === undefined) return [];
  const values = Array.isArray(value) ? value : [value];
  if (!values.every((item): item is string => typeof item === 'string'))
    throw invalid(name, `${name} is malformed`);
  return values;
}

function invalid(path: string, message: string): ValidationError {
  return new ValidationError('the search is invalid', [{ path, message }]);
}
