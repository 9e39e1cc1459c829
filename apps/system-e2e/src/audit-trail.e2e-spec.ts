import { auditTrailSuite } from './support/audit-trail.suite';
import { embeddedPlatform } from './support/platform-under-test';

auditTrailSuite(embeddedPlatform);
