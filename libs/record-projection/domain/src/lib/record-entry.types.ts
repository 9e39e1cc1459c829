/** A coding as the partner sent it. */
export interface Coding {
  readonly system?: string;
  readonly code?: string;
  readonly display?: string;
}

/** The partner's own identifier of the patient an entry is about. */
export interface SubjectIdentifier {
  readonly system: string;
  readonly value: string;
}

/** Who recorded a change: an opaque subject and its role (`system`, `practitioner`, `individual`). */
export interface RecordedBy {
  readonly subject: string;
  readonly role: string;
}

/** What a version of an entry says: the resource and what the gateway indexed from it. */
export interface EntryContent {
  readonly subject: SubjectIdentifier;
  readonly part: string;
  readonly effectiveAt?: string;
  readonly codes: readonly Coding[];
  readonly unknownCodeSystems: boolean;
  readonly notForPatientView?: boolean;
  readonly patientContributed?: boolean;
  readonly resource: Readonly<Record<string, unknown>>;
}
