// The calls the record benches make: through the gateway as a partner system or a practitioner,
// and the record service's own person read (its URL from platform.json) for projection lag.
import { waitFor } from '@ilinks/shared/testing';
import { diagnosticsOf, parseJson, withoutIds } from '../support/bench-http';
import { runBounded } from '../support/latency';
import { type FhirResource, type PartnerIdentifier, mrnSystemOf, syntheticPatient } from './synthetic-record';

/** A person as the benches know them: our id and the partner identifier each organisation sends. */
export interface BenchPerson {
  readonly personId: string;
  readonly subjects: ReadonlyMap<string, PartnerIdentifier>;
}

/** A caller of the gateway with one bearer token. */
export class GatewayCaller {
  constructor(
    readonly gateway: string,
    readonly organisation: string,
    private readonly token: string,
  ) {}

  /** POSTs FHIR JSON; the body is read whole, as a client would. */
  async post(
    path: string,
    body: FhirResource,
  ): Promise<{ status: number; location: string | null; json: unknown }> {
    const response = await fetch(`${this.gateway}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${this.token}`, 'content-type': 'application/fhir+json' },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, location: response.headers.get('location'), json: parseJson(text) };
  }

  /** GETs `path`, expecting 200; resolves with the parsed body. */
  async get(path: string): Promise<unknown> {
    const response = await fetch(`${this.gateway}${path}`, {
      headers: { authorization: `Bearer ${this.token}` },
    });
    const text = await response.text();
    if (response.status !== 200) throw new Error(`GET ${withoutIds(path)} answered ${response.status}`);
    return parseJson(text);
  }
}

/** Registers a Patient; resolves with the person id the gateway answers. */
export async function registerPatient(caller: GatewayCaller, patient: FhirResource): Promise<string> {
  const { status, json } = await caller.post('/fhir/Patient', patient);
  if (status !== 201 && status !== 200)
    throw new Error(`a registration answered ${status}: ${diagnosticsOf(json)}`);
  return (json as { id: string }).id;
}

/** Registers `count` synthetic persons as the caller's organisation, 4 at a time. */
export async function registerPersons(
  caller: GatewayCaller,
  run: string,
  count: number,
): Promise<BenchPerson[]> {
  const registered = await runBounded(Array.from({ length: count }), 4, 600, async (_, index) => {
    const subject = { system: mrnSystemOf(caller.organisation), value: `B-${run}-${index}` };
    const personId = await registerPatient(
      caller,
      syntheticPatient(caller.organisation, subject.value, index),
    );
    return { personId, subjects: new Map([[caller.organisation, subject]]) };
  });
  if (registered.skipped > 0) throw new Error('registration ran out of time');
  return registered.results;
}

/** Sends one resource with `POST /fhir/<Type>`; resolves with the entry id once acknowledged (201/200). */
export async function createResource(caller: GatewayCaller, resource: FhirResource): Promise<string> {
  const type = String(resource['resourceType']);
  const { status, location, json } = await caller.post(`/fhir/${type}`, resource);
  if (status !== 201 && status !== 200)
    throw new Error(`POST /fhir/${type} answered ${status}: ${diagnosticsOf(json)}`);
  const id = location?.split('/').at(-1) ?? (json as { id?: string } | undefined)?.id;
  if (!id) throw new Error(`POST /fhir/${type} answered without an id`);
  return id;
}

/** Sends a transaction Bundle; resolves with how many entries were stored (each 201 or 200). */
export async function sendTransaction(caller: GatewayCaller, bundle: FhirResource): Promise<number> {
  const { status, json } = await caller.post('/fhir', bundle);
  if (status !== 200) throw new Error(`POST /fhir (transaction) answered ${status}: ${diagnosticsOf(json)}`);
  const entries = (json as { entry?: { response?: { status?: string } }[] }).entry ?? [];
  const stored = entries.filter((entry) => /^20[01]\b/.test(entry.response?.status ?? '')).length;
  if (stored !== entries.length)
    throw new Error(`a transaction stored ${stored} of ${entries.length} entries`);
  return stored;
}

/** The entry ids of a person's entries in the record service's view (of one type if given). */
export async function personEntryIds(
  recordService: string,
  personId: string,
  resourceType?: string,
): Promise<string[]> {
  const query = resourceType === undefined ? '' : `?resourceType=${resourceType}`;
  const response = await fetch(`${recordService}/persons/${personId}/entries${query}`);
  const text = await response.text();
  if (response.status !== 200) throw new Error(`GET /persons/{id}/entries answered ${response.status}`);
  return ((JSON.parse(text) as { entries: { entryId: string }[] }).entries ?? []).map(
    (entry) => entry.entryId,
  );
}

/** Waits until the person read shows `entryId`, polling back to back; resolves with the ms it took. */
export async function msUntilVisible(
  recordService: string,
  personId: string,
  entryId: string,
  resourceType: string,
  timeoutMs: number,
): Promise<number> {
  const started = performance.now();
  await waitFor(async () => (await personEntryIds(recordService, personId, resourceType)).includes(entryId), {
    description: 'an acknowledged entry to show in the person read',
    timeoutMs,
    intervalMs: 1,
  });
  return performance.now() - started;
}
