import { type IntegrationEvent, toBusMessage } from '../cloud-events';
import { InProcessMessageBus } from '../in-process/in-process.message-bus';
import type { ConsumedMessage } from '../messaging.port';
import { busTransportSuite } from './bus-transport.suite';
import { BusTransportStrategy } from './bus.transport';

busTransportSuite('the in-process bus', () => new InProcessMessageBus({ filename: ':memory:' }));

describe('BusTransportStrategy handler lookup', () => {
  const TYPE = 'ilinks.identity.thing-happened.v1';
  const OTHER = 'ilinks.identity.other-thing-happened.v1';
  const messageOf = (type: string, offset: number): ConsumedMessage => ({
    ...toBusMessage('ilinks.identity.v1', 'k', {
      id: `evt-${offset}`,
      source: '/ilinks/identity-matching',
      type,
      time: '2026-01-02T03:04:05.000Z',
      datacontenttype: 'application/json',
      data: { n: offset },
    }),
    partition: 0,
    offset: String(offset),
    attempt: 1,
  });
  const buses: InProcessMessageBus[] = [];
  afterAll(async () => {
    await Promise.all(buses.map((bus) => bus.close()));
  });
  const strategyWith = (...types: string[]) => {
    const bus = new InProcessMessageBus({ filename: ':memory:' });
    buses.push(bus);
    const strategy = new BusTransportStrategy({
      bus,
      groupId: 'g',
      topics: [],
    });
    const handled: string[] = [];
    for (const type of types)
      strategy.addHandler(
        type,
        async (event: IntegrationEvent) => void handled.push(`${type} ${event.id}`),
        true,
      );
    return { strategy, handled };
  };

  it('finds each type once, handled or not', async () => {
    const { strategy, handled } = strategyWith(TYPE);
    const lookups = jest.spyOn(strategy, 'getHandlerByPattern');
    for (const [index, type] of [TYPE, OTHER, TYPE, OTHER].entries())
      await strategy.handleBusMessage(messageOf(type, index));
    expect(lookups).toHaveBeenCalledTimes(2);
    expect(handled).toEqual([`${TYPE} evt-0`, `${TYPE} evt-2`]);
  });

  it('finds a handler added after a message of its type came', async () => {
    const { strategy, handled } = strategyWith(TYPE);
    await strategy.handleBusMessage(messageOf(OTHER, 0));
    strategy.addHandler(
      OTHER,
      async (event: IntegrationEvent) => void handled.push(`late ${event.id}`),
      true,
    );
    await strategy.handleBusMessage(messageOf(OTHER, 1));
    expect(handled).toEqual(['late evt-1']);
  });
});
