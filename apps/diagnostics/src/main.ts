import 'reflect-metadata';
import { DiagnosticsModule, diagnosticsService } from '@ilinks/diagnostics/feature';
import { exitOnStartupFailure, runService } from '@ilinks/platform/runtime';

runService(diagnosticsService, [DiagnosticsModule]).catch(exitOnStartupFailure);
