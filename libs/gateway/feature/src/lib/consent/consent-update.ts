import { ValidationError } from '@ilinks/shared/kernel';
import { UnprocessableEntityException } from '@nestjs/common';
import { isJsonObject } from '../patient/fhir-json';
import type { FhirConsent } from './fhir-consent.resource';

/** What a `PUT /fhir/Consent/{id}` asks for: withdraw the consent, or nothing at all. */
export type ConsentUpdate = 'withdraw' | 'unchanged';

/** Elements a client may leave out or change freely: server-managed or narrative. */
const IGNORED_AT_ROOT = new Set(['meta', 'text', 'status', 'id']);
/** `display` is a label for people, not meaning. */
const IGNORED_ANYWHERE = new Set(['display']);

/**
 * Reads an update of a Consent: the only change allowed is `status` from `active` to `inactive`
 * (an objection or agreement withdrawn, a delegation revoked). The body must otherwise say what
 * `current` says (as read from us; `meta`, `text` and `display` texts aside).
 *
 * @throws ValidationError (400) when the body is not a Consent or its id is not the URL's.
 * @throws UnprocessableEntityException (422) naming each element changed, or `Consent.status`
 *   when asked to reactivate or set an unknown status.
 */
export function consentUpdateFromFhir(current: FhirConsent, body: unknown): ConsentUpdate {
  if (!isJsonObject(body) || body['resourceType'] !== 'Consent')
    throw invalid(
      'Consent.resourceType',
      "the body must be a FHIR Consent resource (resourceType 'Consent')",
    );
  if (body['id'] !== current.id)
    throw invalid('Consent.id', 'Consent.id must be present and equal to the id in the URL');
  const changed = differences(current, body, 'Consent', true);
  const status = body['status'];
  if (status !== 'active' && status !== 'inactive') changed.unshift('Consent.status');
  else if (current.status === 'inactive' && status === 'active') changed.unshift('Consent.status');
  if (changed.length > 0) {
    throw new UnprocessableEntityException(
      changed.map(
        (path) =>
          `${path}: a Consent can only be withdrawn (Consent.status 'active' to 'inactive'); record a new Consent instead`,
      ),
    );
  }
  return current.status === 'active' && status === 'inactive' ? 'withdraw' : 'unchanged';
}

/** The FHIRPaths at which `sent` says something other than `known`. */
export function differences(known: unknown, sent: unknown, path: string, root = false): string[] {
  if (Array.isArray(known) && Array.isArray(sent)) {
    if (known.length !== sent.length) return [path];
    return known.flatMap((item: unknown, index) => differences(item, sent[index], `${path}[${index}]`));
  }
  if (isJsonObject(known) && isJsonObject(sent)) {
    const keys = new Set([...Object.keys(known), ...Object.keys(sent)]);
    return [...keys]
      .filter((key) => !IGNORED_ANYWHERE.has(key) && !(root && IGNORED_AT_ROOT.has(key)))
      .flatMap((key) => differences(known[key], sent[key], `${path}.${key}`));
  }
  return known === sent ? [] : [path];
}

function invalid(path: string, message: string): ValidationError {
  return new ValidationError('the Consent update is invalid (1 problem)', [{ path, message }]);
}
