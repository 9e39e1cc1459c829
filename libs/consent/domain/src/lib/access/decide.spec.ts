import {
  DEFAULT_ACCESS_POLICY_SETTINGS,
  SENSITIVE_CATEGORIES,
  type AccessBasis,
  type AccessContext,
  type AccessDecision,
  type AccessPolicySettings,
  type AccessPrincipal,
  type AccessRole,
  type BreakGlassGrant,
  type CareRelationship,
  type CareRelationshipKind,
  type DenyReason,
  type ItemFilter,
  type PersonAccessPolicy,
  type ProxyDelegation,
  type PurposeOfUse,
  type RecordPart,
  type ResourceLabel,
} from './access.types';
import { decide } from './decide';

const NOW = new Date('2025-06-01T12:00:00.000Z');
const LAST_YEAR = '2024-06-01T00:00:00.000Z';
const AN_HOUR_AGO = '2025-06-01T11:00:00.000Z';
const IN_AN_HOUR = '2025-06-01T13:00:00.000Z';
const TOMORROW = '2025-06-02T12:00:00.000Z';
const OWN = 'RA1';
const OTHER = 'RB2';
const PERSON = 'person-1';
const MERGED_PERSON = 'person-0';

const principals: Record<AccessRole, AccessPrincipal> = {
  practitioner: { subject: 'u-prac', organisation: OWN, role: 'practitioner', professionalRole: 'R8000' },
  system: { subject: 'sys-ra1', organisation: OWN, role: 'system' },
  individual: { subject: 'u-person', organisation: 'NHSLOGIN', role: 'individual', patient: PERSON },
  carer: { subject: 'u-carer', organisation: 'NHSLOGIN', role: 'carer' },
  'ig-officer': { subject: 'u-ig', organisation: OWN, role: 'ig-officer' },
  admin: { subject: 'u-admin', organisation: OWN, role: 'admin' },
};
const practitioner = principals.practitioner;
const system = principals.system;
const individual = principals.individual;
const carer = principals.carer;
const igOfficer = principals['ig-officer'];
const admin = principals.admin;

function policy(overrides: Partial<PersonAccessPolicy> = {}): PersonAccessPolicy {
  return {
    personId: PERSON,
    personIds: [PERSON, MERGED_PERSON],
    relationships: [],
    objections: [],
    sharedCategories: [],
    breakGlass: [],
    delegations: [],
    ...overrides,
  };
}
function relationship(
  organisation: string,
  kind: CareRelationshipKind = 'holds-local-record',
  since = LAST_YEAR,
  until?: string,
): CareRelationship {
  return {
    relationshipId: `rel-${organisation}-${kind}`,
    organisation,
    kind,
    since,
    ...(until ? { until } : {}),
  };
}
function objection(recordedBy = OTHER): PersonAccessPolicy['objections'][number] {
  return { objectionId: 'obj-1', recordedBy, recordedAt: LAST_YEAR, onBehalf: false };
}
function breakGlass(
  expiresAt = IN_AN_HOUR,
  subject = practitioner.subject,
  organisation = OWN,
): BreakGlassGrant {
  return {
    grantId: 'bg-1',
    subject,
    organisation,
    reason: 'unconscious in ED',
    grantedAt: AN_HOUR_AGO,
    expiresAt,
  };
}
function delegation(parts: RecordPart[], until = TOMORROW, carerId = carer.subject): ProxyDelegation {
  return { delegationId: `del-${parts.join('-')}`, carer: carerId, parts, grantedAt: LAST_YEAR, until };
}
function request(part: RecordPart): ResourceLabel {
  return { part };
}
function item(part: RecordPart, organisation: string, extra: Partial<ResourceLabel> = {}): ResourceLabel {
  return { part, organisation, ...extra };
}
const deny = (reason: DenyReason): AccessDecision => ({ effect: 'deny', reason });
const permit = (basis: AccessBasis): AccessDecision => ({ effect: 'permit', basis });
const filtered = (basis: AccessBasis, filter: ItemFilter): AccessDecision => ({
  effect: 'permit-with-filter',
  basis,
  filter,
});
const SEALED_FOR_OWN: ItemFilter = { sealedCategories: SENSITIVE_CATEGORIES, sealedVisibleTo: OWN };
const OBJECTION_AND_SEALED_FOR_OWN: ItemFilter = { onlyFromOrganisations: [OWN], ...SEALED_FOR_OWN };
const NOTHING_SEALED = { sharedCategories: [...SENSITIVE_CATEGORIES] };
const OWN_RECORD_FILTER: ItemFilter = { excludeNotForPatientView: true };
const carerFilter = (parts: RecordPart[]): ItemFilter => ({
  onlyParts: parts,
  excludeNotForPatientView: true,
  sealedCategories: SENSITIVE_CATEGORIES,
});
const context: AccessContext = { now: NOW, settings: DEFAULT_ACCESS_POLICY_SETTINGS };
const withLocalRecord = policy({ relationships: [relationship(OWN)] });

