import {
  CommandRejectedError,
  eventContract,
  type Command,
  type EventOf,
} from '@hirestream/contracts';
import { Type } from '@sinclair/typebox';
import {
  CommandGateway,
  ExpectedRevisionMismatchError,
  ProcessRunner,
  type Aggregate,
  type Process,
} from '../src';
import { testContext, useEmbeddedStore } from './support/embedded-store';

// A booking (the primary stream) holds seats (participant streams, one per
// seat) before it is recorded, and frees them once a cancellation is.

const bookedContract = eventContract({
  type: 'SeatsBooked',
  owner: 'tests',
  description: 'a booking of seats',
  schemaVersion: 1,
  data: { booking: Type.String(), seats: Type.Array(Type.String()) },
});
const cancelledContract = eventContract({
  type: 'BookingCancelled',
  owner: 'tests',
  description: 'a booking was cancelled',
  schemaVersion: 1,
  data: { booking: Type.String() },
});
const heldContract = eventContract({
  type: 'SeatHeld',
  owner: 'tests',
  description: 'a seat was held for a booking',
  schemaVersion: 1,
  data: { seat: Type.String(), booking: Type.String() },
});
const freedContract = eventContract({
  type: 'SeatFreed',
  owner: 'tests',
  description: 'a seat was freed',
  schemaVersion: 1,
  data: { seat: Type.String(), booking: Type.String() },
});
type BookingEvent = EventOf<typeof bookedContract> | EventOf<typeof cancelledContract>;
type SeatEvent = EventOf<typeof heldContract> | EventOf<typeof freedContract>;
type BookingCommand =
  Command<'Book', { booking: string; seats: string[] }> | Command<'Cancel', { booking: string }>;
type SeatCommand =
  | Command<'Hold', { seat: string; booking: string }>
  | Command<'Free', { seat: string; booking: string }>;
type Booking = { seats: readonly string[]; cancelled: boolean } | null;

const bookings: Aggregate<Booking, BookingCommand, BookingEvent> = {
  name: 'booking',
  streamOf: (command) => `booking-${command.data.booking}`,
  decider: {
    initialState: () => null,
    evolve: (state, event) =>
      event.type === 'SeatsBooked'
        ? { seats: event.data.seats, cancelled: false }
        : state && { ...state, cancelled: true },
    decide: (command, state) => {
      if (command.type === 'Book') {
        if (state !== null) throw new CommandRejectedError('already-booked', 'booked already');
        return { type: 'SeatsBooked', data: command.data };
      }
      if (state === null || state.cancelled) return [];
      return { type: 'BookingCancelled', data: command.data };
    },
  },
};

const seats: Aggregate<string | null, SeatCommand, SeatEvent> = {
  name: 'seat',
  streamOf: (command) => `seat-${command.data.seat}`,
  decider: {
    initialState: () => null,
    evolve: (_holder, event) => (event.type === 'SeatHeld' ? event.data.booking : null),
    decide: (command, holder) => {
      if (command.type === 'Hold') {
        if (holder !== null && holder !== command.data.booking) {
          throw new CommandRejectedError(
            'seat-taken',
            `${command.data.seat} is taken by ${holder}`,
          );
        }
        return holder === null ? { type: 'SeatHeld', data: command.data } : [];
      }
      return holder === command.data.booking ? { type: 'SeatFreed', data: command.data } : [];
    },
  },
};

const seating: Process<Booking, BookingCommand, BookingEvent, SeatCommand> = {
  name: 'seating',
  plan: (decision, command) => {
    const booked = decision.events.find((event) => event.type === 'SeatsBooked');
    const cancelled = decision.events.some((event) => event.type === 'BookingCancelled');
    const booking = command.data.booking;
    return {
      before:
        booked?.type === 'SeatsBooked'
          ? booked.data.seats.map((seat) => ({
              command: { type: 'Hold' as const, data: { seat, booking } },
              undo: { type: 'Free' as const, data: { seat, booking } },
            }))
          : [],
      after:
        cancelled && decision.state !== null
          ? decision.state.seats.map((seat) => ({ type: 'Free' as const, data: { seat, booking } }))
          : [],
    };
  },
};

const embedded = useEmbeddedStore('process-runner', [
  bookedContract,
  cancelledContract,
  heldContract,
  freedContract,
]);
const warnings: string[] = [];
let primary: CommandGateway<Booking, BookingCommand, BookingEvent>;
let participant: CommandGateway<string | null, SeatCommand, SeatEvent>;
let runner: ProcessRunner<
  Booking,
  BookingCommand,
  BookingEvent,
  string | null,
  SeatCommand,
  SeatEvent
