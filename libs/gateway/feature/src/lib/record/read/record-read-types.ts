import type { RecordPart } from '@ilinks/consent/domain';

/** The FHIR resource types of the shared record that the gateway serves for reading. */
export const RECORD_READ_TYPES = [
  'AllergyIntolerance',
  'MedicationStatement',
  'Condition',
  'Procedure',
  'Observation',
  'Encounter',
  'Appointment',
  'CarePlan',
  'CareTeam',
  'PractitionerRole',
  'Flag',
] as const;
export type RecordReadType = (typeof RECORD_READ_TYPES)[number];

/** How a search on one type is read: which part it asks for, and where its tokens live. */
export interface RecordTypeSearchProfile {
  /**
   * The record part a search of this type asks for as a whole (the request-level label): a carer
   * without it delegated is refused. Each item is then sifted by its own part.
   */
  readonly part: RecordPart;
  /** The element the `category` parameter searches; the parameter is ignored when absent. */
  readonly categoryElement?: string;
  /** The element the `status` parameter searches; the parameter is ignored when absent. */
  readonly statusElement?: string;
}

/**
 * Per type: Condition and AllergyIntolerance have no `status`, so `status` searches their
 * `clinicalStatus`; Appointment, Encounter and PractitionerRole have no `category`.
 */
export const RECORD_TYPE_SEARCH_PROFILES: Readonly<Record<RecordReadType, RecordTypeSearchProfile>> = {
  AllergyIntolerance: { part: 'allergies', categoryElement: 'category', statusElement: 'clinicalStatus' },
  MedicationStatement: { part: 'medications', categoryElement: 'category', statusElement: 'status' },
  Condition: { part: 'problems', categoryElement: 'category', statusElement: 'clinicalStatus' },
  Procedure: { part: 'problems', categoryElement: 'category', statusElement: 'status' },
  Observation: { part: 'results', categoryElement: 'category', statusElement: 'status' },
  Encounter: { part: 'encounters', statusElement: 'status' },
  Appointment: { part: 'appointments', statusElement: 'status' },
  CarePlan: { part: 'care-plans', categoryElement: 'category', statusElement: 'status' },
  CareTeam: { part: 'care-team', categoryElement: 'category', statusElement: 'status' },
  PractitionerRole: { part: 'care-team' },
  Flag: { part: 'alerts', categoryElement: 'category', statusElement: 'status' },
};

export function isRecordReadType(value: string): value is RecordReadType {
  return (RECORD_READ_TYPES as readonly string[]).includes(value);
}
