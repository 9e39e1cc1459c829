import { memoizeValidationMetadata } from '@ilinks/platform/messaging';
import { type Issue, ValidationError } from '@ilinks/shared/kernel';
import { type ArgumentMetadata, ValidationPipe } from '@nestjs/common';
import type { ValidationError as ClassValidationError } from 'class-validator';

/**
 * The strict pipe for every DTO: unknown fields are refused, payloads become DTO instances, and
 * each broken rule becomes an `Issue` with its precise path (`name[0].family`), surfaced as a 400
 * `OperationOutcome` by the filter.
 */
export function createValidationPipe(): ValidationPipe {
  return new StrictValidationPipe();
}

/** `ValidationPipe` with the house options, and a clear refusal of bodies that are not objects. */
export class StrictValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      forbidUnknownValues: true,
      transform: true,
      // Values stay in the error tree only to tell "missing" from "wrong"; they are never output.
      validationError: { target: false, value: true },
      exceptionFactory: (errors: ClassValidationError[]) => validationErrorFrom(errors),
    });
    // Big bodies (a 50-entry batch) are validated object by object: each lookup of rules a map read.
    memoizeValidationMetadata();
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const expectsObject =
      metadata.type === 'body' && typeof metadata.metatype === 'function' && this.toValidate(metadata);
    if (
      expectsObject &&
      value !== undefined &&
      (typeof value !== 'object' || value === null || Array.isArray(value))
    ) {
      throw new ValidationError('the request is invalid (1 problem)', [
        { path: '', message: 'the body must be a JSON object' },
      ]);
    }
    return super.transform(value, metadata);
  }
}

/** Turns class-validator's error tree into one kernel `ValidationError` listing every problem. */
export function validationErrorFrom(errors: readonly ClassValidationError[]): ValidationError {
  const issues = issuesOf(errors, '');
  const summary = issues.length === 1 ? '1 problem' : `${issues.length} problems`;
  return new ValidationError(`the request is invalid (${summary})`, issues);
}

function issuesOf(errors: readonly ClassValidationError[], parent: string): Issue[] {
  return errors.flatMap((error) => {
    const property = typeof error.property === 'string' ? error.property : '';
    const path = joinPath(parent, property);
    const constraints = Object.entries(error.constraints ?? {});
    const missing =
      error.value === undefined &&
      constraints.length > 0 &&
      !('whitelistValidation' in (error.constraints ?? {}));
    const own = missing
      ? [{ path, message: `${path} is required` }]
      : constraints.map(([constraint, message]) => issueFor(constraint, message, property, path));
    return [...own, ...issuesOf(error.children ?? [], path)];
  });
}

function issueFor(constraint: string, message: string, property: string, path: string): Issue {
  switch (constraint) {
    case 'whitelistValidation':
      return { path, message: `${path} is not an allowed field` };
    case 'unknownValue':
      return { path, message: 'the body must be a JSON object' };
    default:
      return { path, message: property === '' ? message : replaceWord(message, property, path) };
  }
}

function joinPath(parent: string, property: string): string {
  if (property === '') return parent;
  if (/^\d+$/.test(property)) return `${parent}[${property}]`;
  return parent === '' ? property : `${parent}.${property}`;
}

/** class-validator names the bare property ("family must be a string"); name the full path instead. */
function replaceWord(message: string, word: string, replacement: string): string {
  const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return message.replace(
    new RegExp(`(^|[^A-Za-z0-9_.\\[])${escaped}(?![A-Za-z0-9_])`),
    (_match, before: string) => `${before}${replacement}`,
  );
}
