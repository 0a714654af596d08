import { AggregateNotFoundError, CommandRejectedError } from '@hirestream/contracts';
import type { PersonalDataErased } from '@hirestream/contracts';
import { deciderSpecification, foldEvents, refusedWith } from '@hirestream/event-sourcing';
import { candidateStreamFacts } from '@hirestream/testing/candidate-stream-facts';
import type { PersonalDataCommand } from './personal-data.commands';
import {
  candidaciesOfKeys,
  erasureScope,
  personalDataDecider,
  type PersonalDataStreamEvent,
} from './personal-data.decider';

const spec = deciderSpecification(personalDataDecider);
const candidateId = '0f8fad5b-d9cb-469f-a165-70867728950e';
const otherCandidacy = '1f8fad5b-d9cb-469f-a165-70867728950e';
const facts = candidateStreamFacts(candidateId);
const registered = facts.registered();
const { personId } = registered.data;
const rejected = facts.rejected();
const hired = facts.hired();
const requested = facts.erasureRequested();
const { requestId } = requested.data;
const approved = facts.erasureApproved('admin-1');
const refused = facts.erasureRefused('admin-1');
const keyIds = [`candidate:${candidateId}`, `candidate:${otherCandidacy}`];
const erasedOnRequest = facts.erased('request', { keyIds });
const erasedByRetention = facts.erased('retention');
const scheduled = facts.retentionScheduled();

const request: PersonalDataCommand = { type: 'RequestErasure', data: requested.data as never };
const approve = (approvedBy: string): PersonalDataCommand => ({
  type: 'ApproveErasureRequest',
  data: { candidateId, requestId, approvedBy },
});
const refuse: PersonalDataCommand = { type: 'RefuseErasureRequest', data: refused.data as never };
const consent = (keepUntil: string): PersonalDataCommand => ({
  type: 'RecordRetentionConsent',
  data: { ...facts.retentionConsented(keepUntil).data, now: '2030-03-04T10:00:00.000Z' },
});
const schedule: PersonalDataCommand = { type: 'ScheduleRetention', data: scheduled.data as never };
const record = (erasure: PersonalDataErased): PersonalDataCommand => ({
  type: 'RecordErasure',
  data: erasure.data,
});

