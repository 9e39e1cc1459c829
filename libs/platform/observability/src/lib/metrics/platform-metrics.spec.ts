import { type Histogram, MeterProvider } from '@opentelemetry/sdk-metrics';
import { CollectingMetricReader } from './collecting-metric-reader';
import { createPlatformMetrics } from './platform-metrics';

describe('createPlatformMetrics', () => {
  let reader: CollectingMetricReader;
  let provider: MeterProvider;

  beforeEach(() => {
    reader = new CollectingMetricReader();
    provider = new MeterProvider({ readers: [reader] });
  });
  afterEach(() => provider.shutdown());

  it('records HTTP requests by method, route template and status', async () => {
    const metrics = createPlatformMetrics(provider.getMeter('test'));
    metrics.recordHttpRequest({
      method: 'GET',
      route: '/fhir/Patient/:id',
      status: 200,
      durationSeconds: 0.02,
    });
    metrics.recordHttpRequest({
      method: 'GET',
      route: '/fhir/Patient/:id',
      status: 200,
      durationSeconds: 0.04,
    });
    metrics.recordHttpRequest({ method: 'POST', route: '/fhir/Patient', status: 400, durationSeconds: 0.01 });

    const counts = await reader.dataPoints('ilinks.http.server.requests');
    expect(
      counts.map((point) => [
        point.attributes['http.route'],
        point.attributes['http.response.status_code'],
        point.value,
      ]),
    ).toEqual([
      ['/fhir/Patient/:id', 200, 2],
      ['/fhir/Patient', 400, 1],
    ]);
    const durations = await reader.dataPoints('http.server.request.duration');
    const patientRead = durations.find((point) => point.attributes['http.route'] === '/fhir/Patient/:id')
      ?.value as Histogram;
    expect(patientRead.count).toBe(2);
    expect(patientRead.sum).toBeCloseTo(0.06);
  });

  it('observes consumer and relay lag at collection time, until unregistered', async () => {
    const metrics = createPlatformMetrics(provider.getMeter('test'));
    let lag = 7;
    const stop = metrics.observeConsumerLag(async () => [
      { group: 'consent-projections', topic: 'ilinks.identity.v1', partition: 2, lag },
    ]);
    metrics.observeRelayLag(() => [{ relay: 'consent', lag: 3 }]);

    expect(
      (await reader.dataPoints('ilinks.messaging.consumer.lag')).map((point) => [
        point.attributes,
        point.value,
      ]),
    ).toEqual([
      [
        {
          'messaging.consumer.group.name': 'consent-projections',
          'messaging.destination.name': 'ilinks.identity.v1',
          'messaging.destination.partition.id': '2',
        },
        7,
      ],
    ]);
    lag = 0;
    expect((await reader.dataPoints('ilinks.messaging.consumer.lag'))[0]?.value).toBe(0);
    expect((await reader.dataPoints('ilinks.relay.lag'))[0]?.value).toBe(3);
    stop();
    lag = 99;
    expect(
      (await reader.dataPoints('ilinks.messaging.consumer.lag')).some((point) => point.value === 99),
    ).toBe(false);
  });

  it('counts dead letters and appended events', async () => {
    const metrics = createPlatformMetrics(provider.getMeter('test'));
    metrics.recordDeadLetter('ilinks.consent.v1', 'record-projection');
    metrics.recordEventsAppended(3, 'consent-objection');
    expect((await reader.dataPoints('ilinks.messaging.dead_lettered'))[0]).toEqual(
      expect.objectContaining({
        value: 1,
        attributes: {
          'messaging.destination.name': 'ilinks.consent.v1',
          'messaging.consumer.group.name': 'record-projection',
        },
      }),
    );
    expect((await reader.dataPoints('ilinks.event_store.events_appended'))[0]).toEqual(
      expect.objectContaining({ value: 3, attributes: { 'ilinks.stream.category': 'consent-objection' } }),
    );
  });
});
