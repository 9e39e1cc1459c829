import type { Json } from './gateway-client';

// The codes a FHIR Consent is written with at the gateway (libs/gateway/feature consent.codes.ts).
const CONSENT_POLICY = 'https://fhir.ilinks.dev/consent-policy';
const USER_SYSTEM = 'https://fhir.ilinks.dev/Id/user';
const RECORD_PART_SYSTEM = 'https://fhir.ilinks.dev/CodeSystem/record-part';

function consent(personId: string, policy: string, provision: Json): Json {
  return {
    resourceType: 'Consent',
    status: 'active',
    scope: {
      coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'patient-privacy' }],
    },
    category: [{ coding: [{ system: 'http://loinc.org', code: '59284-0' }] }],
    patient: { reference: `Patient/${personId}` },
    policy: [{ uri: `${CONSENT_POLICY}/${policy}` }],
    provision,
  };
}

/** A person's objection to sharing, as a FHIR Consent to create. */
export function objectionConsent(personId: string): Json {
  return consent(personId, 'objection-to-sharing', { type: 'deny' });
}

/** Proxy access for the carer with user id `carer` to the named record parts, until `until`. */
export function delegationConsent(
  personId: string,
  carer: string,
  parts: readonly string[],
  until = '2099-01-01T00:00:00Z',
): Json {
  return consent(personId, 'proxy-access', {
    type: 'permit',
    period: { end: until },
    actor: [
      {
        role: {
          coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode', code: 'DELEGATEE' }],
        },
        reference: { identifier: { system: USER_SYSTEM, value: carer } },
      },
    ],
    code: parts.map((part) => ({ coding: [{ system: RECORD_PART_SYSTEM, code: part }] })),
  });
}

/** The Consent as read, withdrawn: what `PUT /fhir/Consent/:id` takes to withdraw or revoke it. */
export function withdrawn(consentAsRead: Json): Json {
  return { ...consentAsRead, status: 'inactive' };
}
