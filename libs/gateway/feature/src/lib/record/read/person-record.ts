import type { AuditEntityV1 } from '@ilinks/audit/contracts';
import type { ResourceLabel } from '@ilinks/consent/domain';
import type { PersonViewV1 } from '@ilinks/identity-matching/contracts';
import type { RecordEntryV1 } from '@ilinks/record-projection/contracts';
import type { Principal } from '@ilinks/platform/security';
import { NotFoundError } from '@ilinks/shared/kernel';
import { Inject, Injectable, type Provider } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { PERSON_NOT_FOUND } from '../../access/consent-person-access';
import type { PermittedAccess } from '../../access/person-access';
import { noteAccess } from '../../audit/request-audit';
import { GoverningPersons } from '../../patient/governing-persons';
import { IdentityClient } from '../../patient/identity.client';
import type { ForwardedHeaders } from '../../patient/service-call';
import { labelOfEntry } from './entry-label';
import { RECORD_READ_SETTINGS, type RecordReadSettings } from './record-read.options';
import { RecordReadClient } from './record-read.client';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A person's record opened for one caller: who they are, what the decision allows, every entry. */
export interface OpenedPersonRecord {
  readonly person: PersonViewV1;
  readonly access: PermittedAccess;
  /** Every current entry of the person (of the type asked for), newest first: NOT yet sifted. */
  readonly entries: readonly RecordEntryV1[];
  /** Whether the caller may see this entry (its label against the access decision). */
  isVisible(entry: RecordEntryV1): boolean;
}

/** What to open: the whole record, or the entries of one type, authorized for one label. */
export interface OpenPersonRecordOptions {
  /** The request-level label the decision is asked about (e.g. `{ part: 'summary' }`). */
  readonly label: ResourceLabel;
  /** Labels asked about in turn when the decision answers not-found for the one before. */
  readonly orLabels?: readonly ResourceLabel[];
  readonly resourceType?: string;
}

/**
 * The one way into a person's entries at the gateway: finds the person (404 when unknown),
 * authorizes the caller against the governing person (a retired person's rules are those of the
 * person it became) with identity's record holders, and fetches the entries at the same time.
 * Every view, search and share starts here, so none can skip the access decision.
 */
@Injectable()
export class PersonRecord {
  constructor(
    private readonly records: RecordReadClient,
    private readonly persons: GoverningPersons,
    @Inject(RECORD_READ_SETTINGS) private readonly settings: RecordReadSettings,
  ) {}

  /** Opens the record of `personId` (a UUID, else 404) for the caller, or throws the refusal. */
  async open(
    personId: string,
    principal: Principal,
    request: IncomingMessage,
    options: OpenPersonRecordOptions,
  ): Promise<OpenedPersonRecord> {
    if (!UUID.test(personId)) throw new NotFoundError(PERSON_NOT_FOUND);
    const forwarded = forwardedOf(request);
    const asked = personId.toLowerCase();
    // The entries are read while identity is asked for the person (and the decision made): nothing
    // of them leaves before both answered. Dropped, unread, when the person is unknown.
    const entriesOfAsked = this.records.personEntries(asked, options.resourceType, forwarded);
    entriesOfAsked.catch(() => undefined);
    const person = await this.knownPerson(asked, forwarded);
    const [access, { entries }] = await Promise.all([
      this.authorizeAnyOf(
        request,
        principal,
        person,
        [options.label, ...(options.orLabels ?? [])],
        forwarded,
      ),
      person.personId === asked
        ? entriesOfAsked
        : this.records.personEntries(person.personId, options.resourceType, forwarded),
    ]);
    return {
      person,
      access,
      entries,
      isVisible: (entry) => access.isVisible(this.labelOf(entry)),
    };
  }

  /** The entry's label for the access decision, with the region's sensitive codes. */
  labelOf(entry: RecordEntryV1): ResourceLabel {
    return labelOfEntry(entry, this.settings.sensitiveCodes);
  }

  /**
   * The first of `labels` the decision grants. Only a not-found refusal (a carer asking for a part
   * not delegated) moves on to the next label; any other refusal is the answer.
   */
  private async authorizeAnyOf(
    request: IncomingMessage,
    principal: Principal,
    person: PersonViewV1,
    labels: readonly ResourceLabel[],
    forwarded: ForwardedHeaders,
  ): Promise<PermittedAccess> {
    let refusal: unknown;
    for (const label of labels) {
      try {
        return await this.authorize(request, principal, person, label, forwarded);
      } catch (error) {
        if (!(error instanceof NotFoundError)) throw error;
        refusal = error;
      }
    }
    throw refusal;
  }

  /** Authorizes against the governing person, as a Patient read does. */
  async authorize(
    request: IncomingMessage,
    principal: Principal,
    person: PersonViewV1,
    label: ResourceLabel,
    forwarded: ForwardedHeaders = forwardedOf(request),
  ): Promise<PermittedAccess> {
    return (await this.persons.authorize(request, principal, person, label, forwarded)).access;
  }

  /** The person, or the 404 every unknown person id gets. */
  knownPerson(personId: string, forwarded: ForwardedHeaders): Promise<PersonViewV1> {
    return this.persons.knownPerson(personId, forwarded);
  }
}

/** What a module needs to inject {@link PersonRecord} (with `BACKEND_SERVICES` provided). */
export function personRecordProviders(settings: RecordReadSettings): Provider[] {
  return [
    { provide: RECORD_READ_SETTINGS, useValue: settings },
    IdentityClient,
    GoverningPersons,
    RecordReadClient,
    PersonRecord,
  ];
}

/** Audit facts: the person, every entry returned, then every entry withheld. */
export function noteEntries(
  request: object,
  personId: string,
  returned: readonly RecordEntryV1[],
  withheld: readonly RecordEntryV1[],
): void {
  noteAccess(request, personId);
  for (const entry of returned) noteAccess(request, personId, entityOf(entry));
  for (const entry of withheld) noteAccess(request, personId, { ...entityOf(entry), withheld: true });
}

function entityOf(entry: RecordEntryV1): AuditEntityV1 {
  return { resourceType: entry.resourceType, id: entry.entryId };
}

/** Reads pass on only the trace context: they are safe to repeat, so no idempotency key. */
export function forwardedOf(request: IncomingMessage): ForwardedHeaders {
  const traceparent = request.headers['traceparent'];
  return typeof traceparent === 'string' ? { traceparent } : {};
}
