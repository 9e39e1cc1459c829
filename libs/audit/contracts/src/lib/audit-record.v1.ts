import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { AUDIT_RECORDS_TOPIC } from './audit.topics';

export const AUDIT_ROLES = [
  'practitioner',
  'individual',
  'carer',
  'system',
  'ig-officer',
  'admin',
  'anonymous',
] as const;
/** FHIR AuditEvent.action: Create, Read, Update, Delete, Execute. */
export const AUDIT_ACTIONS = ['C', 'R', 'U', 'D', 'E'] as const;
export const AUDIT_OUTCOMES = ['permitted', 'filtered', 'denied', 'failed'] as const;
export const AUDIT_PURPOSES = [
  'direct-care',
  'emergency',
  'own-record',
  'carer-access',
  'governance',
  'administration',
  'integration',
] as const;
export type AuditOutcomeV1 = (typeof AUDIT_OUTCOMES)[number];

/** Who: the authenticated user or system (an unauthenticated caller is `anonymous`). */
export class AuditAgentV1 {
  @IsString() @MaxLength(256) subject!: string;
  @IsIn(AUDIT_ROLES) role!: (typeof AUDIT_ROLES)[number];
  /** ODS code; `UNKNOWN` when the token could not be read. */
  @Matches(/^[A-Z0-9]{3,10}$/) organisation!: string;
  @IsOptional() @IsString() @MaxLength(64) professionalRole?: string;
}

/** What: one resource the request touched (returned, created, or asked for and refused). */
export class AuditEntityV1 {
  @IsString() @MaxLength(64) resourceType!: string;
  @IsString() @MaxLength(128) id!: string;
  /** Hidden from the caller by the access decision (present so the trail shows what was withheld). */
  @IsOptional() @IsIn([true]) withheld?: true;
}

/**
 * One request that touched (or tried to touch) a person's data, shaped after FHIR AuditEvent as
 * profiled by IHE Basic Audit Log Patterns (BALP): who, what, when, why, outcome.
 */
export class AuditRecordV1 {
  /** The gateway's request id: the same request recorded twice is one record. */
  @IsUUID() recordId!: string;
  @IsISO8601({ strict: true }) recordedAt!: string;
  @ValidateNested() @Type(() => AuditAgentV1) agent!: AuditAgentV1;
  @IsIn(AUDIT_ACTIONS) action!: (typeof AUDIT_ACTIONS)[number];
  /** `Patient.read`, `Patient.search`, `Patient.$match`, `Consent.create`, `auth`, … */
  @IsString() @MaxLength(128) operation!: string;
  @IsString() @Matches(/^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)$/) method!: string;
  /** The route template (`/fhir/Patient/:id`), never the query: search values may be personal data. */
  @IsString() @MaxLength(256) route!: string;
  /** The persons the request concerned (our person ids). */
  @IsArray() @ArrayMaxSize(1000) @IsUUID('all', { each: true }) personIds!: string[];
  @IsArray()
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => AuditEntityV1)
  entities!: AuditEntityV1[];
  @IsIn(AUDIT_PURPOSES) purposeOfUse!: (typeof AUDIT_PURPOSES)[number];
  /** Why access was granted (the access decision's basis), when it was. */
  @IsOptional() @IsString() @MaxLength(64) basis?: string;
  @IsOptional() @IsString() @MaxLength(1000) breakGlassReason?: string;
  @IsOptional() @IsUUID() breakGlassGrantId?: string;
  @IsIn(AUDIT_OUTCOMES) outcome!: AuditOutcomeV1;
  /** A deny reason or error code; never personal data. */
  @IsOptional() @IsString() @MaxLength(256) outcomeDetail?: string;
  @IsInt() @Min(100) @Max(599) status!: number;
  @IsOptional() @IsString() @MaxLength(64) sourceAddress?: string;
  @IsOptional() @Matches(/^[0-9a-f]{32}$/) traceId?: string;
}

export const AuditRecordV1Event = {
  type: 'ilinks.audit.record.v1',
  topic: AUDIT_RECORDS_TOPIC,
  dataClass: AuditRecordV1,
} as const;
