import 'reflect-metadata';
import { IdentityMatchingModule, identityMatchingService } from '@ilinks/identity-matching/feature';
import { exitOnStartupFailure, runService } from '@ilinks/platform/runtime';

runService(identityMatchingService, [IdentityMatchingModule]).catch(exitOnStartupFailure);
