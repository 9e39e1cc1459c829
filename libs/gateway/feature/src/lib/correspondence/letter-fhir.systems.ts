import type { LetterRecipientV1 } from '@ilinks/correspondence/contracts';

/** ODS organisation codes (`Organization.identifier`). */
export const ODS_ORGANISATION_SYSTEM = 'https://fhir.nhs.uk/Id/ods-organization-code';
/** A team of an organisation: value `<ODS>/<team>` (`CareTeam.identifier`). */
export const TEAM_SYSTEM = 'https://fhir.ilinks.dev/Id/team';
/** A practitioner of an organisation: value `<ODS>/<user id>` (`PractitionerRole.identifier`). */
export const PRACTITIONER_SYSTEM = 'https://fhir.ilinks.dev/Id/practitioner';
/** Our letter kinds as a CodeSystem (`Communication.category`, `DocumentReference.category`). */
export const LETTER_KIND_SYSTEM = 'https://fhir.ilinks.dev/CodeSystem/letter-kind';
/** The attachment's SHA-256 (lower-case hex): FHIR's own `Attachment.hash` is SHA-1. */
export const ATTACHMENT_SHA256_EXTENSION = 'https://fhir.ilinks.dev/StructureDefinition/attachment-sha256';
export const LOINC_SYSTEM = 'http://loinc.org';

const ODS_CODE = /^[A-Z0-9]{3,10}$/;
const TEAM = /^\S{1,128}$/;
const PRACTITIONER = /^\S{1,256}$/;

/** The FHIR resource type a recipient reference names, by identifier system. */
const RECIPIENT_TYPES = {
  [ODS_ORGANISATION_SYSTEM]: 'Organization',
  [TEAM_SYSTEM]: 'CareTeam',
  [PRACTITIONER_SYSTEM]: 'PractitionerRole',
} as const;
export type RecipientSystem = keyof typeof RECIPIENT_TYPES;

export function isRecipientSystem(system: string): system is RecipientSystem {
  return Object.prototype.hasOwnProperty.call(RECIPIENT_TYPES, system);
}

/** `Organization`, `CareTeam` or `PractitionerRole`: the reference type that goes with `system`. */
export function recipientTypeOf(system: RecipientSystem): string {
  return RECIPIENT_TYPES[system];
}

export function isOdsCode(value: string): boolean {
  return ODS_CODE.test(value);
}

/**
 * The recipient an identifier names, or the reason it names none (a message about the value,
 * never quoting it).
 */
export function recipientOfIdentifier(
  system: RecipientSystem,
  value: string,
): LetterRecipientV1 | { readonly problem: string } {
  if (system === ODS_ORGANISATION_SYSTEM) {
    return isOdsCode(value) ? { organisation: value } : { problem: 'must be an ODS organisation code' };
  }
  const slash = value.indexOf('/');
  const organisation = slash < 0 ? '' : value.slice(0, slash);
  const rest = slash < 0 ? '' : value.slice(slash + 1);
  const what = system === TEAM_SYSTEM ? 'team' : 'user id';
  if (!isOdsCode(organisation)) return { problem: `must be <ODS code>/<${what}>: the ODS code is not one` };
  if (system === TEAM_SYSTEM) {
    return TEAM.test(rest) ? { organisation, team: rest } : { problem: 'must be <ODS code>/<team>' };
  }
  return PRACTITIONER.test(rest)
    ? { organisation, practitioner: rest }
    : { problem: 'must be <ODS code>/<user id>' };
}

/** The FHIR reference (by identifier) of a recipient: the most specific of practitioner, team, organisation. */
export function referenceOfRecipient(recipient: LetterRecipientV1): {
  readonly type: string;
  readonly identifier: { readonly system: string; readonly value: string };
} {
  if (recipient.practitioner !== undefined) {
    return {
      type: 'PractitionerRole',
      identifier: {
        system: PRACTITIONER_SYSTEM,
        value: `${recipient.organisation}/${recipient.practitioner}`,
      },
    };
  }
  if (recipient.team !== undefined) {
    return {
      type: 'CareTeam',
      identifier: { system: TEAM_SYSTEM, value: `${recipient.organisation}/${recipient.team}` },
    };
  }
  return {
    type: 'Organization',
    identifier: { system: ODS_ORGANISATION_SYSTEM, value: recipient.organisation },
  };
}
