import 'reflect-metadata';
import { CorrespondenceModule, correspondenceService } from '@ilinks/correspondence/feature';
import { runService } from '@ilinks/platform/runtime';

void runService(correspondenceService, [CorrespondenceModule]);
