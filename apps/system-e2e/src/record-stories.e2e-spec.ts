import { embeddedPlatform } from './support/platform-under-test';
import { recordStoriesSuite } from './support/record-stories.suite';

recordStoriesSuite(embeddedPlatform);
