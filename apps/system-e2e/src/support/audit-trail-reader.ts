import { jsonOf, waitFor } from '@ilinks/shared/testing';
import type { GatewayCaller, Json } from './gateway-client';

export type TrailOutcome = 'permitted' | 'filtered' | 'denied' | 'failed';

/** The id the gateway gave the request's audit record (`X-Request-Id`). */
export function recordIdOf(response: Response): string {
  const recordId = response.headers.get('x-request-id');
  if (!recordId) throw new Error(`no X-Request-Id on a ${response.status} response`);
  return recordId;
}

/**
 * The trail's outcome of a FHIR AuditEvent. The resource carries it only as FHIR's coarse code
 * (0 success, 4 minor failure) and in its plain-words summary, which tells the four apart.
 */
export function trailOutcomeOf(event: Json): TrailOutcome {
  const words = String(event.text?.div ?? '');
  if (words.includes('and was refused')) return 'denied';
  if (words.includes('did not succeed')) return 'failed';
  if (words.includes('some parts were withheld')) return 'filtered';
  return 'permitted';
}

/** The user id the AuditEvent names as the one who asked. */
export function requestorOf(event: Json): string | undefined {
  return event.agent?.find((agent: Json) => agent.requestor)?.who?.identifier?.value;
}

/** The summary a person reads: the text of the AuditEvent's narrative. */
export function plainWordsOf(event: Json): string {
  return String(event.text?.div ?? '')
    .replace(/<[^>]+>/g, '')
    .replace(/&#39;/g, "'")
    .trim();
}

/** The AuditEvent of `recordId`, once the audit service has consumed it (read as `reader`). */
export async function auditEventOnceRecorded(
  reader: GatewayCaller,
  recordId: string,
  timeoutMs = 20_000,
): Promise<Json> {
  return waitFor(
    async () => {
      const response = await reader.get(`/fhir/AuditEvent/${recordId}`);
      return response.status === 200 ? ((await jsonOf(response)) as Json) : undefined;
    },
    { timeoutMs, intervalMs: 100, description: `audit record ${recordId} is in the trail` },
  );
}

/** Every AuditEvent a search finds, following the `next` links to the end. */
export async function allAuditEvents(reader: GatewayCaller, query: string): Promise<Json[]> {
  const events: Json[] = [];
  let path: string | undefined = `/fhir/AuditEvent?${query}`;
  while (path !== undefined) {
    const response: Response = await reader.get(path);
    if (response.status !== 200) throw new Error(`AuditEvent search answered ${response.status}`);
    const bundle: Json = await jsonOf(response);
    events.push(...(bundle.entry ?? []).map((entry: Json) => entry.resource));
    const next: string | undefined = bundle.link?.find((link: Json) => link.relation === 'next')?.url;
    path = next === undefined ? undefined : next.slice(next.indexOf('/fhir/'));
  }
  return events;
}
