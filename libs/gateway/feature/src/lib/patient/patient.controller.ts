import type { AccessPolicySettings } from '@ilinks/consent/domain';
import type { PersonViewV1 } from '@ilinks/identity-matching/contracts';
import { CurrentPrincipal, type Principal, Roles } from '@ilinks/platform/security';
import { ForbiddenError, NotFoundError } from '@ilinks/shared/kernel';
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
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { noteAccess, noteAuditFacts } from '../audit/request-audit';
import { ACCESS_POLICY_SETTINGS } from '../access/access-policy.config';
import { PERSON_NOT_FOUND } from '../access/consent-person-access';
import { ConsentClient } from '../access/consent.client';
import { PersonAccess } from '../access/person-access';
import {
  declaredReasonFromParameters,
  type FhirParameters,
  relationshipParameters,
} from './declare-relationship.mapping';
import { dateInEngland, registrationFromFhirPatient } from './fhir-patient.mapping';
import { FHIR_JSON_UTF8, type FhirPatient, type FhirSearchsetBundle } from './fhir-resources';
import { fhirBaseUrlOf, forwardedHeadersOf } from './forwarded-headers';
import { IdentityClient } from './identity.client';
import { matchBundle, matchRequestFromParameters } from './patient-match.mapping';
import { identifierFromSearchParameter, personSearchBundle } from './patient-search.mapping';
import { PATIENT_MODULE_SETTINGS, type PatientModuleSettings } from './patient.options';
import { fhirPatientFromPerson, linkOutcomeExtension } from './person.fhir';
import { DEMOGRAPHICS, recordHoldersOf, visiblePersonView } from './person-visibility';
import { registeredPracticeOf } from './registered-practice';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * FHIR R4 Patient at the edge: partners register their records (`POST`), and callers read the
 * enterprise person, find it by identifier, or `$match` demographics. Bodies are read and
 * validated here; the identity service decides who is who, and `PersonAccess` who may see whom:
 * a read the caller may not make is refused (403, or 404 for an individual or carer), a person a
 * search or `$match` finds that the caller may not see is left out, totals included.
 */
