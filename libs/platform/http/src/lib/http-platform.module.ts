import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { OperationOutcomeFilter } from './operation-outcome.filter';
import { createValidationPipe } from './validation.pipe';

/** Installs the `OperationOutcomeFilter` and the strict validation pipe for the whole app. */
@Module({})
export class HttpPlatformModule {
  static forRoot(): DynamicModule {
    return {
      module: HttpPlatformModule,
      providers: [
        { provide: APP_FILTER, useClass: OperationOutcomeFilter },
        { provide: APP_PIPE, useFactory: createValidationPipe },
      ],
    };
  }
}
