import 'reflect-metadata';
import { IdentityMatchingModule, identityMatchingService } from '@ilinks/identity-matching/feature';
import { runService } from '@ilinks/platform/runtime';

void runService(identityMatchingService, [IdentityMatchingModule]);
