import { type CodingV1, LETTER_KINDS, type LetterKindV1 } from '@ilinks/correspondence/contracts';
import { LETTER_KIND_SYSTEM, LOINC_SYSTEM } from './letter-fhir.systems';

/** LOINC document types we recognise, by code. */
const LOINC_KINDS: Readonly<Record<string, LetterKindV1>> = {
  '18842-5': 'discharge-summary',
  '11488-4': 'clinic-letter',
  '34109-9': 'clinic-letter',
  '57133-1': 'referral',
  '75476-2': 'social-care-assessment',
};

function isLetterKind(code: string): code is LetterKindV1 {
  return (LETTER_KINDS as readonly string[]).includes(code);
}

/**
 * The kind of a letter: from a LOINC document type we know, else from a category coded in our
 * letter-kind CodeSystem, else `other`.
 */
export function letterKindOf(types: readonly CodingV1[], categories: readonly CodingV1[]): LetterKindV1 {
  for (const coding of types) {
    const kind = coding.system === LOINC_SYSTEM ? LOINC_KINDS[coding.code] : undefined;
    if (kind !== undefined) return kind;
  }
  for (const coding of categories) {
    if (coding.system === LETTER_KIND_SYSTEM && isLetterKind(coding.code)) return coding.code;
  }
  return 'other';
}
