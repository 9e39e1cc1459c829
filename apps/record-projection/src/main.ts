import 'reflect-metadata';
import { RecordProjectionModule, recordProjectionService } from '@ilinks/record-projection/feature';
import { runService } from '@ilinks/platform/runtime';

void runService(recordProjectionService, [RecordProjectionModule]);
