import type { Address, Demographics } from '@ilinks/identity-matching/domain';

/** One FEBRL record as exported by `export_febrl.py` (soc_sec_id is never exported). */
export interface FebrlRow {
  readonly rec_id: string;
  readonly given_name: string;
  readonly surname: string;
  readonly street_number: string;
  readonly address_1: string;
  readonly address_2: string;
  readonly suburb: string;
  readonly postcode: string;
  readonly state: string;
  readonly date_of_birth: string;
}

const FEBRL_COLUMNS: readonly (keyof FebrlRow)[] = [
  'rec_id',
  'given_name',
  'surname',
  'street_number',
  'address_1',
  'address_2',
  'suburb',
  'postcode',
  'state',
  'date_of_birth',
];

/**
 * Parses the exported CSV: a header line, then one record a line. FEBRL values hold no commas or
 * quotes (the exporter writes none), so a plain split is exact; anything else is refused.
 */
export function parseFebrlCsv(text: string): FebrlRow[] {
  const [header, ...lines] = text.split(/\r?\n/).filter((line) => line.length > 0);
  const columns = (header ?? '').split(',');
  const missing = FEBRL_COLUMNS.filter((column) => !columns.includes(column));
  if (missing.length > 0) throw new Error(`FEBRL CSV lacks columns: ${missing.join(', ')}`);
  if (text.includes('"')) throw new Error('FEBRL CSV with quoted values is not supported');
  return lines.map((line, index) => {
    const values = line.split(',');
    if (values.length !== columns.length) throw new Error(`FEBRL CSV line ${index + 2}: wrong field count`);
    return Object.fromEntries(
      FEBRL_COLUMNS.map((column) => [column, values[columns.indexOf(column)].trim()]),
    ) as unknown as FebrlRow;
  });
}

/** FEBRL `YYYYMMDD` as ISO `YYYY-MM-DD`; '' when it has another shape (blank or corrupted). */
export function febrlBirthDate(value: string): string {
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(value.trim());
  return match ? `${match[1]}-${match[2]}-${match[3]}` : '';
}

function nonBlank(values: readonly string[]): string[] {
  return values.map((value) => value.trim()).filter((value) => value.length > 0);
}

/**
 * The address as a partner's FHIR address would carry it: house number and street, then the locality
 * line, as `lines`; the suburb as `city`; the postcode as `postcode` (Australian: compared as written,
 * see `comparePostcodes`, and a `pc:` blocking key). The state is left out: a handful of values, it
 * says almost nothing about identity and has no field of its own.
 */
export function febrlAddress(row: FebrlRow): Address {
  return {
    lines: nonBlank([nonBlank([row.street_number, row.address_1]).join(' '), row.address_2]),
    ...(row.suburb === '' ? {} : { city: row.suburb }),
    ...(row.postcode === '' ? {} : { postcode: row.postcode }),
  };
}

/** A FEBRL record as our `Demographics`: no NHS number, gender unknown, no telecom. */
export function febrlDemographics(row: FebrlRow): Demographics {
  return {
    names: [{ family: row.surname, given: nonBlank([row.given_name]) }],
    birthDate: febrlBirthDate(row.date_of_birth),
    gender: 'unknown',
    addresses: [febrlAddress(row)],
    telecom: [],
  };
}
