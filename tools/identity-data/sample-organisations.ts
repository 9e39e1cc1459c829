import { OrganisationCode } from '@ilinks/shared/kernel';

export type OrganisationKind = 'acute-trust' | 'community-trust' | 'gp-practice' | 'council';
export type CatchmentArea = 'liverpool' | 'wirral' | 'merseyside';

/** A partner organisation that holds local records. Codes have the ODS shape but are samples. */
export interface SampleOrganisation {
  readonly code: OrganisationCode;
  readonly name: string;
  readonly kind: OrganisationKind;
  readonly area: CatchmentArea;
  /** The FHIR identifier system of the organisation's own patient (or person) id. */
  readonly identifierSystem: string;
  readonly identifierPrefix: string;
  /** How likely a person in the catchment area is to have a record there, relative to the others. */
  readonly weight: number;
}

const organisation = (
  code: string,
  name: string,
  kind: OrganisationKind,
  area: CatchmentArea,
  idKind: string,
  identifierPrefix: string,
  weight: number,
): SampleOrganisation => ({
  code: OrganisationCode(code),
  name,
  kind,
  area,
  identifierSystem: `https://fhir.${code.toLowerCase()}.example/Id/${idKind}`,
  identifierPrefix,
  weight,
});

/** Six sample partners across Liverpool and Wirral. */
export const SAMPLE_ORGANISATIONS: readonly SampleOrganisation[] = [
  organisation(
    'RXA',
    'Liverpool Sample Hospitals NHS Foundation Trust',
    'acute-trust',
    'liverpool',
    'mrn',
    'M',
    5,
  ),
  organisation('RXB', 'Wirral Sample Hospital NHS Trust', 'acute-trust', 'wirral', 'mrn', 'W', 5),
  organisation(
    'RXC',
    'Mersey Sample Community NHS Trust',
    'community-trust',
    'merseyside',
    'patient-id',
    'C',
    3,
  ),
  organisation(
    'N82901',
    'Sample Street Surgery, Liverpool',
    'gp-practice',
    'liverpool',
    'patient-id',
    'P',
    6,
  ),
  organisation('N85901', 'Sample Medical Centre, Wirral', 'gp-practice', 'wirral', 'patient-id', 'G', 6),
  organisation('LA001', 'Sample Metropolitan Borough Council', 'council', 'merseyside', 'person-id', 'S', 2),
];
