import { fold, IllegalStateError, ValidationError } from '@ilinks/shared/kernel';
import { DeciderSpecification } from '@ilinks/shared/testing';
import {
  type ActivePerson,
  type LinkLocalRecord,
  type LocalRecordLinked,
  type MergePerson,
  personDecider,
  type PersonEvent,
  type PersonMerged,
  type PersonMergeUndone,
  type PersonRegistered,
  type PersonRetired,
  type PersonState,
  type RegisterPerson,
  type RestorePerson,
  type RetirePerson,
  type UndoMerge,
  type UnlinkLocalRecord,
} from './person.decider';

const now = new Date('2026-11-26T10:00:00Z');
const at = now.toISOString();
const metadata = { idempotencyKey: 'k1', now };

const register = (data: Partial<RegisterPerson['data']> = {}): RegisterPerson => ({
  type: 'RegisterPerson',
  data: { personId: 'p1', localRecordId: 'lr1', method: 'nhs-number', ...data },
  metadata,
});
const link = (data: Partial<LinkLocalRecord['data']> = {}): LinkLocalRecord => ({
  type: 'LinkLocalRecord',
  data: { personId: 'p1', localRecordId: 'lr2', method: 'probabilistic', score: 14.2, ...data },
  metadata,
});
const unlink = (data: Partial<UnlinkLocalRecord['data']> = {}): UnlinkLocalRecord => ({
  type: 'UnlinkLocalRecord',
  data: { personId: 'p1', localRecordId: 'lr2', reason: 'wrong patient', ...data },
  metadata,
});
const merge = (data: Partial<MergePerson['data']> = {}): MergePerson => ({
  type: 'MergePerson',
  data: {
    personId: 'p1',
    mergedPersonId: 'p2',
    mergedLocalRecordIds: ['lr8', 'lr9'],
    mergeId: 'm1',
    reason: 'duplicate confirmed at review',
    ...data,
  },
  metadata,
});
const undo = (data: Partial<UndoMerge['data']> = {}): UndoMerge => ({
  type: 'UndoMerge',
  data: { personId: 'p1', mergeId: 'm1', reason: 'twins, not a duplicate', ...data },
  metadata,
});
const retire = (data: Partial<RetirePerson['data']> = {}): RetirePerson => ({
  type: 'RetirePerson',
  data: { personId: 'p2', mergedInto: 'p1', mergeId: 'm1', ...data },
  metadata,
});
const restore = (data: Partial<RestorePerson['data']> = {}): RestorePerson => ({
  type: 'RestorePerson',
  data: { personId: 'p2', mergeId: 'm1', ...data },
  metadata,
});

const registered: PersonRegistered = {
  type: 'PersonRegistered',
  data: { personId: 'p1', localRecordId: 'lr1', method: 'nhs-number', registeredAt: at },
};
const linked: LocalRecordLinked = {
  type: 'LocalRecordLinked',
  data: { personId: 'p1', localRecordId: 'lr2', method: 'probabilistic', score: 14.2, linkedAt: at },
};
const merged: PersonMerged = {
  type: 'PersonMerged',
  data: {
    personId: 'p1',
    mergedPersonId: 'p2',
    mergeId: 'm1',
    localRecordIds: ['lr8', 'lr9'],
    reason: 'duplicate confirmed at review',
    mergedAt: at,
  },
};
const mergeUndone: PersonMergeUndone = {
  type: 'PersonMergeUndone',
  data: {
    personId: 'p1',
    mergeId: 'm1',
    mergedPersonId: 'p2',
    localRecordIds: ['lr8', 'lr9'],
    reason: 'twins, not a duplicate',
    undoneAt: at,
  },
};
const absorbedRegistered: PersonRegistered = {
  type: 'PersonRegistered',
  data: { personId: 'p2', localRecordId: 'lr8', method: 'nhs-number', registeredAt: at },
};
const absorbedLinked: LocalRecordLinked = {
  type: 'LocalRecordLinked',
  data: {
    personId: 'p2',
    localRecordId: 'lr9',
    method: 'review',
    explanation: 'matched by hand',
    linkedAt: at,
  },
};
const retired: PersonRetired = {
  type: 'PersonRetired',
  data: { personId: 'p2', mergedInto: 'p1', mergeId: 'm1', localRecordIds: ['lr8', 'lr9'], retiredAt: at },
};

