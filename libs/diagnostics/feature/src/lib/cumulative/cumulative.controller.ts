import type { CumulativeSeriesV1 } from '@ilinks/diagnostics/contracts';
import { Controller, Get, Header, Query } from '@nestjs/common';
import { CumulativeResults, cumulativeQueryOf } from './cumulative-results';

/** The cumulative view: one analyte over time across labs, as data and as a plot. */
@Controller('cumulative')
export class CumulativeController {
  constructor(private readonly cumulative: CumulativeResults) {}

  @Get()
  series(@Query() query: Record<string, unknown>): Promise<CumulativeSeriesV1> {
    return this.cumulative.series(cumulativeQueryOf(query));
  }

  @Get('svg')
  @Header('Content-Type', 'image/svg+xml; charset=utf-8')
  svg(@Query() query: Record<string, unknown>): Promise<string> {
    return this.cumulative.svg(cumulativeQueryOf(query));
  }
}
