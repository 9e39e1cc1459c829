import { accessMatrixSuite } from './support/access-matrix.suite';
import { auditTrailSuite } from './support/audit-trail.suite';
import { kafkaAndMongoPlatform } from './support/platform-under-test';
import { sealedItemsSuite } from './support/sealed-items.suite';

// Issue 4's proof on real Kafka and the MongoDB-wire server: the same suites as the e2e-specs.
// The audit trail first: its records are consumed while FerretDB is least behind (the audit
// service on FerretDB takes ~4 records/s, one scan per projected write — docs/adr/0005).
// The negative suite runs embedded only: what it proves (token checks, organisation spoofing, id
// guessing, search parameters, bodies) happens in the gateway before any bus is involved, and its
// ~40 audit look-ups would each wait out FerretDB's backlog here.
auditTrailSuite(kafkaAndMongoPlatform);
accessMatrixSuite(kafkaAndMongoPlatform);
sealedItemsSuite(kafkaAndMongoPlatform);
