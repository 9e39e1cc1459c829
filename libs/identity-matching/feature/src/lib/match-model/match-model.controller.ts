import type { MatchModelSummaryV1 } from '@ilinks/identity-matching/contracts';
import type { MatchModel } from '@ilinks/identity-matching/domain';
import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { MatchModelProvider, type TrainingReport } from './match-model.provider';

export class TrainMatchModelDto {
  @IsOptional() @IsInt() @Min(1) @Max(2 ** 31 - 1) seed?: number;
}

/** The model in use, and retraining it from the records held (an operator's or a scheduled job's call). */
@Controller('match-model')
export class MatchModelController {
  constructor(private readonly models: MatchModelProvider) {}

  @Get()
  async current(): Promise<MatchModelSummaryV1 & { model: MatchModel }> {
    const { modelId, records, candidatePairs, model } = await this.models.current();
    return { modelId, records, candidatePairs, model };
  }

  /** Not through the write queue: registrations go on while it trains, with the model they had. */
  @Post('train')
  @HttpCode(200)
  train(@Body() body: TrainMatchModelDto): Promise<TrainingReport> {
    return this.models.train(body.seed);
  }
}
