import type {
  AddressV1,
  ContactPointV1,
  LinkOutcomeV1,
  PersonNameV1,
  PersonViewV1,
  SourcedValueV1,
} from '@ilinks/identity-matching/contracts';
import { NHS_NUMBER_SYSTEM } from './fhir-patient.mapping';
import type {
  FhirAddress,
  FhirContactPoint,
  FhirExtension,
  FhirHumanName,
  FhirIdentifier,
  FhirPatient,
  FhirPatientLink,
} from './fhir-resources';

/** The identifier system of ODS organisation codes. */
export const ODS_ORGANISATION_SYSTEM = 'https://fhir.nhs.uk/Id/ods-organization-code';

const STRUCTURE_DEFINITIONS = 'https://fhir.ilinks.dev/StructureDefinition';

/** Extension: the organisation (ODS code, as `valueIdentifier`) a golden value was taken from. */
export const SOURCE_ORGANISATION_EXTENSION = `${STRUCTURE_DEFINITIONS}/source-organisation`;
/** Extension: the local record (its id, as `valueString`) a golden value was taken from. */
export const SOURCE_LOCAL_RECORD_EXTENSION = `${STRUCTURE_DEFINITIONS}/source-local-record`;
/** Complex extension: what registering the record did to its link (`outcome`, `method`, `score`, `grade`, `reviewId`). */
export const LINK_OUTCOME_EXTENSION = `${STRUCTURE_DEFINITIONS}/link-outcome`;

/**
 * The enterprise person as a FHIR R4 Patient: the golden values, each saying where it came from,
 * every partner identifier linked to it (with its assigning organisation), and the merge history
 * as `link` (`replaced-by` for a retired person, `replaces` for each merge still in force).
 */
export function fhirPatientFromPerson(person: PersonViewV1): FhirPatient {
  const { golden } = person;
  const link = patientLinks(person);
  return {
    resourceType: 'Patient',
    id: person.personId,
    meta: { lastUpdated: person.updatedAt },
    identifier: [
      ...(golden.nhsNumber
        ? [
            {
              extension: sourceExtensions(golden.nhsNumber),
              system: NHS_NUMBER_SYSTEM,
              value: golden.nhsNumber.value,
            },
          ]
        : []),
      ...person.localRecords.map(
        (record): FhirIdentifier => ({
          system: record.identifier.system,
          value: record.identifier.value,
          assigner: { identifier: odsIdentifier(record.organisation) },
        }),
      ),
    ],
    active: person.status === 'active',
    ...(golden.name ? { name: [fhirName(golden.name)] } : {}),
    ...(golden.telecom && golden.telecom.value.length > 0 ? { telecom: fhirTelecom(golden.telecom) } : {}),
    ...(golden.gender
      ? { gender: golden.gender.value, _gender: { extension: sourceExtensions(golden.gender) } }
      : {}),
    ...(golden.birthDate
      ? { birthDate: golden.birthDate.value, _birthDate: { extension: sourceExtensions(golden.birthDate) } }
      : {}),
    ...(golden.address ? { address: [fhirAddress(golden.address)] } : {}),
    ...(link.length > 0 ? { link } : {}),
  };
}

/** The complex extension put on the Patient answered to `POST /fhir/Patient`. */
export function linkOutcomeExtension(link: LinkOutcomeV1): FhirExtension {
  return {
    url: LINK_OUTCOME_EXTENSION,
    extension: [
      { url: 'outcome', valueCode: link.outcome },
      ...(link.method === undefined ? [] : [{ url: 'method', valueCode: link.method }]),
      ...(link.score === undefined ? [] : [{ url: 'score', valueDecimal: link.score }]),
      ...(link.grade === undefined ? [] : [{ url: 'grade', valueCode: link.grade }]),
      ...(link.reviewId === undefined ? [] : [{ url: 'reviewId', valueString: link.reviewId }]),
    ],
  };
}

/** Where a golden value came from, as the two source extensions. */
export function sourceExtensions(source: SourcedValueV1<unknown>): FhirExtension[] {
  return [
    { url: SOURCE_ORGANISATION_EXTENSION, valueIdentifier: odsIdentifier(source.organisation) },
    { url: SOURCE_LOCAL_RECORD_EXTENSION, valueString: source.localRecordId },
  ];
}

function odsIdentifier(organisation: string): { system: string; value: string } {
  return { system: ODS_ORGANISATION_SYSTEM, value: organisation };
}

function fhirName(name: SourcedValueV1<PersonNameV1>): FhirHumanName {
  return {
    extension: sourceExtensions(name),
    ...(name.value.use ? { use: name.value.use } : {}),
    family: name.value.family,
    ...(name.value.given.length > 0 ? { given: [...name.value.given] } : {}),
  };
}

function fhirAddress(address: SourcedValueV1<AddressV1>): FhirAddress {
  return {
    extension: sourceExtensions(address),
    ...(address.value.lines.length > 0 ? { line: [...address.value.lines] } : {}),
    ...(address.value.city === undefined ? {} : { city: address.value.city }),
    ...(address.value.postcode === undefined ? {} : { postalCode: address.value.postcode }),
  };
}

function fhirTelecom(telecom: SourcedValueV1<readonly ContactPointV1[]>): FhirContactPoint[] {
  return telecom.value.map((contact) => ({
    extension: sourceExtensions(telecom),
    system: contact.system,
    value: contact.value,
  }));
}

function patientLinks(person: PersonViewV1): FhirPatientLink[] {
  if (person.status === 'retired')
    return person.mergedInto
      ? [{ other: { reference: `Patient/${person.mergedInto}` }, type: 'replaced-by' }]
      : [];
  return person.merges
    .filter((merge) => !merge.undone)
    .map((merge) => ({ other: { reference: `Patient/${merge.mergedPersonId}` }, type: 'replaces' }));
}
