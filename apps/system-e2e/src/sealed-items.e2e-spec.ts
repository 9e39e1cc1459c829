import { embeddedPlatform } from './support/platform-under-test';
import { sealedItemsSuite } from './support/sealed-items.suite';

sealedItemsSuite(embeddedPlatform);
