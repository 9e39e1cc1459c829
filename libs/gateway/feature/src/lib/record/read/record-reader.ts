import type { PersonViewV1 } from '@ilinks/identity-matching/contracts';
import { PERSON_SUBJECT_SYSTEM, type RecordEntryV1 } from '@ilinks/record-projection/contracts';
import type { Principal } from '@ilinks/platform/security';
import { ForbiddenError, NotFoundError } from '@ilinks/shared/kernel';
import { Inject, Injectable } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import type { PermittedAccess } from '../../access/person-access';
import { noteAccess, noteAuditFacts } from '../../audit/request-audit';
import { fhirBaseUrlOf } from '../../patient/forwarded-headers';
import { IdentityClient } from '../../patient/identity.client';
import { fhirPatientFromPerson } from '../../patient/person.fhir';
import { DEMOGRAPHICS, visiblePersonView } from '../../patient/person-visibility';
import type { ForwardedHeaders } from '../../patient/service-call';
import { servedFhirResourceOf } from './entry-fhir';
import { forwardedOf, noteEntries, PersonRecord } from './person-record';
import { type FhirNamedResource, type FhirRecordBundle, searchsetBundle } from './record-bundle';
import { RECORD_READ_SETTINGS, type RecordReadSettings } from './record-read.options';
import { RecordReadClient } from './record-read.client';
import { RECORD_TYPE_SEARCH_PROFILES, type RecordReadType } from './record-read-types';
import { entryOrder, matchesEverything, matchesRecordSearch, siftedPage } from './record-search';
import { type SearchQuery, parseEverythingParameters, parseRecordSearch } from './record-search.params';

const FHIR_ID = /^[A-Za-z0-9.-]{1,64}$/;
const NEWEST_FIRST = entryOrder('-date');

/** What an unknown entry id, a hidden entry and an entry of another type all get, word for word. */
export function entryNotFound(type: string): NotFoundError {
  return new NotFoundError(`no ${type} with this id`);
}

/**
 * Reads the shared record through the access decision: fetches the person's entries from the
 * record service, keeps only what `PersonAccess` lets the caller see, and only then counts, sorts
 * and pages. Notes in the request's audit facts the operation, the person, every item returned and
 * every item withheld.
 */
@Injectable()
export class RecordReader {
  constructor(
    private readonly records: RecordReadClient,
    private readonly identity: IdentityClient,
    private readonly personRecord: PersonRecord,
    @Inject(RECORD_READ_SETTINGS) private readonly settings: RecordReadSettings,
  ) {}

  /** `GET /fhir/<type>?patient=…`. */
  async search(
    type: RecordReadType,
    query: SearchQuery,
    principal: Principal,
    request: IncomingMessage,
  ): Promise<FhirRecordBundle> {
    noteAuditFacts(request, { operation: `${type}.search` });
    const search = parseRecordSearch(type, query);
    const { person, entries, isVisible } = await this.personRecord.open(search.personId, principal, request, {
      label: { part: RECORD_TYPE_SEARCH_PROFILES[type].part },
      resourceType: type,
    });
    const sifted = siftedPage(
      entries.filter((entry) => matchesRecordSearch(entry, type, search)),
      isVisible,
      entryOrder(search.sort),
      search,
    );
    noteEntries(request, person.personId, sifted.page, sifted.withheld);
    return searchsetBundle({
      baseUrl: this.baseUrl(request),
      path: type,
      applied: search.applied,
      offset: search.offset,
      total: sifted.total,
      resources: sifted.page.map((entry) => servedFhirResourceOf(entry, person.personId)),
      ...(sifted.nextOffset === undefined ? {} : { nextOffset: sifted.nextOffset }),
    });
  }

  /**
   * `GET /fhir/<type>/<id>`: an unknown id, an entry of another type or entered in error, and an
   * entry the caller may not see all get the same 404. Only a practitioner whose organisation has
   * no relationship with the person is told so (403, with the break-glass hint), as on Patient read.
   */
  async read(
    type: RecordReadType,
    entryId: string,
    principal: Principal,
    request: IncomingMessage,
  ): Promise<FhirNamedResource> {
    noteAuditFacts(request, { operation: `${type}.read` });
    if (!FHIR_ID.test(entryId)) throw entryNotFound(type);
    const forwarded = forwardedOf(request);
    const entry = await this.records.entry(entryId, forwarded).catch((error: unknown) => {
      throw error instanceof NotFoundError ? entryNotFound(type) : error;
    });
    if (entry.resourceType !== type || entry.status !== 'current') throw entryNotFound(type);
    const person = await this.personOfEntry(entry, forwarded);
    if (person === undefined) throw entryNotFound(type);
    const label = this.personRecord.labelOf(entry);
    let access: PermittedAccess;
    try {
      access = await this.personRecord.authorize(request, principal, person, { part: label.part }, forwarded);
    } catch (error) {
      if (isRefusal(error) && principal.role !== 'practitioner') throw entryNotFound(type);
      throw error;
    }
    if (!access.isVisible(label)) {
      noteEntries(request, person.personId, [], [entry]);
      // The one item asked for was refused, whatever the 404 says: the trail records a denial.
      noteAuditFacts(request, { outcome: 'denied' });
      throw entryNotFound(type);
    }
    noteEntries(request, person.personId, [entry], []);
    return servedFhirResourceOf(entry, person.personId);
  }

