import type { RecordEntryV1 } from '@ilinks/record-projection/contracts';
import type { Principal } from '@ilinks/platform/security';
import type { Clock } from '@ilinks/shared/kernel';
import { Inject, Injectable } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { noteAccess, noteAuditFacts } from '../../audit/request-audit';
import { fhirBaseUrlOf } from '../../patient/forwarded-headers';
import type { FhirPatient } from '../../patient/fhir-resources';
import { fhirPatientFromPerson } from '../../patient/person.fhir';
import { visiblePersonView } from '../../patient/person-visibility';
import { type OpenedPersonRecord, PersonRecord, noteEntries } from '../read/person-record';
import { RECORD_READ_SETTINGS, type RecordReadSettings } from '../read/record-read.options';
import type { SearchQuery } from '../read/record-search.params';
import { type CarePlanItem, carePlansOf } from './care-plans-view';
import { type CareTeamMember, careTeamOf, involvementsOf } from './care-team-view';
import {
  type DefaultViewSpec,
  VIEW_LABELS,
  type ViewName,
  defaultViewsFor,
  isPartGranted,
} from './default-views';
import { type DiaryItem, diaryOf, isUpcoming } from './diary-view';
import { type SummaryLists, isSummaryItem, summaryLists } from './summary-view';
import {
  type TimelinePage,
  type TimelineQuery,
  TIMELINE_COUNT,
  nextQueryString,
  parseTimelineQuery,
  timelinePage,
} from './timeline-view';
import type { DerivedView } from './view-item';

/** Injection token of the clock the views read ("future" appointments, current alerts). */
export const RECORD_VIEWS_CLOCK = 'ilinks:record-views-clock';

/** `GET /record/persons/{id}/summary`: the person as a Patient read shows them, and the lists. */
export interface SummaryView extends SummaryLists {
  readonly demographics: FhirPatient;
}

/** `GET /record/persons/{id}/timeline`: a page, and the link to the next one. */
export interface TimelineView extends TimelinePage {
  readonly next?: string;
}

/** `GET /record/persons/{id}`: the caller's role and the views it sees first. */
export interface DefaultView {
  readonly role: string;
  readonly views: Partial<{
    summary: SummaryView;
    diary: readonly DiaryItem[];
    carePlans: readonly CarePlanItem[];
    careTeam: readonly CareTeamMember[];
    timeline: TimelineView;
  }>;
}

/** A view built from an opened record, with the entries it showed and those it withheld. */
interface BuiltView<V> extends DerivedView<V> {
  readonly withheld: readonly RecordEntryV1[];
}

/**
 * The whole-person views of the shared record (JSON for clinical apps). Each opens the record
 * through {@link PersonRecord} (so the access decision is always asked), keeps the entries the view
 * could use, sifts them by the decision and only then derives the view: a hidden entry never
 * shapes a list, a count, a care team or a "latest" preference. Notes the audit facts: operation
 * `Record.<view>`, the person, every entry returned and every entry withheld.
 */
@Injectable()
export class RecordViews {
  constructor(
    private readonly personRecord: PersonRecord,
    @Inject(RECORD_VIEWS_CLOCK) private readonly clock: Clock,
    @Inject(RECORD_READ_SETTINGS) private readonly settings: RecordReadSettings,
  ) {}

  async summary(personId: string, principal: Principal, request: IncomingMessage): Promise<SummaryView> {
    noteAuditFacts(request, { operation: 'Record.summary' });
    const opened = await this.open(personId, principal, request, 'summary');
    return this.noted(request, opened, this.summaryOf(opened, request));
  }

  async diary(
    personId: string,
    principal: Principal,
    request: IncomingMessage,
  ): Promise<readonly DiaryItem[]> {
    noteAuditFacts(request, { operation: 'Record.diary' });
    const opened = await this.open(personId, principal, request, 'diary');
    return this.noted(request, opened, this.diaryOf(opened));
  }

  async carePlans(
    personId: string,
    principal: Principal,
    request: IncomingMessage,
  ): Promise<readonly CarePlanItem[]> {
    noteAuditFacts(request, { operation: 'Record.carePlans' });
    const opened = await this.open(personId, principal, request, 'carePlans');
    return this.noted(request, opened, this.carePlansOf(opened));
  }

  async careTeam(
    personId: string,
    principal: Principal,
    request: IncomingMessage,
  ): Promise<readonly CareTeamMember[]> {
    noteAuditFacts(request, { operation: 'Record.careTeam' });
    const opened = await this.open(personId, principal, request, 'careTeam');
    return this.noted(request, opened, this.careTeamOf(opened));
  }

  async timeline(
    personId: string,
    query: SearchQuery,
    principal: Principal,
    request: IncomingMessage,
  ): Promise<TimelineView> {
    noteAuditFacts(request, { operation: 'Record.timeline' });
    const parsed = parseTimelineQuery(query);
    const opened = await this.open(personId, principal, request, 'timeline');
    return this.noted(request, opened, this.timelineOf(opened, parsed, request));
  }

