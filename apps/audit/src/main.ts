import 'reflect-metadata';
import { AuditModule, auditService } from '@ilinks/audit/feature';
import { runService } from '@ilinks/platform/runtime';

void runService(auditService, [AuditModule]);
