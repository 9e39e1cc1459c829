import { CurrentPrincipal, type Principal, Roles } from '@ilinks/platform/security';
import { NotFoundError } from '@ilinks/shared/kernel';
import {
  Body,
  Controller,
  Get,
  Header,
  HttpCode,
  Inject,
  Param,
  Post,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dateInEngland, registrationFromFhirPatient } from './fhir-patient.mapping';
import { FHIR_JSON_UTF8, type FhirPatient, type FhirSearchsetBundle } from './fhir-resources';
import { fhirBaseUrlOf, forwardedHeadersOf } from './forwarded-headers';
import { IdentityClient } from './identity.client';
import { matchBundle, matchRequestFromParameters } from './patient-match.mapping';
import { identifierFromSearchParameter, personSearchBundle } from './patient-search.mapping';
import { PATIENT_MODULE_SETTINGS, type PatientModuleSettings } from './patient.options';
import { fhirPatientFromPerson, linkOutcomeExtension } from './person.fhir';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * FHIR R4 Patient at the edge: partners register their records (`POST`), and callers read the
 * enterprise person, find it by identifier, or `$match` demographics. Bodies are read and
 * validated here; the identity service decides.
 */
@Controller('fhir/Patient')
export class PatientController {
  constructor(
    private readonly identity: IdentityClient,
    @Inject(PATIENT_MODULE_SETTINGS) private readonly settings: PatientModuleSettings,
  ) {}

  /**
   * `POST /fhir/Patient`: registers (or updates) the caller organisation's record. 201 with
   * `Location` for a new record, 200 otherwise; the body is the person it is linked to, with the
   * link-outcome extension.
   */
  @Post()
  @Roles('system')
  async create(
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal,
    @Req() request: IncomingMessage,
    @Res() response: ServerResponse,
  ): Promise<void> {
    const headers = forwardedHeadersOf(request);
    const registration = registrationFromFhirPatient(body, principal.organisation, this.today());
    const registered = await this.identity.register(registration, headers);
    const patient = fhirPatientFromPerson(registered.person);
    const answer: FhirPatient = {
      ...patient,
      extension: [...(patient.extension ?? []), linkOutcomeExtension(registered.link)],
    };
    if (registered.record === 'registered') {
      response.statusCode = 201;
      response.setHeader('Location', `${this.baseUrl(request)}/Patient/${registered.personId}`);
    } else {
      response.statusCode = 200;
    }
    response.setHeader('Content-Type', FHIR_JSON_UTF8);
    response.end(JSON.stringify(answer));
  }

  /** `POST /fhir/Patient/$match`: the persons most likely to be the one described. */
  @Post('$match')
  @Roles('system', 'practitioner')
  @HttpCode(200)
  @Header('Content-Type', FHIR_JSON_UTF8)
  async match(@Body() body: unknown, @Req() request: IncomingMessage): Promise<FhirSearchsetBundle> {
    const matchRequest = matchRequestFromParameters(body, this.today());
    const response = await this.identity.match(matchRequest, forwardedHeadersOf(request));
    return matchBundle(response, this.baseUrl(request));
  }

  /** `GET /fhir/Patient?identifier=system|value`. */
  @Get()
  @Roles('practitioner', 'system', 'ig-officer', 'admin')
  @Header('Content-Type', FHIR_JSON_UTF8)
  async search(
    @Query('identifier') identifier: unknown,
    @Req() request: IncomingMessage,
  ): Promise<FhirSearchsetBundle> {
    const parsed = identifierFromSearchParameter(identifier);
    const response = await this.identity.searchPersons(parsed, forwardedHeadersOf(request));
    return personSearchBundle(response, this.baseUrl(request));
  }

  /** `GET /fhir/Patient/:id`: the enterprise person (a retired one says what replaced it). */
  @Get(':id')
  @Roles('practitioner', 'system', 'ig-officer', 'admin')
  @Header('Content-Type', FHIR_JSON_UTF8)
  async read(@Param('id') id: string, @Req() request: IncomingMessage): Promise<FhirPatient> {
    // Our ids are UUIDs: anything else cannot exist, and is not worth a call.
    if (!UUID.test(id)) throw new NotFoundError('no Patient with this id');
    return fhirPatientFromPerson(
      await this.identity.getPerson(id.toLowerCase(), forwardedHeadersOf(request)),
    );
  }

  private today(): string {
    return dateInEngland(this.settings.clock.now());
  }

  private baseUrl(request: IncomingMessage): string {
    return fhirBaseUrlOf(request, this.settings.baseUrl);
  }
}