  /**
   * The views the caller's role sees first. A view whose part the decision does not grant (a
   * carer's delegation) is left out, and the audit outcome says the record was filtered.
   */
  async defaultView(personId: string, principal: Principal, request: IncomingMessage): Promise<DefaultView> {
    noteAuditFacts(request, { operation: 'Record.default' });
    const specs = defaultViewsFor(principal.role);
    const opened = await this.openAsAnyOf(personId, principal, request, specs);
    const granted = specs.filter(({ view }) => isPartGranted(opened.access, VIEW_LABELS[view].part));
    if (granted.length < specs.length)
      noteAuditFacts(request, { outcome: 'filtered', outcomeDetail: 'part-not-delegated' });
    const built = granted.map((spec) => [spec.view, this.build(spec, opened, request)] as const);
    const returned = built.flatMap(([, view]) => view.returned);
    const withheld = built.flatMap(([, view]) => view.withheld);
    noteEntries(request, opened.person.personId, uniqueEntries(returned), uniqueEntries(withheld));
    return {
      role: principal.role,
      views: Object.fromEntries(built.map(([name, view]) => [name, view.view])) as DefaultView['views'],
    };
  }

  private build(
    spec: DefaultViewSpec,
    opened: OpenedPersonRecord,
    request: IncomingMessage,
  ): BuiltView<unknown> {
    switch (spec.view) {
      case 'summary':
        return this.summaryOf(opened, request);
      case 'diary':
        return this.diaryOf(opened, spec.limit);
      case 'carePlans':
        return this.carePlansOf(opened);
      case 'careTeam':
        return this.careTeamOf(opened);
      case 'timeline':
        return this.timelineOf(
          opened,
          { count: spec.limit ?? TIMELINE_COUNT.default, offset: 0, applied: [] },
          request,
        );
    }
  }

  private summaryOf(opened: OpenedPersonRecord, request: IncomingMessage): BuiltView<SummaryView> {
    const now = this.clock.now();
    const { visible, withheld } = sift(opened, (entry) => isSummaryItem(entry, now));
    const lists = summaryLists(visible, now);
    const { person, access } = opened;
    noteAccess(request, person.personId, { resourceType: 'Patient', id: person.personId });
    return {
      view: {
        demographics: fhirPatientFromPerson(visiblePersonView(person, access.isVisible)),
        ...lists.view,
      },
      returned: lists.returned,
      withheld,
    };
  }

  private diaryOf(opened: OpenedPersonRecord, limit?: number): BuiltView<readonly DiaryItem[]> {
    const now = this.clock.now();
    const { visible, withheld } = sift(opened, (entry) => isUpcoming(entry, now));
    return { ...diaryOf(visible, now, limit), withheld };
  }

  private carePlansOf(opened: OpenedPersonRecord): BuiltView<readonly CarePlanItem[]> {
    const { visible, withheld } = sift(opened, (entry) => entry.resourceType === 'CarePlan');
    return { ...carePlansOf(visible), withheld };
  }

  private careTeamOf(opened: OpenedPersonRecord): BuiltView<readonly CareTeamMember[]> {
    const { visible, withheld } = sift(opened, (entry) => involvementsOf(entry).length > 0);
    return { ...careTeamOf(visible), withheld };
  }

  private timelineOf(
    opened: OpenedPersonRecord,
    query: TimelineQuery,
    request: IncomingMessage,
  ): BuiltView<TimelineView> {
    const { page, returned, withheld } = timelinePage(opened.entries, opened.isVisible, query);
    const path = `/record/persons/${opened.person.personId}/timeline`;
    const next =
      page.nextCursor === undefined
        ? {}
        : { next: `${this.apiBaseUrl(request)}${path}?${nextQueryString(query, page.nextCursor)}` };
    return { view: { ...page, ...next }, returned, withheld };
  }

  private open(
    personId: string,
    principal: Principal,
    request: IncomingMessage,
    view: ViewName,
  ): Promise<OpenedPersonRecord> {
    return this.personRecord.open(personId, principal, request, { label: VIEW_LABELS[view] });
  }

  /**
   * Opens the record for the first of the views the decision allows. Only a carer's decision depends
   * on the part asked for, so only a carer is asked about the next view's part after a refusal; the
   * person and the entries are read once.
   */
  private openAsAnyOf(
    personId: string,
    principal: Principal,
    request: IncomingMessage,
    specs: readonly DefaultViewSpec[],
  ): Promise<OpenedPersonRecord> {
    const [first, ...others] = specs.map((spec) => VIEW_LABELS[spec.view]);
    return this.personRecord.open(personId, principal, request, {
      label: first ?? VIEW_LABELS.timeline,
      ...(principal.role === 'carer' ? { orLabels: others } : {}),
    });
  }

  private noted<V>(request: IncomingMessage, opened: OpenedPersonRecord, built: BuiltView<V>): V {
    noteEntries(request, opened.person.personId, built.returned, built.withheld);
    return built.view;
  }

  /** The public base URL of the API (the FHIR base without its `/fhir`). */
  private apiBaseUrl(request: IncomingMessage): string {
    return fhirBaseUrlOf(request, this.settings.baseUrl).replace(/\/fhir$/, '');
  }
}

/** The entries a view could use, split by what the decision shows (asked only of those). */
function sift(
  opened: OpenedPersonRecord,
  isCandidate: (entry: RecordEntryV1) => boolean,
): { visible: RecordEntryV1[]; withheld: RecordEntryV1[] } {
  const visible: RecordEntryV1[] = [];
  const withheld: RecordEntryV1[] = [];
  for (const entry of opened.entries)
    if (isCandidate(entry)) (opened.isVisible(entry) ? visible : withheld).push(entry);
  return { visible, withheld };
}

function uniqueEntries(entries: readonly RecordEntryV1[]): RecordEntryV1[] {
  return [...new Map(entries.map((entry) => [entry.entryId, entry])).values()];
}
