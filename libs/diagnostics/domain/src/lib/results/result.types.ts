/**
 * The diagnostics domain's own vocabulary for results and routing. Structurally identical to the
 * contract's V1 types (`CodingV1`, `QuantityV1`, …) so the feature passes values straight through;
 * the domain does not import contracts.
 */

/** A code from a code system (LOINC, SNOMED CT, v3 ObservationInterpretation, a lab's own). */
export interface Coding {
  readonly system: string;
  readonly code: string;
  readonly display?: string;
}

/** A measured amount; `code` is the UCUM code when `system` is `http://unitsofmeasure.org`. */
export interface Quantity {
  readonly value: number;
  /** Human-readable unit as sent. */
  readonly unit?: string;
  readonly system?: string;
  readonly code?: string;
  readonly comparator?: '<' | '<=' | '>=' | '>';
}

/** A reference range as the lab sent it: either bound may be missing, or only text given. */
export interface ReferenceRange {
  readonly low?: Quantity;
  readonly high?: Quantity;
  readonly text?: string;
}

/** How a result reads against its range and the lab's flags. */
export type ResultFlag = 'normal' | 'abnormal' | 'critical' | 'unknown';

/** One result (an Observation) as the lab sent it: what the flag and the series read. */
export interface ResultInput {
  readonly code: readonly Coding[];
  /** FHIR Observation status (`final`, `amended`, `cancelled`, `entered-in-error`, …). */
  readonly status: string;
  readonly valueQuantity?: Quantity;
  readonly valueString?: string;
  readonly referenceRanges: readonly ReferenceRange[];
  /** v3 ObservationInterpretation codes as sent. */
  readonly interpretation: readonly Coding[];
  readonly effectiveAt?: string;
}

/** Someone a result goes to or escalates to: an organisation, optionally a team or practitioner of it. */
export interface Participant {
  readonly organisation: string;
  readonly team?: string;
  readonly practitioner?: string;
}

/** Why a report goes to a participant. */
export type RecipientReason = 'requester' | 'registered-practice' | 'copied-by-requester' | 'copied-by-lab';

/** A participant a report is routed to, once, with every reason it is. */
export interface ReportRecipient {
  readonly participant: Participant;
  readonly reasons: readonly RecipientReason[];
}
