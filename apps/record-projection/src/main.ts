import 'reflect-metadata';
import { RecordProjectionModule, recordProjectionService } from '@ilinks/record-projection/feature';
import { exitOnStartupFailure, runService } from '@ilinks/platform/runtime';

runService(recordProjectionService, [RecordProjectionModule]).catch(exitOnStartupFailure);
