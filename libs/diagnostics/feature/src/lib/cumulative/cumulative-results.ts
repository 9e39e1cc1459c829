import type { CumulativeSeriesV1 } from '@ilinks/diagnostics/contracts';
import {
  type AnalyteDefinition,
  analyteById,
  type CumulativeSource,
  cumulativeSeries,
  trendSvg,
} from '@ilinks/diagnostics/domain';
import type { ReadModelCollection, ReadModelStore } from '@ilinks/platform/read-models';
import { CLOCK, READ_MODEL_STORE } from '@ilinks/platform/runtime';
import { type Clock, type Issue, ValidationError } from '@ilinks/shared/kernel';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { DIAGNOSTICS_SETTINGS, type DiagnosticsSettings } from '../diagnostics.config';
import {
  diagnosticReportsProjection,
  releaseOfReport,
  type ReportDocument,
} from '../reports/diagnostic-reports.projection';
import { type SubjectQuery, subjectFilters, subjectQueryOf } from '../reports/person-reports';
import {
  analyteKeyOf,
  type ResultDocument,
  resultOf,
  resultsProjection,
} from '../reports/results.projection';

/** How many results of one analyte and local record (or person id) a series reads at most. */
export const MAX_POINTS_PER_SUBJECT_KEY = 5_000;
const GET_MANY = 1_000;
const CODE_KEY = /^([^|\s]{1,256})\|([^|\s]{1,128})$/;

/** What a series is asked for: whose, which analyte (an analyte id or `system|code`). */
export interface CumulativeQuery extends SubjectQuery {
  readonly analyte: string;
  /** Labs whose results the caller may not see (the gateway's access decision): left out, never counted. */
  readonly excludeOrganisations: readonly string[];
}

const ODS_CODE = /^[A-Z0-9]{3,10}$/;
const MAX_EXCLUDED = 100;

/** `excludeOrganisation` (repeatable), checked: ODS codes. */
function excludedOrganisationsOf(query: Readonly<Record<string, unknown>>, issues: Issue[]): string[] {
  const raw = query['excludeOrganisation'];
  if (raw === undefined) return [];
  const values = Array.isArray(raw) ? raw : [raw];
  if (values.length > MAX_EXCLUDED)
    issues.push({
      path: 'excludeOrganisation',
      message: `excludeOrganisation may repeat at most ${MAX_EXCLUDED} times`,
    });
  values.forEach((value, index) => {
    if (typeof value !== 'string' || !ODS_CODE.test(value))
      issues.push({
        path: `excludeOrganisation[${index}]`,
        message: 'excludeOrganisation must be an ODS code',
      });
  });
  return values.filter((value): value is string => typeof value === 'string');
}

/** `GET /cumulative`'s query string, checked. */
export function cumulativeQueryOf(query: Readonly<Record<string, unknown>>): CumulativeQuery {
  const issues: Issue[] = [];
  const subject = subjectQueryOf(query, issues);
  const excludeOrganisations = excludedOrganisationsOf(query, issues);
  const analyte = query['analyte'];
  const known = typeof analyte === 'string' && (analyteById(analyte) !== undefined || CODE_KEY.test(analyte));
  if (!known) issues.push({ path: 'analyte', message: 'analyte must be a known analyte id or system|code' });
  if (issues.length > 0) throw new ValidationError('the query is invalid', issues);
  return { ...subject, analyte: analyte as string, excludeOrganisations };
}

/** The analyte of a query: a known one, or one made up for a code no known analyte lists (nothing converts). */
function analyteOfQuery(analyte: string, documents: readonly ResultDocument[]): AnalyteDefinition {
  const known = analyteById(analyte) ?? analyteById(analyteKeyOf([codingOf(analyte)]));
  if (known !== undefined) return known;
  const first = documents.map(resultOf)[0];
  const coding = codingOf(analyte);
  return {
    id: analyte,
    display:
      first?.code.find((code) => code.system === coding.system && code.code === coding.code)?.display ??
      coding.code,
    unit: first?.valueQuantity?.code ?? first?.valueQuantity?.unit ?? '',
    codes: [coding],
    conversions: [],
  };
}

function codingOf(analyte: string): { system: string; code: string } {
  const match = CODE_KEY.exec(analyte);
  return match === null ? { system: '', code: analyte } : { system: match[1], code: match[2] };
}

/** The same test over time, across labs: a person's series of one analyte, and its plot. */
@Injectable()
export class CumulativeResults implements OnModuleInit {
  private results!: ReadModelCollection<ResultDocument>;
  private reports!: ReadModelCollection<ReportDocument>;

  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(READ_MODEL_STORE) private readonly store: ReadModelStore,
    @Inject(DIAGNOSTICS_SETTINGS) private readonly settings: DiagnosticsSettings,
  ) {}

  async onModuleInit(): Promise<void> {
    [this.results, this.reports] = await Promise.all([
      this.store.collection<ResultDocument>(resultsProjection.collection),
      this.store.collection<ReportDocument>(diagnosticReportsProjection.collection),
    ]);
  }

  async series(query: CumulativeQuery): Promise<CumulativeSeriesV1> {
    const key = analyteById(query.analyte)?.id ?? analyteKeyOf([codingOf(query.analyte)]);
    const pages = await Promise.all(
      subjectFilters(query).map((where) =>
        this.results.find({ where: { ...where, analyteKey: key }, limit: MAX_POINTS_PER_SUBJECT_KEY }),
      ),
    );
    const documents = [
      ...new Map(pages.flatMap((page) => page.items).map((item) => [item.id, item.body])).values(),
    ];
    const reports = await this.reportsOf(documents);
    const excluded = new Set(query.excludeOrganisations);
    const current = documents.filter((document) => {
      if (excluded.has(document.organisation)) return false;
      const report = reports.get(document.reportId);
      // Results of a revision since replaced (the views catch up in a moment) are left out.
      if (report === undefined || report.revision !== document.revision) return false;
      return !query.releasedOnly || this.isReleased(report);
    });
    const sources: CumulativeSource<CumulativeSeriesV1['points'][number]['status']>[] = current.map(
      (document) => ({
        reportId: document.reportId,
        organisation: document.organisation,
        effectiveAt: document.effectiveAt,
        status: document.status as CumulativeSeriesV1['points'][number]['status'],
        result: resultOf(document),
      }),
    );
    return cumulativeSeries(analyteOfQuery(query.analyte, current), sources);
  }

  /** The series plotted as an SVG document. */
  async svg(query: CumulativeQuery): Promise<string> {
    return trendSvg(await this.series(query));
  }

  private async reportsOf(documents: readonly ResultDocument[]): Promise<Map<string, ReportDocument>> {
    const ids = [...new Set(documents.map((document) => document.reportId))];
    const found = new Map<string, ReportDocument>();
    for (let start = 0; start < ids.length; start += GET_MANY) {
      for (const report of await this.reports.getMany(ids.slice(start, start + GET_MANY))) {
        found.set(report.id, report.body);
      }
    }
    return found;
  }

  private isReleased(report: ReportDocument): boolean {
    return releaseOfReport(report, this.clock.now(), this.settings.releaseDelayHours).released;
  }
}
