import 'reflect-metadata';
import { ConsentModule, consentService } from '@ilinks/consent/feature';
import { runService } from '@ilinks/platform/runtime';

void runService(consentService, [ConsentModule]);
