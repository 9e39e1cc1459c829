// Test-only entry point: contract suites (jest globals) and test helpers. Never imported by production code.
export { readModelStoreContract, type ReadModelStoreFactory } from './lib/read-model-store.contract';
