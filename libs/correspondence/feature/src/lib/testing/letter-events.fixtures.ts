import {
  type LetterCommand,
  type LetterEvent,
  copyIdFor,
  letterDecider,
  letterIdFor,
  letterStream,
} from '@ilinks/correspondence/domain';
import type { ProjectionEvent } from '@ilinks/platform/read-models';
import { fold } from '@ilinks/shared/kernel';
import type { LetterViewEvent } from '../letters-view/letter-copy.view';

/** Letters for the pure specs of the views and the mapper, made by the real decider. */
export const HOSPITAL = 'RXH01';
export const PRACTICE = 'Y01234';
export const COMMUNITY = 'RCOM1';
export const PERSON = '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b';
export const sender = { subject: 'dr-sender', role: 'practitioner', organisation: HOSPITAL };
export const gpClerk = { subject: 'gp-clerk', role: 'practitioner', organisation: PRACTICE };
export const letterId = letterIdFor(HOSPITAL, 'doc-1');
export const correctionId = letterIdFor(HOSPITAL, 'doc-2');
export const gpCopyId = copyIdFor(letterId, { organisation: PRACTICE });
export const teamCopyId = copyIdFor(letterId, { organisation: COMMUNITY, team: 'district-nursing' });
export const SENT_AT = new Date('2026-03-01T09:00:00.000Z');
export const DUE_AT = '2026-03-04T09:00:00.000Z';
export const policy = { intervalSeconds: 86400, maxReminders: 2 };

/** A recorder of one letter's stream: each command decided on what came before. */
export class LetterStreamFixture {
  readonly events: LetterEvent[] = [];
  constructor(readonly id: string) {}

  run(command: Omit<LetterCommand, 'metadata'>, now: Date = SENT_AT): LetterEvent[] {
    const decided = letterDecider.decide(
      { ...command, metadata: { idempotencyKey: `key-${this.events.length}`, now } } as LetterCommand,
      fold(letterDecider, this.events),
    );
    this.events.push(...decided);
    return [...decided];
  }

  /** The events as a projection sees them, revision by revision. */
  projected(from = 0): LetterViewEvent[] {
    return this.events.slice(from).map(
      (event, index) =>
        ({
          type: event.type,
          data: event.data,
          source: letterStream(this.id),
          version: from + index,
        }) as ProjectionEvent as LetterViewEvent,
    );
  }
}

/** Sends the standard letter (to the practice and the community team) on a new fixture. */
export function sentLetter(id = letterId, overrides: Record<string, unknown> = {}): LetterStreamFixture {
  const stream = new LetterStreamFixture(id);
  stream.run({
    type: 'SendLetter',
    data: {
      letterId: id,
      subject: { personId: PERSON },
      sentBy: sender,
      kind: 'discharge-summary',
      title: 'Discharge summary',
      recipients: [{ organisation: PRACTICE }, { organisation: COMMUNITY, team: 'district-nursing' }],
      attachment: { contentType: 'application/pdf', size: 10, sha256: 'a'.repeat(64) },
      contentHash: `hash-${id}`,
      acknowledgementDueAt: DUE_AT,
      ...overrides,
    },
  });
  return stream;
}
