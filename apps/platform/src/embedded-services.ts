import { AuditModule, auditService } from '@ilinks/audit/feature';
import { ConsentModule, consentService } from '@ilinks/consent/feature';
import { CorrespondenceModule, correspondenceService } from '@ilinks/correspondence/feature';
import { DiagnosticsModule, diagnosticsService } from '@ilinks/diagnostics/feature';
import { IdentityMatchingModule, identityMatchingService } from '@ilinks/identity-matching/feature';
import type { ServiceDefinition } from '@ilinks/platform/runtime';
import { RecordProjectionModule, recordProjectionService } from '@ilinks/record-projection/feature';
import type { Type } from '@nestjs/common';

/** Every service behind the gateway. */
export const embeddedServices: readonly { readonly definition: ServiceDefinition; readonly module: Type }[] =
  [
    { definition: identityMatchingService, module: IdentityMatchingModule },
    { definition: consentService, module: ConsentModule },
    { definition: recordProjectionService, module: RecordProjectionModule },
    { definition: correspondenceService, module: CorrespondenceModule },
    { definition: diagnosticsService, module: DiagnosticsModule },
    { definition: auditService, module: AuditModule },
  ];
