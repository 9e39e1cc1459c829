import {
  type CodeRef,
  RECORD_PARTS,
  type RecordPart,
  type ResourceLabel,
  type SensitiveCodeTable,
  categoriesOfCodes,
} from '@ilinks/consent/domain';
import type { CodingV1, RecordEntryV1 } from '@ilinks/record-projection/contracts';
import { RECORD_TYPE_SEARCH_PROFILES, isRecordReadType } from './record-read-types';

/**
 * How the access decision sees one entry: its record part, the organisation that recorded it, the
 * sensitive categories its codes put it in (through `codeTable`), and its two flags. Never its
 * content. A part the decision does not know falls back to its type's part (or `summary`).
 */
export function labelOfEntry(entry: RecordEntryV1, codeTable: SensitiveCodeTable): ResourceLabel {
  const categories = categoriesOfCodes(codeRefsOf(entry.codes), codeTable);
  return {
    part: partOf(entry),
    organisation: entry.organisation,
    ...(categories.length > 0 ? { categories } : {}),
    ...(entry.notForPatientView === true ? { notForPatientView: true } : {}),
    ...(entry.patientContributed === true ? { patientContributed: true } : {}),
  };
}

function partOf(entry: RecordEntryV1): RecordPart {
  if ((RECORD_PARTS as readonly string[]).includes(entry.part)) return entry.part as RecordPart;
  return isRecordReadType(entry.resourceType)
    ? RECORD_TYPE_SEARCH_PROFILES[entry.resourceType].part
    : 'summary';
}

/** The codings that name both a system and a code: only those can match the coded list. */
function codeRefsOf(codes: readonly CodingV1[]): CodeRef[] {
  return codes.flatMap((coding) =>
    coding.system !== undefined && coding.code !== undefined
      ? [{ system: coding.system, code: coding.code }]
      : [],
  );
}
