import type {
  AcknowledgeReportRequestV1,
  DiagnosticReportsPageV1,
  DiagnosticReportV1,
  RecordReportRequestV1,
  ReleaseReportRequestV1,
  ResultQueueItemV1,
  ResultQueuePageV1,
  ResultQueueQueryV1,
} from '@ilinks/diagnostics/contracts';
import {
  type AcknowledgeReport,
  contentHashOf,
  diagnosticReportDecider,
  type DiagnosticReportCommand,
  isWithdrawn,
  nextEscalation,
  type RecordReport,
  type ReleaseReport,
  recipientsOf,
  reportIdFor,
  reportStream,
} from '@ilinks/diagnostics/domain';
import type { EventStore } from '@ilinks/platform/event-store';
import type { ReadModelCollection, ReadModelStore, StoredDocument } from '@ilinks/platform/read-models';
import {
  CLOCK,
  EVENT_STORE,
  executeCommand,
  READ_MODEL_STORE,
  ServiceRuntime,
} from '@ilinks/platform/runtime';
import { type Clock, NotFoundError } from '@ilinks/shared/kernel';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { DIAGNOSTICS_SETTINGS, type DiagnosticsSettings } from '../diagnostics.config';
import type { Recorded } from '../recorded';
import { TestRequests } from '../requests/test-requests';
import {
  diagnosticReportsProjection,
  type ReportDocument,
  releaseOfReport,
  reportOf,
} from './diagnostic-reports.projection';
import { type PersonReportsQuery, pageOfReports, subjectFilters } from './person-reports';
import { type QueueDocument, resultQueueProjection } from './result-queue.projection';
import { readResult, reportFlagOf } from './report-reading';

/** How many of one local record's (or person id's) reports a person's list reads at most. */
export const MAX_REPORTS_PER_SUBJECT_KEY = 5_000;

/**
 * Reports from labs: matched to their request, routed, recorded by revision; acknowledged and
 * released by the clinicians they went to; read per person and per queue.
 */
