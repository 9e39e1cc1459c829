import { embeddedPlatform } from './support/platform-under-test';
import { lettersAndResultsSuite } from './support/letters-and-results.suite';

lettersAndResultsSuite(embeddedPlatform);
