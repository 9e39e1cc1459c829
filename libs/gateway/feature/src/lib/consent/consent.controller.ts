import type { ConsentItemV1, RecordedByV1 } from '@ilinks/consent/contracts';
import type { ResourceLabel } from '@ilinks/consent/domain';
import { CurrentPrincipal, type Principal, Roles } from '@ilinks/platform/security';
import { ForbiddenError, IllegalStateError, NotFoundError, ValidationError } from '@ilinks/shared/kernel';
import {
  Body,
  Controller,
  Delete,
  Get,
  Header,
  Inject,
  MethodNotAllowedException,
  Param,
  Post,
  Put,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type PermittedAccess, PersonAccess } from '../access/person-access';
import { noteAccess, noteAuditFacts } from '../audit/request-audit';
import { FHIR_JSON_UTF8 } from '../patient/fhir-resources';
import { fhirBaseUrlOf, forwardedHeadersOf } from '../patient/forwarded-headers';
import type { ForwardedHeaders } from '../patient/service-call';
import { ConsentItemsClient } from './consent-items.client';
import { derivedIdempotencyKey, withdrawalIdempotencyKey } from './consent-idempotency';
import { consentUpdateFromFhir } from './consent-update';
import { GATEWAY_CONSENT_SETTINGS, type GatewayConsentSettings } from './consent.options';
import { consentSearchset, fhirConsentFromItem } from './fhir-consent.mapping';
import { type ConsentCreation, consentCreationFromFhir } from './fhir-consent.parse';
import type { FhirConsent, FhirConsentSearchset } from './fhir-consent.resource';

/** FHIR `id`: what cannot match it cannot exist, and is not worth a call. */
const FHIR_ID = /^[A-Za-z0-9.-]{1,64}$/;
const PERSON_ID = /^(?:Patient\/)?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;
/** How often a create follows the chain of withdrawn consents before giving up (see `derivedIdempotencyKey`). */
const MAX_RENEWALS = 20;
const NOT_FOUND = 'no Consent with this id';

/**
 * FHIR R4 `Consent` at the edge, over the consent service's consent items: a person's objection to
 * sharing, agreement to share a sensitive category, and proxy access for a carer. Create, read,
 * search by patient, and withdrawal (`PUT` with `status: inactive`). Every route is authorized for
 * the person with `PersonAccess` (part `consents`) and noted for the audit trail.
 */
@Controller('fhir/Consent')
export class ConsentController {
  constructor(
    private readonly consents: ConsentItemsClient,
    private readonly access: PersonAccess,
    @Inject(GATEWAY_CONSENT_SETTINGS) private readonly settings: GatewayConsentSettings,
  ) {}

  /**
   * `POST /fhir/Consent`: an individual for themselves, a practitioner or partner system on the
   * person's behalf (a carer may not). 201 with `Location`.
   */
  @Post()
  @Roles('individual', 'practitioner', 'system')
  async create(
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal,
    @Req() request: IncomingMessage,
    @Res() response: ServerResponse,
  ): Promise<void> {
    noteAuditFacts(request, { operation: 'Consent.create' });
    const headers = forwardedHeadersOf(request);
    const creation = consentCreationFromFhir(body, this.settings.clock.now());
    await this.access.authorize(request, principal, creation.personId, { part: 'consents' });
    const item = await this.record(creation, principal, headers);
    noteAccess(request, item.personId, { resourceType: 'Consent', id: item.consentId });
    response.statusCode = 201;
    response.setHeader('Location', `${this.baseUrl(request)}/Consent/${item.consentId}`);
    response.setHeader('Content-Type', FHIR_JSON_UTF8);
    response.end(JSON.stringify(fhirConsentFromItem(item)));
  }

  /** `GET /fhir/Consent?patient=<id>&status=active|inactive`: the person's consents the caller may see. */
  @Get()
  @Header('Content-Type', FHIR_JSON_UTF8)
  async search(
    @Query('patient') patient: unknown,
    @Query('status') status: unknown,
    @CurrentPrincipal() principal: Principal,
    @Req() request: IncomingMessage,
  ): Promise<FhirConsentSearchset> {
    noteAuditFacts(request, { operation: 'Consent.search' });
    const personId = personIdOfSearch(patient);
    const wanted = statusOfSearch(status);
    const access = await this.access.authorize(request, principal, personId, { part: 'consents' });
    const list = await this.consents.listConsents(personId, wanted, forwardedHeadersOf(request));
    // Hidden items are left out before the total is counted, so the total reveals nothing.
    const visible = list.items.filter((item) => {
      const shown = access.isVisible(labelOf(item));
      noteAccess(request, personId, {
        resourceType: 'Consent',
        id: item.consentId,
        ...(shown ? {} : { withheld: true as const }),
      });
      return shown;
    });
    const query = new URLSearchParams({ patient: personId, ...(wanted ? { status: wanted } : {}) });
    const baseUrl = this.baseUrl(request);
    return consentSearchset(visible, baseUrl, `${baseUrl}/Consent?${query.toString()}`);
  }

  /** `GET /fhir/Consent/:id`; 404 when it does not exist or the caller may not see it. */
  @Get(':id')
  @Header('Content-Type', FHIR_JSON_UTF8)
  async read(
    @Param('id') id: string,
    @CurrentPrincipal() principal: Principal,
    @Req() request: IncomingMessage,
  ): Promise<FhirConsent> {
    noteAuditFacts(request, { operation: 'Consent.read' });
    const item = await this.visibleItem(id, principal, request);
    return fhirConsentFromItem(item);
  }

