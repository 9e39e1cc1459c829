import { kafkaAndMongoPlatform } from './support/platform-under-test';
import { lettersAndResultsSuite } from './support/letters-and-results.suite';

// Issue 6's stories on real Kafka and the MongoDB-wire server: the same suite as the e2e-spec.
lettersAndResultsSuite(kafkaAndMongoPlatform);
