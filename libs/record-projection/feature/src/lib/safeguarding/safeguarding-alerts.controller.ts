import type { SafeguardingAlertsPageV1, SafeguardingAlertV1 } from '@ilinks/record-projection/contracts';
import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { RecordedByDto } from '../record-entry/record-entry.dto';
import { SafeguardingAlerts } from './safeguarding-alerts';

const ODS_CODE = /^[A-Z0-9]{3,10}$/;

/** The list query: the addressed organisation is required. */
export class ListSafeguardingAlertsQuery {
  @Matches(ODS_CODE, { message: 'organisation must be an ODS code' }) organisation!: string;
  @IsOptional() @IsUUID() personId?: string;
  @IsOptional() @IsIn(['open', 'acknowledged']) status?: 'open' | 'acknowledged';
  @IsOptional() @IsString() @MaxLength(512) cursor?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
}

/** `AcknowledgeAlertRequestV1`. */
export class AcknowledgeAlertDto {
  @Matches(ODS_CODE, { message: 'organisation must be an ODS code' }) organisation!: string;
  @ValidateNested() @Type(() => RecordedByDto) acknowledgedBy!: RecordedByDto;
}

/** Child protection early warning: the alerts addressed to an organisation (called by the gateway). */
@Controller('safeguarding/alerts')
export class SafeguardingAlertsController {
  constructor(private readonly alerts: SafeguardingAlerts) {}

  /** Newest first. */
  @Get()
  list(@Query() query: ListSafeguardingAlertsQuery): Promise<SafeguardingAlertsPageV1> {
    return this.alerts.list(query);
  }

  /** 404 for an unknown alert, 403 for another organisation; a second call changes nothing. */
  @Post(':alertId/acknowledge')
  @HttpCode(200)
  acknowledge(
    @Param('alertId', new ParseUUIDPipe()) alertId: string,
    @Body() body: AcknowledgeAlertDto,
  ): Promise<SafeguardingAlertV1> {
    return this.alerts.acknowledge(alertId, body);
  }
}
