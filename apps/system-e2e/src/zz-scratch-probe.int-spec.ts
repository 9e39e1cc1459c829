import { jsonOf } from '@ilinks/shared/testing';
import { objectionConsent } from './support/fhir-consents';
import { GatewayCaller } from './support/gateway-client';
import { PlatformProcess } from './support/platform-process';
import { kafkaAndMongoPlatform } from './support/platform-under-test';

it('probe', async () => {
  const platform = await PlatformProcess.start(undefined, kafkaAndMongoPlatform.environment());
  try {
    const hospital = await GatewayCaller.as(platform.gatewayUrl, 'pas', 'RBS', 'system');
    const gp = await GatewayCaller.as(platform.gatewayUrl, 'gps', 'Y12345', 'system');
    const gpDoc = await GatewayCaller.as(platform.gatewayUrl, 'dr-gp', 'Y12345', 'practitioner');
    const p = (sys: string, v: string) => ({ resourceType: 'Patient', identifier: [{ system: sys, value: v }, { system: 'https://fhir.nhs.uk/Id/nhs-number', value: '9000000009' }], name: [{ family: 'Obj', given: ['Sam'] }], gender: 'female', birthDate: '1972-02-12' });
    const a = await jsonOf(await hospital.post('/fhir/Patient', p('https://h/mrn', 'H1')));
    const b = await jsonOf(await gp.post('/fhir/Patient', p('https://gp/id', 'G1')));
    console.log('ids', a.id === b.id);
    const t0 = Date.now();
    for (let i = 0; i < 40; i++) {
      const read = await gpDoc.get(`/fhir/Patient/${a.id}`);
      const consents = await gpDoc.get(`/fhir/Consent?patient=${a.id}`);
      console.log(Date.now() - t0, 'read', read.status, 'consents', consents.status, JSON.stringify(await jsonOf(consents)).slice(0, 300));
      if (consents.status === 200) break;
      await new Promise((r) => setTimeout(r, 1000));
    }
    const obj = await gpDoc.post('/fhir/Consent', objectionConsent(a.id));
    console.log('objection', obj.status, JSON.stringify(await jsonOf(obj)).slice(0, 500));
    console.log(platform.logs.slice(-3000));
  } finally {
    await platform.dispose();
  }
}, 120_000);
