import type { AuditEventV1, AuditPageV1, AuditRecordV1 } from '@ilinks/audit/contracts';

/** Who is reading the trail: an individual gets their own wording and no staff identifiers. */
export type AuditViewer = 'individual' | 'governance';

interface Coding {
  readonly system: string;
  readonly code: string;
  readonly display?: string;
}

interface CodeableConcept {
  readonly coding: readonly Coding[];
  readonly text?: string;
}

interface Reference {
  readonly reference?: string;
  readonly identifier?: { readonly system: string; readonly value: string };
  readonly display?: string;
}

/** The slice of FHIR R4 AuditEvent (IHE BALP) the gateway sends. */
export interface FhirAuditEvent {
  readonly resourceType: 'AuditEvent';
  readonly id: string;
  readonly meta: { readonly profile: readonly string[] };
  readonly text: { readonly status: 'generated'; readonly div: string };
  readonly type: Coding;
  readonly subtype: readonly Coding[];
  readonly action: AuditRecordV1['action'];
  readonly recorded: string;
  readonly outcome: '0' | '4' | '8';
  readonly outcomeDesc?: string;
  readonly purposeOfEvent: readonly CodeableConcept[];
  readonly agent: readonly {
    readonly type: CodeableConcept;
    readonly role?: readonly CodeableConcept[];
    readonly who: Reference;
    readonly requestor: boolean;
    readonly purposeOfUse?: readonly CodeableConcept[];
    readonly network?: { readonly address: string; readonly type: '2' };
  }[];
  readonly source: { readonly site: string; readonly observer: Reference; readonly type: readonly Coding[] };
  readonly entity: readonly {
    readonly what: Reference;
    readonly type: Coding;
    readonly role: Coding;
    readonly description?: string;
  }[];
}

export interface FhirAuditEventBundle {
  readonly resourceType: 'Bundle';
  readonly type: 'searchset';
  readonly link: readonly { readonly relation: 'self' | 'next'; readonly url: string }[];
  readonly entry: readonly {
    readonly fullUrl: string;
    readonly resource: FhirAuditEvent;
    readonly search: { readonly mode: 'match' };
  }[];
}

const ILINKS = 'https://ilinks.example.org/fhir';
export const AUDIT_SYSTEMS = {
  user: `${ILINKS}/Id/user`,
  role: `${ILINKS}/CodeSystem/role`,
  operation: `${ILINKS}/CodeSystem/audit-operation`,
  ods: 'https://fhir.nhs.uk/Id/ods-organization-code',
  eventType: 'http://terminology.hl7.org/CodeSystem/audit-event-type',
  restful: 'http://hl7.org/fhir/restful-interaction',
  actReason: 'http://terminology.hl7.org/CodeSystem/v3-ActReason',
  securityRole: 'http://terminology.hl7.org/CodeSystem/extra-security-role-type',
  roleClass: 'http://terminology.hl7.org/CodeSystem/v3-RoleClass',
  sourceType: 'http://terminology.hl7.org/CodeSystem/security-source-type',
  entityType: 'http://terminology.hl7.org/CodeSystem/audit-entity-type',
  objectRole: 'http://terminology.hl7.org/CodeSystem/object-role',
} as const;

const BALP_PROFILE: Record<AuditRecordV1['action'], string> = {
  C: 'https://profiles.ihe.net/ITI/BALP/StructureDefinition/IHE.BasicAudit.PatientCreate',
  R: 'https://profiles.ihe.net/ITI/BALP/StructureDefinition/IHE.BasicAudit.PatientRead',
  U: 'https://profiles.ihe.net/ITI/BALP/StructureDefinition/IHE.BasicAudit.PatientUpdate',
  D: 'https://profiles.ihe.net/ITI/BALP/StructureDefinition/IHE.BasicAudit.PatientDelete',
  E: 'https://profiles.ihe.net/ITI/BALP/StructureDefinition/IHE.BasicAudit.PatientQuery',
};

const PURPOSE_CODES: Record<AuditRecordV1['purposeOfUse'], Coding> = {
  'direct-care': { system: AUDIT_SYSTEMS.actReason, code: 'TREAT', display: 'treatment' },
  emergency: { system: AUDIT_SYSTEMS.actReason, code: 'ETREAT', display: 'emergency treatment' },
  'own-record': { system: AUDIT_SYSTEMS.actReason, code: 'PATRQT', display: 'patient requested' },
  'carer-access': { system: AUDIT_SYSTEMS.actReason, code: 'FAMRQT', display: 'family requested' },
  governance: { system: AUDIT_SYSTEMS.actReason, code: 'HOPERAT', display: 'healthcare operations' },
  administration: {
    system: AUDIT_SYSTEMS.actReason,
    code: 'HSYSADMIN',
    display: 'health system administration',
  },
  integration: { system: AUDIT_SYSTEMS.actReason, code: 'HOPERAT', display: 'healthcare operations' },
};
const BREAK_GLASS: Coding = { system: AUDIT_SYSTEMS.actReason, code: 'BTG', display: 'break the glass' };

