import { FHIR_JSON, operationOutcome } from '@ilinks/platform/http';
import { type Issue, ValidationError } from '@ilinks/shared/kernel';
import { type ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import { problemCount } from '../../patient/fhir-json';
import type { ReadContext } from './fhir-ingest-elements';

/**
 * Valid FHIR that we refuse by rule (a reference to our Patient ids, a past event dated in the
 * future): 422 with one issue per element. A `ValidationError`, so that anywhere the ingest filter
 * is not installed it still leaves as a 400 naming the elements.
 */
export class UnprocessableEntryError extends ValidationError {}

/** Answers {@link UnprocessableEntryError} with 422 and an OperationOutcome (`business-rule`). */
@Catch(UnprocessableEntryError)
export class UnprocessableEntryFilter implements ExceptionFilter {
  catch(error: UnprocessableEntryError, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<ServerResponse>();
    const body = operationOutcome(
      'business-rule',
      error.issues.map((issue) => ({ diagnostics: issue.message, path: issue.path })),
    );
    response.statusCode = 422;
    response.setHeader('Content-Type', `${FHIR_JSON}; charset=utf-8`);
    response.end(JSON.stringify(body));
  }
}

/**
 * The error for what reading found, or `undefined` when nothing: a 400 when anything is invalid
 * FHIR (listing the rule breaches too), a 422 when only our rules are broken.
 */
export function refusalOf(context: ReadContext, what: string): ValidationError | undefined {
  const issues: Issue[] = [...context.invalid, ...context.rules];
  if (issues.length === 0) return undefined;
  const message = `${what} is invalid (${problemCount(issues)})`;
  return context.invalid.length > 0
    ? new ValidationError(message, issues)
    : new UnprocessableEntryError(message, issues);
}
