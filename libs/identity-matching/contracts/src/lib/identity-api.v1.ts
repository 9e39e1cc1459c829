/**
 * The identity-matching service's internal HTTP API (called by the gateway, never by partners):
 * the JSON bodies it takes and returns. Plain types, so callers need nothing but this lib.
 *
 * Routes (all JSON; errors are FHIR OperationOutcome with 4xx/5xx):
 * - `POST /local-records` {@link RegisterLocalRecordRequestV1} → 201 (new record) / 200
 *   {@link RegisterLocalRecordResponseV1}; header `Idempotency-Key` optional.
 * - `GET /persons/:personId` → {@link PersonViewV1} (404 when unknown; a retired person is returned
 *   with `status: 'retired'` and `mergedInto`).
 * - `GET /persons?identifierSystem=&identifierValue=` → {@link PersonSearchResponseV1} (a partner's
 *   own identifier, or the NHS number system `https://fhir.nhs.uk/Id/nhs-number`).
 * - `POST /match` {@link MatchRequestV1} → {@link MatchResponseV1}.
 * - `GET /match-reviews?status=open|resolved&cursor=&limit=` → {@link ReviewPageV1}.
 * - `GET /match-reviews/:reviewId` → {@link ReviewV1}.
 * - `POST /match-reviews/:reviewId/resolve` {@link ResolveReviewRequestV1} → {@link ReviewV1}.
 * - `POST /persons/:personId/unlink` {@link UnlinkLocalRecordRequestV1} → {@link UnlinkResponseV1}.
 * - `POST /persons/:personId/merges/:mergeId/undo` {@link UndoMergeRequestV1} → {@link PersonViewV1}
 *   (the survivor, after the undo).
 */

export const IDENTITY_NHS_NUMBER_SYSTEM = 'https://fhir.nhs.uk/Id/nhs-number';

export type GenderV1 = 'male' | 'female' | 'other' | 'unknown';
export type NameUseV1 = 'official' | 'usual' | 'maiden' | 'nickname' | 'old';

export interface PersonNameV1 {
  readonly family: string;
  readonly given: readonly string[];
  readonly use?: NameUseV1;
}

export interface AddressV1 {
  readonly lines: readonly string[];
  readonly city?: string;
  readonly postcode?: string;
}

export interface ContactPointV1 {
  readonly system: 'phone' | 'email';
  readonly value: string;
}

export interface DemographicsV1 {
  /** Ten digits, no spaces; must pass the Modulus 11 check. */
  readonly nhsNumber?: string;
  readonly names: readonly PersonNameV1[];
  /** `YYYY-MM-DD`. */
  readonly birthDate: string;
  readonly gender: GenderV1;
  readonly addresses: readonly AddressV1[];
  readonly telecom: readonly ContactPointV1[];
}

export interface LocalIdentifierApiV1 {
  readonly system: string;
  readonly value: string;
}

export interface RegisterLocalRecordRequestV1 {
  /** ODS code from the caller's token: the organisation that owns the identifier. */
  readonly organisation: string;
  readonly identifier: LocalIdentifierApiV1;
  readonly demographics: DemographicsV1;
}

export type MatchGradeV1 = 'certain' | 'probable' | 'possible' | 'certainly-not';
export type LinkMethodV1 = 'nhs-number' | 'probabilistic' | 'new-person' | 'review' | 'merge';

/** One field's contribution to a score: the level reached and its weight in bits (never values). */
export interface FieldWeightV1 {
  readonly field: string;
  readonly level: string;
  readonly weight: number;
}

/** What happened to the record's link to a person on this request. */
export interface LinkOutcomeV1 {
  /**
   * - `linked`: joined an existing person (`method` says how);
   * - `new-person`: no candidate was good enough, a person was created for it;
   * - `pending-review`: a person was created for it, and a reviewer must decide whether it is the
   *   same as one of the candidates (`reviewId`);
   * - `already-linked`: the record was known; its link is unchanged.
   */
  readonly outcome: 'linked' | 'new-person' | 'pending-review' | 'already-linked';
  readonly method?: LinkMethodV1;
  readonly score?: number;
  readonly grade?: MatchGradeV1;
  readonly reviewId?: string;
  readonly explanation?: readonly FieldWeightV1[];
}

export interface RegisterLocalRecordResponseV1 {
  readonly localRecordId: string;
  readonly personId: string;
  /** What the request did to the partner's record itself. */
  readonly record: 'registered' | 'updated' | 'unchanged';
  readonly link: LinkOutcomeV1;
  readonly person: PersonViewV1;
}

/** A golden value with the local record (and organisation) it was taken from. */
export interface SourcedValueV1<T> {
  readonly value: T;
  readonly localRecordId: string;
  readonly organisation: string;
  readonly recordedAt: string;
}

