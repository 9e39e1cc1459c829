import type { ComparisonLevel } from '../comparison-levels';
import type { ContactPoint } from '../../local-record.types';
import { normaliseEmail, normalisePhone } from './normalise';

type ContactLevel = ComparisonLevel<'phone' | 'email'>;

/**
 * The `phone` level of two records' contact points: `exact` when any normalised phone number of one
 * equals any of the other, `different` when none does, `missing` when either has no phone number.
 */
export function comparePhones(
  a: readonly ContactPoint[],
  b: readonly ContactPoint[],
): ComparisonLevel<'phone'> | 'missing' {
  return compareContacts(valuesOf(a, 'phone', normalisePhone), valuesOf(b, 'phone', normalisePhone));
}

/**
 * The `email` level of two records' contact points: `exact` when any normalised address of one
 * equals any of the other, `different` when none does, `missing` when either has no email.
 */
export function compareEmails(
  a: readonly ContactPoint[],
  b: readonly ContactPoint[],
): ComparisonLevel<'email'> | 'missing' {
  return compareContacts(valuesOf(a, 'email', normaliseEmail), valuesOf(b, 'email', normaliseEmail));
}

function compareContacts(a: readonly string[], b: readonly string[]): ContactLevel | 'missing' {
  if (a.length === 0 || b.length === 0) return 'missing';
  return a.some((value) => b.includes(value)) ? 'exact' : 'different';
}

function valuesOf(
  contacts: readonly ContactPoint[],
  system: ContactPoint['system'],
  normalise: (value: string) => string | undefined,
): string[] {
  return contacts.flatMap((contact) => {
    const value = contact.system === system ? normalise(contact.value) : undefined;
    return value === undefined ? [] : [value];
  });
}
