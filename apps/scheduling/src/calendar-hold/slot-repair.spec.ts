import type { Interview } from '../domain/interview.state';
import type { ReservedSlot } from '../domain/interviewer-calendar.state';
import { slotRepair } from './slot-repair';

const slot: ReservedSlot = {
  interviewId: 'i-1',
  candidateId: 'c-1',
  interval: { start: Date.parse('2030-03-04T09:00:00Z'), end: Date.parse('2030-03-04T10:00:00Z') },
};
const interview = (change: Partial<Interview> = {}): Interview => ({
  interviewId: 'i-1',
  kind: 'technical',
  round: 1,
  format: 'video',
  location: null,
  videoLink: 'https://meet.example.org/i-1',
  panel: [{ interviewerId: 'grace', role: 'lead' }],
  candidateTimeZone: 'Europe/London',
  day: null,
  startsAt: '2030-03-04T09:00:00Z',
  endsAt: '2030-03-04T10:00:00Z',
  status: 'scheduled',
  history: [],
  cancellationReason: null,
  noShow: null,
  ...change,
});

describe('calendar hold repair of a slot', () => {
  it('leaves a slot that agrees with its interview, and the slots of finished interviews', () => {
    expect(slotRepair('grace', slot, interview())).toBeUndefined();
    expect(slotRepair('grace', slot, interview({ status: 'confirmed' }))).toBeUndefined();
    expect(slotRepair('grace', slot, interview({ status: 'completed' }))).toBeUndefined();
    expect(slotRepair('grace', slot, interview({ status: 'no-show' }))).toBeUndefined();
  });

  it('releases a slot whose booking was never recorded, or whose interview was cancelled', () => {
    expect(slotRepair('grace', slot, undefined)).toEqual({
      type: 'ReleaseInterviewerSlot',
      data: {
        interviewerId: 'grace',
        interviewId: 'i-1',
        reason: 'the booking was never recorded for the candidate',
      },
    });
    expect(slotRepair('grace', slot, interview({ status: 'cancelled' }))).toMatchObject({
      type: 'ReleaseInterviewerSlot',
      data: { reason: 'the interview was cancelled' },
    });
    expect(slotRepair('alan', slot, interview())).toMatchObject({
      type: 'ReleaseInterviewerSlot',
      data: { interviewerId: 'alan', reason: 'the interviewer is not on the panel' },
    });
  });

  it('moves a slot to the time the candidate stream has for the open interview', () => {
    expect(
      slotRepair(
        'grace',
        slot,
        interview({ startsAt: '2030-03-05T09:00:00Z', endsAt: '2030-03-05T10:00:00Z' }),
      ),
    ).toEqual({
      type: 'ReserveInterviewerSlot',
      data: {
        interviewerId: 'grace',
        candidateId: 'c-1',
        interviewId: 'i-1',
        startsAt: '2030-03-05T09:00:00Z',
        endsAt: '2030-03-05T10:00:00Z',
        // A time once accepted is judged as of its own start, past working hours.
        now: '2030-03-05T09:00:00Z',
        override: { reason: "repaired: moved to the interview's recorded time" },
      },
    });
  });
});
