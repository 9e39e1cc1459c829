import { type AuditRecordV1, AuditRecordV1Event } from '@ilinks/audit/contracts';
import type { IntegrationEvent } from '@ilinks/platform/messaging';
import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { UnusualAccessPolicy } from '../access-alerts/unusual-access.policy';
import { AuditTrailWriter } from './audit-trail.writer';

/**
 * The gateway's audit records (`ilinks.audit.records.v1`) into the trail, then the unusual-access
 * check. At-least-once delivery: a redelivered record is found in the trail and not appended again.
 */
@Controller()
export class OnAuditRecordConsumer {
  constructor(
    private readonly writer: AuditTrailWriter,
    private readonly unusualAccess: UnusualAccessPolicy,
  ) {}

  @EventPattern(AuditRecordV1Event.type)
  async onRecord(@Payload() event: IntegrationEvent<AuditRecordV1>): Promise<void> {
    const position = await this.writer.append(event.data);
    await this.unusualAccess.check(event.data, position);
  }
}