  /**
   * `PUT /fhir/Consent/:id`: withdraws the consent (an objection or agreement withdrawn, a
   * delegation revoked, at once) when the body is the Consent as read with `status: inactive`.
   * Any other change is refused with 422 naming it.
   */
  @Put(':id')
  @Roles('individual', 'practitioner', 'system')
  @Header('Content-Type', FHIR_JSON_UTF8)
  async update(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal,
    @Req() request: IncomingMessage,
  ): Promise<FhirConsent> {
    noteAuditFacts(request, { operation: 'Consent.update' });
    const headers = forwardedHeadersOf(request);
    const item = await this.visibleItem(id, principal, request);
    if (consentUpdateFromFhir(fhirConsentFromItem(item), body) === 'unchanged')
      return fhirConsentFromItem(item);
    const withdrawn = await this.consents.withdraw(
      item.consentId,
      { recordedBy: recordedByOf(principal) },
      { ...headers, idempotencyKey: headers.idempotencyKey ?? withdrawalIdempotencyKey(item.consentId) },
    );
    return fhirConsentFromItem(withdrawn);
  }

  /** Consents are never deleted: they are withdrawn, and the history stays. */
  @Delete(':id')
  remove(@Res({ passthrough: true }) response: ServerResponse): never {
    response.setHeader('Allow', 'GET, PUT');
    throw new MethodNotAllowedException(
      'Consent cannot be deleted: withdraw it with PUT and status inactive',
    );
  }

  /** The item, when it exists and the caller may see it; otherwise 404, whatever the reason. */
  private async visibleItem(
    id: string,
    principal: Principal,
    request: IncomingMessage,
  ): Promise<ConsentItemV1> {
    if (!FHIR_ID.test(id)) throw new NotFoundError(NOT_FOUND);
    const item = await this.consents.getConsent(id, forwardedHeadersOf(request));
    let access: PermittedAccess;
    try {
      access = await this.access.authorize(request, principal, item.personId, { part: 'consents' });
    } catch (error) {
      // Telling "forbidden" from "absent" would confirm that the id exists.
      if (error instanceof ForbiddenError || error instanceof NotFoundError)
        throw new NotFoundError(NOT_FOUND);
      throw error;
    }
    const shown = access.isVisible(labelOf(item));
    noteAccess(request, item.personId, {
      resourceType: 'Consent',
      id: item.consentId,
      ...(shown ? {} : { withheld: true as const }),
    });
    if (!shown) throw new NotFoundError(NOT_FOUND);
    return item;
  }

  private async record(
    creation: ConsentCreation,
    principal: Principal,
    headers: ForwardedHeaders,
  ): Promise<ConsentItemV1> {
    if (headers.idempotencyKey !== undefined) return this.send(creation, principal, headers);
    let key = derivedIdempotencyKey(principal, creation);
    for (let renewal = 0; renewal < MAX_RENEWALS; renewal += 1) {
      const answered = await this.send(creation, principal, { ...headers, idempotencyKey: key });
      // The service answers a repeated key as it did the first time: ask how the consent stands now.
      const current =
        answered.status === 'inactive'
          ? answered
          : await this.consents.getConsent(answered.consentId, headers);
      if (current.status === 'active') return current;
      key = derivedIdempotencyKey(principal, creation, { key, consentId: current.consentId });
    }
    throw new IllegalStateError('this consent has been recorded and withdrawn too often to record again');
  }

  private send(
    creation: ConsentCreation,
    principal: Principal,
    headers: ForwardedHeaders,
  ): Promise<ConsentItemV1> {
    const recordedBy = recordedByOf(principal);
    switch (creation.kind) {
      case 'objection':
        return this.consents.recordObjection(
          creation.personId,
          { recordedBy, onBehalf: principal.role !== 'individual' },
          headers,
        );
      case 'category-agreement':
        return this.consents.agreeCategory(
          creation.personId,
          { recordedBy, category: creation.category },
          headers,
        );
      case 'delegation':
        return this.consents.grantDelegation(
          creation.personId,
          { recordedBy, carer: creation.carer, parts: creation.parts, until: creation.until },
          headers,
        );
    }
  }

  private baseUrl(request: IncomingMessage): string {
    return fhirBaseUrlOf(request, this.settings.baseUrl);
  }
}

function recordedByOf(principal: Principal): RecordedByV1 {
  return { subject: principal.subject, organisation: principal.organisation, role: principal.role };
}

/** A consent item as the access decision sees it: the person's consents, recorded by an organisation. */
function labelOf(item: ConsentItemV1): ResourceLabel {
  return { part: 'consents', organisation: item.recordedBy.organisation };
}

function personIdOfSearch(raw: unknown): string {
  const match = typeof raw === 'string' ? PERSON_ID.exec(raw) : null;
  if (!match?.[1]) {
    throw new ValidationError('the search is invalid (1 problem)', [
      { path: 'patient', message: 'the search parameter patient is required, once: Patient/<id> or <id>' },
    ]);
  }
  return match[1].toLowerCase();
}

function statusOfSearch(raw: unknown): 'active' | 'inactive' | undefined {
  if (raw === undefined || raw === 'active' || raw === 'inactive') return raw;
  throw new ValidationError('the search is invalid (1 problem)', [
    { path: 'status', message: 'the search parameter status must be active or inactive, once' },
  ]);
}
