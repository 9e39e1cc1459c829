import {
  type Command,
  type Decider,
  type DomainEvent,
  ForbiddenError,
  type Issue,
  ValidationError,
  assertNever,
} from '@ilinks/shared/kernel';
import type { Coding, Participant } from '../results/result.types';

/** Who did something (from the token): an opaque subject, a role and their organisation's ODS code. */
export interface DiagnosticsActor {
  readonly subject: string;
  readonly role: string;
  readonly organisation: string;
}

/** Whom a request or report is about, as the gateway resolved it. */
export interface DiagnosticSubject {
  readonly personId: string;
  readonly localRecordId?: string;
}

/** An order number (placer or filler): a report's `basedOn` names one. */
export interface RequestIdentifier {
  readonly system?: string;
  readonly value: string;
}

/** A test request (a FHIR ServiceRequest) as the requesting organisation sent it. */
export interface TestRequestContent {
  readonly subject: DiagnosticSubject;
  readonly partnerRequestId: string;
  readonly identifiers: readonly RequestIdentifier[];
  readonly requester: Participant;
  readonly performer?: string;
  readonly category?: 'laboratory' | 'imaging' | 'other';
  readonly code: readonly Coding[];
  readonly status: string;
  readonly priority?: string;
  readonly authoredOn?: string;
  readonly copiesTo: readonly Participant[];
  readonly resource: Readonly<Record<string, unknown>>;
}

/** Records a request, or a new revision of it when its content changed. */
export type RecordTestRequest = Command<
  'RecordTestRequest',
  {
    /** From {@link requestIdFor}(organisation, partnerRequestId). */
    readonly requestId: string;
    /** ODS code of the requesting organisation (from the token). */
    readonly organisation: string;
    readonly recordedBy: DiagnosticsActor;
    /** {@link contentHashOf} what was sent: equal for an unchanged resend. */
    readonly contentHash: string;
    readonly request: TestRequestContent;
  }
>;

export type TestRequestCommand = RecordTestRequest;

export type TestRequestRecorded = DomainEvent<
  'TestRequestRecorded',
  {
    readonly requestId: string;
    readonly revision: number;
    readonly organisation: string;
    readonly recordedBy: DiagnosticsActor;
    readonly contentHash: string;
    readonly request: TestRequestContent;
    readonly recordedAt: string;
  }
>;

export type TestRequestEvent = TestRequestRecorded;

export type TestRequestState =
  | { readonly status: 'empty' }
  | {
      readonly status: 'recorded';
      readonly organisation: string;
      readonly revision: number;
      readonly contentHash: string;
    };

function requestIssues(organisation: string, request: TestRequestContent): Issue[] {
  const issues: Issue[] = [];
  if (request.requester.organisation !== organisation) {
    issues.push({
      path: 'requester.organisation',
      message: 'the requester must be of the recording organisation',
    });
  }
  if (request.code.length === 0) issues.push({ path: 'code', message: 'code must hold at least one coding' });
  return issues;
}

function decideRecord(command: RecordTestRequest, state: TestRequestState): TestRequestEvent[] {
  const { data } = command;
  if (state.status === 'recorded') {
    if (state.organisation !== data.organisation) {
      throw new ForbiddenError('only the requesting organisation may revise a request');
    }
    if (state.contentHash === data.contentHash) return [];
  }
  const issues = requestIssues(data.organisation, data.request);
  if (issues.length > 0) throw new ValidationError('the request is not valid', issues);
  const { subject, role, organisation } = data.recordedBy;
  return [
    {
      type: 'TestRequestRecorded',
      data: {
        requestId: data.requestId,
        revision: state.status === 'recorded' ? state.revision + 1 : 1,
        organisation: data.organisation,
        recordedBy: { subject, role, organisation },
        contentHash: data.contentHash,
        request: data.request,
        recordedAt: command.metadata.now.toISOString(),
      },
    },
  ];
}

/**
 * One test request (stream `diagnostics.request-<requestId>`): recorded by the requesting
 * organisation, revised when it sends changed content, unchanged by a resend of the same content.
 */
export const testRequestDecider: Decider<TestRequestCommand, TestRequestEvent, TestRequestState> = {
  initialState: () => ({ status: 'empty' }),
  decide(command, state) {
    switch (command.type) {
      case 'RecordTestRequest':
        return decideRecord(command, state);
      default:
        return assertNever(command.type);
    }
  },
  evolve(state, event) {
    switch (event.type) {
      case 'TestRequestRecorded':
        return {
          status: 'recorded',
          organisation: event.data.organisation,
          revision: event.data.revision,
          contentHash: event.data.contentHash,
        };
      default:
        // An event type a newer version wrote: it changes nothing this version knows about.
        return state;
    }
  },
};
