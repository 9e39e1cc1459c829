import { Setting } from '@ilinks/platform/config';
import { IsInt, Max, Min } from 'class-validator';

/** How long the gateway waits for the audit trail before it answers 503 (fail closed). */
export class AuditTrailConfig {
  @Setting('ILINKS_AUDIT_TIMEOUT_MS', {
    default: 2000,
    description:
      'Longest wait, in ms, for the broker to acknowledge a request’s audit record; beyond it the request fails with 503',
  })
  @IsInt()
  @Min(50)
  @Max(60_000)
  timeoutMs!: number;
}
