/** The FHIR JSON media type every error body is sent with. */
export const FHIR_JSON = 'application/fhir+json';

/** The subset of the FHIR R4 issue-type value set the platform uses. */
export type IssueType =
  | 'invalid'
  | 'structure'
  | 'required'
  | 'not-found'
  | 'conflict'
  | 'business-rule'
  | 'forbidden'
  | 'security'
  | 'login'
  | 'too-long'
  | 'not-supported'
  | 'throttled'
  | 'timeout'
  | 'transient'
  | 'exception';

export interface OperationOutcomeIssue {
  readonly severity: 'fatal' | 'error' | 'warning' | 'information';
  readonly code: IssueType;
  readonly diagnostics: string;
  /** FHIRPath-like locations of the problem (`name[0].family`). */
  readonly expression?: readonly string[];
}

/** A FHIR R4 `OperationOutcome` resource. */
export interface OperationOutcome {
  readonly resourceType: 'OperationOutcome';
  readonly issue: readonly OperationOutcomeIssue[];
}

/** An error outcome with one issue per problem. */
export function operationOutcome(
  code: IssueType,
  problems: readonly { readonly diagnostics: string; readonly path?: string }[],
): OperationOutcome {
  return {
    resourceType: 'OperationOutcome',
    issue: problems.map((problem) => ({
      severity: 'error',
      code,
      diagnostics: problem.diagnostics,
      ...(problem.path ? { expression: [problem.path] } : {}),
    })),
  };
}
