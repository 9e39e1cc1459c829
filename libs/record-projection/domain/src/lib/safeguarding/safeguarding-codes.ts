/**
 * What the early warning recognises in partners' FHIR resources: which `Flag` codes mark a child
 * (the safeguarding-flag table) and which `Encounter` codes mean unscheduled care (the
 * care-setting table). Both tables are plain data with defaults; a region extends them with its
 * own local codes (and SNOMED CT concepts it has agreed) through the service's settings.
 */

export const SNOMED_CT = 'http://snomed.info/sct';
export const V3_ACT_CODE = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';
/** Our own code system for safeguarding flags (`child-protection-plan`, `looked-after-child`). */
export const SAFEGUARDING_FLAG_SYSTEM = 'https://fhir.ilinks.dev/CodeSystem/safeguarding-flag';
/** Our own code system for unscheduled-care settings. */
export const CARE_SETTING_SYSTEM = 'https://fhir.ilinks.dev/CodeSystem/care-setting';

export type SafeguardingFlagKind = 'child-protection-plan' | 'looked-after-child';
export type UnscheduledCareSetting = 'emergency-department' | 'urgent-care' | 'out-of-hours' | 'ambulance';

/** One row of a code table: a coding and what it means here. */
export interface CodeMeaning<Meaning extends string> {
  readonly system: string;
  readonly code: string;
  readonly means: Meaning;
}

export type SafeguardingFlagTable = readonly CodeMeaning<SafeguardingFlagKind>[];
export type CareSettingTable = readonly CodeMeaning<UnscheduledCareSetting>[];

/**
 * Flag codes that mark a child by default: our own code system, and SNOMED CT
 * 342191000000101 |Subject to child protection plan (finding)| (UK edition). Looked-after status
 * has no SNOMED CT concept here yet (none confirmed); regions extend the table with theirs.
 */
export const DEFAULT_SAFEGUARDING_FLAG_TABLE: SafeguardingFlagTable = [
  { system: SAFEGUARDING_FLAG_SYSTEM, code: 'child-protection-plan', means: 'child-protection-plan' },
  { system: SAFEGUARDING_FLAG_SYSTEM, code: 'looked-after-child', means: 'looked-after-child' },
  { system: SNOMED_CT, code: '342191000000101', means: 'child-protection-plan' },
];

/**
 * Encounter codes (in `class`, `type` or `serviceType`) meaning unscheduled care by default: the
 * v3 ActCode `EMER` class, our own care-setting codes, and SNOMED CT 225728007 |Accident and
 * Emergency department (environment)|. Regions extend the table (walk-in centres, minor injuries
 * units, their own local codes).
 */
export const DEFAULT_CARE_SETTING_TABLE: CareSettingTable = [
  { system: V3_ACT_CODE, code: 'EMER', means: 'emergency-department' },
  { system: CARE_SETTING_SYSTEM, code: 'emergency-department', means: 'emergency-department' },
  { system: CARE_SETTING_SYSTEM, code: 'urgent-care', means: 'urgent-care' },
  { system: CARE_SETTING_SYSTEM, code: 'out-of-hours', means: 'out-of-hours' },
  { system: CARE_SETTING_SYSTEM, code: 'ambulance', means: 'ambulance' },
  { system: SNOMED_CT, code: '225728007', means: 'emergency-department' },
];

/** A coding read from a resource: whatever is not a string is left out. */
export interface ReadCoding {
  readonly system?: string;
  readonly code?: string;
  readonly display?: string;
}

const isObject = (value: unknown): value is Readonly<Record<string, unknown>> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const asArray = (value: unknown): readonly unknown[] =>
  Array.isArray(value) ? value : value === undefined ? [] : [value];

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

function codingOf(value: unknown): ReadCoding | undefined {
  if (!isObject(value)) return undefined;
  const system = text(value['system']);
  const code = text(value['code']);
  const display = text(value['display']);
  return {
    ...(system === undefined ? {} : { system }),
    ...(code === undefined ? {} : { code }),
    ...(display === undefined ? {} : { display }),
  };
}

/**
 * The codings of an element that may be a Coding, a CodeableConcept, a CodeableReference (R5) or
 * an array of any of those, so R4 and R5 Encounters read alike.
 */
export function codingsIn(element: unknown): ReadCoding[] {
  const found: ReadCoding[] = [];
  for (const item of asArray(element)) {
    if (!isObject(item)) continue;
    if (isObject(item['concept'])) found.push(...codingsIn(item['concept']));
    else if (Array.isArray(item['coding'])) {
      for (const coding of item['coding']) {
        const read = codingOf(coding);
        if (read) found.push(read);
      }
    } else {
      const read = codingOf(item);
      if (read?.code !== undefined) found.push(read);
    }
  }
  return found;
}

/** What the first coding found in the table means, if any. */
export function meaningOf<Meaning extends string>(
  codings: readonly ReadCoding[],
  table: readonly CodeMeaning<Meaning>[],
): Meaning | undefined {
  for (const coding of codings) {
    const row = table.find((entry) => entry.system === coding.system && entry.code === coding.code);
    if (row) return row.means;
  }
  return undefined;
}
