import { accessMatrixSuite } from './support/access-matrix.suite';
import { accessNegativeSuite } from './support/access-negative.suite';
import { auditTrailSuite } from './support/audit-trail.suite';
import { kafkaAndMongoPlatform } from './support/platform-under-test';

// Issue 4's proof on real Kafka and the MongoDB-wire server: the same suites as the e2e-specs.
accessMatrixSuite(kafkaAndMongoPlatform);
accessNegativeSuite(kafkaAndMongoPlatform);
auditTrailSuite(kafkaAndMongoPlatform);