const spec = DeciderSpecification.for(personDecider);

function linkedIds(state: PersonState): string[] {
  return state.status === 'unregistered' ? [] : state.linkedLocalRecords.map((r) => r.localRecordId);
}

describe('RegisterPerson', () => {
  it('registers a person with its first local record', () => {
    spec.when(register()).then([registered]);
  });

  it('keeps the score and explanation of a probabilistic match', () => {
    spec
      .when(register({ method: 'probabilistic', score: 12.5, explanation: 'name, dob, postcode agree' }))
      .then([
        {
          type: 'PersonRegistered',
          data: {
            personId: 'p1',
            localRecordId: 'lr1',
            method: 'probabilistic',
            score: 12.5,
            explanation: 'name, dob, postcode agree',
            registeredAt: at,
          },
        },
      ]);
  });

  it('stays quiet when repeated', () => {
    spec.given([registered]).when(register()).thenNothing();
  });

  it('refuses to register the same person again with another record', () => {
    spec
      .given([registered])
      .when(register({ localRecordId: 'lr5' }))
      .thenThrows(IllegalStateError);
  });

  it('refuses to register a retired person again', () => {
    spec
      .given([absorbedRegistered, retired])
      .when(register({ personId: 'p2' }))
      .thenThrows(IllegalStateError);
  });
});

describe('LinkLocalRecord', () => {
  it('links another local record with its evidence', () => {
    spec.given([registered]).when(link()).then([linked]);
  });

  it('is a no-op for a record already linked', () => {
    spec.given([registered, linked]).when(link()).thenNothing();
    spec
      .given([registered])
      .when(link({ localRecordId: 'lr1' }))
      .thenNothing();
  });

  it('refuses to link to a retired person', () => {
    spec
      .given([absorbedRegistered, retired])
      .when(link({ personId: 'p2' }))
      .thenThrows(IllegalStateError, /retired/);
  });

  it('refuses to link to a person not registered', () => {
    spec.when(link()).thenThrows(IllegalStateError, /not registered/);
  });
});

describe('UnlinkLocalRecord', () => {
  it('unlinks a record with the reason', () => {
    spec
      .given([registered, linked])
      .when(unlink())
      .then([
        {
          type: 'LocalRecordUnlinked',
          data: { personId: 'p1', localRecordId: 'lr2', reason: 'wrong patient', unlinkedAt: at },
        },
      ]);
  });

  it('refuses a record not linked (so a repeat is refused too)', () => {
    spec
      .given([registered])
      .when(unlink())
      .thenThrows(IllegalStateError, /not linked/);
  });

  it('refuses without a reason', () => {
    spec
      .given([registered, linked])
      .when(unlink({ reason: '  ' }))
      .thenThrows(ValidationError);
  });

  it('lets the record be linked again afterwards', () => {
    const unlinked: PersonEvent = {
      type: 'LocalRecordUnlinked',
      data: { personId: 'p1', localRecordId: 'lr2', reason: 'wrong patient', unlinkedAt: at },
    };
    spec.given([registered, linked, unlinked]).when(link()).then([linked]);
  });
});

