import { CurrentPrincipal, type Principal, Roles } from '@ilinks/platform/security';
import { Body, Controller, Get, Header, Inject, Param, Post, Req, Res, UseFilters } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { FHIR_JSON_UTF8 } from '../patient/fhir-resources';
import { fhirBaseUrlOf } from '../patient/forwarded-headers';
import { UnprocessableEntryFilter } from '../record/ingest/unprocessable-entry';
import { CorrespondenceEdge } from './correspondence.edge';
import { CORRESPONDENCE_SETTINGS, type CorrespondenceSettings } from './correspondence.settings';
import { binaryOfLetter, communicationOfLetter, documentReferenceOfLetter } from './fhir-letter.render';
import { sendLetterContent, wantsFhirJson } from './letter-content.response';

/** Partner systems send; partner systems and practitioners read what their organisation may. */
const READERS = ['system', 'practitioner'] as const;

/**
 * Letters over FHIR R4: `POST /fhir/Communication` sends one (the document as a contained
 * DocumentReference or an attachment); `Communication`, `DocumentReference` and `Binary` read it
 * back by the letter id.
 */
@Controller('fhir')
@UseFilters(UnprocessableEntryFilter)
export class CorrespondenceFhirController {
  constructor(
    private readonly edge: CorrespondenceEdge,
    @Inject(CORRESPONDENCE_SETTINGS) private readonly settings: CorrespondenceSettings,
  ) {}

  /** 201 with `Location` for a new letter; 200 when the same document was sent again unchanged. */
  @Post('Communication')
  @Roles('system')
  async send(
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal,
    @Req() request: IncomingMessage,
    @Res() response: ServerResponse,
  ): Promise<void> {
    const { letter, created } = await this.edge.sendCommunication(body, principal, request);
    response.statusCode = created ? 201 : 200;
    response.setHeader(
      'Location',
      `${fhirBaseUrlOf(request, this.settings.baseUrl)}/Communication/${letter.letterId}`,
    );
    response.setHeader('Content-Type', FHIR_JSON_UTF8);
    response.end(JSON.stringify(communicationOfLetter(letter)));
  }

  @Get('Communication/:id')
  @Roles(...READERS)
  @Header('Content-Type', FHIR_JSON_UTF8)
  async communication(
    @Param('id') id: string,
    @CurrentPrincipal() principal: Principal,
    @Req() request: IncomingMessage,
  ): Promise<Readonly<Record<string, unknown>>> {
    return communicationOfLetter(await this.edge.letter(id, 'Communication.read', principal, request));
  }

  @Get('DocumentReference/:id')
  @Roles(...READERS)
  @Header('Content-Type', FHIR_JSON_UTF8)
  async documentReference(
    @Param('id') id: string,
    @CurrentPrincipal() principal: Principal,
    @Req() request: IncomingMessage,
  ): Promise<Readonly<Record<string, unknown>>> {
    return documentReferenceOfLetter(
      await this.edge.letter(id, 'DocumentReference.read', principal, request),
    );
  }

  /** The bytes with their stored content type; a FHIR Binary when `Accept: application/fhir+json`. */
  @Get('Binary/:id')
  @Roles(...READERS)
  async binary(
    @Param('id') id: string,
    @CurrentPrincipal() principal: Principal,
    @Req() request: IncomingMessage,
    @Res() response: ServerResponse,
  ): Promise<void> {
    const { letter, content } = await this.edge.content(id, 'Binary.read', principal, request);
    if (!wantsFhirJson(request.headers.accept)) {
      sendLetterContent(response, letter.letterId, content);
      return;
    }
    response.statusCode = 200;
    response.setHeader('Content-Type', FHIR_JSON_UTF8);
    response.end(JSON.stringify(binaryOfLetter(letter.letterId, content)));
  }
}