export interface GoldenRecordV1 {
  readonly nhsNumber?: SourcedValueV1<string>;
  readonly name?: SourcedValueV1<PersonNameV1>;
  readonly birthDate?: SourcedValueV1<string>;
  readonly gender?: SourcedValueV1<GenderV1>;
  readonly address?: SourcedValueV1<AddressV1>;
  readonly telecom?: SourcedValueV1<readonly ContactPointV1[]>;
}

/** A partner record linked to the person. */
export interface LinkedLocalRecordV1 {
  readonly localRecordId: string;
  readonly organisation: string;
  readonly identifier: LocalIdentifierApiV1;
  /** The NHS number that record holds, when it holds a valid one. */
  readonly nhsNumber?: string;
  readonly linkedAt: string;
  readonly method: LinkMethodV1;
  readonly score?: number;
  /** Set when the person holds the record through a merge. */
  readonly mergeId?: string;
}

export interface MergeV1 {
  readonly mergeId: string;
  readonly mergedPersonId: string;
  readonly localRecordIds: readonly string[];
  readonly reason: string;
  readonly mergedAt: string;
  readonly undone: boolean;
}

export interface PersonViewV1 {
  readonly personId: string;
  readonly status: 'active' | 'retired';
  /** For a retired person: the person it was merged into. */
  readonly mergedInto?: string;
  readonly golden: GoldenRecordV1;
  readonly localRecords: readonly LinkedLocalRecordV1[];
  readonly merges: readonly MergeV1[];
  readonly updatedAt: string;
}

export interface PersonSearchResponseV1 {
  readonly persons: readonly PersonViewV1[];
}

export interface MatchRequestV1 {
  /** What the caller knows; `names` may be empty and `birthDate` '' when unknown. */
  readonly demographics: DemographicsV1;
  /** The most persons to return (1–100, default 10). */
  readonly count?: number;
  readonly onlyCertainMatches?: boolean;
}

export interface MatchV1 {
  readonly person: PersonViewV1;
  /** Posterior probability that the query is this person (1 for an agreeing NHS number). */
  readonly score: number;
  readonly grade: MatchGradeV1;
  readonly explanation: readonly FieldWeightV1[];
}

export interface MatchResponseV1 {
  readonly matches: readonly MatchV1[];
}

export interface ReviewCandidateV1 {
  readonly personId: string;
  readonly score: number;
  readonly grade: MatchGradeV1;
  readonly reasons: readonly string[];
  readonly explanation: readonly FieldWeightV1[];
}

export type ReviewDecisionV1 = 'same-person' | 'different-people';

export interface ReviewResolutionV1 {
  readonly decision: ReviewDecisionV1;
  /** For `same-person`: the candidate the record's person was merged into. */
  readonly personId?: string;
  readonly mergeId?: string;
  readonly reason: string;
  readonly resolvedBy: string;
  readonly resolvedAt: string;
}

/** A potential match a person must decide on. */
export interface ReviewV1 {
  readonly reviewId: string;
  readonly status: 'open' | 'resolved';
  readonly raisedAt: string;
  readonly localRecordId: string;
  readonly organisation: string;
  /** The person created for the record while the review is open. */
  readonly personId: string;
  readonly candidates: readonly ReviewCandidateV1[];
  readonly resolution?: ReviewResolutionV1;
}

export interface ReviewPageV1 {
  readonly reviews: readonly ReviewV1[];
  readonly nextCursor?: string;
}

export interface ResolveReviewRequestV1 {
  readonly decision: ReviewDecisionV1;
  /** Required for `same-person`: which candidate. */
  readonly personId?: string;
  readonly reason: string;
  /** Who decided: the user id from the gateway's token. */
  readonly resolvedBy: string;
}

export interface UnlinkLocalRecordRequestV1 {
  readonly localRecordId: string;
  readonly reason: string;
  readonly requestedBy: string;
}

export interface UnlinkResponseV1 {
  /** The person the record was taken from. */
  readonly person: PersonViewV1;
  /** The new person the record now belongs to. */
  readonly newPerson: PersonViewV1;
}

export interface UndoMergeRequestV1 {
  readonly reason: string;
  readonly requestedBy: string;
}

/**
 * `POST /match-model/train` {@link TrainMatchModelRequestV1} → {@link TrainingReportV1}: retrains
 * the match model (m and u by EM) from every record held and adopts it, unless there was too little
 * to learn from (`coldStart`). `GET /match-model` → {@link MatchModelSummaryV1}.
 */
export interface TrainMatchModelRequestV1 {
  /** Seed of the random-pair draw (default 1): the same records and seed give the same model. */
  readonly seed?: number;
}

export interface TrainingReportV1 {
  readonly modelId: string;
  readonly adopted: boolean;
  readonly coldStart: boolean;
  readonly records: number;
  readonly candidatePairs: number;
  readonly lambda: number;
}

export interface MatchModelSummaryV1 {
  readonly modelId: string;
  readonly records: number;
  readonly candidatePairs: number;
}
