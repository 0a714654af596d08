import { AggregateNotFoundError } from '@hirestream/event-sourcing';
import { JsonLogger } from '@hirestream/platform';
import {
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { SCHEDULING_SYSTEM_ACTOR } from '../common/command-context';
import { InterviewCommandService } from '../common/interview-command.service';
import { InterviewerCalendars } from '../common/interviewer-calendars.service';
import type { Interview } from '../domain/interview.state';
import type { ReservedSlot } from '../domain/interviewer-calendar.state';
import { InterviewerCalendarSubscription } from '../interviewer-calendar/interviewer-calendar.subscription';
import { InterviewsProjectionSubscription } from '../interviews-projection/interviews-projection.subscription';
import { slotRepair } from './slot-repair';

const REPAIR_EVERY_MS = 60_000;
/** A disagreement must outlast any booking still being written before it is repaired. */
export const REPAIR_GRACE_MS = 60_000;

/**
 * Finishes the compensations that failed: a booking's calendar writes and its
 * candidate-stream write are two appends, and if putting the calendars back
 * after a failure itself fails, slots stay held (the safe side). Every minute
 * the projections point at slots that disagree with their interview; each one
 * still disagreeing a grace period later is checked against the candidate's
 * stream itself and released or moved back.
 */
@Injectable()
export class CalendarRepairService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  /** When each disagreeing slot (`interviewer/interview`) was first seen. */
  private readonly suspected = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  /** The pass under way, if any: a slow pass is never overlapped by the next tick's. */
  private running: Promise<unknown> | undefined;

  constructor(
    private readonly calendars: InterviewerCalendarSubscription,
    private readonly interviews: InterviewsProjectionSubscription,
    private readonly candidateStreams: InterviewCommandService,
    private readonly calendarStreams: InterviewerCalendars,
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
    for (const [interviewerId, calendar] of this.calendars.projection.entries()) {
      for (const slot of calendar.slots.values()) {
        const interview = this.interviews.projection
          .candidate(slot.candidateId)
          ?.state.interviews.get(slot.interviewId);
        if (slotRepair(interviewerId, slot, interview) === undefined) continue;
        const key = `${interviewerId}/${slot.interviewId}`;
        stillSuspected.add(key);
        const firstSeen = this.suspected.get(key) ?? now;
        this.suspected.set(key, firstSeen);
        if (now - firstSeen >= graceMs && (await this.repairSlot(interviewerId, slot))) {
          repaired += 1;
        }
      }
    }
    for (const key of this.suspected.keys()) {
      if (!stillSuspected.has(key)) this.suspected.delete(key);
    }
    return repaired;
  }

  /** Decided again on the candidate's stream: the projections only say where to look. */
  private async repairSlot(interviewerId: string, slot: ReservedSlot): Promise<boolean> {
    const repair = slotRepair(interviewerId, slot, await this.recorded(slot));
    if (repair === undefined) return false;
    const correlationId = randomUUID();
    const context = {
      actor: SCHEDULING_SYSTEM_ACTOR,
      correlationId,
      causationId: correlationId,
    };
    const details = {
      context: 'CalendarRepair',
      interviewerId,
      candidateId: slot.candidateId,
      interviewId: slot.interviewId,
    };
    try {
      if (repair.action === 'release') {
        await this.calendarStreams.release(
          [interviewerId],
          slot.interviewId,
          repair.reason,
          context,
        );
      } else {
        await this.calendarStreams.restore(
          interviewerId,
          slot,
          repair,
          "repaired: moved to the interview's recorded time",
          context,
        );
      }
      this.logger.pino.warn({ ...details, repair }, 'calendar slot repaired');
      return true;
    } catch (error) {
      this.logger.pino.error(
        { ...details, repair, error: String(error) },
        'calendar slot repair failed',
      );
      return false;
    }
  }

  private async recorded(slot: ReservedSlot): Promise<Interview | undefined> {
    try {
      const { state } = await this.candidateStreams.load(slot.candidateId);
      return state.interviews.get(slot.interviewId);
    } catch (error) {
      if (error instanceof AggregateNotFoundError) return undefined;
      throw error;
    }
  }
}