  /**
   * `GET /fhir/Patient/<id>/$everything`: the Patient (as a Patient read shows it) and every entry
   * the caller may see, newest first, paged.
   */
  async everything(
    personId: string,
    query: SearchQuery,
    principal: Principal,
    request: IncomingMessage,
  ): Promise<FhirRecordBundle> {
    noteAuditFacts(request, { operation: 'Patient.$everything' });
    const parameters = parseEverythingParameters(query);
    const { person, access, entries, isVisible } = await this.personRecord.open(
      personId,
      principal,
      request,
      { label: DEMOGRAPHICS },
    );
    const withPatient = parameters.types === undefined || parameters.types.has('Patient');
    const items: readonly EverythingItem[] = [
      ...(withPatient ? [{ kind: 'patient' as const }] : []),
      ...entries
        .filter((entry) => matchesEverything(entry, parameters))
        .map((entry) => ({ kind: 'entry' as const, entry })),
    ];
    const sifted = siftedPage(
      items,
      (item) => item.kind === 'patient' || isVisible(item.entry),
      patientThenNewest,
      parameters,
    );
    const page = sifted.page.map((item) =>
      item.kind === 'patient'
        ? fhirPatientFromPerson(visiblePersonView(person, access.isVisible))
        : servedFhirResourceOf(item.entry, person.personId),
    );
    if (sifted.page.some((item) => item.kind === 'patient'))
      noteAccess(request, person.personId, { resourceType: 'Patient', id: person.personId });
    noteEntries(request, person.personId, entriesOf(sifted.page), entriesOf(sifted.withheld));
    return searchsetBundle({
      baseUrl: this.baseUrl(request),
      path: `Patient/${person.personId}/$everything`,
      applied: parameters.applied,
      offset: parameters.offset,
      total: sifted.total,
      resources: page,
      ...(sifted.nextOffset === undefined ? {} : { nextOffset: sifted.nextOffset }),
    });
  }

  /**
   * The person the entry is about: for the person's own contribution, the person it is filed under
   * (authorization then follows a merge to the person it became); otherwise the one holding the
   * partner's identifier.
   */
  private async personOfEntry(
    entry: RecordEntryV1,
    forwarded: ForwardedHeaders,
  ): Promise<PersonViewV1 | undefined> {
    if (entry.subject.system === PERSON_SUBJECT_SYSTEM) {
      if (entry.patientContributed !== true) return undefined;
      return this.personRecord.knownPerson(entry.subject.value, forwarded).catch((error: unknown) => {
        if (error instanceof NotFoundError) return undefined;
        throw error;
      });
    }
    const { persons } = await this.identity.searchPersons(entry.subject, forwarded);
    const holders = persons.filter((person) =>
      person.localRecords.some(
        (record) =>
          record.organisation === entry.organisation &&
          record.identifier.system === entry.subject.system &&
          record.identifier.value === entry.subject.value,
      ),
    );
    return holders.find((person) => person.status === 'active') ?? holders[0];
  }

  private baseUrl(request: IncomingMessage): string {
    return fhirBaseUrlOf(request, this.settings.baseUrl);
  }
}

type EverythingItem =
  | { readonly kind: 'patient' }
  | { readonly kind: 'entry'; readonly entry: RecordEntryV1 };

function patientThenNewest(a: EverythingItem, b: EverythingItem): number {
  if (a.kind === 'patient') return b.kind === 'patient' ? 0 : -1;
  if (b.kind === 'patient') return 1;
  return NEWEST_FIRST(a.entry, b.entry);
}

function entriesOf(items: readonly EverythingItem[]): RecordEntryV1[] {
  return items.flatMap((item) => (item.kind === 'entry' ? [item.entry] : []));
}

/** A denial `PersonAccess` answered (403, or 404 for an individual or carer). */
function isRefusal(error: unknown): boolean {
  return error instanceof ForbiddenError || error instanceof NotFoundError;
}
