/**
 * The exhaustive permission matrix: every combination of role × relationship × objection × sealing ×
 * proxy × break-glass, each evaluated for an item recorded by another organisation and by the
 * caller's own (so "own-org sealed" is a sealed item of origin `own-org`), for a clinical part and
 * the two parts governance roles may read, and for a plain, a patient-contributed and a
 * not-for-patient-view item. Each cell is checked against invariants that must always hold and
 * against `expectedOutcome`, a flat restatement of the rules.
 */
import {
  ACCESS_ROLES,
  DEFAULT_ACCESS_POLICY_SETTINGS,
  type AccessContext,
  type AccessDecision,
  type AccessPrincipal,
  type AccessRole,
  type PersonAccessPolicy,
  type PurposeOfUse,
  type RecordPart,
  type ResourceLabel,
} from './access.types';
import { decide } from './decide';
import { hiddenBecause } from './item-filter';
import { defaultPurposeFor } from './purpose-of-use';

const RELATIONSHIPS = [
  'none',
  'own-org',
  'other-org-only',
  'own-org-self-declared',
  'own-org-expired',
] as const;
const OBJECTIONS = ['none', 'active'] as const;
const SEALING = ['none', 'not-agreed', 'agreed'] as const;
const PROXIES = ['none', 'covering', 'not-covering', 'expired'] as const;
const BREAK_GLASS = ['none', 'active', 'expired'] as const;
const ORIGINS = ['other-org', 'own-org'] as const;
const PARTS = ['problems', 'demographics', 'access-log'] as const satisfies readonly RecordPart[];
const ITEM_KINDS = ['plain', 'patient-contributed', 'not-for-patient-view'] as const;

interface Cell {
  readonly role: AccessRole;
  readonly relationship: (typeof RELATIONSHIPS)[number];
  readonly objection: (typeof OBJECTIONS)[number];
  readonly sealed: (typeof SEALING)[number];
  readonly proxy: (typeof PROXIES)[number];
  readonly breakGlass: (typeof BREAK_GLASS)[number];
  readonly origin: (typeof ORIGINS)[number];
  readonly part: (typeof PARTS)[number];
  readonly kind: (typeof ITEM_KINDS)[number];
}

const NOW = new Date('2025-06-01T12:00:00.000Z');
const SINCE = '2024-06-01T00:00:00.000Z';
const ENDED = '2025-06-01T11:00:00.000Z';
const ENDS = '2025-06-01T16:00:00.000Z';
const OWN = 'RA1';
const OTHER = 'RB2';
const PERSON = 'person-1';
const CONTEXT: AccessContext = { now: NOW, settings: DEFAULT_ACCESS_POLICY_SETTINGS };

// ---- The expected outcome, as a flat lookup of the rules ----------------------------------------

type Outcome = `shown:${string}` | `denied:${string}`;

function expectedOutcome(c: Cell): Outcome {
  const fromElsewhere = c.origin === 'other-org' && c.kind !== 'patient-contributed';
  switch (c.role) {
    case 'ig-officer':
      return c.part !== 'problems' ? 'shown:governance' : 'denied:clinical-content-not-for-role';
    case 'admin':
      return c.part === 'demographics' ? 'shown:administration' : 'denied:clinical-content-not-for-role';
    case 'individual':
      return c.kind === 'not-for-patient-view' ? 'denied:not-for-patient-view' : 'shown:own-record';
    case 'carer':
      if (c.proxy === 'none' || c.proxy === 'expired') return 'denied:no-delegation';
      if (c.proxy === 'not-covering') return 'denied:part-not-delegated';
      if (c.kind === 'not-for-patient-view') return 'denied:not-for-patient-view';
      if (c.sealed !== 'none' && c.kind !== 'patient-contributed') return 'denied:sealed-category';
      return 'shown:delegation';
    case 'practitioner':
    case 'system': {
      const basis =
        c.relationship === 'own-org'
          ? 'care-relationship'
          : c.relationship === 'own-org-self-declared'
            ? 'self-declared-relationship'
            : c.role === 'practitioner' && c.breakGlass === 'active'
              ? 'break-glass'
              : undefined;
      if (basis === undefined) return 'denied:no-relationship';
      if (fromElsewhere && c.objection === 'active') return 'denied:objection';
      if (fromElsewhere && c.sealed === 'not-agreed') return 'denied:sealed-category';
      return `shown:${basis}`;
    }
  }
}

// ---- Building the cells ---------------------------------------------------------------------------

function principalFor(role: AccessRole, patient = PERSON): AccessPrincipal {
  return { subject: `u-${role}`, organisation: OWN, role, ...(role === 'individual' ? { patient } : {}) };
}

