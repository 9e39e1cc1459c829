import 'reflect-metadata';
import { ConsentModule, consentService } from '@ilinks/consent/feature';
import { exitOnStartupFailure, runService } from '@ilinks/platform/runtime';

runService(consentService, [ConsentModule]).catch(exitOnStartupFailure);
