// Test-only entry point: contract suites (jest globals) and test helpers. Never imported by production code.
// Testing
export { messageBusContract, type MessageBusContractOptions } from './lib/message-bus.contract';
