import { SENSITIVE_CATEGORIES, type SensitiveCategory } from './access.types';

/** The SNOMED CT code system URI. */
export const SNOMED_CT = 'http://snomed.info/sct';

/** A code as it appears on a resource (a FHIR `Coding`, narrowed). */
export interface CodeRef {
  readonly system: string;
  readonly code: string;
}

/** One entry of the coded list: a code that puts an item in a sensitive category. */
export interface SensitiveCodeEntry extends CodeRef {
  readonly category: SensitiveCategory;
  /** Human-readable term, for people reviewing the configuration. */
  readonly display?: string;
}

/** The configurable list that maps codes to sensitive categories. */
export type SensitiveCodeTable = readonly SensitiveCodeEntry[];

function snomed(code: string, category: SensitiveCategory, display: string): SensitiveCodeEntry {
  return Object.freeze({ system: SNOMED_CT, code, category, display });
}

/** Our code system of safeguarding flags (child protection early warning, the record context). */
export const SAFEGUARDING_FLAG_CODE_SYSTEM = 'https://fhir.ilinks.dev/CodeSystem/safeguarding-flag';

function safeguardingFlag(code: string, display: string): SensitiveCodeEntry {
  return Object.freeze({ system: SAFEGUARDING_FLAG_CODE_SYSTEM, code, category: 'safeguarding', display });
}

/**
 * A starting list of SNOMED CT concepts per category (and our own safeguarding flags: a child
 * protection plan or looked-after status is sealed like any other safeguarding note). It matches exact codes only (no subsumption):
 * a region adds the descendants it uses through configuration (`parseSensitiveCodeTable`).
 */
export const DEFAULT_SENSITIVE_CODES: SensitiveCodeTable = Object.freeze([
  snomed('86406008', 'hiv', 'Human immunodeficiency virus infection'),
  snomed('165816005', 'hiv', 'Human immunodeficiency virus detected'),
  snomed('8098009', 'sexual-health', 'Sexually transmitted infectious disease'),
  snomed('105629000', 'sexual-health', 'Chlamydial infection'),
  snomed('15628003', 'sexual-health', 'Gonorrhoea'),
  snomed('76272004', 'sexual-health', 'Syphilis'),
  snomed('8619003', 'fertility', 'Infertile'),
  snomed('6738008', 'fertility', 'Female infertility'),
  snomed('2904007', 'fertility', 'Male infertility'),
  snomed('93461009', 'gender-identity', 'Gender dysphoria'),
  snomed('407374003', 'gender-identity', 'Transsexual'),
  snomed('386639001', 'termination', 'Termination of pregnancy'),
  snomed('57797005', 'termination', 'Induced termination of pregnancy'),
  snomed('514331000000104', 'safeguarding', 'Adult safeguarding referral'),
  snomed('417430008', 'safeguarding', 'Vulnerable adult'),
  snomed('919461000000108', 'safeguarding', 'At risk of sexual exploitation'),
  snomed('342191000000101', 'safeguarding', 'Subject to child protection plan'),
  safeguardingFlag('child-protection-plan', 'Child protection plan'),
  safeguardingFlag('looked-after-child', 'Looked after child'),
]);

/**
 * The sensitive categories of an item with these codes, each once, in `SENSITIVE_CATEGORIES` order.
 * Systems and codes match exactly.
 */
export function categoriesOfCodes(
  codings: readonly CodeRef[],
  table: SensitiveCodeTable,
): SensitiveCategory[] {
  const found = new Set<SensitiveCategory>();
  for (const coding of codings) {
    for (const entry of table) {
      if (entry.code === coding.code && entry.system === coding.system) found.add(entry.category);
    }
  }
  return SENSITIVE_CATEGORIES.filter((category) => found.has(category));
}

/**
 * Validates a configured table (parsed JSON): an array of `{ system, code, category, display? }`
 * with non-empty strings and a known category, no entry repeated. Throws an `Error` naming the
 * first bad entry by its index.
 */
export function parseSensitiveCodeTable(json: unknown): SensitiveCodeTable {
  if (!Array.isArray(json)) throw new Error('sensitive code table: expected an array of entries');
  const seen = new Set<string>();
  return Object.freeze(
    json.map((raw: unknown, index) => {
      const entry = parseEntry(raw, `sensitive code table entry ${index}`);
      const key = `${entry.system}|${entry.code}|${entry.category}`;
      if (seen.has(key)) throw new Error(`sensitive code table entry ${index}: repeats an earlier entry`);
      seen.add(key);
      return entry;
    }),
  );
}

function parseEntry(raw: unknown, name: string): SensitiveCodeEntry {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new Error(`${name}: expected an object`);
  }
  const { system, code, category, display } = raw as Record<string, unknown>;
  if (!isNonEmptyString(system)) throw new Error(`${name}: system must be a non-empty string`);
  if (!isNonEmptyString(code)) throw new Error(`${name}: code must be a non-empty string`);
  if (!isSensitiveCategory(category)) {
    throw new Error(`${name}: category must be one of ${SENSITIVE_CATEGORIES.join(', ')}`);
  }
  if (display !== undefined && typeof display !== 'string') {
    throw new Error(`${name}: display must be a string when present`);
  }
  return Object.freeze(
    display === undefined ? { system, code, category } : { system, code, category, display },
  );
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.trim().length > 0;
}

function isSensitiveCategory(value: unknown): value is SensitiveCategory {
  return typeof value === 'string' && (SENSITIVE_CATEGORIES as readonly string[]).includes(value);
}
