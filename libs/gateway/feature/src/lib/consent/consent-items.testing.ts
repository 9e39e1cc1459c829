import type { ConsentItemV1 } from '@ilinks/consent/contracts';

/** Fixed ids and consent items for the Consent specs. */
export const PERSON_ID = '6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f';
export const CONSENT_ID = 'c0a80101-0000-4000-8000-000000000001';

export function objectionItem(changes: Partial<ConsentItemV1> = {}): ConsentItemV1 {
  return {
    consentId: CONSENT_ID,
    personId: PERSON_ID,
    kind: 'objection',
    status: 'active',
    recordedBy: { subject: 'user-9', organisation: 'RBS', role: 'individual' },
    recordedAt: '2026-02-01T09:00:00.000Z',
    onBehalf: false,
    ...changes,
  };
}

export function agreementItem(category: string, changes: Partial<ConsentItemV1> = {}): ConsentItemV1 {
  return objectionItem({ kind: 'category-agreement', category, onBehalf: undefined, ...changes });
}

export function delegationItem(changes: Partial<ConsentItemV1> = {}): ConsentItemV1 {
  return objectionItem({
    kind: 'delegation',
    onBehalf: undefined,
    carer: 'carer-7',
    parts: ['medications', 'appointments'],
    until: '2026-06-01T00:00:00.000Z',
    ...changes,
  });
}
