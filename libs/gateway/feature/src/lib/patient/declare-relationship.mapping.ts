import type { CareRelationshipV1 } from '@ilinks/consent/contracts';
import { ValidationError } from '@ilinks/shared/kernel';
import { isJsonObject } from './fhir-json';

export const DECLARED_REASON_MIN = 10;
export const DECLARED_REASON_MAX = 1000;

/** A FHIR `Parameters` resource of simple values. */
export interface FhirParameters {
  readonly resourceType: 'Parameters';
  readonly parameter: readonly {
    readonly name: string;
    readonly valueString?: string;
    readonly valueCode?: string;
  }[];
}

/**
 * Reads the `Parameters` of `Patient/{id}/$declare-relationship`: one `reason` (valueString, 10 to
 * 1000 characters once trimmed: why the practitioner's organisation is caring for the person).
 *
 * @throws ValidationError at `Parameters.parameter` when the body is not such a Parameters.
 */
export function declaredReasonFromParameters(body: unknown): string {
  const fail = (path: string, message: string): never => {
    throw new ValidationError('the request is invalid (1 problem)', [{ path, message }]);
  };
  if (!isJsonObject(body) || body['resourceType'] !== 'Parameters')
    return fail('Parameters', 'the body must be a FHIR Parameters resource');
  const parameters = body['parameter'];
  if (!Array.isArray(parameters)) return fail('Parameters.parameter', 'Parameters.parameter is required');
  const reasons = parameters.filter(
    (parameter: unknown) => isJsonObject(parameter) && parameter['name'] === 'reason',
  );
  if (reasons.length !== 1 || parameters.length !== 1)
    return fail('Parameters.parameter', 'exactly one parameter, reason, is expected');
  const value = (reasons[0] as Record<string, unknown>)['valueString'];
  const reason = typeof value === 'string' ? value.trim() : '';
  if (reason.length < DECLARED_REASON_MIN || reason.length > DECLARED_REASON_MAX)
    return fail(
      'Parameters.parameter[0].valueString',
      `the reason must be a valueString of ${DECLARED_REASON_MIN} to ${DECLARED_REASON_MAX} characters`,
    );
  return reason;
}

/** The declared relationship as the operation's answer. */
export function relationshipParameters(relationship: CareRelationshipV1): FhirParameters {
  return {
    resourceType: 'Parameters',
    parameter: [
      { name: 'relationshipId', valueString: relationship.relationshipId },
      { name: 'organisation', valueString: relationship.organisation },
      { name: 'kind', valueCode: relationship.kind },
      { name: 'since', valueString: relationship.since },
      ...(relationship.until === undefined ? [] : [{ name: 'until', valueString: relationship.until }]),
    ],
  };
}