function policyFor(c: Cell): PersonAccessPolicy {
  const subject = principalFor(c.role).subject;
  const relationships = {
    none: [],
    'own-org': [
      { relationshipId: 'r', organisation: OWN, kind: 'holds-local-record' as const, since: SINCE },
    ],
    'other-org-only': [
      { relationshipId: 'r', organisation: OTHER, kind: 'holds-local-record' as const, since: SINCE },
    ],
    'own-org-self-declared': [
      {
        relationshipId: 'r',
        organisation: OWN,
        kind: 'self-declared' as const,
        since: SINCE,
        declaredBy: subject,
      },
    ],
    'own-org-expired': [
      { relationshipId: 'r', organisation: OWN, kind: 'admission' as const, since: SINCE, until: ENDED },
    ],
  }[c.relationship];
  const delegated = (parts: RecordPart[], until: string) => [
    { delegationId: 'd', carer: subject, parts, grantedAt: SINCE, until },
  ];
  const delegations = {
    none: [],
    covering: delegated([c.part], ENDS),
    'not-covering': delegated(['appointments'], ENDS),
    expired: delegated([c.part], ENDED),
  }[c.proxy];
  const grant = (expiresAt: string) => [
    { grantId: 'g', subject, organisation: OWN, reason: 'emergency', grantedAt: SINCE, expiresAt },
  ];
  const breakGlass = { none: [], active: grant(ENDS), expired: grant(ENDED) }[c.breakGlass];
  return deepFreeze({
    personId: PERSON,
    personIds: [PERSON],
    relationships,
    objections:
      c.objection === 'active'
        ? [{ objectionId: 'o', recordedBy: OTHER, recordedAt: SINCE, onBehalf: false }]
        : [],
    sharedCategories: c.sealed === 'agreed' ? ['hiv'] : [],
    breakGlass,
    delegations,
  });
}

function itemFor(c: Cell): ResourceLabel {
  return deepFreeze({
    part: c.part,
    organisation: c.origin === 'own-org' ? OWN : OTHER,
    ...(c.sealed === 'none' ? {} : { categories: ['hiv' as const] }),
    ...(c.kind === 'patient-contributed' ? { patientContributed: true } : {}),
    ...(c.kind === 'not-for-patient-view' ? { notForPatientView: true } : {}),
  });
}

function purposeFor(c: Cell): PurposeOfUse {
  return defaultPurposeFor(c.role, c.breakGlass !== 'none');
}

function outcomeOf(decision: AccessDecision): Outcome {
  return decision.effect === 'deny' ? `denied:${decision.reason}` : `shown:${decision.basis}`;
}

