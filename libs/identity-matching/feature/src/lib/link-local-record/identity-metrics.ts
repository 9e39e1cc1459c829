import { type Counter, type Histogram, metrics } from '@opentelemetry/api';

interface IdentityInstruments {
  readonly decisions: Counter;
  readonly candidates: Histogram;
}

let instruments: IdentityInstruments | undefined;

/** The identity service's own instruments, created once per process. */
export function identityMetrics(): IdentityInstruments {
  const meter = metrics.getMeter('@ilinks/identity-matching');
  instruments ??= {
    decisions: meter.createCounter('ilinks.identity.link_decisions', {
      description:
        'Matching decisions by outcome (link, new-person, review) and method (nhs-number, probabilistic): a rising review share means data quality fell or the model needs retraining',
    }),
    candidates: meter.createHistogram('ilinks.identity.candidates', {
      description:
        'Candidate records blocking found for one incoming record: growth means a blocking key became too common',
    }),
  };
  return instruments;
}
