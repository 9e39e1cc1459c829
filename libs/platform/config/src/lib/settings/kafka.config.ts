import {
  ArrayNotEmpty,
  IsArray,
  IsBoolean,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  ValidateIf,
} from 'class-validator';
import { Setting } from '../setting.decorator';
import { ModeAwareConfig, RequiredInDistributedMode } from './mode-aware.config';

export const KAFKA_SASL_MECHANISMS = ['plain', 'scram-sha-256', 'scram-sha-512'] as const;
export type KafkaSaslMechanism = (typeof KAFKA_SASL_MECHANISMS)[number];

const whenSaslIsUsed = (config: KafkaConfig, value: unknown): boolean =>
  config.saslMechanism !== undefined || value !== undefined;

/** The Kafka connection (distributed mode). */
export class KafkaConfig extends ModeAwareConfig {
  @Setting('KAFKA_BROKERS', {
    description: 'Comma-separated bootstrap brokers, host:port (required in distributed mode)',
  })
  @RequiredInDistributedMode()
  @IsArray()
  @ArrayNotEmpty()
  @Matches(/^[^\s:,]+:\d{1,5}$/, {
    each: true,
    message: '$property must be a comma-separated list of host:port',
  })
  brokers?: string[];

  @Setting('KAFKA_CLIENT_ID', {
    default: 'ilinks',
    description: 'Client id sent to the brokers (shows in broker logs and quotas)',
  })
  @Matches(/^[A-Za-z0-9._-]+$/, { message: '$property must be letters, digits, dots, dashes or underscores' })
  clientId!: string;

  @Setting('KAFKA_SSL', { default: false, description: 'Connect to the brokers over TLS' })
  @IsBoolean()
  ssl!: boolean;

  @Setting('KAFKA_SASL_MECHANISM', {
    description: `SASL mechanism: ${KAFKA_SASL_MECHANISMS.join(', ')}; unset for none`,
  })
  @IsOptional()
  @IsIn(KAFKA_SASL_MECHANISMS)
  saslMechanism?: KafkaSaslMechanism;

  @Setting('KAFKA_SASL_USERNAME', { description: 'SASL user name (required with KAFKA_SASL_MECHANISM)' })
  @ValidateIf(whenSaslIsUsed)
  @IsString()
  @IsNotEmpty()
  saslUsername?: string;

  @Setting('KAFKA_SASL_PASSWORD', {
    secret: true,
    description: 'SASL password (required with KAFKA_SASL_MECHANISM)',
  })
  @ValidateIf(whenSaslIsUsed)
  @IsString()
  @IsNotEmpty()
  saslPassword?: string;
}
