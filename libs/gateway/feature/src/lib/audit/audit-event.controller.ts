import type { AuditEventV1 } from '@ilinks/audit/contracts';
import { CurrentPrincipal, type Principal, Roles } from '@ilinks/platform/security';
import { NotFoundError } from '@ilinks/shared/kernel';
import { Controller, Get, Header, Inject, Param, Query, Req } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { FHIR_JSON_UTF8 } from '../patient/fhir-resources';
import { fhirBaseUrlOf, forwardedHeadersOf } from '../patient/forwarded-headers';
import {
  assertMaySearch,
  auditEventSearchOf,
  CURSOR_PARAMETER,
  type SearchParameters,
} from './audit-event-search';
import { AuditClient } from './audit.client';
import { AUDIT_READ_SETTINGS, type AuditReadSettings } from './audit-read.settings';
import {
  auditEventBundleOf,
  type AuditViewer,
  type FhirAuditEvent,
  type FhirAuditEventBundle,
  fhirAuditEventOf,
} from './fhir-audit-event.mapping';
import { noteAccess } from './request-audit';

// The trail's person ids are UUIDs; anything else cannot be one of them.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * `GET /fhir/AuditEvent` and `GET /fhir/AuditEvent/:id`: who accessed what. Information-governance
 * officers may read the whole trail; an individual only the accesses to their own record.
 */
@Controller('fhir/AuditEvent')
@Roles('ig-officer', 'individual')
export class AuditEventController {
  constructor(
    private readonly audit: AuditClient,
    @Inject(AUDIT_READ_SETTINGS) private readonly settings: AuditReadSettings,
  ) {}

  @Get()
  @Header('Content-Type', FHIR_JSON_UTF8)
  async search(
    @Query() parameters: SearchParameters,
    @CurrentPrincipal() principal: Principal,
    @Req() request: IncomingMessage,
  ): Promise<FhirAuditEventBundle> {
    const search = auditEventSearchOf(parameters);
    assertMaySearch(principal, search);
    if (search.patient !== undefined && UUID.test(search.patient)) noteAccess(request, search.patient);
    const page = await this.audit.searchEvents(search, forwardedHeadersOf(request));
    const base = fhirBaseUrlOf(request, this.settings.baseUrl);
    const linkTo = (cursor?: string): string => {
      const query = new URLSearchParams();
      for (const [name, value] of Object.entries(parameters)) {
        if (name === CURSOR_PARAMETER) continue;
        for (const item of Array.isArray(value) ? value : [value]) query.append(name, String(item));
      }
      if (cursor !== undefined) query.set(CURSOR_PARAMETER, cursor);
      return `${base}/AuditEvent${query.size > 0 ? `?${query.toString()}` : ''}`;
    };
    return auditEventBundleOf(page, viewerOf(principal), base, linkTo(search.cursor), linkTo);
  }

  @Get(':id')
  @Header('Content-Type', FHIR_JSON_UTF8)
  async read(
    @Param('id') id: string,
    @CurrentPrincipal() principal: Principal,
    @Req() request: IncomingMessage,
  ): Promise<FhirAuditEvent> {
    const event: AuditEventV1 = await this.audit.getEvent(id, forwardedHeadersOf(request));
    // Someone else's record is answered as if it did not exist: its existence is not theirs to know.
    if (principal.role === 'individual' && !event.record.personIds.includes(principal.patient ?? ''))
      throw new NotFoundError('no AuditEvent with this id');
    for (const personId of event.record.personIds) noteAccess(request, personId);
    return fhirAuditEventOf(event, viewerOf(principal));
  }
}

function viewerOf(principal: Principal): AuditViewer {
  return principal.role === 'individual' ? 'individual' : 'governance';
}
