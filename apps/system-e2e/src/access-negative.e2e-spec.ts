import { accessNegativeSuite } from './support/access-negative.suite';
import { embeddedPlatform } from './support/platform-under-test';

accessNegativeSuite(embeddedPlatform);
