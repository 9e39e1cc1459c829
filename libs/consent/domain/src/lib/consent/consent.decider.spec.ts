import { IllegalStateError, NotFoundError, ValidationError } from '@ilinks/shared/kernel';
import { DeciderSpecification } from '@ilinks/shared/testing';
import type {
  AgreeToShareCategory,
  EndCareRelationship,
  GrantBreakGlass,
  GrantDelegation,
  RecordObjection,
  StartCareRelationship,
  WithdrawConsent,
} from './consent.commands';
import { consentDecider } from './consent.decider';
import type {
  BreakGlassGranted,
  CareRelationshipEnded,
  CareRelationshipStarted,
  CategorySharingAgreed,
  ConsentWithdrawn,
  DelegationGranted,
  ObjectionRecorded,
} from './consent.events';
import type { ConsentActor } from './consent.state';

const now = new Date('2026-11-26T10:00:00.000Z');
const later = new Date('2026-11-26T12:00:00.000Z');
const at = now.toISOString();
const personId = '10000000-0000-4000-8000-000000000001';
const consentId = '20000000-0000-4000-8000-000000000001';
const relationshipId = '30000000-0000-4000-8000-000000000001';
const grantId = '40000000-0000-4000-8000-000000000001';
const practitioner: ConsentActor = { subject: 'dr-1', organisation: 'A81001', role: 'practitioner' };
const person: ConsentActor = { subject: 'citizen-1', organisation: 'A81001', role: 'individual' };
const metadata = (when = now) => ({ idempotencyKey: 'key-1', now: when });

const spec = DeciderSpecification.for(consentDecider);

const recordObjection = (data: Partial<RecordObjection['data']> = {}): RecordObjection => ({
  type: 'RecordObjection',
  data: { personId, consentId, recordedBy: practitioner, onBehalf: true, ...data },
  metadata: metadata(),
});
const objectionRecorded: ObjectionRecorded = {
  type: 'ObjectionRecorded',
  data: { personId, consentId, recordedBy: practitioner, onBehalf: true, recordedAt: at },
};

const agree = (category = 'hiv', id = consentId): AgreeToShareCategory => ({
  type: 'AgreeToShareCategory',
  data: { personId, consentId: id, recordedBy: person, category },
  metadata: metadata(),
});
const agreed: CategorySharingAgreed = {
  type: 'CategorySharingAgreed',
  data: { personId, consentId, recordedBy: person, category: 'hiv', recordedAt: at },
};

const until = '2027-01-01T00:00:00.000Z';
const delegate = (data: Partial<GrantDelegation['data']> = {}): GrantDelegation => ({
  type: 'GrantDelegation',
  data: {
    personId,
    consentId,
    recordedBy: person,
    carer: 'carer-1',
    parts: ['summary', 'letters'],
    until,
    ...data,
  },
  metadata: metadata(),
});
const delegated: DelegationGranted = {
  type: 'DelegationGranted',
  data: {
    personId,
    consentId,
    recordedBy: person,
    carer: 'carer-1',
    parts: ['summary', 'letters'],
    until,
    grantedAt: at,
  },
};

const withdraw = (id = consentId): WithdrawConsent => ({
  type: 'WithdrawConsent',
  data: { personId, consentId: id, withdrawnBy: person },
  metadata: metadata(later),
});
const withdrawn = (kind: ConsentWithdrawn['data']['kind']): ConsentWithdrawn => ({
  type: 'ConsentWithdrawn',
  data: { personId, consentId, kind, withdrawnBy: person, withdrawnAt: later.toISOString() },
});

const start = (data: Partial<StartCareRelationship['data']> = {}): StartCareRelationship => ({
  type: 'StartCareRelationship',
  data: { personId, relationshipId, organisation: 'RBS', kind: 'referral', ...data },
  metadata: metadata(),
});
const started: CareRelationshipStarted = {
  type: 'CareRelationshipStarted',
  data: { personId, relationshipId, organisation: 'RBS', kind: 'referral', since: at, startedAt: at },
};
const end = (id = relationshipId): EndCareRelationship => ({
  type: 'EndCareRelationship',
  data: { personId, relationshipId: id, endedBy: practitioner },
  metadata: metadata(later),
});
const ended: CareRelationshipEnded = {
  type: 'CareRelationshipEnded',
  data: { personId, relationshipId, endedBy: practitioner, endedAt: later.toISOString() },
};

