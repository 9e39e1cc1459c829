import {
  IsArray,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { IDENTITY_TOPIC } from './identity.topics';

/** CloudEvents `source` of person-link changes: their `sequence` is the identity store's global position. */
export const IDENTITY_PERSON_LINKS_SOURCE = '/ilinks/identity-matching/person-links';

export const PERSON_CHANGES = ['registered', 'linked', 'unlinked', 'merged', 'merge-undone'] as const;
export type PersonChangeV1 = (typeof PERSON_CHANGES)[number];

/**
 * The person a partner record belongs to changed. Keyed by `localRecordId` (subject too), one
 * message per record — also for each record a merge or an unmerge moves — so a consumer re-keys its
 * views record by record, in order. `sequence` grows with every change of any record (the identity
 * store's global position): compare it per record to drop replays.
 */
export class LocalRecordPersonChangedV1 {
  @IsUUID() localRecordId!: string;
  /** The person the record belongs to now; null after an unlink, until its new person follows. */
  @ValidateIf((_object, value) => value !== null) @IsUUID() personId!: string | null;
  @IsIn(PERSON_CHANGES) change!: PersonChangeV1;
  /** For a merge or its undoing: the person on the other side. */
  @IsOptional() @IsUUID() otherPersonId?: string;
  @IsOptional() @IsString() @MaxLength(128) mergeId?: string;
  @IsISO8601({ strict: true }) changedAt!: string;
}

export const LocalRecordPersonChangedV1Event = {
  type: 'ilinks.identity.local-record-person-changed.v1',
  topic: IDENTITY_TOPIC,
  dataClass: LocalRecordPersonChangedV1,
} as const;

/** Two persons became one: the survivor `personId` took every record of `mergedPersonId`. Keyed by the survivor. */
export class PersonsMergedV1 {
  @IsUUID() personId!: string;
  @IsUUID() mergedPersonId!: string;
  @IsString() @MaxLength(128) mergeId!: string;
  @IsArray() @IsUUID('all', { each: true }) localRecordIds!: string[];
  @IsISO8601({ strict: true }) mergedAt!: string;
}

export const PersonsMergedV1Event = {
  type: 'ilinks.identity.persons-merged.v1',
  topic: IDENTITY_TOPIC,
  dataClass: PersonsMergedV1,
} as const;

/** A merge was undone: `mergedPersonId` is back with exactly `localRecordIds`. Keyed by the survivor. */
export class PersonsMergeUndoneV1 {
  @IsUUID() personId!: string;
  @IsUUID() mergedPersonId!: string;
  @IsString() @MaxLength(128) mergeId!: string;
  @IsArray() @IsUUID('all', { each: true }) localRecordIds!: string[];
  @IsISO8601({ strict: true }) undoneAt!: string;
}

export const PersonsMergeUndoneV1Event = {
  type: 'ilinks.identity.persons-merge-undone.v1',
  topic: IDENTITY_TOPIC,
  dataClass: PersonsMergeUndoneV1,
} as const;
