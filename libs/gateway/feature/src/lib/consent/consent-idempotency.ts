import type { Principal } from '@ilinks/platform/security';
import { createHash } from 'node:crypto';
import type { ConsentCreation } from './fhir-consent.parse';

/**
 * The `Idempotency-Key` a create is sent with when the client gave none: a hash of who asks and
 * what the Consent says, so that a client retrying the same POST (after a timeout, say) records
 * one consent, not two. Two identical Consents from the same user mean the same choice, so folding
 * them is right.
 *
 * One case needs more: the same choice made again after it was withdrawn (object, withdraw, object
 * again). The first key would answer with the withdrawn consent, so the caller chains: `previous`
 * is the key and the consent id that came back withdrawn, and the next key is derived from them.
 * Every step is deterministic, so a retry of the renewed choice lands on the same new consent.
 */
export function derivedIdempotencyKey(
  principal: Pick<Principal, 'subject' | 'organisation' | 'role'>,
  creation: ConsentCreation,
  previous?: { readonly key: string; readonly consentId: string },
): string {
  const facts = JSON.stringify([
    'consent-create.v1',
    principal.subject,
    principal.organisation,
    principal.role,
    creation.kind,
    creation.personId,
    creation.kind === 'category-agreement' ? creation.category : null,
    creation.kind === 'delegation' ? [creation.carer, [...creation.parts].sort(), creation.until] : null,
    previous ? [previous.key, previous.consentId] : null,
  ]);
  return `fhir-consent:${createHash('sha256').update(facts).digest('hex').slice(0, 48)}`;
}

/** Withdrawing one consent is one fact however often it is asked for. */
export function withdrawalIdempotencyKey(consentId: string): string {
  return `fhir-consent-withdraw:${createHash('sha256').update(consentId).digest('hex').slice(0, 48)}`;
}
