import { IDENTITY_NHS_NUMBER_SYSTEM } from '@ilinks/identity-matching/contracts';
import {
  LOINC_SYSTEM,
  ODS_ORGANISATION_SYSTEM,
  PRACTITIONER_SYSTEM,
  TEAM_SYSTEM,
} from './letter-fhir.systems';

/** The hospital's own patient identifier system, as in `personView()`. */
export const RBS_PAS = 'https://fhir.rbs.example/Id/pas-number';
/** A minimal PDF, base64. */
export const PDF_BASE64 = Buffer.from('%PDF-1.4\n%discharge\n').toString('base64');

/** A discharge summary from RBS to a GP practice, a community team and a practitioner (for specs). */
export function dischargeCommunication(changes: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    resourceType: 'Communication',
    status: 'completed',
    contained: [
      {
        resourceType: 'DocumentReference',
        id: 'doc',
        masterIdentifier: { system: 'https://fhir.rbs.example/Id/document', value: 'DS-2026-0001' },
        status: 'current',
        type: { coding: [{ system: LOINC_SYSTEM, code: '18842-5', display: 'Discharge summary' }] },
        author: [{ display: 'Dr A Khan, Cardiology' }],
        description: 'Discharge summary: cardiology ward',
        content: [
          { attachment: { contentType: 'application/pdf', data: PDF_BASE64, title: 'discharge.pdf' } },
        ],
      },
    ],
    subject: { identifier: { system: RBS_PAS, value: 'RBS0012345' } },
    recipient: [
      { type: 'Organization', identifier: { system: ODS_ORGANISATION_SYSTEM, value: 'Y12345' } },
      { type: 'CareTeam', identifier: { system: TEAM_SYSTEM, value: 'RY8/district-nursing' } },
      { type: 'PractitionerRole', identifier: { system: PRACTITIONER_SYSTEM, value: 'Y12345/gp-7' } },
    ],
    note: [{ text: 'Please review the medication changes.' }],
    payload: [{ contentReference: { reference: '#doc' } }],
    ...changes,
  };
}

/** The same letter naming the patient by NHS number. */
export const BY_NHS_NUMBER = { identifier: { system: IDENTITY_NHS_NUMBER_SYSTEM, value: '943 476 5919' } };