/** A stored audit record as a FHIR AuditEvent shaped per IHE BALP, with a plain-words summary. */
export function fhirAuditEventOf(event: AuditEventV1, viewer: AuditViewer): FhirAuditEvent {
  const { record } = event;
  const individual = viewer === 'individual';
  const purposes = [PURPOSE_CODES[record.purposeOfUse], ...(isBreakGlass(record) ? [BREAK_GLASS] : [])];
  return {
    resourceType: 'AuditEvent',
    id: record.recordId,
    meta: { profile: [BALP_PROFILE[record.action]] },
    text: { status: 'generated', div: xhtml(plainWordsOf(record, viewer)) },
    type: { system: AUDIT_SYSTEMS.eventType, code: 'rest', display: 'RESTful Operation' },
    subtype: [restfulInteractionOf(record), { system: AUDIT_SYSTEMS.operation, code: record.operation }],
    action: record.action,
    recorded: record.recordedAt,
    outcome: fhirOutcomeOf(record),
    ...(record.outcomeDetail ? { outcomeDesc: record.outcomeDetail } : {}),
    purposeOfEvent: [{ coding: purposes }],
    agent: [
      {
        type: {
          coding: [
            record.agent.role === 'system'
              ? { system: AUDIT_SYSTEMS.securityRole, code: 'datacollector', display: 'data collector' }
              : { system: AUDIT_SYSTEMS.securityRole, code: 'humanuser', display: 'human user' },
          ],
        },
        role: [
          {
            coding: [
              { system: AUDIT_SYSTEMS.role, code: record.agent.role },
              ...(record.agent.professionalRole && !individual
                ? [{ system: `${ILINKS}/CodeSystem/professional-role`, code: record.agent.professionalRole }]
                : []),
            ],
          },
        ],
        // Individuals see which organisation and role looked, not the member of staff's account.
        who: individual
          ? { display: roleWords(record.agent.role) }
          : { identifier: { system: AUDIT_SYSTEMS.user, value: record.agent.subject } },
        requestor: true,
        purposeOfUse: [{ coding: purposes }],
        ...(record.sourceAddress && !individual
          ? { network: { address: record.sourceAddress, type: '2' as const } }
          : {}),
      },
      {
        type: { coding: [{ system: AUDIT_SYSTEMS.roleClass, code: 'PROV', display: 'healthcare provider' }] },
        who: { identifier: { system: AUDIT_SYSTEMS.ods, value: record.agent.organisation } },
        requestor: false,
      },
    ],
    source: {
      site: record.route,
      observer: { display: 'iLINKS gateway' },
      type: [{ system: AUDIT_SYSTEMS.sourceType, code: '3', display: 'Web Server' }],
    },
    entity: [
      ...record.personIds.map((personId) => ({
        what: { reference: `Patient/${personId}` },
        type: { system: AUDIT_SYSTEMS.entityType, code: '1', display: 'Person' },
        role: { system: AUDIT_SYSTEMS.objectRole, code: '1', display: 'Patient' },
      })),
      ...record.entities.map((entity) => ({
        what: { reference: `${entity.resourceType}/${entity.id}` },
        type: { system: AUDIT_SYSTEMS.entityType, code: '2', display: 'System Object' },
        role: { system: AUDIT_SYSTEMS.objectRole, code: '4', display: 'Domain Resource' },
        ...(entity.withheld ? { description: 'withheld from the requester by the access decision' } : {}),
      })),
    ],
  };
}

/** A page of the trail as a FHIR searchset Bundle; `nextUrl` builds the link to the next page. */
export function auditEventBundleOf(
  page: AuditPageV1,
  viewer: AuditViewer,
  fhirBaseUrl: string,
  selfUrl: string,
  nextUrl: (cursor: string) => string,
): FhirAuditEventBundle {
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    link: [
      { relation: 'self', url: selfUrl },
      ...(page.nextCursor ? [{ relation: 'next' as const, url: nextUrl(page.nextCursor) }] : []),
    ],
    entry: page.items.map((event) => ({
      fullUrl: `${fhirBaseUrl}/AuditEvent/${event.record.recordId}`,
      resource: fhirAuditEventOf(event, viewer),
      search: { mode: 'match' as const },
    })),
  };
}

