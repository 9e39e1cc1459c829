import type { LocalRecordFixture } from '../identity-data/generate-population';

const NHS_NUMBER_SYSTEM = 'https://fhir.nhs.uk/Id/nhs-number';
const ODS_SYSTEM = 'https://fhir.nhs.uk/Id/ods-organization-code';

/**
 * A synthetic partner record as the FHIR R4 Patient its organisation would send to the gateway,
 * naming the person's GP practice (by ODS code, as PDS gives it) when they have one.
 */
export function fhirPatientOf(record: LocalRecordFixture, gpPractice?: string): Record<string, unknown> {
  const { demographics, identifier } = record;
  return {
    resourceType: 'Patient',
    identifier: [
      { system: identifier.system, value: identifier.value },
      ...(demographics.nhsNumber ? [{ system: NHS_NUMBER_SYSTEM, value: demographics.nhsNumber }] : []),
    ],
    name: demographics.names.map((name) => ({
      ...(name.use ? { use: name.use } : {}),
      family: name.family,
      given: [...name.given],
    })),
    gender: demographics.gender,
    birthDate: demographics.birthDate,
    address: demographics.addresses.map((address) => ({
      line: [...address.lines],
      ...(address.city ? { city: address.city } : {}),
      ...(address.postcode ? { postalCode: address.postcode } : {}),
    })),
    telecom: demographics.telecom.map((contact) => ({ system: contact.system, value: contact.value })),
    ...(gpPractice === undefined
      ? {}
      : {
          generalPractitioner: [
            { type: 'Organization', identifier: { system: ODS_SYSTEM, value: gpPractice } },
          ],
        }),
  };
}
