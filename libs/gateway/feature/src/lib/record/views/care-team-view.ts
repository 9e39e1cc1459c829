import type { RecordEntryV1 } from '@ilinks/record-projection/contracts';
import type { JsonObject } from '../../patient/fhir-json';
import { ODS_ORGANISATION_SYSTEM } from '../../patient/person.fhir';
import {
  type ParticipantActor,
  conceptText,
  identifierOf,
  participantActorsOf,
} from './appointment-participants';
import {
  type DerivedView,
  type ViewSource,
  clinicalDateOf,
  isCurrent,
  newestFirst,
  objectAt,
  objectsAt,
  referenceOf,
  sourceOf,
  statusCodeAt,
  textAt,
} from './view-item';

/** A way to reach someone, as FHIR ContactPoint has it. */
export interface Telecom {
  readonly system?: string;
  readonly value: string;
  readonly use?: string;
}

/** One professional or service involved in the person's care, however many entries name them. */
export interface CareTeamMember {
  readonly kind: 'practitioner' | 'service';
  readonly name?: string;
  readonly identifier?: ParticipantActor['identifier'];
  readonly roles: readonly string[];
  /** ODS code of their organisation: the one named beside them, else the one that recorded the entry. */
  readonly organisation: string;
  readonly organisationName?: string;
  readonly telecom: readonly Telecom[];
  /** The latest clinical date of any visible entry that names them. */
  readonly lastInvolved: string;
  /** Every visible entry that names them, newest first. */
  readonly references: readonly string[];
  /** The source of the newest of those entries. */
  readonly source: ViewSource;
}

/** The resource types that name the people and services involved. */
export const CARE_TEAM_TYPES: readonly string[] = [
  'CareTeam',
  'PractitionerRole',
  'Encounter',
  'Appointment',
];

/** Someone one entry names, before the entries are merged. */
export interface Involvement {
  readonly kind: CareTeamMember['kind'];
  readonly name?: string;
  readonly identifier?: ParticipantActor['identifier'];
  readonly role?: string;
  readonly organisation: string;
  readonly organisationName?: string;
  readonly telecom: readonly Telecom[];
}

/** Everyone one entry names as involved (never the patient, a location or a nameless actor). */
export function involvementsOf(entry: RecordEntryV1): Involvement[] {
  if (!isCurrent(entry)) return [];
  const found = ((): Involvement[] => {
    switch (entry.resourceType) {
      case 'CareTeam':
        return careTeamParticipants(entry);
      case 'PractitionerRole':
        return practitionerRoleOf(entry);
      case 'Encounter':
        return [...actorInvolvements(entry), ...serviceProviderOf(entry)];
      case 'Appointment':
        return actorInvolvements(entry);
      default:
        return [];
    }
  })();
  return found.filter((involved) => involved.name !== undefined || involved.identifier !== undefined);
}

/**
 * The keys under which an involvement is the same member as another: its identifier, and its name
 * (ignoring case and spacing) at its organisation. Sharing either key makes two the same member.
 */
export function memberKeysOf(involved: Involvement): string[] {
  const name = involved.name?.trim().replace(/\s+/g, ' ').toLowerCase();
  return [
    ...(involved.identifier === undefined
      ? []
      : [`id:${involved.identifier.system ?? ''}|${involved.identifier.value}`]),
    ...(name === undefined || name === '' ? [] : [`name:${name}|${involved.organisation}`]),
  ];
}

/** The care team from the visible entries: deduplicated, most recently involved first. */
export function careTeamOf(visible: readonly RecordEntryV1[]): DerivedView<CareTeamMember[]> {
  const members: CareTeamMember[] = [];
  const indexByKey = new Map<string, number>();
  const returned: RecordEntryV1[] = [];
  for (const entry of [...visible].sort(newestFirst)) {
    const involved = involvementsOf(entry);
    if (involved.length > 0) returned.push(entry);
    for (const one of involved) {
      const keys = memberKeysOf(one);
      const known = keys.map((key) => indexByKey.get(key)).find((index) => index !== undefined);
      const index = known ?? members.length;
      members[index] = merged(members[index], one, entry);
      for (const key of keys) if (!indexByKey.has(key)) indexByKey.set(key, index);
    }
  }
  const view = members.sort((a, b) => Date.parse(b.lastInvolved) - Date.parse(a.lastInvolved));
  return { view, returned };
}

