import { accessMatrixSuite } from './support/access-matrix.suite';
import { embeddedPlatform } from './support/platform-under-test';

accessMatrixSuite(embeddedPlatform);