function nameOf(c: Cell): string {
  return Object.values(c).join(' / ');
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

const CELLS: readonly Cell[] = ACCESS_ROLES.flatMap((role) =>
  RELATIONSHIPS.flatMap((relationship) =>
    OBJECTIONS.flatMap((objection) =>
      SEALING.flatMap((sealed) =>
        PROXIES.flatMap((proxy) =>
          BREAK_GLASS.flatMap((breakGlass) =>
            ORIGINS.flatMap((origin) =>
              PARTS.flatMap((part) =>
                ITEM_KINDS.map((kind) => ({
                  role,
                  relationship,
                  objection,
                  sealed,
                  proxy,
                  breakGlass,
                  origin,
                  part,
                  kind,
                })),
              ),
            ),
          ),
        ),
      ),
    ),
  ),
);

interface Evaluated {
  readonly cell: Cell;
  readonly policy: PersonAccessPolicy;
  readonly item: ResourceLabel;
  readonly purpose: PurposeOfUse;
  readonly decision: AccessDecision;
}

// Inputs are built (and frozen) once per cell so that each invariant only reads.
const EVALUATED: readonly Evaluated[] = CELLS.map((cell) => {
  const policy = policyFor(cell);
  const item = itemFor(cell);
  const purpose = purposeFor(cell);
  return {
    cell,
    policy,
    item,
    purpose,
    decision: decide(principalFor(cell.role), policy, item, purpose, CONTEXT),
  };
});

/** The cells (by name) where `holds` is false: an empty list means the invariant holds everywhere. */
function violations(holds: (c: Cell, decision: AccessDecision, inputs: Evaluated) => boolean): string[] {
  return EVALUATED.filter((e) => !holds(e.cell, e.decision, e)).map((e) => nameOf(e.cell));
}

const shown = (decision: AccessDecision): boolean => decision.effect !== 'deny';
const same = (a: AccessDecision, b: AccessDecision): boolean => JSON.stringify(a) === JSON.stringify(b);

// ---- The matrix --------------------------------------------------------------------------------

describe('decide: the exhaustive matrix', () => {
  it('covers every combination', () => {
    expect(CELLS).toHaveLength(6 * 5 * 2 * 3 * 4 * 3 * 2 * 3 * 3);
    expect(new Set(CELLS.map(nameOf)).size).toBe(CELLS.length);
  });

  it('gives the expected outcome in every cell', () => {
    const wrong = EVALUATED.filter((e) => outcomeOf(e.decision) !== expectedOutcome(e.cell)).map(
      (e) => `${nameOf(e.cell)}: got ${outcomeOf(e.decision)}, expected ${expectedOutcome(e.cell)}`,
    );
    expect(wrong).toEqual([]);
  });

  it('never permits an individual another person’s record', () => {
    const someoneElse = principalFor('individual', 'person-2');
    expect(
      violations((_c, _d, e) => !shown(decide(someoneElse, e.policy, e.item, 'own-record', CONTEXT))),
    ).toEqual([]);
  });

  it('never shows admin or an ig-officer a clinical part, nor admin anything but demographics', () => {
    expect(
      violations(
        (c, d) => !(c.role === 'admin' || c.role === 'ig-officer') || c.part !== 'problems' || !shown(d),
      ),
    ).toEqual([]);
    expect(violations((c, d) => c.role !== 'admin' || c.part === 'demographics' || !shown(d))).toEqual([]);
  });

  it('never shows a practitioner or system another organisation’s item under an objection (no override)', () => {
    const elsewhereUnderObjection = (c: Cell): boolean =>
      (c.role === 'practitioner' || c.role === 'system') &&
      c.objection === 'active' &&
      c.origin === 'other-org' &&
      c.kind !== 'patient-contributed';
    expect(violations((c, d) => !elsewhereUnderObjection(c) || !shown(d))).toEqual([]);
  });

  it('lets nothing expired grant anything: an expired item decides as if absent', () => {
    const withoutExpired = (c: Cell): Cell => ({
      ...c,
      relationship: c.relationship === 'own-org-expired' ? 'none' : c.relationship,
      proxy: c.proxy === 'expired' ? 'none' : c.proxy,
      breakGlass: c.breakGlass === 'expired' ? 'none' : c.breakGlass,
    });
    // The purpose stays what the request claimed (an expired break-glass still asks for emergency).
    expect(
      violations((c, d, e) =>
        same(d, decide(principalFor(c.role), policyFor(withoutExpired(c)), e.item, e.purpose, CONTEXT)),
      ),
    ).toEqual([]);
  });

  it('never unseals: an unshared sealed clinical item recorded elsewhere reaches only the person', () => {
    const sealedFromElsewhere = (c: Cell): boolean =>
      c.sealed === 'not-agreed' && c.origin === 'other-org' && c.kind !== 'patient-contributed';
    expect(
      violations(
        (c, d) => !sealedFromElsewhere(c) || c.part !== 'problems' || c.role === 'individual' || !shown(d),
      ),
    ).toEqual([]);
    expect(
      violations(
        (c, d) =>
          !(sealedFromElsewhere(c) && c.breakGlass === 'active') ||
          d.effect !== 'permit-with-filter' ||
          d.basis !== 'break-glass',
      ),
    ).toEqual([]);
  });

  it('never shows a carer a part that is not delegated, nor a sealed item they did not write', () => {
    expect(violations((c, d) => c.role !== 'carer' || c.proxy === 'covering' || !shown(d))).toEqual([]);
    expect(
      violations(
        (c, d) => c.role !== 'carer' || c.sealed === 'none' || c.kind === 'patient-contributed' || !shown(d),
      ),
    ).toEqual([]);
  });

  it('never hides a patient-contributed item by objection or sealing', () => {
    expect(
      violations(
        (c, d) =>
          c.kind !== 'patient-contributed' ||
          d.effect !== 'deny' ||
          (d.reason !== 'objection' && d.reason !== 'sealed-category'),
      ),
    ).toEqual([]);
  });

  it('decides an item as the request-level decision plus its item filter', () => {
    expect(
      violations((c, d, e) => {
        const atRequest = decide(principalFor(c.role), e.policy, { part: c.part }, e.purpose, CONTEXT);
        if (atRequest.effect !== 'permit-with-filter') return same(d, atRequest);
        const reason = hiddenBecause(atRequest.filter, e.item);
        return same(d, reason === undefined ? atRequest : { effect: 'deny', reason });
      }),
    ).toEqual([]);
  });

  it('is deterministic on frozen inputs', () => {
    expect(
      violations((c, d, e) => same(d, decide(principalFor(c.role), e.policy, e.item, e.purpose, CONTEXT))),
    ).toEqual([]);
  });
});
