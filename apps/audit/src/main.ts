import 'reflect-metadata';
import { AuditModule, auditService } from '@ilinks/audit/feature';
import { exitOnStartupFailure, runService } from '@ilinks/platform/runtime';

runService(auditService, [AuditModule]).catch(exitOnStartupFailure);
