import type { OrganisationCode } from '@ilinks/shared/kernel';
import type { Address, ContactPoint, Demographics, Gender, PersonName } from '../local-record.types';
import { isValidNhsNumber, normaliseNhsNumber } from '../nhs-number';

/** One linked local record as a candidate source for the golden record. */
export interface GoldenRecordSource {
  readonly localRecordId: string;
  readonly organisation: OrganisationCode;
  /** How far the caller trusts this source (e.g. by organisation kind): higher wins. */
  readonly trust: number;
  /** ISO timestamp of when the source last recorded these demographics. */
  readonly recordedAt: string;
  readonly demographics: Demographics;
}

/** A golden value and the source it was taken from. */
export interface SourcedValue<T> {
  readonly value: T;
  readonly localRecordId: string;
  readonly organisation: OrganisationCode;
  readonly recordedAt: string;
}

/** The best-known demographics of a person, each field with its source; a field no source has is absent. */
export interface GoldenRecord {
  readonly nhsNumber?: SourcedValue<string>;
  readonly name?: SourcedValue<PersonName>;
  readonly birthDate?: SourcedValue<string>;
  readonly gender?: SourcedValue<Gender>;
  readonly address?: SourcedValue<Address>;
  readonly telecom?: SourcedValue<readonly ContactPoint[]>;
}

function recordedAtMillis(source: GoldenRecordSource): number {
  const millis = Date.parse(source.recordedAt);
  return Number.isNaN(millis) ? Number.NEGATIVE_INFINITY : millis;
}

/**
 * Orders sources from the one to prefer to the one to prefer least: highest `trust` first, then
 * the most recent `recordedAt` (an unreadable time counts as oldest), then `localRecordId` in
 * ascending order so the result never depends on the order sources arrive in.
 */
export function compareBySurvivorship(a: GoldenRecordSource, b: GoldenRecordSource): number {
  if (a.trust !== b.trust) return b.trust - a.trust;
  const recency = recordedAtMillis(b) - recordedAtMillis(a);
  if (recency !== 0 && !Number.isNaN(recency)) return recency;
  if (a.localRecordId < b.localRecordId) return -1;
  if (a.localRecordId > b.localRecordId) return 1;
  return 0;
}

/** The name a source would show: its official name, else its first. */
export function preferredName(demographics: Demographics): PersonName | undefined {
  return demographics.names.find((name) => name.use === 'official') ?? demographics.names[0];
}

type FieldValue<T> = (demographics: Demographics) => T | undefined;

function surviving<T>(
  ranked: readonly GoldenRecordSource[],
  valueOf: FieldValue<T>,
): SourcedValue<T> | undefined {
  for (const source of ranked) {
    const value = valueOf(source.demographics);
    if (value !== undefined) {
      return {
        value,
        localRecordId: source.localRecordId,
        organisation: source.organisation,
        recordedAt: source.recordedAt,
      };
    }
  }
  return undefined;
}

/** A source's NHS number, normalised, when it passes Modulus 11 (what we call verified). */
export function verifiedNhsNumber(demographics: Demographics): string | undefined {
  if (demographics.nhsNumber === undefined) return undefined;
  const nhsNumber = normaliseNhsNumber(demographics.nhsNumber);
  return isValidNhsNumber(nhsNumber) ? nhsNumber : undefined;
}

/**
 * The first value in survivorship order, where a value two or more sources agree on beats one only
 * a single source gives: a lone outlier (a mistyped birth date, a wrong NHS number) never wins over
 * what the others corroborate, however recent or trusted it is.
 */
function survivingCorroborated<T>(
  ranked: readonly GoldenRecordSource[],
  valueOf: FieldValue<T>,
  keyOf: (value: T) => string = String,
): SourcedValue<T> | undefined {
  const agreement = new Map<string, number>();
  for (const source of ranked) {
    const value = valueOf(source.demographics);
    if (value !== undefined) agreement.set(keyOf(value), (agreement.get(keyOf(value)) ?? 0) + 1);
  }
  const isCorroborated = (source: GoldenRecordSource): boolean => {
    const value = valueOf(source.demographics);
    return value !== undefined && (agreement.get(keyOf(value)) ?? 0) >= 2;
  };
  // A stable sort keeps the survivorship order within each group.
  const corroboratedFirst = [...ranked].sort((a, b) => Number(isCorroborated(b)) - Number(isCorroborated(a)));
  return surviving(corroboratedFirst, valueOf);
}

const nonEmpty = (value: string): string | undefined => (value.trim() === '' ? undefined : value);

/**
 * The survivorship rule: builds the golden demographics of a person from its linked local records.
 *
 * Per field (`nhsNumber`, `name`, `birthDate`, `gender`, `address`, `telecom`), the value comes
 * from the first source that has one, sources ordered by {@link compareBySurvivorship}: highest
 * `trust`, then most recent `recordedAt`, then `localRecordId`. Trust is the caller's policy (for
 * example GP practices above hospitals); the rule itself knows no organisation kinds.
 *
 * What "has one" means per field: a verified (Modulus 11) NHS number; a name ({@link preferredName});
 * a non-blank birth date; a gender other than `unknown`; a first address; a non-empty telecom list
 * (taken whole from one source, so numbers from different people's records are never mixed).
 *
 * The NHS number, birth date and gender have one extra rule: a value two or more sources agree on
 * beats one that only a single source gives, whatever their trust or recency (these do not change
 * in life, so a lone disagreeing value is an error); among corroborated values the usual order
 * decides. Names, addresses and telecom do change: the most trusted, most recent wins.
 */
export function goldenRecord(sources: readonly GoldenRecordSource[]): GoldenRecord {
  const ranked = [...sources].sort(compareBySurvivorship);
  const fields: GoldenRecord = {
    nhsNumber: survivingCorroborated(ranked, verifiedNhsNumber),
    name: surviving(ranked, preferredName),
    birthDate: survivingCorroborated(ranked, (d) => nonEmpty(d.birthDate)),
    gender: survivingCorroborated(ranked, (d) => (d.gender === 'unknown' ? undefined : d.gender)),
    address: surviving(ranked, (d) => d.addresses[0]),
    telecom: surviving(ranked, (d) => (d.telecom.length > 0 ? d.telecom : undefined)),
  };
  // Absent fields are left out rather than set to undefined, so the record serialises as it reads.
  return Object.fromEntries(
    Object.entries(fields).filter(([, value]) => value !== undefined),
  ) as GoldenRecord;
}
