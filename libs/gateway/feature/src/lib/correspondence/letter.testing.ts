import type { LetterCopyV1, LetterV1 } from '@ilinks/correspondence/contracts';
import { PERSON_ID } from '../patient/person-view.testing';

export const LETTER_ID = '3f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9';
export const SHA256 = 'a'.repeat(64);

/** A copy of {@link letterV1} delivered to `recipient` (for specs). */
export function copyV1(
  recipient: LetterCopyV1['recipient'],
  changes: Partial<LetterCopyV1> = {},
): LetterCopyV1 {
  return {
    copyId: `copy-${recipient.organisation}-${recipient.team ?? recipient.practitioner ?? 'org'}`,
    letterId: LETTER_ID,
    recipient,
    status: 'delivered',
    deliveredAt: '2026-11-26T10:00:00.000Z',
    acknowledgementDueAt: '2026-11-29T10:00:00.000Z',
    reminders: [],
    ...changes,
  };
}

/** A discharge summary RBS sent to a GP practice and a community team (for specs). */
export function letterV1(changes: Partial<LetterV1> = {}): LetterV1 {
  return {
    letterId: LETTER_ID,
    subject: { personId: PERSON_ID, localRecordId: 'lr-rbs-1' },
    sentBy: { subject: 'pas-system', role: 'system', organisation: 'RBS' },
    author: 'Dr A Khan, Cardiology',
    kind: 'discharge-summary',
    type: { system: 'http://loinc.org', code: '18842-5', display: 'Discharge summary' },
    title: 'Discharge summary: cardiology ward',
    note: 'Please review the medication changes.',
    attachment: { contentType: 'application/pdf', size: 21, sha256: SHA256, title: 'discharge.pdf' },
    partnerDocumentId: 'DS-2026-0001',
    sentAt: '2026-11-26T10:00:00.000Z',
    status: 'current',
    version: 1,
    copies: [copyV1({ organisation: 'Y12345' }), copyV1({ organisation: 'RY8', team: 'district-nursing' })],
    ...changes,
  };
}