@Injectable()
export class DiagnosticReports implements OnModuleInit {
  private reports!: ReadModelCollection<ReportDocument>;
  private queue!: ReadModelCollection<QueueDocument>;

  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(READ_MODEL_STORE) private readonly store: ReadModelStore,
    @Inject(DIAGNOSTICS_SETTINGS) private readonly settings: DiagnosticsSettings,
    private readonly runtime: ServiceRuntime,
    private readonly requests: TestRequests,
  ) {}

  async onModuleInit(): Promise<void> {
    [this.reports, this.queue] = await Promise.all([
      this.store.collection<ReportDocument>(diagnosticReportsProjection.collection),
      this.store.collection<QueueDocument>(resultQueueProjection.collection),
    ]);
  }

  /** Records a report (or its next revision); `created` when this request, or its first try, recorded revision 1. */
  async record(body: RecordReportRequestV1, idempotencyKey: string): Promise<Recorded<DiagnosticReportV1>> {
    const { recordedBy, registeredPractice: _practice, ...sent } = body;
    const organisation = recordedBy.organisation;
    const reportId = reportIdFor(organisation, body.partnerReportId);
    const now = this.clock.now();
    const request = await this.requests.matching(body.basedOn);
    const results = body.results.map(readResult);
    const flag = reportFlagOf(results);
    const recipients = recipientsOf({
      ...(request === undefined ? {} : { requester: request.requester }),
      requestCopies: request?.copiesTo ?? [],
      ...(body.registeredPractice === undefined ? {} : { registeredPractice: body.registeredPractice }),
      labCopies: body.copiesTo,
    });
    const escalation = nextEscalation(
      {
        flag,
        acknowledgementStatus: isWithdrawn(body.status) ? 'not-required' : 'awaiting',
        revisionRecordedAt: now.toISOString(),
        escalationsOfRevision: [],
        ...(request === undefined ? {} : { requester: request.requester }),
        ...(body.registeredPractice === undefined ? {} : { registeredPractice: body.registeredPractice }),
        recipients,
      },
      this.settings.escalation,
    );
    const { recordedBy: _by, ...report } = { ...body, results };
    const command: RecordReport = {
      type: 'RecordReport',
      data: {
        reportId,
        organisation,
        recordedBy,
        // What the lab sent: the practice the gateway adds and who sent it do not make a new revision.
        contentHash: contentHashOf(sent),
        report,
        ...(request === undefined ? {} : { requestId: request.requestId, requester: request.requester }),
        recipients,
        flag,
        ...(escalation === undefined ? {} : { nextEscalation: escalation }),
      },
      metadata: { idempotencyKey, now, actor: recordedBy.subject },
    };
    const events = await this.execute(reportId, command);
    const created = events.some((event) => event.type === 'ReportRecorded' && event.data.revision === 1);
    return { body: await this.byId(reportId), created };
  }

  async byId(reportId: string): Promise<DiagnosticReportV1> {
    return this.served(await this.documentOf(reportId));
  }

  /** Acknowledges the report's current revision for a clinician of a recipient or escalation organisation. */
  async acknowledge(
    reportId: string,
    body: AcknowledgeReportRequestV1,
    idempotencyKey: string,
  ): Promise<DiagnosticReportV1> {
    const document = await this.documentOf(reportId);
    const command: AcknowledgeReport = {
      type: 'AcknowledgeReport',
      data: {
        reportId,
        revision: document.revision,
        by: body.by,
        ...(body.note === undefined ? {} : { note: body.note }),
      },
      metadata: { idempotencyKey, now: this.clock.now(), actor: body.by.subject },
    };
    await this.execute(reportId, command);
    return this.byId(reportId);
  }

  /** Releases the report to the individual now. */
  async release(
    reportId: string,
    body: ReleaseReportRequestV1,
    idempotencyKey: string,
  ): Promise<DiagnosticReportV1> {
    const command: ReleaseReport = {
      type: 'ReleaseReport',
      data: { reportId, by: body.by },
      metadata: { idempotencyKey, now: this.clock.now(), actor: body.by.subject },
    };
    await this.execute(reportId, command);
    return this.byId(reportId);
  }

  /** A person's reports, newest first, across their local records and merged person ids. */
  async ofPerson(query: PersonReportsQuery): Promise<DiagnosticReportsPageV1> {
    const found = await Promise.all(
      subjectFilters(query).map((where) =>
        this.reports.find({
          where,
          sort: { field: 'issuedAt', direction: 'desc' },
          limit: MAX_REPORTS_PER_SUBJECT_KEY,
        }),
      ),
    );
    const served = uniqueDocuments(found.flatMap((page) => page.items)).map((document) =>
      this.served(document),
    );
    const kept = query.releasedOnly ? served.filter((report) => report.release.released) : served;
    return pageOfReports(kept, query);
  }

  /** A participant's unacknowledged results, most urgent first. */
  async unacknowledged(query: ResultQueueQueryV1): Promise<ResultQueuePageV1> {
    const page = await this.queue.find({
      where: {
        participantOrganisation: query.organisation,
        // The organisation's whole queue is its summary lines: one per report, whatever the teams.
        scope: query.team === undefined && query.practitioner === undefined ? 'organisation' : 'participant',
        ...(query.team === undefined ? {} : { participantTeam: query.team }),
        ...(query.practitioner === undefined ? {} : { participantPractitioner: query.practitioner }),
        ...(query.abnormalOnly === true ? { abnormal: true } : {}),
        awaiting: true,
      },
      sort: { field: 'urgency', direction: 'asc' },
      limit: query.limit,
      ...(query.cursor === undefined ? {} : { cursor: query.cursor }),
    });
    const reports = new Map(
      (await this.reports.getMany([...new Set(page.items.map((item) => item.body.reportId))])).map(
        (document) => [document.id, document.body],
      ),
    );
    const items = page.items.flatMap((item): ResultQueueItemV1[] => {
      const report = reports.get(item.body.reportId);
      // A line of a revision the report has moved past (the views catch up in a moment): not shown.
      return report === undefined || report.revision !== item.body.revision
        ? []
        : [queueItemOf(item.body, report)];
    });
    return { items, ...(page.nextCursor === undefined ? {} : { nextCursor: page.nextCursor }) };
  }

  /** Runs a command on a report's stream and waits until the views show it. */
  async execute(reportId: string, command: DiagnosticReportCommand) {
    const result = await executeCommand(
      this.eventStore,
      diagnosticReportDecider,
      reportStream(reportId),
      command,
    );
    await this.runtime.waitForViews(result.position);
    return result.events;
  }

  private async documentOf(reportId: string): Promise<ReportDocument> {
    const document = await this.reports.get(reportId);
    if (document === undefined) throw new NotFoundError('no such report');
    return document.body;
  }

  private served(document: ReportDocument): DiagnosticReportV1 {
    return reportOf(document, releaseOfReport(document, this.clock.now(), this.settings.releaseDelayHours));
  }
}

function uniqueDocuments(documents: readonly StoredDocument<ReportDocument>[]): ReportDocument[] {
  return [...new Map(documents.map((document) => [document.id, document.body])).values()];
}

function queueItemOf(line: QueueDocument, report: ReportDocument): ResultQueueItemV1 {
  const served = reportOf(report, { released: false });
  return {
    reportId: report.reportId,
    revision: report.revision,
    subject: served.subject,
    organisation: report.organisation,
    code: served.code,
    status: served.status,
    flag: served.flag,
    issuedAt: report.issuedAt,
    reasons: line.reasons as ResultQueueItemV1['reasons'],
    ...(line.escalationLevel === null ? {} : { escalationLevel: line.escalationLevel }),
    participant: {
      organisation: line.participantOrganisation,
      ...(line.participantTeam === null ? {} : { team: line.participantTeam }),
      ...(line.participantPractitioner === null ? {} : { practitioner: line.participantPractitioner }),
    },
  };
}
