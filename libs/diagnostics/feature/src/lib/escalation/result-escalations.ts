import {
  type EscalateReport,
  nextEscalation,
  type NextEscalation,
  type Participant,
  type ReportRecipient,
  type ResultFlag,
} from '@ilinks/diagnostics/domain';
import type { ReadModelCollection, ReadModelStore } from '@ilinks/platform/read-models';
import { actOnDue, CLOCK, PeriodicSweep, READ_MODEL_STORE } from '@ilinks/platform/runtime';
import { type Clock, isDomainError } from '@ilinks/shared/kernel';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { DIAGNOSTICS_SETTINGS, type DiagnosticsSettings } from '../diagnostics.config';
import { fromJson } from '../json';
import { DiagnosticReports } from '../reports/diagnostic-reports';
import { diagnosticReportsProjection, type ReportDocument } from '../reports/diagnostic-reports.projection';

/** The escalation after `due`, with `due` recorded for the report's current revision. */
export function escalationAfter(
  report: ReportDocument,
  due: NextEscalation,
  now: Date,
  settings: DiagnosticsSettings,
): NextEscalation | undefined {
  const escalations = report.escalationTrail
    .filter((escalation) => escalation.revision === report.revision)
    .map((escalation) => ({ ...escalation, to: fromJson<Participant>(escalation.to) }));
  return nextEscalation(
    {
      flag: report.flag as ResultFlag,
      acknowledgementStatus: 'awaiting',
      revisionRecordedAt: report.recordedAt,
      escalationsOfRevision: [...escalations, { ...due, escalatedAt: now.toISOString() }],
      ...(report.requester === null ? {} : { requester: fromJson<Participant>(report.requester) }),
      ...(report.registeredPractice === null ? {} : { registeredPractice: report.registeredPractice }),
      recipients: fromJson<ReportRecipient[]>(report.recipients),
    },
    settings.escalation,
  );
}

/**
 * Escalates abnormal results left unacknowledged: every `ILINKS_DIAGNOSTICS_SWEEP_SECONDS`, the
 * reports whose next escalation has fallen due (an index range of the reports view, soonest first)
 * each get `EscalateReport`. The idempotency key names the report, revision and level, so replicas
 * sweeping at once escalate once; the decider refuses (quietly) what an acknowledgement overtook.
 */
@Injectable()
export class ResultEscalations implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ResultEscalations');
  private reports!: ReadModelCollection<ReportDocument>;
  private readonly sweep: PeriodicSweep;

  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(READ_MODEL_STORE) private readonly store: ReadModelStore,
    @Inject(DIAGNOSTICS_SETTINGS) private readonly settings: DiagnosticsSettings,
    private readonly diagnosticReports: DiagnosticReports,
  ) {
    this.sweep = new PeriodicSweep({
      name: 'result-escalations',
      intervalMs: settings.sweepIntervalMs,
      sweep: () => this.sweepOnce(),
      onError: (error) => this.logger.warn(`an escalation sweep failed: ${errorName(error)}`),
    });
  }

  async onModuleInit(): Promise<void> {
    this.reports = await this.store.collection<ReportDocument>(diagnosticReportsProjection.collection);
  }

  onApplicationBootstrap(): void {
    this.sweep.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.sweep.stop();
  }

  /** One round: records every escalation due now; resolves with how many, once the views show them. */
  async sweepOnce(): Promise<number> {
    const now = this.clock.now();
    return actOnDue({
      collection: this.reports,
      where: { escalating: true },
      dueField: 'escalationDueAt',
      now,
      act: (report) => this.escalate(report, now),
    });
  }

  private async escalate(report: ReportDocument, now: Date): Promise<boolean> {
    if (report.nextEscalation === null) return false;
    const due = fromJson<NextEscalation>(report.nextEscalation);
    const after = escalationAfter(report, due, now, this.settings);
    const command: EscalateReport = {
      type: 'EscalateReport',
      data: {
        reportId: report.reportId,
        revision: report.revision,
        level: due.level,
        to: due.to,
        dueAt: due.dueAt,
        ...(after === undefined ? {} : { nextEscalation: after }),
      },
      metadata: { idempotencyKey: `escalation:${report.reportId}:${report.revision}:${due.level}`, now },
    };
    try {
      return (await this.diagnosticReports.execute(report.reportId, command)).length > 0;
    } catch (error) {
      // One report the decider refuses must not stop the others.
      if (!isDomainError(error)) throw error;
      this.logger.warn(`an escalation was refused: ${error.code}`);
      return false;
    }
  }
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : 'unknown error';
}
