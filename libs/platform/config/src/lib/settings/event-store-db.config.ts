import { Matches } from 'class-validator';
import { Setting } from '../setting.decorator';
import { ModeAwareConfig, RequiredInDistributedMode } from './mode-aware.config';

/** The EventStoreDB (KurrentDB) connection (distributed mode). */
export class EventStoreDbConfig extends ModeAwareConfig {
  @Setting('EVENTSTORE_CONNECTION_STRING', {
    secret: true,
    description:
      'esdb:// (or esdb+discover://, kurrentdb://) connection string; may hold credentials (required in distributed mode)',
  })
  @RequiredInDistributedMode()
  @Matches(/^(esdb|kurrentdb|kurrent)(\+discover)?:\/\/\S+$/, {
    message: '$property must be an esdb://, esdb+discover:// or kurrentdb:// connection string',
  })
  connectionString?: string;
}
