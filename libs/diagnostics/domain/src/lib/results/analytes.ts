import type { Coding, Quantity } from './result.types';

/** LOINC's code system. */
export const LOINC_SYSTEM = 'http://loinc.org';
/** SNOMED CT's code system. */
export const SNOMED_SYSTEM = 'http://snomed.info/sct';
/** UCUM's code system: the only units we convert. */
export const UCUM_SYSTEM = 'http://unitsofmeasure.org';

/** A code that measures an analyte. */
export interface AnalyteCode {
  readonly system: string;
  readonly code: string;
}

/** A safe conversion from a UCUM unit to the analyte's canonical unit: `value × factor + offset`. */
export interface UnitConversion {
  /** The UCUM code converted from. */
  readonly from: string;
  readonly factor: number;
  readonly offset?: number;
}

/** An analyte the cumulative view knows: the codes that measure it and its safe conversions. */
export interface AnalyteDefinition {
  readonly id: string;
  readonly display: string;
  /** Canonical UCUM unit of its series. */
  readonly unit: string;
  readonly codes: readonly AnalyteCode[];
  readonly conversions: readonly UnitConversion[];
}

const loinc = (...codes: string[]): AnalyteCode[] => codes.map((code) => ({ system: LOINC_SYSTEM, code }));
const snomed = (...codes: string[]): AnalyteCode[] => codes.map((code) => ({ system: SNOMED_SYSTEM, code }));

// Unsure: the SNOMED CT codes are UK edition concepts (pathology bounded code list) as the lead
// listed them; not checked against a SNOMED CT release here.
/** The analytes of the contract's `ANALYTES`, with their codes and conversions. */
export const ANALYTE_DEFINITIONS: readonly AnalyteDefinition[] = [
  {
    id: 'hba1c',
    display: 'HbA1c (IFCC)',
    unit: 'mmol/mol',
    // 4548-4 and 17856-6 are DCCT-aligned (%), 59261-8 IFCC (mmol/mol); the unit sent decides.
    codes: [...loinc('4548-4', '59261-8', '17856-6'), ...snomed('1019431000000105', '999791000000106')],
    // IFCC–NGSP master equation: mmol/mol = (% − 2.15) × 10.929.
    conversions: [{ from: '%', factor: 10.929, offset: -2.15 * 10.929 }],
  },
  {
    id: 'egfr',
    display: 'eGFR',
    unit: 'mL/min/{1.73_m2}',
    codes: [
      ...loinc('33914-3', '62238-1', '69405-9', '98979-8'),
      ...snomed('1011481000000105', '1020291000000106'),
    ],
    conversions: [],
  },
  {
    id: 'creatinine',
    display: 'Serum creatinine',
    unit: 'umol/L',
    codes: [...loinc('2160-0', '14682-9'), ...snomed('1000731000000107')],
    conversions: [{ from: 'mg/dL', factor: 88.42 }],
  },
  {
    id: 'potassium',
    display: 'Serum potassium',
    unit: 'mmol/L',
    codes: [...loinc('2823-3', '6298-4'), ...snomed('1000651000000109')],
    // Monovalent: one equivalent per mole.
    conversions: [{ from: 'meq/L', factor: 1 }],
  },
  {
    id: 'sodium',
    display: 'Serum sodium',
    unit: 'mmol/L',
    codes: [...loinc('2951-2', '2947-0'), ...snomed('1000661000000107')],
    conversions: [{ from: 'meq/L', factor: 1 }],
  },
  {
    id: 'glucose',
    display: 'Plasma glucose',
    unit: 'mmol/L',
    codes: [...loinc('2345-7', '2339-0', '15074-8'), ...snomed('1003141000000105')],
    conversions: [{ from: 'mg/dL', factor: 1 / 18.016 }],
  },
  {
    id: 'haemoglobin',
    display: 'Haemoglobin',
    unit: 'g/L',
    codes: [...loinc('718-7'), ...snomed('1022431000000105')],
    conversions: [{ from: 'g/dL', factor: 10 }],
  },
  {
    id: 'cholesterol',
    display: 'Total cholesterol',
    unit: 'mmol/L',
    codes: [...loinc('2093-3', '14647-2'), ...snomed('1005671000000105')],
    conversions: [{ from: 'mg/dL', factor: 1 / 38.67 }],
  },
];

/** The analyte a result measures: the first of its codings that a definition lists (LOINC or SNOMED CT). */
export function analyteOf(codes: readonly Coding[]): AnalyteDefinition | undefined {
  for (const coding of codes) {
    const definition = ANALYTE_DEFINITIONS.find((candidate) =>
      candidate.codes.some((code) => code.system === coding.system && code.code === coding.code),
    );
    if (definition !== undefined) return definition;
  }
  return undefined;
}

/** The analyte of an id of the contract's `ANALYTES`. */
export function analyteById(id: string): AnalyteDefinition | undefined {
  return ANALYTE_DEFINITIONS.find((definition) => definition.id === id);
}

/**
 * A quantity in its analyte's canonical unit, when that is safe: a UCUM unit (UCUM system, or no
 * system with a code) that is the canonical one or has a listed conversion, and no comparator
 * (`<5` cannot be plotted as 5). Converted values keep three significant figures (all the digits
 * of the integer part), which is the precision these tests are reported to; a value already in
 * the canonical unit is kept as sent.
 */
export function normalisedValue(
  quantity: Quantity,
  analyte: AnalyteDefinition,
): { readonly value: number; readonly unit: string } | undefined {
  if (quantity.comparator !== undefined || !Number.isFinite(quantity.value)) return undefined;
  const ucum = ucumCodeOf(quantity);
  if (ucum === undefined) return undefined;
  if (ucum === analyte.unit) return { value: quantity.value, unit: analyte.unit };
  const conversion = analyte.conversions.find((candidate) => candidate.from === ucum);
  if (conversion === undefined) return undefined;
  const converted = quantity.value * conversion.factor + (conversion.offset ?? 0);
  return { value: roundForDisplay(converted), unit: analyte.unit };
}

function ucumCodeOf(quantity: Quantity): string | undefined {
  if (quantity.code === undefined) return undefined;
  return quantity.system === undefined || quantity.system === UCUM_SYSTEM ? quantity.code : undefined;
}

function roundForDisplay(value: number): number {
  if (value === 0) return 0;
  const integerDigits = Math.max(1, Math.floor(Math.log10(Math.abs(value))) + 1);
  // Through toPrecision and back: a plain number without float noise (106.104 → 106, 5.5506 → 5.55).
  return Number(value.toPrecision(Math.min(21, Math.max(3, integerDigits))));
}
