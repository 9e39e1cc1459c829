import { IsIn, IsNotEmpty, IsOptional, IsString, Matches } from 'class-validator';
import { Setting } from '../setting.decorator';
import { ModeAwareConfig } from './mode-aware.config';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Settings every process needs: mode, where embedded data lives, logging, its own name. */
export class RuntimeConfig extends ModeAwareConfig {
  @Setting('ILINKS_DATA_DIR', {
    default: './.data',
    description: 'Directory for embedded-mode data (SQLite files, dev issuer key); must survive restarts',
  })
  @IsString()
  @IsNotEmpty()
  dataDir!: string;

  @Setting('ILINKS_LOG_LEVEL', {
    default: 'info',
    description: `Minimum log level: ${LOG_LEVELS.join(', ')}`,
  })
  @IsIn(LOG_LEVELS)
  logLevel!: LogLevel;

  @Setting('ILINKS_SERVICE_NAME', {
    description: 'Name of this service in logs and traces (defaults to the app name)',
  })
  @IsOptional()
  @Matches(/^[a-z][a-z0-9-]{0,62}$/, {
    message: '$property must be lower-case letters, digits and dashes, starting with a letter',
  })
  serviceName?: string;
}
