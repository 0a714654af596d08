import { candidateStreamName } from '@hirestream/contracts';
import { commandContextOf } from '@hirestream/event-sourcing';
import { BackgroundWork, JsonLogger } from '@hirestream/platform';
import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { CalendarHoldRunner } from '../calendar-hold/calendar-hold.runner';
import { slotRepair } from '../calendar-hold/slot-repair';
import type { ReservedSlot } from '../domain/interviewer-calendar.state';
import { InterviewerCalendarsProjection } from '../interviewer-calendar/interviewer-calendars.projection';
import { InterviewsProjection } from '../interviews-projection/interviews.projection';
import { SCHEDULING_ACTOR } from '../scheduling-actor';
import { INTERVIEWS, type InterviewGateway } from '../scheduling-gateways';

const REPAIR_EVERY_MS = 60_000;
/** A disagreement must outlast any booking still being written before it is repaired. */
export const REPAIR_GRACE_MS = 60_000;
const LOOK_BACK_MS = 24 * 60 * 60_000;

/**
 * Finishes the calendar hold's undos that failed: every minute the projections
 * point at slots that disagree with their interview; each one still disagreeing
 * a grace period later is judged again against the candidate's stream itself
 * (`slotRepair`) and repaired through the calendar hold.
 */
@BackgroundWork()
@Injectable()
export class CalendarRepairTimer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  /** When each disagreeing slot (`interviewer/interview`) was first seen. */
  private readonly suspected = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  /** The pass under way, if any: a slow pass is never overlapped by the next tick's. */
  private running: Promise<unknown> | undefined;

  constructor(
    private readonly calendars: InterviewerCalendarsProjection,
    private readonly interviews: InterviewsProjection,
    @Inject(INTERVIEWS) private readonly candidateStreams: InterviewGateway,
    private readonly calendarHold: CalendarHoldRunner,
    private readonly logger: JsonLogger,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.running ??= this.repair()
        .catch((error: unknown) =>
          this.logger.pino.error(
            { context: 'CalendarRepair', error: String(error) },
            'repair failed',
          ),
        )
        .finally(() => (this.running = undefined));
    }, REPAIR_EVERY_MS);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One pass; returns how many slots it repaired. Nothing happens until both projections caught up. */
  async repair(graceMs = REPAIR_GRACE_MS, now = Date.now()): Promise<number> {
    if (!this.calendars.isCaughtUp || !this.interviews.isCaughtUp) return 0;
    const stillSuspected = new Set<string>();
    let repaired = 0;
    // A slot long past holds no one's time any more: only recent and future ones are compared.
    const slots = await this.calendars.slotsEndingAfter(new Date(now - LOOK_BACK_MS).toISOString());
    const interviews = await this.interviews.candidates([
      ...new Set(slots.map((slot) => slot.candidateId)),
    ]);
    for (const slot of slots) {
      const { interviewerId } = slot;
      const interview = interviews.get(slot.candidateId)?.interviews.get(slot.interviewId);
      if (slotRepair(interviewerId, slot, interview) === undefined) continue;
      const key = `${interviewerId}/${slot.interviewId}`;
      stillSuspected.add(key);
      const firstSeen = this.suspected.get(key) ?? now;
      this.suspected.set(key, firstSeen);
      if (now - firstSeen >= graceMs && (await this.repairSlot(interviewerId, slot))) {
        repaired += 1;
      }
    }
    for (const key of this.suspected.keys()) {
      if (!stillSuspected.has(key)) this.suspected.delete(key);
    }
    return repaired;
  }

  /** Judged again on the candidate's stream: the projections only say where to look. */
  private async repairSlot(interviewerId: string, slot: ReservedSlot): Promise<boolean> {
    const details = {
      context: 'CalendarRepair',
      interviewerId,
      candidateId: slot.candidateId,
      interviewId: slot.interviewId,
    };
    try {
      const { state } = await this.candidateStreams.load(candidateStreamName(slot.candidateId));
      const repair = slotRepair(interviewerId, slot, state.interviews.get(slot.interviewId));
      if (repair === undefined) return false;
      await this.calendarHold.repair(
        [repair],
        commandContextOf({ timer: { id: randomUUID() }, actor: SCHEDULING_ACTOR }),
      );
      this.logger.pino.warn({ ...details, repair }, 'calendar slot repaired');
      return true;
    } catch (error) {
      this.logger.pino.error({ ...details, error: String(error) }, 'calendar slot repair failed');
      return false;
    }
  }
}
