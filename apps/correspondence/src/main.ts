import 'reflect-metadata';
import { CorrespondenceModule, correspondenceService } from '@ilinks/correspondence/feature';
import { exitOnStartupFailure, runService } from '@ilinks/platform/runtime';

runService(correspondenceService, [CorrespondenceModule]).catch(exitOnStartupFailure);
