import type { MatchResponseV1 } from '@ilinks/identity-matching/contracts';
import {
  type Demographics,
  isCalendarDate,
  isValidNhsNumber,
  normaliseNhsNumber,
  rankCandidatesForMatch,
} from '@ilinks/identity-matching/domain';
import { type Issue, ValidationError } from '@ilinks/shared/kernel';
import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { MatchCandidates } from '../blocking-index/match-candidates';
import { MatchModelProvider } from '../match-model/match-model.provider';
import { PersonViews } from '../persons-view/person-views';
import { MatchRequestDto } from './match.dto';

const DEFAULT_COUNT = 10;

function matchQueryIssues(query: Demographics): Issue[] {
  return [
    ...(query.nhsNumber !== undefined && !isValidNhsNumber(query.nhsNumber)
      ? [{ path: 'identifier.nhs-number', message: 'NHS number fails the Modulus 11 check' }]
      : []),
    ...(query.birthDate !== '' && !isCalendarDate(query.birthDate)
      ? [{ path: 'birthDate', message: 'birth date must be a real date written YYYY-MM-DD' }]
      : []),
  ];
}

/** FHIR `Patient/$match` behind the gateway: the persons most likely to be the one described. */
@Controller('match')
export class MatchController {
  constructor(
    private readonly candidates: MatchCandidates,
    private readonly models: MatchModelProvider,
    private readonly persons: PersonViews,
  ) {}

  @Post()
  @HttpCode(200)
  async match(@Body() body: MatchRequestDto): Promise<MatchResponseV1> {
    const { nhsNumber, ...rest } = body.demographics;
    const query: Demographics = {
      ...rest,
      birthDate: rest.birthDate ?? '',
      gender: rest.gender ?? 'unknown',
      names: rest.names ?? [],
      addresses: rest.addresses ?? [],
      telecom: rest.telecom ?? [],
      ...(nhsNumber === undefined ? {} : { nhsNumber: normaliseNhsNumber(nhsNumber) }),
    };
    const issues = matchQueryIssues(query);
    if (issues.length > 0) throw new ValidationError('The match query is not valid', issues);
    const model = await this.models.current();
    const ranked = rankCandidatesForMatch(
      query,
      await this.candidates.find(query),
      { model: model.model, ...(model.termFrequency ? { termFrequency: model.termFrequency } : {}) },
      { count: body.count ?? DEFAULT_COUNT, onlyCertainMatches: body.onlyCertainMatches ?? false },
    );
    const matches = await Promise.all(
      ranked.map(async ({ personId, score, grade, explanation }) => ({
        person: await this.persons.get(personId),
        score,
        grade,
        explanation,
      })),
    );
    return { matches };
  }
}
