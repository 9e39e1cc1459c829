import type { ConsentItemV1, ConsentListV1, RecordedByV1 } from '@ilinks/consent/contracts';
import { ODS_ORGANISATION_SYSTEM } from '../patient/person.fhir';
import {
  CARER_PURPOSE,
  CARER_ROLE,
  CONSENT_POLICY,
  CONSENT_SCOPE_PATIENT_PRIVACY,
  CONSENT_SCOPE_SYSTEM,
  CUSTODIAN_ROLE,
  LOINC_PATIENT_CONSENT,
  LOINC_SYSTEM,
  PERFORMER_TYPE_OF,
  RECORD_PART_SYSTEM,
  SENSITIVE_CATEGORY_SYSTEM,
  USER_IDENTIFIER_SYSTEM,
  V3_ACT_CODE_SYSTEM,
  V3_SENSITIVITY_OF,
  isSensitiveCategory,
} from './consent.codes';
import type {
  FhirCoding,
  FhirConsent,
  FhirConsentProvision,
  FhirConsentSearchset,
  FhirIdentifierReference,
} from './fhir-consent.resource';

/**
 * One consent item of the consent service as a FHIR R4 `Consent`:
 * - an objection is a `deny` provision (no sharing) with a nested `permit` for the recording
 *   organisation as custodian, since the person's data stays visible inside it;
 * - a category agreement is a `permit` provision whose `securityLabel` names the category (our code,
 *   and the HL7 v3 sensitivity code where one is equivalent);
 * - a proxy delegation is a `permit` provision for the carer (`actor`, role v3 `DELEGATEE`, by
 *   user identifier), `period` from grant to end, the parts granted as `code`, purpose `FAMRQT`.
 *
 * @throws Error when the item lacks what its kind needs (the consent service broke its contract).
 */
export function fhirConsentFromItem(item: ConsentItemV1): FhirConsent {
  return {
    resourceType: 'Consent',
    id: item.consentId,
    meta: { lastUpdated: item.withdrawnAt ?? item.recordedAt },
    status: item.status,
    scope: { coding: [{ system: CONSENT_SCOPE_SYSTEM, code: CONSENT_SCOPE_PATIENT_PRIVACY }] },
    category: [{ coding: [{ system: LOINC_SYSTEM, code: LOINC_PATIENT_CONSENT }] }],
    patient: { reference: `Patient/${item.personId}` },
    dateTime: item.recordedAt,
    performer: [performerOf(item.recordedBy)],
    organization: [organisationReference(item.recordedBy.organisation)],
    policy: [{ uri: CONSENT_POLICY[item.kind] }],
    provision: provisionOf(item),
  };
}

/** The consents found, as a `searchset` Bundle with its self link. */
export function consentSearchset(
  items: ConsentListV1['items'],
  baseUrl: string,
  selfUrl: string,
): FhirConsentSearchset {
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    total: items.length,
    link: [{ relation: 'self', url: selfUrl }],
    entry: items.map((item) => ({
      fullUrl: `${baseUrl}/Consent/${item.consentId}`,
      resource: fhirConsentFromItem(item),
      search: { mode: 'match' },
    })),
  };
}

/** The security labels that name a sensitive category: ours, then the v3 equivalent if any. */
export function securityLabelsOf(category: string): FhirCoding[] {
  const ours: FhirCoding = { system: SENSITIVE_CATEGORY_SYSTEM, code: category };
  const v3 = isSensitiveCategory(category) ? V3_SENSITIVITY_OF[category] : undefined;
  return v3 ? [ours, { system: V3_ACT_CODE_SYSTEM, ...v3 }] : [ours];
}

function performerOf(recordedBy: RecordedByV1): FhirIdentifierReference {
  // A partner system acts as its organisation: the organisation is who recorded it.
  if (recordedBy.role === 'system') return organisationReference(recordedBy.organisation);
  return {
    type: PERFORMER_TYPE_OF[recordedBy.role],
    identifier: { system: USER_IDENTIFIER_SYSTEM, value: recordedBy.subject },
  };
}

function organisationReference(odsCode: string): FhirIdentifierReference {
  return { type: 'Organization', identifier: { system: ODS_ORGANISATION_SYSTEM, value: odsCode } };
}

function provisionOf(item: ConsentItemV1): FhirConsentProvision {
  switch (item.kind) {
    case 'objection':
      return {
        type: 'deny',
        provision: [
          {
            type: 'permit',
            actor: [
              {
                role: { coding: [CUSTODIAN_ROLE] },
                reference: organisationReference(item.recordedBy.organisation),
              },
            ],
          },
        ],
      };
    case 'category-agreement':
      return { type: 'permit', securityLabel: securityLabelsOf(required(item.category, 'category')) };
    case 'delegation':
      return {
        type: 'permit',
        period: { start: item.recordedAt, end: required(item.until, 'until') },
        actor: [
          {
            role: { coding: [CARER_ROLE] },
            reference: {
              type: 'RelatedPerson',
              identifier: { system: USER_IDENTIFIER_SYSTEM, value: required(item.carer, 'carer') },
            },
          },
        ],
        purpose: [CARER_PURPOSE],
        code: required(item.parts, 'parts').map((part) => ({
          coding: [{ system: RECORD_PART_SYSTEM, code: part }],
        })),
      };
  }
}

function required<T>(value: T | undefined, field: string): T {
  if (value === undefined) throw new Error(`the consent service sent a consent item without its ${field}`);
  return value;
}
