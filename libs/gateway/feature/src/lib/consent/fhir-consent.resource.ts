/**
 * The slice of the FHIR R4 `Consent` resource the gateway sends. Only what we emit is typed; what we
 * receive is read defensively from `unknown`.
 */

export interface FhirCoding {
  readonly system: string;
  readonly code: string;
  readonly display?: string;
}

export interface FhirCodeableConcept {
  readonly coding: readonly FhirCoding[];
}

/** A logical reference: by identifier, with the type of resource it would be. */
export interface FhirIdentifierReference {
  readonly type: string;
  readonly identifier: { readonly system: string; readonly value: string };
}

export interface FhirConsentActor {
  readonly role: FhirCodeableConcept;
  readonly reference: FhirIdentifierReference;
}

export interface FhirConsentProvision {
  readonly type: 'deny' | 'permit';
  readonly period?: { readonly start?: string; readonly end: string };
  readonly actor?: readonly FhirConsentActor[];
  readonly securityLabel?: readonly FhirCoding[];
  readonly purpose?: readonly FhirCoding[];
  readonly code?: readonly FhirCodeableConcept[];
  readonly provision?: readonly FhirConsentProvision[];
}

export interface FhirConsent {
  readonly resourceType: 'Consent';
  readonly id: string;
  readonly meta: { readonly lastUpdated: string };
  readonly status: 'active' | 'inactive';
  readonly scope: FhirCodeableConcept;
  readonly category: readonly FhirCodeableConcept[];
  readonly patient: { readonly reference: string };
  readonly dateTime: string;
  readonly performer: readonly FhirIdentifierReference[];
  readonly organization: readonly FhirIdentifierReference[];
  readonly policy: readonly { readonly uri: string }[];
  readonly provision: FhirConsentProvision;
}

export interface FhirConsentBundleEntry {
  readonly fullUrl: string;
  readonly resource: FhirConsent;
  readonly search: { readonly mode: 'match' };
}

/** A `searchset` Bundle of Consents. */
export interface FhirConsentSearchset {
  readonly resourceType: 'Bundle';
  readonly type: 'searchset';
  readonly total: number;
  readonly link: readonly { readonly relation: 'self'; readonly url: string }[];
  readonly entry: readonly FhirConsentBundleEntry[];
}