/**
 * One sentence a person can read: "A practitioner at organisation RX1 read your record for direct
 * care." No names and no free text (a break-glass reason is in the resource, not in the sentence).
 */
export function plainWordsOf(record: AuditRecordV1, viewer: AuditViewer): string {
  const own = viewer === 'individual' && record.agent.role === 'individual';
  const who = own
    ? 'You'
    : record.agent.role === 'anonymous'
      ? 'Someone who could not be identified'
      : `${roleWords(record.agent.role)} at organisation ${record.agent.organisation}`;
  const whose = viewer === 'individual' ? 'your record' : "the person's record";
  const why = isBreakGlass(record)
    ? ' in an emergency, without an existing care relationship (break-glass); this is reviewed by information governance'
    : ` ${purposeWords(record.purposeOfUse)}`;
  const deed = actionWords(record.action);
  switch (record.outcome) {
    case 'denied':
      return `${who} tried to ${deed.base} ${whose}${why}, and was refused.`;
    case 'failed':
      return `${who} tried to ${deed.base} ${whose}${why}, but the request did not succeed.`;
    case 'filtered':
      return `${who} ${deed.past} ${whose}${why}; some parts were withheld from them.`;
    case 'permitted':
      return `${who} ${deed.past} ${whose}${why}.`;
  }
}

function roleWords(role: AuditRecordV1['agent']['role']): string {
  switch (role) {
    case 'practitioner':
      return 'A practitioner';
    case 'individual':
      return 'A person';
    case 'carer':
      return 'A carer';
    case 'system':
      return 'A partner system';
    case 'ig-officer':
      return 'An information-governance officer';
    case 'admin':
      return 'An administrator';
    case 'anonymous':
      return 'Someone who could not be identified';
  }
}

function actionWords(action: AuditRecordV1['action']): { readonly base: string; readonly past: string } {
  switch (action) {
    case 'C':
      return { base: 'add to', past: 'added to' };
    case 'R':
      return { base: 'read', past: 'read' };
    case 'U':
      return { base: 'update', past: 'updated' };
    case 'D':
      return { base: 'delete from', past: 'deleted from' };
    case 'E':
      return { base: 'search or process', past: 'searched or processed' };
  }
}

function purposeWords(purpose: AuditRecordV1['purposeOfUse']): string {
  switch (purpose) {
    case 'direct-care':
      return 'for direct care';
    case 'emergency':
      return 'in an emergency';
    case 'own-record':
      return 'as their own record';
    case 'carer-access':
      return 'as a carer you gave access to';
    case 'governance':
      return 'for information-governance oversight';
    case 'administration':
      return 'for administration';
    case 'integration':
      return 'to share information from their systems';
  }
}

function restfulInteractionOf(record: AuditRecordV1): Coding {
  const [, verb = ''] = record.operation.split('.');
  if (verb.startsWith('$')) return { system: AUDIT_SYSTEMS.restful, code: 'operation' };
  if (verb === 'search') return { system: AUDIT_SYSTEMS.restful, code: 'search-type' };
  switch (record.action) {
    case 'C':
      return { system: AUDIT_SYSTEMS.restful, code: 'create' };
    case 'U':
      return { system: AUDIT_SYSTEMS.restful, code: 'update' };
    case 'D':
      return { system: AUDIT_SYSTEMS.restful, code: 'delete' };
    case 'E':
      return { system: AUDIT_SYSTEMS.restful, code: 'operation' };
    case 'R':
      return { system: AUDIT_SYSTEMS.restful, code: 'read' };
  }
}

/** FHIR R4 AuditEvent.outcome: 0 success, 4 minor failure (refused, bad request), 8 serious failure. */
function fhirOutcomeOf(record: AuditRecordV1): FhirAuditEvent['outcome'] {
  if (record.outcome === 'permitted' || record.outcome === 'filtered') return '0';
  return record.status >= 500 ? '8' : '4';
}

function isBreakGlass(record: AuditRecordV1): boolean {
  return record.breakGlassGrantId !== undefined || record.breakGlassReason !== undefined;
}

function xhtml(text: string): string {
  return `<div xmlns="http://www.w3.org/1999/xhtml"><p>${escapeXml(text)}</p></div>`;
}

function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
