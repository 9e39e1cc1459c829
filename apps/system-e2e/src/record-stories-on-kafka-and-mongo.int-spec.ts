import { kafkaAndMongoPlatform } from './support/platform-under-test';
import { recordStoriesSuite } from './support/record-stories.suite';

// Issue 5's professional stories on real Kafka and the MongoDB-wire server: the same suite as the e2e-spec.
recordStoriesSuite(kafkaAndMongoPlatform);
