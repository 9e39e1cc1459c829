import type { RecordEntryV1 } from '@ilinks/record-projection/contracts';
import type { JsonObject } from '../../patient/fhir-json';
import {
  type DerivedView,
  type ViewItem,
  isCurrent,
  newestFirst,
  objectAt,
  statusCodeAt,
  textAt,
  viewItemOf,
} from './view-item';

/** One care plan, with its goals and activities as the sender wrote them. */
export interface CarePlanItem extends ViewItem {
  readonly status?: string;
  readonly intent?: string;
  readonly title?: string;
  readonly description?: string;
  readonly period?: JsonObject;
  readonly goals: readonly unknown[];
  readonly activities: readonly unknown[];
  /** ODS code of the organisation that recorded the plan. */
  readonly authorOrganisation: string;
  /** The author as the plan names them, when it does. */
  readonly author?: string;
  /** The person wrote this plan (or their part of it) themselves. */
  readonly patientContributed: boolean;
}

const IN_PLAY = new Set(['active', 'on-hold', 'draft']);

/** 0 for plans in play (active, on hold, draft), 1 for completed ones, 2 for the rest. */
export function carePlanRank(entry: RecordEntryV1): number {
  const status = statusCodeAt(entry.resource, 'status');
  if (status !== undefined && IN_PLAY.has(status)) return 0;
  return status === 'completed' ? 1 : 2;
}

/** The visible CarePlans: those in play first, then completed ones, then the rest, each newest first. */
export function carePlansOf(visible: readonly RecordEntryV1[]): DerivedView<CarePlanItem[]> {
  const plans = visible
    .filter((entry) => entry.resourceType === 'CarePlan' && isCurrent(entry))
    .sort((a, b) => carePlanRank(a) - carePlanRank(b) || newestFirst(a, b));
  return { view: plans.map(carePlanItemOf), returned: plans };
}

function carePlanItemOf(entry: RecordEntryV1): CarePlanItem {
  const resource = entry.resource;
  const status = statusCodeAt(resource, 'status');
  const intent = textAt(resource, 'intent');
  const title = textAt(resource, 'title');
  const description = textAt(resource, 'description');
  const period = objectAt(resource, 'period');
  const author = objectAt(resource, 'author');
  const authorName = author === undefined ? undefined : textAt(author, 'display');
  return {
    ...viewItemOf(entry),
    ...(status === undefined ? {} : { status }),
    ...(intent === undefined ? {} : { intent }),
    ...(title === undefined ? {} : { title }),
    ...(description === undefined ? {} : { description }),
    ...(period === undefined ? {} : { period }),
    goals: listOf(resource['goal']),
    activities: listOf(resource['activity']),
    authorOrganisation: entry.organisation,
    ...(authorName === undefined ? {} : { author: authorName }),
    patientContributed: entry.patientContributed === true,
  };
}

function listOf(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}