>;
beforeAll(() => {
  primary = new CommandGateway(embedded.store, bookings);
  participant = new CommandGateway(embedded.store, seats);
  runner = new ProcessRunner(seating, primary, participant, {
    warn: (message) => warnings.push(message),
  });
});

let ids = 0;
const id = (name: string) => `${name}-${Date.now()}-${(ids += 1)}`;
const holderOf = async (seat: string) => (await participant.load(`seat-${seat}`)).state;
const book = (booking: string, seatIds: string[]): BookingCommand => ({
  type: 'Book',
  data: { booking, seats: seatIds },
});

describe('ProcessRunner', () => {
  it('holds every seat, then records the booking', async () => {
    const [booking, a, b] = [id('booking'), id('a'), id('b')];
    const outcome = await runner.run(book(booking, [a, b]), testContext);
    expect(outcome.events.map((event) => event.type)).toEqual(['SeatsBooked']);
    expect([await holderOf(a), await holderOf(b)]).toEqual([booking, booking]);
  });

  it('writes nothing anywhere when a seat is refused, and answers with that refusal', async () => {
    const [taken, other, free] = [id('taken'), id('other'), id('free')];
    await runner.run(book(other, [taken]), testContext);
    const booking = id('booking');
    await expect(runner.run(book(booking, [free, taken]), testContext)).rejects.toMatchObject({
      constructor: CommandRejectedError,
      rule: 'seat-taken',
    });
    expect((await participant.load(`seat-${free}`)).revision).toBeUndefined();
    expect(await holderOf(taken)).toBe(other);
    expect((await primary.load(`booking-${booking}`)).revision).toBeUndefined();
  });

  it('decides a seat again when it changed between the check and the hold: taken by then, the seats held are put back', async () => {
    const [booking, rival, free, contested] = [
      id('booking'),
      id('rival'),
      id('free'),
      id('contested'),
    ];
    const append = participant.append.bind(participant);
    let rivalled = false;
    const rivalFirst = jest
      .spyOn(participant, 'append')
      .mockImplementation(async (decision, context) => {
        if (decision.streamName === `seat-${contested}` && !rivalled) {
          rivalled = true;
          await participant.handle(
            { type: 'Hold', data: { seat: contested, booking: rival } },
            context,
          );
        }
        return append(decision, context);
      });
    try {
      await expect(runner.run(book(booking, [free, contested]), testContext)).rejects.toMatchObject(
        {
          rule: 'seat-taken',
        },
      );
    } finally {
      rivalFirst.mockRestore();
    }
    expect(await holderOf(free)).toBeNull();
    expect(await holderOf(contested)).toBe(rival);
    expect((await primary.load(`booking-${booking}`)).revision).toBeUndefined();
  });

  it('undoes and starts again when another writer records first, deciding on the newest history', async () => {
    const [booking, seat] = [id('booking'), id('seat')];
    const append = participant.append.bind(participant);
    const sneak = jest.spyOn(participant, 'append').mockImplementationOnce(async (...args) => {
      const held = await append(...args);
      // Between the decision and its append, someone else books the same booking id.
      await primary.handle(book(booking, []), testContext);
      return held;
    });
    try {
      await expect(runner.run(book(booking, [seat]), testContext)).rejects.toMatchObject({
        rule: 'already-booked',
      });
    } finally {
      sneak.mockRestore();
    }
    expect(await holderOf(seat)).toBeNull();
  });

  it("checks the caller's expected revision before holding any seat", async () => {
    const [booking, seat] = [id('booking'), id('seat')];
    await expect(
      runner.run(book(booking, [seat]), testContext, { expectedRevision: 0n }),
    ).rejects.toBeInstanceOf(ExpectedRevisionMismatchError);
    expect(await holderOf(seat)).toBeNull();
  });

  it('frees the seats once a cancellation is recorded; a step that fails then is only logged', async () => {
    const [booking, a, b] = [id('booking'), id('a'), id('b')];
    await runner.run(book(booking, [a, b]), testContext);
    const handle = participant.handle.bind(participant);
    const failing = jest
      .spyOn(participant, 'handle')
      .mockImplementation(async (command, context) => {
        if (command.data.seat === a) throw new Error('store unavailable');
        return handle(command, context);
      });
    try {
      const outcome = await runner.run({ type: 'Cancel', data: { booking } }, testContext);
      expect(outcome.events.map((event) => event.type)).toEqual(['BookingCancelled']);
    } finally {
      failing.mockRestore();
    }
    expect(await holderOf(a)).toBe(booking);
    expect(await holderOf(b)).toBeNull();
    expect(warnings).toEqual([expect.stringContaining('seating: a step after the append failed')]);
  });
});
