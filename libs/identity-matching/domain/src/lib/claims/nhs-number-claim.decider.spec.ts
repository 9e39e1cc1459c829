import { DeciderSpecification } from '@ilinks/shared/testing';
import {
  type ClaimNhsNumber,
  NhsNumberAlreadyClaimedError,
  type NhsNumberClaimed,
  nhsNumberClaimDecider,
  nhsNumberClaimStream,
} from './nhs-number-claim.decider';

const now = new Date('2026-11-26T10:00:00Z');
const claim = (personId: string): ClaimNhsNumber => ({
  type: 'ClaimNhsNumber',
  data: { personId, localRecordId: 'lr-1' },
  metadata: { idempotencyKey: `claim-${personId}`, now },
});
const claimed: NhsNumberClaimed = {
  type: 'NhsNumberClaimed',
  data: { personId: 'p-1', localRecordId: 'lr-1', claimedAt: now.toISOString() },
};
const spec = DeciderSpecification.for(nhsNumberClaimDecider);

describe('ClaimNhsNumber', () => {
  it('claims an unclaimed NHS number for a person', () => {
    spec.when(claim('p-1')).then([claimed]);
  });
  it('stays quiet when the same person claims it again', () => {
    spec.given([claimed]).when(claim('p-1')).thenNothing();
  });
  it('refuses a second person, saying who holds it', () => {
    spec.given([claimed]).when(claim('p-2')).thenThrows(NhsNumberAlreadyClaimedError);
    expect(() => nhsNumberClaimDecider.decide(claim('p-2'), { status: 'claimed', personId: 'p-1' })).toThrow(
      expect.objectContaining({ claimedBy: 'p-1' }),
    );
  });
  it('names the stream by a hash, never the number', () => {
    const stream = nhsNumberClaimStream('9434765919');
    expect(stream).toMatch(/^identity\.nhs-number-[0-9a-f-]{36}$/);
    expect(stream).not.toContain('9434765919');
    expect(nhsNumberClaimStream('9434765919')).toBe(stream);
    expect(nhsNumberClaimStream('9434765870')).not.toBe(stream);
  });
});