const breakGlass = (data: Partial<GrantBreakGlass['data']> = {}, when = now): GrantBreakGlass => ({
  type: 'GrantBreakGlass',
  data: {
    personId,
    grantId,
    subject: 'dr-2',
    organisation: 'RBS',
    reason: 'Unconscious in A&E',
    durationMinutes: 240,
    ...data,
  },
  metadata: metadata(when),
});
const granted: BreakGlassGranted = {
  type: 'BreakGlassGranted',
  data: {
    personId,
    grantId,
    subject: 'dr-2',
    organisation: 'RBS',
    reason: 'Unconscious in A&E',
    grantedAt: at,
    expiresAt: '2026-11-26T14:00:00.000Z',
  },
};

describe('RecordObjection', () => {
  it('records the objection', () => {
    spec.when(recordObjection()).then([objectionRecorded]);
  });

  it('stays quiet when the same objection is recorded again', () => {
    spec.given([objectionRecorded]).when(recordObjection()).thenNothing();
  });

  it('refuses an id already used by another kind of item', () => {
    spec.given([agreed]).when(recordObjection()).thenThrows(IllegalStateError);
  });
});

describe('AgreeToShareCategory', () => {
  it('records the agreement', () => {
    spec.when(agree()).then([agreed]);
  });

  it('stays quiet when repeated', () => {
    spec.given([agreed]).when(agree()).thenNothing();
  });

  it('refuses a category that is not sensitive', () => {
    spec.when(agree('dentistry')).thenThrows(ValidationError, /not a sensitive category/);
  });
});

describe('GrantDelegation', () => {
  it('grants the carer the named parts until the end date', () => {
    spec.when(delegate()).then([delegated]);
  });

  it('keeps each part once', () => {
    spec.when(delegate({ parts: ['summary', 'letters', 'summary'] })).then([delegated]);
  });

  it('stays quiet when repeated', () => {
    spec.given([delegated]).when(delegate()).thenNothing();
  });

  it('refuses an end date that is not in the future', () => {
    spec.when(delegate({ until: at })).thenThrows(ValidationError);
  });

  it('refuses an end date that is not an instant', () => {
    spec.when(delegate({ until: 'soon' })).thenThrows(ValidationError);
  });

  it('refuses no parts', () => {
    spec.when(delegate({ parts: [] })).thenThrows(ValidationError);
  });

  it('refuses a part that is not a part of the record', () => {
    spec.when(delegate({ parts: ['summary', 'bank-details'] })).thenThrows(ValidationError);
  });

  it('refuses a blank carer', () => {
    spec.when(delegate({ carer: ' ' })).thenThrows(ValidationError);
  });
});

describe('WithdrawConsent', () => {
  it('withdraws an objection at once', () => {
    spec
      .given([objectionRecorded])
      .when(withdraw())
      .then([withdrawn('objection')]);
  });

  it('withdraws an agreement', () => {
    spec
      .given([agreed])
      .when(withdraw())
      .then([withdrawn('category-agreement')]);
  });

  it('revokes a delegation', () => {
    spec
      .given([delegated])
      .when(withdraw())
      .then([withdrawn('delegation')]);
  });

  it('stays quiet when already withdrawn', () => {
    spec
      .given([objectionRecorded, withdrawn('objection')])
      .when(withdraw())
      .thenNothing();
  });

  it('refuses an item it does not know', () => {
    spec.given([objectionRecorded]).when(withdraw('unknown')).thenThrows(NotFoundError);
  });
});

