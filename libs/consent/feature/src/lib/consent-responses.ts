import type { CareRelationshipV1, ConsentItemV1 } from '@ilinks/consent/contracts';
import type { ConsentItem, RecordedRelationship } from '@ilinks/consent/domain';

/** Active until withdrawn, or (a delegation) until its end date passes. */
export function isConsentActive(item: ConsentItem, now: Date): boolean {
  if (item.withdrawnAt !== undefined) return false;
  return item.kind !== 'delegation' || Date.parse(item.until) > now.getTime();
}

/** A consent item as the API shows it. */
export function consentItemV1(personId: string, item: ConsentItem, now: Date): ConsentItemV1 {
  const common = {
    consentId: item.consentId,
    personId,
    kind: item.kind,
    status: isConsentActive(item, now) ? ('active' as const) : ('inactive' as const),
    recordedBy: item.recordedBy,
    recordedAt: item.recordedAt,
    ...(item.withdrawnAt === undefined ? {} : { withdrawnAt: item.withdrawnAt }),
    ...(item.withdrawnBy === undefined ? {} : { withdrawnBy: item.withdrawnBy }),
  };
  switch (item.kind) {
    case 'objection':
      return { ...common, onBehalf: item.onBehalf };
    case 'category-agreement':
      return { ...common, category: item.category };
    case 'delegation':
      return {
        ...common,
        onBehalf: item.recordedBy.role !== 'individual',
        carer: item.carer,
        parts: item.parts,
        until: item.until,
      };
  }
}

/** A care relationship as the API shows it. */
export function careRelationshipV1(personId: string, relationship: RecordedRelationship): CareRelationshipV1 {
  const { endedBy: _endedBy, ...shown } = relationship;
  return { ...shown, personId };
}
