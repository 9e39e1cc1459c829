import {
  ConflictError,
  ForbiddenError,
  IllegalStateError,
  NotFoundError,
  TooLargeError,
  UnavailableError,
  UnsupportedMediaTypeError,
  ValidationError,
} from '@ilinks/shared/kernel';
import {
  Body,
  Controller,
  ForbiddenException,
  Get,
  HttpCode,
  type LoggerService,
  Module,
  Param,
  Post,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Type } from 'class-transformer';
import { ArrayNotEmpty, IsArray, IsOptional, IsString, Matches, ValidateNested } from 'class-validator';
import type { AddressInfo } from 'node:net';
import { configureHttpApp } from './configure-http-app';
import { HttpPlatformModule } from './http-platform.module';
import type { OperationOutcome } from './operation-outcome';

class HumanNameDto {
  @IsString()
  family!: string;

  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  given?: string[];
}

class RegisterPatientDto {
  @Matches(/^[A-Z0-9]{3,10}$/)
  organisation!: string;

  @IsArray()
  @ArrayNotEmpty()
  @ValidateNested({ each: true })
  @Type(() => HumanNameDto)
  name!: HumanNameDto[];
}

@Controller()
class ProbeController {
  @Post('patients')
  @HttpCode(201)
  register(@Body() body: RegisterPatientDto): { accepted: boolean; isDto: boolean } {
    return {
      accepted: true,
      isDto: body instanceof RegisterPatientDto && body.name[0] instanceof HumanNameDto,
    };
  }

  @Get('boom')
  boom(): never {
    throw new Error('duplicate key: Jane Smith 1970-01-01');
  }

  @Get('type-error')
  typeError(): never {
    throw new TypeError("Cannot read properties of undefined (reading 'family')");
  }

  @Get('forbidden')
  forbidden(): never {
    throw new ForbiddenException('not your record');
  }

  @Get('domain/:kind')
  domain(@Param('kind') kind: string): never {
    switch (kind) {
      case 'validation':
        throw new ValidationError('invalid command', [
          { path: 'birthDate', message: 'birthDate is in the future' },
        ]);
      case 'not-found':
        throw new NotFoundError('no such local record');
      case 'illegal-state':
        throw new IllegalStateError('the record is already merged');
      case 'conflict':
        throw new ConflictError('stream revision moved');
      case 'forbidden':
        throw new ForbiddenError('no legitimate relationship');
      case 'too-large':
        throw new TooLargeError('the attachment is larger than 10485760 bytes');
      case 'unsupported-media-type':
        throw new UnsupportedMediaTypeError('the attachment is not a PDF');
      default:
        throw new UnavailableError('the audit trail cannot be written');
    }
  }
}

@Module({ imports: [HttpPlatformModule.forRoot()], controllers: [ProbeController] })
class ProbeModule {}

class CapturingLogger implements LoggerService {
  readonly lines: string[] = [];
  log(): void {
    /* not needed */
  }
  warn(): void {
    /* not needed */
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.lines.push([message, ...rest].map(String).join(' '));
  }
}

