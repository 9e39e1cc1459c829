import { IsIn, ValidateIf } from 'class-validator';
import { Setting } from '../setting.decorator';

export const RUNTIME_MODES = ['embedded', 'distributed'] as const;
/** `embedded`: one process, SQLite and in-process adapters. `distributed`: Kafka, MongoDB, EventStoreDB. */
export type RuntimeMode = (typeof RUNTIME_MODES)[number];

/**
 * Base for settings classes whose requirements depend on the runtime mode. It re-reads
 * `ILINKS_MODE` so that each class validates on its own; `describeSettings` lists the variable once.
 */
export abstract class ModeAwareConfig {
  @Setting('ILINKS_MODE', {
    default: 'embedded',
    description: 'embedded (one process, SQLite) or distributed (Kafka, MongoDB, EventStoreDB)',
  })
  @IsIn(RUNTIME_MODES)
  mode!: RuntimeMode;
}

/**
 * The setting must be set in distributed mode; in embedded mode it is optional but still
 * validated when present.
 */
export function RequiredInDistributedMode(): PropertyDecorator {
  return ValidateIf(
    (config: ModeAwareConfig, value: unknown) => config.mode === 'distributed' || value !== undefined,
  );
}