describe('StartCareRelationship', () => {
  it('starts the relationship now when no start is given', () => {
    spec.when(start()).then([started]);
  });

  it('keeps the given start and end', () => {
    spec.when(start({ since: '2026-11-01T00:00:00Z', until: '2026-12-01T00:00:00Z' })).then([
      {
        ...started,
        data: { ...started.data, since: '2026-11-01T00:00:00.000Z', until: '2026-12-01T00:00:00.000Z' },
      },
    ]);
  });

  it('records who declared a self-declared relationship and why', () => {
    const declared = {
      kind: 'self-declared' as const,
      declaredBy: 'dr-1',
      reason: 'Community nursing visit',
    };
    spec.when(start(declared)).then([{ ...started, data: { ...started.data, ...declared } }]);
  });

  it('stays quiet when repeated', () => {
    spec.given([started]).when(start()).thenNothing();
  });

  it('refuses holds-local-record, which follows from identity', () => {
    spec.when(start({ kind: 'holds-local-record' })).thenThrows(ValidationError);
  });

  it('refuses a self-declared relationship without a reason', () => {
    spec.when(start({ kind: 'self-declared', declaredBy: 'dr-1' })).thenThrows(ValidationError);
  });

  it('refuses a self-declared relationship without who declared it', () => {
    spec.when(start({ kind: 'self-declared', reason: 'Visit' })).thenThrows(ValidationError);
  });

  it('refuses a reason over 1000 characters', () => {
    spec
      .when(start({ kind: 'self-declared', declaredBy: 'dr-1', reason: 'x'.repeat(1001) }))
      .thenThrows(ValidationError);
  });

  it('refuses an end before the start', () => {
    spec.when(start({ until: '2026-11-01T00:00:00Z' })).thenThrows(ValidationError);
  });

  it('refuses a start that is not an instant', () => {
    spec.when(start({ since: 'yesterday' })).thenThrows(ValidationError);
  });
});

describe('EndCareRelationship', () => {
  it('ends the relationship', () => {
    spec.given([started]).when(end()).then([ended]);
  });

  it('stays quiet when already ended', () => {
    spec.given([started, ended]).when(end()).thenNothing();
  });

  it('refuses a relationship it does not know', () => {
    spec.given([started]).when(end('unknown')).thenThrows(NotFoundError);
  });
});

describe('GrantBreakGlass', () => {
  it('grants access for the configured duration from now', () => {
    spec.when(breakGlass()).then([granted]);
  });

  it('stays quiet while a grant for the same user and organisation runs', () => {
    spec
      .given([granted])
      .when(breakGlass({ grantId: 'another' }))
      .thenNothing();
  });

  it('grants again once the earlier grant has expired', () => {
    const afterExpiry = new Date('2026-11-26T14:00:00.000Z');
    spec
      .given([granted])
      .when(breakGlass({ grantId: 'another' }, afterExpiry))
      .then([
        {
          type: 'BreakGlassGranted',
          data: {
            ...granted.data,
            grantId: 'another',
            grantedAt: afterExpiry.toISOString(),
            expiresAt: '2026-11-26T18:00:00.000Z',
          },
        },
      ]);
  });

  it('grants another user of the same organisation their own access', () => {
    spec
      .given([granted])
      .when(breakGlass({ grantId: 'another', subject: 'dr-3' }))
      .then([{ ...granted, data: { ...granted.data, grantId: 'another', subject: 'dr-3' } }]);
  });

  it('refuses a blank reason', () => {
    spec.when(breakGlass({ reason: '   ' })).thenThrows(ValidationError);
  });

  it('refuses a reason over 1000 characters', () => {
    spec.when(breakGlass({ reason: 'x'.repeat(1001) })).thenThrows(ValidationError);
  });

  it('refuses a duration that is not a positive whole number', () => {
    spec.when(breakGlass({ durationMinutes: 0 })).thenThrows(ValidationError);
    spec.when(breakGlass({ durationMinutes: 1.5 })).thenThrows(ValidationError);
  });

  it('refuses a blank subject or organisation', () => {
    spec.when(breakGlass({ subject: '' })).thenThrows(ValidationError);
    spec.when(breakGlass({ organisation: '' })).thenThrows(ValidationError);
  });
});
