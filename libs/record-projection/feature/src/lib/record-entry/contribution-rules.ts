import {
  PERSON_SUBJECT_SYSTEM,
  type RecordedByV1,
  type SubjectIdentifierV1,
} from '@ilinks/record-projection/contracts';
import { ConflictError, ValidationError } from '@ilinks/shared/kernel';

/** The role of a person writing about themselves. */
export const INDIVIDUAL = 'individual';

/**
 * An entry under a person id that is not the person's own contribution, or an individual's entry
 * about anything but themselves (422): the person subject is only for what people say themselves.
 */
export class PersonSubjectError extends ValidationError {
  constructor() {
    super('only an individual writing about themselves may use the person subject', [
      {
        path: 'subject.system',
        message: `${PERSON_SUBJECT_SYSTEM} is only for entries an individual contributes about themselves (patientContributed, role individual)`,
      },
    ]);
  }
}

/** What an entry says about who wrote it and about whom. */
export interface EntryAuthorship {
  readonly subject: SubjectIdentifierV1;
  readonly recordedBy: RecordedByV1;
  readonly patientContributed?: boolean;
}

/** An individual's own contribution: under a person id, flagged, recorded by an individual. */
export function isContribution(entry: EntryAuthorship): boolean {
  return (
    entry.subject.system === PERSON_SUBJECT_SYSTEM &&
    entry.patientContributed === true &&
    entry.recordedBy.role === INDIVIDUAL
  );
}

/**
 * Why a new version is refused for how it is authored, or undefined: the person subject and the
 * individual role go together, and with `patientContributed`.
 */
export function authorshipRefusal(entry: EntryAuthorship): PersonSubjectError | undefined {
  const personSubject = entry.subject.system === PERSON_SUBJECT_SYSTEM;
  const byIndividual = entry.recordedBy.role === INDIVIDUAL;
  return (personSubject || byIndividual) && !isContribution(entry) ? new PersonSubjectError() : undefined;
}

/**
 * The same answer for every entry a writer may not change under this key, whoever's it is: many
 * individuals share an app's organisation, and the answer must not tell them anything about it.
 */
export function keyInUse(): ConflictError {
  return new ConflictError('an entry with this id exists that you cannot change; use another id');
}

/**
 * Whether a writer may change (revise or retract) an existing entry: an individual only their own
 * contribution (`sameGoverningPerson`: the entry's person and the writer's are the same person
 * now, merges followed), anyone else only what is not a contribution.
 */
export function mayChange(
  existing: EntryAuthorship,
  writerRole: string,
  sameGoverningPerson: boolean,
): boolean {
  if (writerRole === INDIVIDUAL) return isContribution(existing) && sameGoverningPerson;
  return !isContribution(existing);
}
