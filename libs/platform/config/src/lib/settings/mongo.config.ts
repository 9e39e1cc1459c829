import { Matches } from 'class-validator';
import { Setting } from '../setting.decorator';
import { ModeAwareConfig, RequiredInDistributedMode } from './mode-aware.config';

/** The MongoDB connection holding this service's read models (distributed mode). */
export class MongoConfig extends ModeAwareConfig {
  @Setting('MONGODB_URL', {
    secret: true,
    description:
      'mongodb:// or mongodb+srv:// connection string; may hold credentials (required in distributed mode)',
  })
  @RequiredInDistributedMode()
  @Matches(/^mongodb(\+srv)?:\/\/\S+$/, {
    message: '$property must be a mongodb:// or mongodb+srv:// connection string',
  })
  url?: string;

  @Setting('MONGODB_DB', {
    description:
      "Database holding this service's read models; one per service (required in distributed mode)",
  })
  @RequiredInDistributedMode()
  @Matches(/^[A-Za-z0-9_-]{1,63}$/, {
    message: '$property must be 1 to 63 letters, digits, dashes or underscores',
  })
  database?: string;
}