describe('HTTP platform (real Nest app)', () => {
  let app: NestExpressApplication;
  let baseUrl: string;
  const logger = new CapturingLogger();

  beforeAll(async () => {
    app = await NestFactory.create<NestExpressApplication>(ProbeModule, { logger });
    configureHttpApp(app, { bodyLimit: '1kb', shutdownHooks: false });
    await app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await app.close();
  });

  const post = (body: string, contentType = 'application/json'): Promise<Response> =>
    fetch(`${baseUrl}/patients`, { method: 'POST', headers: { 'content-type': contentType }, body });

  async function outcomeOf(response: Response): Promise<OperationOutcome> {
    expect(response.headers.get('content-type')).toBe('application/fhir+json; charset=utf-8');
    const body = (await response.json()) as OperationOutcome;
    expect(body.resourceType).toBe('OperationOutcome');
    return body;
  }

  const valid = { organisation: 'RX1', name: [{ family: 'Smith', given: ['Jane'] }] };

  it('accepts a valid body as application/json and application/fhir+json, as DTO instances', async () => {
    for (const type of ['application/json', 'application/fhir+json; charset=utf-8']) {
      const response = await post(JSON.stringify(valid), type);
      expect(response.status).toBe(201);
      expect(await response.json()).toEqual({ accepted: true, isDto: true });
    }
  });

  it('answers malformed JSON with 400 "invalid JSON", without echoing the body', async () => {
    const response = await post('{"organisation": "RX1", "name": [Jane');
    expect(response.status).toBe(400);
    const outcome = await outcomeOf(response);
    expect(outcome.issue).toEqual([
      {
        severity: 'error',
        code: 'invalid',
        diagnostics: 'invalid JSON: the request body could not be parsed',
      },
    ]);
  });

  it('answers an oversized body with 413 too-long', async () => {
    const response = await post(JSON.stringify({ ...valid, padding: 'x'.repeat(2048) }));
    expect(response.status).toBe(413);
    expect((await outcomeOf(response)).issue).toEqual([
      {
        severity: 'error',
        code: 'too-long',
        diagnostics: 'the request body is larger than the limit of 1kb',
      },
    ]);
  });

  it('refuses an unknown field, naming it', async () => {
    const response = await post(JSON.stringify({ ...valid, nickname: 'JJ' }));
    expect(response.status).toBe(400);
    expect((await outcomeOf(response)).issue).toEqual([
      {
        severity: 'error',
        code: 'invalid',
        diagnostics: 'nickname is not an allowed field',
        expression: ['nickname'],
      },
    ]);
  });

  it('refuses an unknown nested field with its full path', async () => {
    const response = await post(JSON.stringify({ ...valid, name: [{ family: 'Smith', prefix: 'Dr' }] }));
    expect((await outcomeOf(response)).issue).toEqual([
      {
        severity: 'error',
        code: 'invalid',
        diagnostics: 'name[0].prefix is not an allowed field',
        expression: ['name[0].prefix'],
      },
    ]);
  });

  it('names a bad nested field by its path, and every problem at once', async () => {
    const response = await post(
      JSON.stringify({ organisation: 'rx1', name: [{ family: 'Smith' }, { family: 42, given: ['A', 7] }] }),
    );
    expect(response.status).toBe(400);
    expect((await outcomeOf(response)).issue).toEqual([
      expect.objectContaining({
        code: 'invalid',
        expression: ['organisation'],
        diagnostics: expect.stringMatching(/^organisation must match/),
      }),
      {
        severity: 'error',
        code: 'invalid',
        diagnostics: 'name[1].family must be a string',
        expression: ['name[1].family'],
      },
      {
        severity: 'error',
        code: 'invalid',
        diagnostics: 'each value in name[1].given must be a string',
        expression: ['name[1].given'],
      },
    ]);
  });

  it('reports missing required fields', async () => {
    const outcome = await outcomeOf(await post('{}'));
    expect(outcome.issue).toEqual([
      {
        severity: 'error',
        code: 'invalid',
        diagnostics: 'organisation is required',
        expression: ['organisation'],
      },
      { severity: 'error', code: 'invalid', diagnostics: 'name is required', expression: ['name'] },
    ]);
  });

  it('refuses a body that is not a JSON object', async () => {
    const response = await post('[1, 2]');
    expect(response.status).toBe(400);
    expect((await outcomeOf(response)).issue[0]?.diagnostics).toBe('the body must be a JSON object');
  });

  it('answers a non-JSON media type with 415 not-supported', async () => {
    const response = await post('organisation=RX1', 'application/x-www-form-urlencoded');
    expect(response.status).toBe(415);
    expect((await outcomeOf(response)).issue).toEqual([
      {
        severity: 'error',
        code: 'not-supported',
        diagnostics:
          'content type application/x-www-form-urlencoded is not supported; send application/fhir+json or application/json',
      },
    ]);
  });

  it('answers an unknown route with 404 not-found, without the query string', async () => {
    const response = await fetch(`${baseUrl}/nowhere?nhsNumber=9434765919`);
    expect(response.status).toBe(404);
    expect((await outcomeOf(response)).issue).toEqual([
      { severity: 'error', code: 'not-found', diagnostics: 'no such endpoint: GET /nowhere' },
    ]);
  });

  it('turns an unknown error into a generic 500 with the request id, logging no error text', async () => {
    const response = await fetch(`${baseUrl}/boom`, { headers: { 'x-request-id': 'req-12345678' } });
    expect(response.status).toBe(500);
    expect(response.headers.get('x-request-id')).toBe('req-12345678');
    const outcome = await outcomeOf(response);
    expect(outcome.issue).toEqual([
      {
        severity: 'error',
        code: 'exception',
        diagnostics: 'an unexpected error occurred; quote request id req-12345678 when reporting it',
      },
    ]);
    const logged = logger.lines.find((line) => line.includes('req-12345678'));
    expect(logged).toContain('GET /boom failed (500) with Error');
    expect(logger.lines.join('\n')).not.toContain('Jane');
  });

  it('logs the message of a programming error, which comes from code', async () => {
    const response = await fetch(`${baseUrl}/type-error`);
    expect(response.status).toBe(500);
    const id = response.headers.get('x-request-id') ?? '';
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(logger.lines.find((line) => line.includes(id))).toContain(
      "TypeError: Cannot read properties of undefined (reading 'family')",
    );
  });

  it.each([
    ['validation', 400, 'invalid', 'birthDate is in the future', ['birthDate']],
    ['not-found', 404, 'not-found', 'no such local record', undefined],
    ['illegal-state', 409, 'business-rule', 'the record is already merged', undefined],
    [
      'conflict',
      409,
      'conflict',
      'stream revision moved; the resource changed concurrently: retry the request',
      undefined,
    ],
    ['forbidden', 403, 'forbidden', 'no legitimate relationship', undefined],
    ['unavailable', 503, 'transient', 'the audit trail cannot be written; try again shortly', undefined],
    ['too-large', 413, 'too-long', 'the attachment is larger than 10485760 bytes', undefined],
    ['unsupported-media-type', 415, 'not-supported', 'the attachment is not a PDF', undefined],
  ])('maps the kernel %s error to %i %s', async (kind, status, code, diagnostics, expression) => {
    const response = await fetch(`${baseUrl}/domain/${kind}`);
    expect(response.status).toBe(status);
    expect((await outcomeOf(response)).issue).toEqual([
      { severity: 'error', code, diagnostics, ...(expression ? { expression } : {}) },
    ]);
    if (kind === 'unavailable') expect(response.headers.get('retry-after')).toBe('5');
  });

  it('maps Nest HTTP exceptions by status', async () => {
    const response = await fetch(`${baseUrl}/forbidden`);
    expect(response.status).toBe(403);
    expect((await outcomeOf(response)).issue).toEqual([
      { severity: 'error', code: 'forbidden', diagnostics: 'not your record' },
    ]);
  });

  it('does not advertise the framework', async () => {
    const response = await fetch(`${baseUrl}/nowhere`);
    expect(response.headers.get('x-powered-by')).toBeNull();
  });

  it('replaces an unsafe incoming request id', async () => {
    const response = await fetch(`${baseUrl}/nowhere`, {
      headers: { 'x-request-id': 'bad id\twith spaces' },
    });
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
