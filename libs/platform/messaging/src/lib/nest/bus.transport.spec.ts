import { InProcessMessageBus } from '../in-process/in-process.message-bus';
import { busTransportSuite } from './bus-transport.suite';

busTransportSuite('the in-process bus', () => new InProcessMessageBus({ filename: ':memory:' }));
