import { DIAGNOSTICS_TOPIC } from '@ilinks/diagnostics/contracts';
import { DIAGNOSTICS_STREAM_PREFIX } from '@ilinks/diagnostics/domain';
import type { Environment } from '@ilinks/platform/config';
import type { ServiceDefinition } from '@ilinks/platform/runtime';
import { type DynamicModule, Module } from '@nestjs/common';
import { CumulativeController } from './cumulative/cumulative.controller';
import { CumulativeResults } from './cumulative/cumulative-results';
import { DIAGNOSTICS_SETTINGS, loadDiagnosticsSettings } from './diagnostics.config';
import { ResultEscalations } from './escalation/result-escalations';
import { diagnosticsEventsMapper } from './integration-events/diagnostics-events.mapper';
import { DiagnosticReportsController, ResultQueueController } from './reports/diagnostic-reports.controller';
import { DiagnosticReports } from './reports/diagnostic-reports';
import { diagnosticReportsProjection } from './reports/diagnostic-reports.projection';
import { resultQueueProjection } from './reports/result-queue.projection';
import { resultsProjection } from './reports/results.projection';
import { requestIdentifiersProjection } from './requests/request-identifiers.projection';
import { TestRequestsController } from './requests/test-requests.controller';
import { TestRequests } from './requests/test-requests';
import { testRequestsProjection } from './requests/test-requests.projection';

/**
 * The diagnostics service: requests, reports and results, and who must acknowledge them (issue 6):
 * routing to the requester, the registered practice and copies; the unacknowledged-results
 * queues; escalation of abnormal results left unacknowledged; the cumulative view; release to the
 * individual.
 */
export const diagnosticsService: ServiceDefinition = {
  name: 'diagnostics',
  streamPrefixes: [DIAGNOSTICS_STREAM_PREFIX],
  publishes: [DIAGNOSTICS_TOPIC],
  relayMapper: diagnosticsEventsMapper,
  projections: [
    testRequestsProjection,
    requestIdentifiersProjection,
    diagnosticReportsProjection,
    resultQueueProjection,
    resultsProjection,
  ],
};

const controllers = [
  TestRequestsController,
  DiagnosticReportsController,
  ResultQueueController,
  CumulativeController,
];
const services = [TestRequests, DiagnosticReports, CumulativeResults, ResultEscalations];

/** The diagnostics use cases; settings from `process.env` (see `DiagnosticsConfig`). */
@Module({
  controllers,
  providers: [...services, { provide: DIAGNOSTICS_SETTINGS, useFactory: () => loadDiagnosticsSettings() }],
})
export class DiagnosticsModule {
  /** The same module with settings read from `env` instead (specs, tools). */
  static withEnvironment(env: Environment): DynamicModule {
    return {
      module: DiagnosticsModuleWithEnvironment,
      controllers,
      providers: [
        ...services,
        { provide: DIAGNOSTICS_SETTINGS, useFactory: () => loadDiagnosticsSettings(env) },
      ],
    };
  }
}

/** Host of {@link DiagnosticsModule.withEnvironment} (a dynamic module needs a class of its own). */
@Module({})
class DiagnosticsModuleWithEnvironment {}