type Case = [string, AccessPrincipal, PersonAccessPolicy, ResourceLabel, PurposeOfUse, AccessDecision];

describe('decide: the rules, case by case', () => {
  // prettier-ignore
  it.each<Case>([
    // Purpose of use
    ['practitioner claiming own-record', practitioner, withLocalRecord, request('problems'), 'own-record', deny('purpose-not-allowed-for-role')],
    ['practitioner claiming governance', practitioner, withLocalRecord, request('access-log'), 'governance', deny('purpose-not-allowed-for-role')],
    ['system claiming emergency', system, withLocalRecord, request('problems'), 'emergency', deny('purpose-not-allowed-for-role')],
    ['individual claiming direct-care', individual, policy(), request('problems'), 'direct-care', deny('purpose-not-allowed-for-role')],
    ['carer claiming own-record', carer, policy({ delegations: [delegation(['problems'])] }), request('problems'), 'own-record', deny('purpose-not-allowed-for-role')],
    ['ig-officer claiming direct-care', igOfficer, withLocalRecord, request('access-log'), 'direct-care', deny('purpose-not-allowed-for-role')],
    ['admin claiming governance', admin, policy(), request('demographics'), 'governance', deny('purpose-not-allowed-for-role')],
    ['purpose is checked before the role rule (individual of another person)', { ...individual, patient: 'someone-else' }, policy(), request('problems'), 'emergency', deny('purpose-not-allowed-for-role')],

    // Practitioner: relationships
    ['practitioner, no relationship', practitioner, policy(), request('problems'), 'direct-care', deny('no-relationship')],
    ['practitioner, own org holds a local record, nothing shared', practitioner, withLocalRecord, request('problems'), 'direct-care', filtered('care-relationship', SEALED_FOR_OWN)],
    ['practitioner, own org holds a local record, all categories shared', practitioner, policy({ relationships: [relationship(OWN)], ...NOTHING_SEALED }), request('problems'), 'direct-care', permit('care-relationship')],
    ['practitioner, registered practice', practitioner, policy({ relationships: [relationship(OWN, 'registered-practice')], ...NOTHING_SEALED }), request('problems'), 'direct-care', permit('care-relationship')],
    ['practitioner, open referral', practitioner, policy({ relationships: [relationship(OWN, 'referral')], ...NOTHING_SEALED }), request('letters'), 'direct-care', permit('care-relationship')],
    ['practitioner, admission ending tomorrow', practitioner, policy({ relationships: [relationship(OWN, 'admission', LAST_YEAR, TOMORROW)], ...NOTHING_SEALED }), request('encounters'), 'direct-care', permit('care-relationship')],
    ['practitioner, only another organisation has a relationship', practitioner, policy({ relationships: [relationship(OTHER)] }), request('problems'), 'direct-care', deny('no-relationship')],
    ['practitioner, own relationship ended an hour ago', practitioner, policy({ relationships: [relationship(OWN, 'admission', LAST_YEAR, AN_HOUR_AGO)] }), request('problems'), 'direct-care', deny('no-relationship')],
    ['practitioner, own relationship ends exactly now (exclusive)', practitioner, policy({ relationships: [relationship(OWN, 'care-team', LAST_YEAR, NOW.toISOString())] }), request('problems'), 'direct-care', deny('no-relationship')],
    ['practitioner, own relationship starts in an hour', practitioner, policy({ relationships: [relationship(OWN, 'appointment', IN_AN_HOUR)] }), request('problems'), 'direct-care', deny('no-relationship')],
    ['practitioner, own relationship starts exactly now', practitioner, policy({ relationships: [relationship(OWN, 'appointment', NOW.toISOString())], ...NOTHING_SEALED }), request('problems'), 'direct-care', permit('care-relationship')],
    ['practitioner, relationship with an unreadable start date', practitioner, policy({ relationships: [relationship(OWN, 'referral', 'not-a-date')] }), request('problems'), 'direct-care', deny('no-relationship')],
    ['practitioner, self-declared relationship only', practitioner, policy({ relationships: [relationship(OWN, 'self-declared')], ...NOTHING_SEALED }), request('problems'), 'direct-care', permit('self-declared-relationship')],
    ['practitioner, self-declared and a referral: the referral is the basis', practitioner, policy({ relationships: [relationship(OWN, 'self-declared'), relationship(OWN, 'referral')], ...NOTHING_SEALED, }), request('problems'), 'direct-care', permit('care-relationship')],
    ['practitioner, expired referral and a live self-declared one', practitioner, policy({ relationships: [ relationship(OWN, 'referral', LAST_YEAR, AN_HOUR_AGO), relationship(OWN, 'self-declared'), ], ...NOTHING_SEALED, }), request('problems'), 'direct-care', permit('self-declared-relationship')],
    ['practitioner with a relationship asking for emergency purpose', practitioner, policy({ relationships: [relationship(OWN)], ...NOTHING_SEALED }), request('problems'), 'emergency', permit('care-relationship')],

    // Practitioner: break-glass
    ['practitioner, no relationship, active break-glass (emergency)', practitioner, policy({ breakGlass: [breakGlass()], ...NOTHING_SEALED }), request('problems'), 'emergency', permit('break-glass')],
    ['practitioner, no relationship, active break-glass (direct-care)', practitioner, policy({ breakGlass: [breakGlass()], ...NOTHING_SEALED }), request('problems'), 'direct-care', permit('break-glass')],
    ['practitioner, break-glass expired an hour ago', practitioner, policy({ breakGlass: [breakGlass(AN_HOUR_AGO)] }), request('problems'), 'emergency', deny('no-relationship')],
    ['practitioner, break-glass expiring exactly now', practitioner, policy({ breakGlass: [breakGlass(NOW.toISOString())] }), request('problems'), 'emergency', deny('no-relationship')],
    ['practitioner, break-glass granted to a colleague', practitioner, policy({ breakGlass: [breakGlass(IN_AN_HOUR, 'u-colleague')] }), request('problems'), 'emergency', deny('no-relationship')],
    ['practitioner, own break-glass but at another organisation', practitioner, policy({ breakGlass: [breakGlass(IN_AN_HOUR, practitioner.subject, OTHER)] }), request('problems'), 'emergency', deny('no-relationship')],
    ['practitioner, break-glass with sealed categories: sealing stays', practitioner, policy({ breakGlass: [breakGlass()] }), request('problems'), 'emergency', filtered('break-glass', SEALED_FOR_OWN)],
    ['practitioner, break-glass with an objection: objection stays (default)', practitioner, policy({ breakGlass: [breakGlass()], objections: [objection()] }), request('problems'), 'emergency', filtered('break-glass', OBJECTION_AND_SEALED_FOR_OWN)],
    ['practitioner, relationship and break-glass: the relationship is the basis', practitioner, policy({ relationships: [relationship(OWN)], breakGlass: [breakGlass()], ...NOTHING_SEALED }), request('problems'), 'emergency', permit('care-relationship')],

    // Practitioner: objection and sealing (request level)
    ['practitioner, objection, nothing sealed', practitioner, policy({ relationships: [relationship(OWN)], objections: [objection()], ...NOTHING_SEALED }), request('problems'), 'direct-care', filtered('care-relationship', { onlyFromOrganisations: [OWN] })],
    ['practitioner, objection and sealed categories', practitioner, policy({ relationships: [relationship(OWN)], objections: [objection()] }), request('problems'), 'direct-care', filtered('care-relationship', OBJECTION_AND_SEALED_FOR_OWN)],
    ['practitioner, objection recorded by the caller’s organisation still limits to own items', practitioner, policy({ relationships: [relationship(OWN)], objections: [objection(OWN)], ...NOTHING_SEALED }), request('problems'), 'direct-care', filtered('care-relationship', { onlyFromOrganisations: [OWN] })],
    ['practitioner, person shared hiv and fertility', practitioner, policy({ relationships: [relationship(OWN)], sharedCategories: ['hiv', 'fertility'] }), request('problems'), 'direct-care', filtered('care-relationship', { sealedCategories: ['sexual-health', 'gender-identity', 'termination', 'safeguarding'], sealedVisibleTo: OWN, })],

    // Practitioner: item level
    ['practitioner, item from another org, no objection, no sensitive category', practitioner, withLocalRecord, item('problems', OTHER), 'direct-care', filtered('care-relationship', SEALED_FOR_OWN)],
    ['practitioner, objection, item from another org', practitioner, policy({ relationships: [relationship(OWN)], objections: [objection()] }), item('problems', OTHER), 'direct-care', deny('objection')],
    ['practitioner, objection, item from own org', practitioner, policy({ relationships: [relationship(OWN)], objections: [objection()] }), item('problems', OWN), 'direct-care', filtered('care-relationship', OBJECTION_AND_SEALED_FOR_OWN)],
    ['practitioner, objection, patient-contributed item recorded elsewhere', practitioner, policy({ relationships: [relationship(OWN)], objections: [objection()], ...NOTHING_SEALED }), item('contributions', OTHER, { patientContributed: true }), 'direct-care', filtered('care-relationship', { onlyFromOrganisations: [OWN] })],
    ['practitioner, hiv item from another org, not shared', practitioner, withLocalRecord, item('problems', OTHER, { categories: ['hiv'] }), 'direct-care', deny('sealed-category')],
    ['practitioner, hiv item from own org', practitioner, withLocalRecord, item('problems', OWN, { categories: ['hiv'] }), 'direct-care', filtered('care-relationship', SEALED_FOR_OWN)],
    ['practitioner, hiv item from another org, person shared hiv', practitioner, policy({ relationships: [relationship(OWN)], sharedCategories: ['hiv'] }), item('problems', OTHER, { categories: ['hiv'] }), 'direct-care', filtered('care-relationship', { sealedCategories: ['sexual-health', 'fertility', 'gender-identity', 'termination', 'safeguarding'], sealedVisibleTo: OWN, })],
    ['practitioner, break-glass, termination item from another org', practitioner, policy({ breakGlass: [breakGlass()] }), item('problems', OTHER, { categories: ['termination'] }), 'emergency', deny('sealed-category')],
    ['practitioner, not-for-patient-view item is still shown to clinicians', practitioner, policy({ relationships: [relationship(OWN)], ...NOTHING_SEALED }), item('letters', OTHER, { notForPatientView: true }), 'direct-care', permit('care-relationship')],
    ['practitioner, no relationship, item from own org', practitioner, policy(), item('problems', OWN), 'direct-care', deny('no-relationship')],

    // System
    ['system, own org holds a local record', system, policy({ relationships: [relationship(OWN)], ...NOTHING_SEALED }), request('medications'), 'direct-care', permit('care-relationship')],
    ['system, no relationship', system, policy(), request('medications'), 'direct-care', deny('no-relationship')],
    ['system, never breaks glass', system, policy({ breakGlass: [breakGlass(IN_AN_HOUR, system.subject)] }), request('medications'), 'direct-care', deny('no-relationship')],
    ['system, objection, item from another org', system, policy({ relationships: [relationship(OWN)], objections: [objection()] }), item('medications', OTHER), 'direct-care', deny('objection')],
    ['system, self-declared only', system, policy({ relationships: [relationship(OWN, 'self-declared')], ...NOTHING_SEALED }), request('medications'), 'direct-care', permit('self-declared-relationship')],

    // Individual
    ['individual, own record', individual, policy(), request('problems'), 'own-record', filtered('own-record', OWN_RECORD_FILTER)],
    ['individual, token names a merged-away person id', { ...individual, patient: MERGED_PERSON }, policy(), request('problems'), 'own-record', filtered('own-record', OWN_RECORD_FILTER)],
    ['individual, someone else’s record', { ...individual, patient: 'person-2' }, policy(), request('problems'), 'own-record', deny('not-own-record')],
    ['individual, token without a patient', { subject: 'u-person', organisation: 'NHSLOGIN', role: 'individual' }, policy(), request('problems'), 'own-record', deny('not-own-record')],
    ['individual, own access log', individual, policy(), request('access-log'), 'own-record', filtered('own-record', OWN_RECORD_FILTER)],
    ['individual, item marked not for patient view', individual, policy(), item('letters', OTHER, { notForPatientView: true }), 'own-record', deny('not-for-patient-view')],
    ['individual, own objection does not hide items from other orgs', individual, policy({ objections: [objection()] }), item('letters', OTHER), 'own-record', filtered('own-record', OWN_RECORD_FILTER)],
    ['individual, sealed hiv item from another org is theirs to see', individual, policy(), item('results', OTHER, { categories: ['hiv'] }), 'own-record', filtered('own-record', OWN_RECORD_FILTER)],

    // Carer
    ['carer, no delegation', carer, policy(), request('medications'), 'carer-access', deny('no-delegation')],
    ['carer, delegation covering the part', carer, policy({ delegations: [delegation(['medications', 'appointments'])] }), request('medications'), 'carer-access', filtered('delegation', carerFilter(['medications', 'appointments']))],
    ['carer, delegation not covering the part', carer, policy({ delegations: [delegation(['appointments'])] }), request('medications'), 'carer-access', deny('part-not-delegated')],
    ['carer, delegation ended an hour ago', carer, policy({ delegations: [delegation(['medications'], AN_HOUR_AGO)] }), request('medications'), 'carer-access', deny('no-delegation')],
    ['carer, delegation ending exactly now', carer, policy({ delegations: [delegation(['medications'], NOW.toISOString())] }), request('medications'), 'carer-access', deny('no-delegation')],
    ['carer, delegation to another carer', carer, policy({ delegations: [delegation(['medications'], TOMORROW, 'u-other-carer')] }), request('medications'), 'carer-access', deny('no-delegation')],
    ['carer, two delegations: parts are the union', carer, policy({ delegations: [delegation(['medications']), delegation(['appointments', 'medications'])] }), request('appointments'), 'carer-access', filtered('delegation', carerFilter(['medications', 'appointments']))],
    ['carer, expired delegation’s parts do not count', carer, policy({ delegations: [delegation(['medications']), delegation(['appointments'], AN_HOUR_AGO)] }), request('appointments'), 'carer-access', deny('part-not-delegated')],
    ['carer, sealed item even from the caring org', carer, policy({ delegations: [delegation(['results'])], sharedCategories: ['hiv'] }), item('results', OWN, { categories: ['hiv'] }), 'carer-access', deny('sealed-category')],
    ['carer, sealed but patient-contributed item', carer, policy({ delegations: [delegation(['contributions'])] }), item('contributions', OTHER, { categories: ['hiv'], patientContributed: true }), 'carer-access', filtered('delegation', carerFilter(['contributions']))],
    ['carer, not-for-patient-view item', carer, policy({ delegations: [delegation(['letters'])] }), item('letters', OTHER, { notForPatientView: true }), 'carer-access', deny('not-for-patient-view')],
    ['carer, item of a delegated part', carer, policy({ delegations: [delegation(['letters'])], objections: [objection()] }), item('letters', OTHER), 'carer-access', filtered('delegation', carerFilter(['letters']))],

    // Information-governance officer
    ['ig-officer, access log', igOfficer, policy(), request('access-log'), 'governance', permit('governance')],
    ['ig-officer, consents', igOfficer, policy(), request('consents'), 'governance', permit('governance')],
    ['ig-officer, demographics', igOfficer, policy(), request('demographics'), 'governance', permit('governance')],
    ['ig-officer, problems', igOfficer, policy(), request('problems'), 'governance', deny('clinical-content-not-for-role')],
    ['ig-officer, letters even with a relationship', igOfficer, withLocalRecord, request('letters'), 'governance', deny('clinical-content-not-for-role')],
    ['ig-officer, an access-log item from another org under objection', igOfficer, policy({ objections: [objection()] }), item('access-log', OTHER), 'governance', permit('governance')],

    // Administrator
    ['admin, demographics', admin, policy(), request('demographics'), 'administration', permit('administration')],
    ['admin, access log', admin, policy(), request('access-log'), 'administration', deny('clinical-content-not-for-role')],
    ['admin, medications', admin, policy(), request('medications'), 'administration', deny('clinical-content-not-for-role')],
    ['admin, demographics item from another org', admin, policy(), item('demographics', OTHER), 'administration', permit('administration')],
  ])('%s', (_situation, who, person, resource, purpose, expected) => {
    expect(decide(who, person, resource, purpose, context)).toEqual(expected);
  });
});

