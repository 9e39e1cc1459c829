/**
 * The slices of FHIR R4 resources the Patient endpoints send. Only what we emit is typed; what we
 * receive is read defensively from `unknown`.
 */

export interface FhirIdentifierValue {
  readonly system: string;
  readonly value: string;
}

export interface FhirExtension {
  readonly url: string;
  readonly valueCode?: string;
  readonly valueString?: string;
  readonly valueDecimal?: number;
  readonly valueIdentifier?: FhirIdentifierValue;
  readonly extension?: readonly FhirExtension[];
}

export interface FhirIdentifier extends FhirIdentifierValue {
  readonly extension?: readonly FhirExtension[];
  readonly assigner?: { readonly identifier: FhirIdentifierValue };
}

export interface FhirHumanName {
  readonly extension?: readonly FhirExtension[];
  readonly use?: string;
  readonly family: string;
  readonly given?: readonly string[];
}

export interface FhirAddress {
  readonly extension?: readonly FhirExtension[];
  readonly line?: readonly string[];
  readonly city?: string;
  readonly postalCode?: string;
}

export interface FhirContactPoint {
  readonly extension?: readonly FhirExtension[];
  readonly system: 'phone' | 'email';
  readonly value: string;
}

/** Extensions on a primitive element travel in its `_element` sibling. */
export interface FhirPrimitiveExtensions {
  readonly extension: readonly FhirExtension[];
}

export interface FhirPatientLink {
  readonly other: { readonly reference: string };
  readonly type: 'replaced-by' | 'replaces' | 'refer' | 'seealso';
}

export interface FhirPatient {
  readonly resourceType: 'Patient';
  readonly id: string;
  readonly meta: { readonly lastUpdated: string };
  readonly extension?: readonly FhirExtension[];
  readonly identifier: readonly FhirIdentifier[];
  readonly active: boolean;
  readonly name?: readonly FhirHumanName[];
  readonly telecom?: readonly FhirContactPoint[];
  readonly gender?: string;
  readonly _gender?: FhirPrimitiveExtensions;
  readonly birthDate?: string;
  readonly _birthDate?: FhirPrimitiveExtensions;
  readonly address?: readonly FhirAddress[];
  readonly link?: readonly FhirPatientLink[];
}

export interface FhirBundleEntry {
  readonly fullUrl: string;
  readonly resource: FhirPatient;
  readonly search: {
    readonly mode: 'match';
    readonly score?: number;
    readonly extension?: readonly FhirExtension[];
  };
}

/** A `searchset` Bundle of Patients. */
export interface FhirSearchsetBundle {
  readonly resourceType: 'Bundle';
  readonly type: 'searchset';
  readonly total: number;
  readonly entry: readonly FhirBundleEntry[];
}

/** The FHIR JSON media type the Patient endpoints answer with. */
export const FHIR_JSON_UTF8 = 'application/fhir+json; charset=utf-8';
