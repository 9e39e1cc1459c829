import type { OrganisationCode } from '@ilinks/shared/kernel';

/** A partner's own identifier for its patient: `system|value`, owned by one organisation. */
export interface LocalIdentifier {
  readonly system: string;
  readonly value: string;
}

export type NameUse = 'official' | 'usual' | 'maiden' | 'nickname' | 'old';
export type Gender = 'male' | 'female' | 'other' | 'unknown';

export interface PersonName {
  readonly family: string;
  readonly given: readonly string[];
  readonly use?: NameUse;
}

export interface Address {
  readonly lines: readonly string[];
  readonly city?: string;
  readonly postcode?: string;
}

export interface ContactPoint {
  readonly system: 'phone' | 'email';
  readonly value: string;
}

/** What a partner knows about its patient, as sent. */
export interface Demographics {
  readonly nhsNumber?: string;
  readonly names: readonly PersonName[];
  /** ISO date `YYYY-MM-DD`. */
  readonly birthDate: string;
  readonly gender: Gender;
  readonly addresses: readonly Address[];
  readonly telecom: readonly ContactPoint[];
}

export interface LocalRecordRef {
  readonly localRecordId: string;
  readonly organisation: OrganisationCode;
  readonly identifier: LocalIdentifier;
}
