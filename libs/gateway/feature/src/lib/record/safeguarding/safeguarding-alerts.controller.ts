import { CurrentPrincipal, type Principal, Roles } from '@ilinks/platform/security';
import type { SafeguardingAlertV1 } from '@ilinks/record-projection/contracts';
import { NotFoundError } from '@ilinks/shared/kernel';
import { Controller, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { noteAccess, noteAuditFacts } from '../../audit/request-audit';
import { forwardedHeadersOf } from '../../patient/forwarded-headers';
import { SafeguardingAlertsClient } from './safeguarding-alerts.client';
import { nextPageQuery, safeguardingAlertsParamsOf } from './safeguarding-alerts.params';

const PATH = 'record/safeguarding-alerts';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** How an alert is named in the audit trail. */
export const SAFEGUARDING_ALERT_ENTITY = 'SafeguardingAlert';

/** A page of the caller's organisation's alerts; `next` is the link to the following page. */
export interface SafeguardingAlertsResponse {
  readonly alerts: readonly SafeguardingAlertV1[];
  readonly next?: string;
}

const noteAlert = (request: object, alert: SafeguardingAlertV1): void =>
  noteAccess(request, alert.personId, { resourceType: SAFEGUARDING_ALERT_ENTITY, id: alert.alertId });

/**
 * Child protection early warning at the edge: the alerts addressed to the caller's organisation
 * (from the token, never the query) and their acknowledgement. No per-person consent check: the
 * alert is itself the disclosure (see this folder's README); each alert read is audited.
 */
@Controller(PATH)
export class SafeguardingAlertsController {
  constructor(private readonly alerts: SafeguardingAlertsClient) {}

  /** `?personId=&status=open|acknowledged&_count=&_cursor=`, newest first. */
  @Get()
  @Roles('practitioner', 'system')
  async search(
    @Query() query: Record<string, unknown>,
    @CurrentPrincipal() principal: Principal,
    @Req() request: IncomingMessage,
  ): Promise<SafeguardingAlertsResponse> {
    noteAuditFacts(request, { operation: 'SafeguardingAlert.search' });
    const params = safeguardingAlertsParamsOf(query);
    const page = await this.alerts.list(
      {
        organisation: principal.organisation,
        ...(params.personId === undefined ? {} : { personId: params.personId }),
        ...(params.status === undefined ? {} : { status: params.status }),
        ...(params.cursor === undefined ? {} : { cursor: params.cursor }),
        limit: params.count,
      },
      forwardedHeadersOf(request),
    );
    for (const alert of page.alerts) noteAlert(request, alert);
    return {
      alerts: page.alerts,
      ...(page.nextCursor === undefined
        ? {}
        : { next: `/${PATH}?${nextPageQuery(params, page.nextCursor)}` }),
    };
  }

  /** 200 with the alert; 403 when it is addressed to another organisation; a repeat changes nothing. */
  @Post(':id/acknowledge')
  @HttpCode(200)
  @Roles('practitioner', 'system')
  async acknowledge(
    @Param('id') id: string,
    @CurrentPrincipal() principal: Principal,
    @Req() request: IncomingMessage,
  ): Promise<SafeguardingAlertV1> {
    noteAuditFacts(request, { operation: 'SafeguardingAlert.acknowledge' });
    if (!UUID.test(id)) throw new NotFoundError('no such safeguarding alert');
    const alert = await this.alerts.acknowledge(
      id,
      {
        organisation: principal.organisation,
        acknowledgedBy: { subject: principal.subject, role: principal.role },
      },
      forwardedHeadersOf(request),
    );
    noteAlert(request, alert);
    return alert;
  }
}