@Controller('fhir/Patient')
export class PatientController {
  constructor(
    private readonly identity: IdentityClient,
    private readonly access: PersonAccess,
    private readonly consent: ConsentClient,
    @Inject(PATIENT_MODULE_SETTINGS) private readonly settings: PatientModuleSettings,
    @Inject(ACCESS_POLICY_SETTINGS) private readonly policySettings: AccessPolicySettings,
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
    const practice = registeredPracticeOf(body);
    const registered = await this.identity.register(registration, headers);
    if (practice !== undefined) await this.recordRegisteredPractice(registered.personId, practice, request);
    // The registering organisation now holds a record, so it has a relationship even before the
    // consent service hears of it; the person's objection may still narrow what it is shown.
    const access = await this.access.authorize(request, principal, registered.personId, DEMOGRAPHICS, {
      recordHolders: [...recordHoldersOf(registered.person), principal.organisation],
    });
    const patient = fhirPatientFromPerson(visiblePersonView(registered.person, access.isVisible));
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
  async match(
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal,
    @Req() request: IncomingMessage,
  ): Promise<FhirSearchsetBundle> {
    const matchRequest = matchRequestFromParameters(body, this.today());
    const response = await this.identity.match(matchRequest, forwardedHeadersOf(request));
    const shown = await this.visiblePersons(
      request,
      principal,
      response.matches.map((match) => match.person),
    );
    const matches = response.matches.flatMap((match) => {
      const person = shown.get(match.person.personId);
      return person ? [{ ...match, person }] : [];
    });
    return matchBundle({ ...response, matches }, this.baseUrl(request));
  }

  /** `GET /fhir/Patient?identifier=system|value`. */
  @Get()
  @Roles('practitioner', 'system', 'ig-officer', 'admin')
  @Header('Content-Type', FHIR_JSON_UTF8)
  async search(
    @Query('identifier') identifier: unknown,
    @CurrentPrincipal() principal: Principal,
    @Req() request: IncomingMessage,
  ): Promise<FhirSearchsetBundle> {
    const parsed = identifierFromSearchParameter(identifier);
    const response = await this.identity.searchPersons(parsed, forwardedHeadersOf(request));
    const shown = await this.visiblePersons(request, principal, response.persons);
    return personSearchBundle({ persons: [...shown.values()] }, this.baseUrl(request));
  }

  /**
   * `GET /fhir/Patient/:id`: the enterprise person (a retired one says what replaced it, and is
   * shown to whoever may see the person that replaced it).
   */
  @Get(':id')
  @Roles('practitioner', 'system', 'individual', 'carer', 'ig-officer', 'admin')
  @Header('Content-Type', FHIR_JSON_UTF8)
  async read(
    @Param('id') id: string,
    @CurrentPrincipal() principal: Principal,
    @Req() request: IncomingMessage,
  ): Promise<FhirPatient> {
    const person = await this.knownPerson(id, request);
    const governing = await this.governingPerson(person, request);
    if (governing !== person) noteAccess(request, person.personId);
    const access = await this.access.authorize(request, principal, governing.personId, DEMOGRAPHICS, {
      recordHolders: recordHoldersOf(governing),
    });
    return fhirPatientFromPerson(visiblePersonView(person, access.isVisible));
  }

  /**
   * `POST /fhir/Patient/:id/$declare-relationship`: a practitioner declares that their organisation
   * is caring for the person, with a reason (Parameters `reason`); audited and reported for review.
   * 403 when the region does not allow it.
   */
  @Post(':id/$declare-relationship')
  @Roles('practitioner')
  @HttpCode(200)
  @Header('Content-Type', FHIR_JSON_UTF8)
  async declareRelationship(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal,
    @Req() request: IncomingMessage,
  ): Promise<FhirParameters> {
    if (!this.policySettings.selfDeclaredRelationshipsAllowed)
      throw new ForbiddenError(
        'this region does not allow practitioners to declare a care relationship themselves',
      );
    const reason = declaredReasonFromParameters(body);
    const headers = forwardedHeadersOf(request);
    const person = await this.governingPerson(await this.knownPerson(id, request), request);
    const relationship = await this.consent.startRelationship(
      person.personId,
      {
        organisation: principal.organisation,
        kind: 'self-declared',
        declaredBy: principal.subject,
        reason,
      },
      { ...headers, idempotencyKey: headers.idempotencyKey ?? randomUUID() },
    );
    noteAccess(request, person.personId);
    noteAuditFacts(request, {
      operation: 'Patient.declare-relationship',
      purposeOfUse: 'direct-care',
      basis: 'self-declared-relationship',
      outcome: 'permitted',
    });
    return relationshipParameters(relationship);
  }

  /**
   * The practice a partner names as the person's GP becomes their `registered-practice` care
   * relationship (results are routed there; its clinicians have a legitimate relationship). The
   * key is the person and the practice: registering again records nothing new.
   */
  private async recordRegisteredPractice(
    personId: string,
    practice: string,
    request: IncomingMessage,
  ): Promise<void> {
    const { traceparent } = forwardedHeadersOf(request);
    await this.consent.startRelationship(
      personId,
      { organisation: practice, kind: 'registered-practice' },
      {
        ...(traceparent === undefined ? {} : { traceparent }),
        idempotencyKey: `registered-practice:${personId}:${practice}`,
      },
    );
  }

  /** The person with this id; an id that is not ours or not known gets the one not-found answer. */
  private async knownPerson(id: string, request: IncomingMessage): Promise<PersonViewV1> {
    // Our ids are UUIDs: anything else cannot exist, and is not worth a call.
    if (!UUID.test(id)) throw new NotFoundError(PERSON_NOT_FOUND);
    try {
      return await this.identity.getPerson(id.toLowerCase(), forwardedHeadersOf(request));
    } catch (error) {
      // The same words as a refusal to an individual or carer: existence is not revealed.
      if (error instanceof NotFoundError) throw new NotFoundError(PERSON_NOT_FOUND);
      throw error;
    }
  }

  /** Whose access rules apply: a retired (merged) person's are those of the person it became. */
  private async governingPerson(person: PersonViewV1, request: IncomingMessage): Promise<PersonViewV1> {
    if (person.status !== 'retired' || person.mergedInto === undefined) return person;
    return this.knownPerson(person.mergedInto, request);
  }

  /** The persons the caller may see, as they may see them, in the order found. */
  private async visiblePersons(
    request: IncomingMessage,
    principal: Principal,
    persons: readonly PersonViewV1[],
  ): Promise<Map<string, PersonViewV1>> {
    const permitted = await this.access.sift(
      request,
      principal,
      persons.map((person) => ({ personId: person.personId, recordHolders: recordHoldersOf(person) })),
      DEMOGRAPHICS,
    );
    const shown = new Map<string, PersonViewV1>();
    for (const person of persons) {
      const access = permitted.get(person.personId);
      if (access) shown.set(person.personId, visiblePersonView(person, access.isVisible));
    }
    return shown;
  }

  private today(): string {
    return dateInEngland(this.settings.clock.now());
  }

  private baseUrl(request: IncomingMessage): string {
    return fhirBaseUrlOf(request, this.settings.baseUrl);
  }
}