/** Entries arrive newest first: the first sets the source and date, later ones only add to lists. */
function merged(
  member: CareTeamMember | undefined,
  involved: Involvement,
  entry: RecordEntryV1,
): CareTeamMember {
  const reference = referenceOf(entry);
  if (member === undefined) {
    const { role, ...rest } = involved;
    return {
      ...rest,
      roles: role === undefined ? [] : [role],
      lastInvolved: clinicalDateOf(entry),
      references: [reference],
      source: sourceOf(entry),
    };
  }
  return {
    ...member,
    ...(member.name === undefined && involved.name !== undefined ? { name: involved.name } : {}),
    ...(member.identifier === undefined && involved.identifier !== undefined
      ? { identifier: involved.identifier }
      : {}),
    roles: unique([...member.roles, ...(involved.role === undefined ? [] : [involved.role])]),
    telecom: uniqueTelecom([...member.telecom, ...involved.telecom]),
    references: member.references.includes(reference) ? member.references : [...member.references, reference],
  };
}

function careTeamParticipants(entry: RecordEntryV1): Involvement[] {
  return objectsAt(entry.resource, 'participant').flatMap((participant) => {
    const member = objectAt(participant, 'member');
    if (member === undefined) return [];
    const role = conceptText(participant['role']);
    return [
      {
        ...referenced(member),
        kind: kindOfReference(member),
        ...(role === undefined ? {} : { role }),
        ...organisationOf(objectAt(participant, 'onBehalfOf'), entry),
        telecom: [],
      },
    ];
  });
}

function practitionerRoleOf(entry: RecordEntryV1): Involvement[] {
  const resource = entry.resource;
  if (resource['active'] === false) return [];
  const practitioner = objectAt(resource, 'practitioner');
  const role = conceptText(resource['code']) ?? firstCode(resource['code']);
  return [
    {
      ...(practitioner === undefined ? {} : referenced(practitioner)),
      kind: 'practitioner',
      ...(role === undefined ? {} : { role }),
      ...organisationOf(objectAt(resource, 'organization'), entry),
      telecom: telecomOf(resource),
    },
  ];
}

function actorInvolvements(entry: RecordEntryV1): Involvement[] {
  return participantActorsOf(entry).flatMap((actor) =>
    actor.kind === 'practitioner' || actor.kind === 'service'
      ? [
          {
            kind: actor.kind,
            ...(actor.display === undefined ? {} : { name: actor.display }),
            ...(actor.identifier === undefined ? {} : { identifier: actor.identifier }),
            ...(actor.role === undefined ? {} : { role: actor.role }),
            organisation: entry.organisation,
            telecom: [],
          },
        ]
      : [],
  );
}

function serviceProviderOf(entry: RecordEntryV1): Involvement[] {
  const provider = objectAt(entry.resource, 'serviceProvider');
  if (provider === undefined) return [];
  const { organisation, organisationName } = organisationOf(provider, entry);
  return [
    {
      kind: 'service',
      ...(organisationName === undefined ? {} : { name: organisationName }),
      ...(organisationName === undefined
        ? { identifier: { system: ODS_ORGANISATION_SYSTEM, value: organisation } }
        : {}),
      organisation,
      ...(organisationName === undefined ? {} : { organisationName }),
      telecom: [],
    },
  ];
}

function referenced(reference: JsonObject): Pick<Involvement, 'name' | 'identifier'> {
  const name = textAt(reference, 'display');
  const identifier = identifierOf(reference);
  return {
    ...(name === undefined ? {} : { name }),
    ...(identifier === undefined ? {} : { identifier }),
  };
}

function kindOfReference(reference: JsonObject): Involvement['kind'] {
  const type = textAt(reference, 'type') ?? textAt(reference, 'reference')?.split('/')[0];
  return type === 'Organization' || type === 'CareTeam' || type === 'HealthcareService'
    ? 'service'
    : 'practitioner';
}

/** The ODS code of a named organisation when it gives one, else the recording organisation. */
function organisationOf(
  reference: JsonObject | undefined,
  entry: RecordEntryV1,
): { organisation: string; organisationName?: string } {
  const identifier = reference === undefined ? undefined : identifierOf(reference);
  const name = reference === undefined ? undefined : textAt(reference, 'display');
  return {
    organisation: identifier?.system === ODS_ORGANISATION_SYSTEM ? identifier.value : entry.organisation,
    ...(name === undefined ? {} : { organisationName: name }),
  };
}

function telecomOf(resource: JsonObject): Telecom[] {
  return objectsAt(resource, 'telecom').flatMap((point) => {
    const value = textAt(point, 'value');
    if (value === undefined) return [];
    const system = textAt(point, 'system');
    const use = textAt(point, 'use');
    return [{ ...(system === undefined ? {} : { system }), value, ...(use === undefined ? {} : { use }) }];
  });
}

function firstCode(value: unknown): string | undefined {
  if (!Array.isArray(value)) return undefined;
  const first: unknown = value[0];
  return typeof first === 'object' && first !== null && !Array.isArray(first)
    ? statusCodeAt({ concept: first }, 'concept')
    : undefined;
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

function uniqueTelecom(points: readonly Telecom[]): Telecom[] {
  const seen = new Set<string>();
  return points.filter((point) => {
    const key = `${point.system ?? ''}|${point.value}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