describe('MergePerson', () => {
  it('absorbs the records of another person', () => {
    spec.given([registered, linked]).when(merge()).then([merged]);
  });

  it('stays quiet when the same merge is repeated', () => {
    spec.given([registered, merged]).when(merge()).thenNothing();
    spec
      .given([registered, merged])
      .when(merge({ mergedLocalRecordIds: ['lr9', 'lr8'] }))
      .thenNothing();
  });

  it('refuses a merge that brings a record already linked', () => {
    spec
      .given([registered, linked])
      .when(merge({ mergedLocalRecordIds: ['lr2', 'lr9'] }))
      .thenThrows(IllegalStateError, /already linked/);
  });

  it('refuses a merge id reused for something else or after an undo', () => {
    spec
      .given([registered, merged])
      .when(merge({ mergedPersonId: 'p3', mergedLocalRecordIds: ['lr7'] }))
      .thenThrows(IllegalStateError);
    spec.given([registered, merged, mergeUndone]).when(merge()).thenThrows(IllegalStateError);
  });

  it('refuses merging a person into itself, repeated records, or a blank reason', () => {
    spec
      .given([registered])
      .when(merge({ mergedPersonId: 'p1' }))
      .thenThrows(ValidationError);
    spec
      .given([registered])
      .when(merge({ mergedLocalRecordIds: ['lr8', 'lr8'] }))
      .thenThrows(ValidationError);
    spec
      .given([registered])
      .when(merge({ reason: '' }))
      .thenThrows(ValidationError);
  });

  it('refuses a retired or unregistered survivor', () => {
    spec.when(merge()).thenThrows(IllegalStateError);
    spec
      .given([absorbedRegistered, retired])
      .when(merge({ personId: 'p2', mergedPersonId: 'p3' }))
      .thenThrows(IllegalStateError);
  });

  it('keeps how each record came: directly with evidence, or through the merge', () => {
    const state = fold(personDecider, [registered, linked, merged]) as ActivePerson;
    expect(state.linkedLocalRecords).toEqual([
      { localRecordId: 'lr1', method: 'nhs-number', linkedAt: at },
      { localRecordId: 'lr2', method: 'probabilistic', score: 14.2, linkedAt: at },
      { localRecordId: 'lr8', method: 'merge', mergeId: 'm1', linkedAt: at },
      { localRecordId: 'lr9', method: 'merge', mergeId: 'm1', linkedAt: at },
    ]);
    expect(state.merges).toEqual([
      {
        mergeId: 'm1',
        mergedPersonId: 'p2',
        localRecordIds: ['lr8', 'lr9'],
        reason: 'duplicate confirmed at review',
        mergedAt: at,
        undone: false,
      },
    ]);
  });
});

describe('UndoMerge', () => {
  it('gives the records the merge brought back to the merged person', () => {
    spec.given([registered, linked, merged]).when(undo()).then([mergeUndone]);
  });

  it('restores exactly the linked set from before the merge', () => {
    const before = fold(personDecider, [registered, linked]);
    const after = fold(personDecider, [registered, linked, merged, mergeUndone]);
    expect(linkedIds(after)).toEqual(linkedIds(before));
    expect((after as ActivePerson).linkedLocalRecords).toEqual((before as ActivePerson).linkedLocalRecords);
  });

  it('keeps records linked after the merge, and the merge in the history', () => {
    const later: LocalRecordLinked = { ...linked, data: { ...linked.data, localRecordId: 'lr3' } };
    const after = fold(personDecider, [registered, merged, later, mergeUndone]) as ActivePerson;
    expect(linkedIds(after)).toEqual(['lr1', 'lr3']);
    expect(after.merges).toEqual([expect.objectContaining({ mergeId: 'm1', undone: true })]);
  });

  it('returns only the merged records the survivor still holds through the merge', () => {
    const unlinked: PersonEvent = {
      type: 'LocalRecordUnlinked',
      data: { personId: 'p1', localRecordId: 'lr9', reason: 'wrong patient', unlinkedAt: at },
    };
    spec
      .given([registered, merged, unlinked])
      .when(undo())
      .then([{ ...mergeUndone, data: { ...mergeUndone.data, localRecordIds: ['lr8'] } }]);
  });

  it('refuses an unknown merge', () => {
    spec
      .given([registered])
      .when(undo())
      .thenThrows(IllegalStateError, /No such merge/);
  });

  it('refuses a merge already undone', () => {
    spec
      .given([registered, merged, mergeUndone])
      .when(undo())
      .thenThrows(IllegalStateError, /already undone/);
  });

  it('refuses without a reason', () => {
    spec
      .given([registered, merged])
      .when(undo({ reason: '' }))
      .thenThrows(ValidationError);
  });
});

