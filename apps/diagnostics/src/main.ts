import 'reflect-metadata';
import { DiagnosticsModule, diagnosticsService } from '@ilinks/diagnostics/feature';
import { runService } from '@ilinks/platform/runtime';

void runService(diagnosticsService, [DiagnosticsModule]);