describe('personal-data decider', () => {
  describe('RequestErasure', () => {
    it("records a request on the person's behalf", () => {
      spec.given([registered]).when(request).then([requested]);
    });

    it('refuses a second request while one waits for an admin', () => {
      spec
        .given([registered, requested])
        .when(request)
        .thenThrows(CommandRejectedError, refusedWith('erasure-request-pending', requestId));
    });

    it('takes a new request once the last one is decided', () => {
      spec.given([registered, requested, refused]).when(request).then([requested]);
    });

    it('refuses once the person is erased on request, not after a retention erasure of this candidacy alone', () => {
      spec
        .given([registered, erasedOnRequest])
        .when(request)
        .thenThrows(CommandRejectedError, refusedWith('personal-data-erased'));
      spec.given([registered, rejected, erasedByRetention]).when(request).then([requested]);
    });

    it('refuses an unknown candidate', () => {
      spec.given([]).when(request).thenThrows(AggregateNotFoundError);
    });
  });

  describe('ApproveErasureRequest', () => {
    it('approves a pending request by an admin other than the requester', () => {
      spec.given([registered, requested]).when(approve('admin-1')).then([approved]);
    });

    it('refuses the approval of the requester: four eyes', () => {
      spec
        .given([registered, requested])
        .when(approve('recruiter-1'))
        .thenThrows(CommandRejectedError, refusedWith('own-erasure-request', 'recruiter-1'));
    });

    it('decides nothing for a repeat, so the erasure goes on as the first approval said', () => {
      spec.given([registered, requested, approved]).when(approve('admin-2')).then([]);
    });

    it('refuses a refused request, and one that does not exist', () => {
      spec
        .given([registered, requested, refused])
        .when(approve('admin-2'))
        .thenThrows(CommandRejectedError, refusedWith('erasure-request-refused', 'admin-1'));
      spec
        .given([registered])
        .when(approve('admin-1'))
        .thenThrows(AggregateNotFoundError, (error) => error.message.includes(requestId));
    });
  });

  describe('RefuseErasureRequest', () => {
    it('refuses a pending request on an exception, once', () => {
      spec.given([registered, requested]).when(refuse).then([refused]);
      spec.given([registered, requested, refused]).when(refuse).then([]);
    });

    it('cannot refuse an approved request', () => {
      spec
        .given([registered, requested, approved])
        .when(refuse)
        .thenThrows(CommandRejectedError, refusedWith('erasure-request-approved'));
    });
  });

  describe('RecordRetentionConsent', () => {
    it('records the consent to be kept until an instant to come', () => {
      spec
        .given([registered, rejected])
        .when(consent('2031-03-04T00:00:00Z'))
        .then([facts.retentionConsented('2031-03-04T00:00:00Z')]);
    });

    it('refuses a consent that has already run out, and one for data erased', () => {
      spec
        .given([registered])
        .when(consent('2030-03-04T10:00:00Z'))
        .thenThrows(CommandRejectedError, refusedWith('in-the-past'));
      spec
        .given([registered, rejected, erasedByRetention])
        .when(consent('2031-03-04T00:00:00Z'))
        .thenThrows(CommandRejectedError, refusedWith('personal-data-erased'));
    });
  });

  describe('ScheduleRetention', () => {
    it('schedules the erasure of a rejected candidacy, once', () => {
      spec.given([registered, rejected]).when(schedule).then([scheduled]);
      spec.given([registered, rejected, scheduled]).when(schedule).then([]);
    });

    it('decides nothing for a candidacy open, hired or erased meanwhile', () => {
      spec.given([registered]).when(schedule).then([]);
      spec.given([registered, hired]).when(schedule).then([]);
      spec.given([registered, rejected, erasedOnRequest]).when(schedule).then([]);
    });
  });

  describe('RecordErasure', () => {
    it('records the erasure whatever happened meanwhile: the keys are gone', () => {
      spec
        .given([registered, requested, refused])
        .when(record(erasedOnRequest))
        .then([erasedOnRequest]);
    });

    it('records nothing when an erasure as wide is recorded: a request covers a retention', () => {
      spec.given([registered, erasedOnRequest]).when(record(erasedOnRequest)).then([]);
      spec.given([registered, erasedOnRequest]).when(record(erasedByRetention)).then([]);
      spec
        .given([registered, rejected, erasedByRetention])
        .when(record(erasedByRetention))
        .then([]);
    });

    it("records a person's erasure on a candidacy a retention erased before", () => {
      spec
        .given([registered, rejected, erasedByRetention])
        .when(record(erasedOnRequest))
        .then([erasedOnRequest]);
    });

    it('writes nothing to a stream without a registration', () => {
      spec.given([]).when(record(erasedOnRequest)).then([]);
    });
  });

  describe('erasureScope', () => {
    const stateOf = (history: readonly PersonalDataStreamEvent[]) =>
      foldEvents(personalDataDecider, history);

    it("erases the candidacy's key and names the person whose candidacies a request reaches", () => {
      expect(erasureScope(stateOf([registered]), candidateId, 'request')).toEqual({
        kind: 'erase',
        keyId: `candidate:${candidateId}`,
        personId,
      });
    });

    it('answers the erasure recorded when it is as wide, and erases again when it is narrower', () => {
      expect(erasureScope(stateOf([registered, erasedOnRequest]), candidateId, 'request')).toEqual({
        kind: 'recorded',
        erasure: erasedOnRequest.data,
      });
      expect(
        erasureScope(stateOf([registered, rejected, erasedByRetention]), candidateId, 'retention'),
      ).toEqual({ kind: 'recorded', erasure: erasedByRetention.data });
      expect(
        erasureScope(stateOf([registered, rejected, erasedByRetention]), candidateId, 'request')
          .kind,
      ).toBe('erase');
    });

    it('refuses a candidacy never registered', () => {
      expect(() => erasureScope(stateOf([]), candidateId, 'request')).toThrow(
        AggregateNotFoundError,
      );
    });

    it('reads the candidacies out of the key ids erased', () => {
      expect(candidaciesOfKeys([...keyIds, 'interviewer:interviewer-1'])).toEqual([
        candidateId,
        otherCandidacy,
      ]);
    });
  });

  it('keeps its state as JSON for snapshots', () => {
    const state = foldEvents(personalDataDecider, [registered, requested, rejected, scheduled]);
    const snapshots = personalDataDecider.snapshots!;
    expect(snapshots.deserialize(JSON.parse(JSON.stringify(snapshots.serialize(state))))).toEqual(
      state,
    );
    expect(() => snapshots.deserialize({ nothing: true })).toThrow();
  });
});