describe('RetirePerson', () => {
  it('retires the absorbed person, naming the records handed over', () => {
    spec.given([absorbedRegistered, absorbedLinked]).when(retire()).then([retired]);
  });

  it('stays quiet when repeated', () => {
    spec.given([absorbedRegistered, absorbedLinked, retired]).when(retire()).thenNothing();
  });

  it('refuses a second retirement by another merge', () => {
    spec
      .given([absorbedRegistered, absorbedLinked, retired])
      .when(retire({ mergedInto: 'p3', mergeId: 'm2' }))
      .thenThrows(IllegalStateError);
  });

  it('refuses an unregistered person or a person merged into itself', () => {
    spec.when(retire()).thenThrows(IllegalStateError);
    spec
      .given([absorbedRegistered])
      .when(retire({ mergedInto: 'p2' }))
      .thenThrows(ValidationError);
  });
});

describe('RestorePerson', () => {
  const restored: PersonEvent = {
    type: 'PersonRestored',
    data: { personId: 'p2', mergeId: 'm1', localRecordIds: ['lr8', 'lr9'], restoredAt: at },
  };

  it('restores the retired person with the records it had', () => {
    spec.given([absorbedRegistered, absorbedLinked, retired]).when(restore()).then([restored]);
  });

  it('brings back exactly the state from before the retirement', () => {
    const before = fold(personDecider, [absorbedRegistered, absorbedLinked]) as ActivePerson;
    const after = fold(personDecider, [
      absorbedRegistered,
      absorbedLinked,
      retired,
      restored,
    ]) as ActivePerson;
    expect(after).toEqual({ ...before, restoredFromMergeIds: ['m1'] });
  });

  it('stays quiet when repeated, and refuses a retirement by the undone merge', () => {
    spec.given([absorbedRegistered, retired, restored]).when(restore()).thenNothing();
    spec.given([absorbedRegistered, retired, restored]).when(retire()).thenThrows(IllegalStateError);
  });

  it('refuses a person not retired, or retired by another merge', () => {
    spec
      .given([absorbedRegistered])
      .when(restore())
      .thenThrows(IllegalStateError, /not retired/);
    spec.when(restore()).thenThrows(IllegalStateError, /not registered/);
    spec
      .given([absorbedRegistered, retired])
      .when(restore({ mergeId: 'm2' }))
      .thenThrows(IllegalStateError, /another merge/);
  });
});

describe('a merge and its undo across both streams', () => {
  it('keep both histories and return each person to what it was', () => {
    const survivorBefore = fold(personDecider, [registered, linked]);
    const absorbedBefore = fold(personDecider, [absorbedRegistered, absorbedLinked]);

    const survivorEvents = [registered, linked, merged];
    const absorbedEvents: PersonEvent[] = [absorbedRegistered, absorbedLinked, retired];
    expect(linkedIds(fold(personDecider, survivorEvents))).toEqual(['lr1', 'lr2', 'lr8', 'lr9']);

    const undone = personDecider.decide(undo(), fold(personDecider, survivorEvents));
    const restoredEvents = personDecider.decide(restore(), fold(personDecider, absorbedEvents));

    expect(linkedIds(fold(personDecider, [...survivorEvents, ...undone]))).toEqual(linkedIds(survivorBefore));
    expect(linkedIds(fold(personDecider, [...absorbedEvents, ...restoredEvents]))).toEqual(
      linkedIds(absorbedBefore),
    );
    expect(undone[0]?.type === 'PersonMergeUndone' && undone[0].data.localRecordIds).toEqual(
      linkedIds(absorbedBefore),
    );
  });
});
