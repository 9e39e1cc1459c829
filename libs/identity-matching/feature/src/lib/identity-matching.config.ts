import { loadConfig, Setting } from '@ilinks/platform/config';
import { IsArray, IsInt, IsNumber, Matches, Max, Min } from 'class-validator';

/** How the identity service matches and builds golden records. */
export class IdentityMatchingConfig {
  @Setting('ILINKS_IDENTITY_LINK_THRESHOLD', {
    default: 0.99,
    description: 'Match probability at or above which a record links to a person automatically',
  })
  @IsNumber()
  @Min(0)
  @Max(1)
  linkThreshold!: number;

  @Setting('ILINKS_IDENTITY_REVIEW_THRESHOLD', {
    default: 0.5,
    description: 'Match probability at or above which a potential match goes to the review queue',
  })
  @IsNumber()
  @Min(0)
  @Max(1)
  reviewThreshold!: number;

  @Setting('ILINKS_IDENTITY_MAX_BLOCK_SIZE', {
    default: 500,
    description: 'Records sharing one blocking key above which that key is too common to compare on',
  })
  @IsInt()
  @Min(10)
  @Max(100_000)
  maxBlockSize!: number;

  @Setting('ILINKS_IDENTITY_MAX_CANDIDATES', {
    default: 100,
    description:
      'Candidate records scored per match at most: those sharing the NHS number first, then those sharing the most blocking keys',
  })
  @IsInt()
  @Min(1)
  @Max(1_000)
  maxCandidates!: number;

  @Setting('ILINKS_IDENTITY_SOURCE_TRUST', {
    default: [],
    description:
      'Golden-record trust per organisation, e.g. "Y12345=2,RBS=1" (higher wins; unlisted = 0, then the most recent wins)',
  })
  @IsArray()
  @Matches(/^[A-Z0-9]{3,10}=\d{1,3}$/, { each: true, message: '$property entries must be ODS=weight' })
  sourceTrust!: string[];
}

/** Organisation → trust, from `ILINKS_IDENTITY_SOURCE_TRUST`. */
export function trustByOrganisation(
  config: Pick<IdentityMatchingConfig, 'sourceTrust'>,
): ReadonlyMap<string, number> {
  return new Map(
    config.sourceTrust.map((entry) => {
      const [organisation, weight] = entry.split('=');
      return [organisation, Number(weight)] as const;
    }),
  );
}

/** Reads and validates the settings, including that the link threshold is not below the review one. */
export function loadIdentityMatchingConfig(
  ...env: Parameters<typeof loadConfig> extends [unknown, ...infer Rest] ? Rest : never
): IdentityMatchingConfig {
  const config = loadConfig(IdentityMatchingConfig, ...env);
  if (config.linkThreshold < config.reviewThreshold) {
    throw new Error('ILINKS_IDENTITY_LINK_THRESHOLD must not be below ILINKS_IDENTITY_REVIEW_THRESHOLD');
  }
  return config;
}