describe('decide: regional settings', () => {
  const overrideObjection: AccessPolicySettings = {
    ...DEFAULT_ACCESS_POLICY_SETTINGS,
    breakGlassOverridesObjection: true,
  };
  const noSelfDeclared: AccessPolicySettings = {
    ...DEFAULT_ACCESS_POLICY_SETTINGS,
    selfDeclaredRelationshipsAllowed: false,
  };
  const under = (settings: AccessPolicySettings): AccessContext => ({ now: NOW, settings });

  // prettier-ignore
  it.each<[string, AccessPolicySettings, PersonAccessPolicy, ResourceLabel, PurposeOfUse, AccessDecision]>([
    ['break-glass overrides an objection when policy says so', overrideObjection, policy({ breakGlass: [breakGlass()], objections: [objection()], ...NOTHING_SEALED }), request('problems'), 'emergency', permit('break-glass')],
    ['…then another org’s item is shown', overrideObjection, policy({ breakGlass: [breakGlass()], objections: [objection()], ...NOTHING_SEALED }), item('problems', OTHER), 'emergency', permit('break-glass')],
    ['…but sealing still applies', overrideObjection, policy({ breakGlass: [breakGlass()], objections: [objection()] }), item('problems', OTHER, { categories: ['safeguarding'] }), 'emergency', deny('sealed-category')],
    ['…and a relationship basis does not override the objection', overrideObjection, policy({ relationships: [relationship(OWN)], breakGlass: [breakGlass()], objections: [objection()] }), item('problems', OTHER), 'emergency', deny('objection')],
    ['…and an expired grant overrides nothing', overrideObjection, policy({ breakGlass: [breakGlass(AN_HOUR_AGO)], objections: [objection()] }), request('problems'), 'emergency', deny('no-relationship')],
    ['self-declared relationships disallowed: no relationship', noSelfDeclared, policy({ relationships: [relationship(OWN, 'self-declared')] }), request('problems'), 'direct-care', deny('no-relationship')],
    ['self-declared disallowed: a real relationship still counts', noSelfDeclared, policy({ relationships: [relationship(OWN, 'self-declared'), relationship(OWN, 'referral')], ...NOTHING_SEALED, }), request('problems'), 'direct-care', permit('care-relationship')],
    ['self-declared disallowed: break-glass still possible', noSelfDeclared, policy({ relationships: [relationship(OWN, 'self-declared')], breakGlass: [breakGlass()], ...NOTHING_SEALED, }), request('problems'), 'emergency', permit('break-glass')],
  ])('%s', (_situation, settings, person, resource, purpose, expected) => {
    expect(decide(practitioner, person, resource, purpose, under(settings))).toEqual(expected);
  });
});

describe('decide: purity', () => {
  it('does not change its inputs and answers the same twice', () => {
    const person = policy({
      relationships: [relationship(OWN)],
      objections: [objection()],
      breakGlass: [breakGlass()],
    });
    const before = JSON.stringify(person);
    const first = decide(practitioner, person, item('problems', OWN), 'direct-care', context);
    expect(decide(practitioner, person, item('problems', OWN), 'direct-care', context)).toEqual(first);
    expect(JSON.stringify(person)).toBe(before);
  });
});
