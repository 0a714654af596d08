import { Writable } from 'node:stream';
import { runWithCorrelation } from './correlation-context';
import { JsonLogger } from './json-logger';

function capture(level: 'info' | 'warn' = 'info'): {
  logger: JsonLogger;
  lines: Record<string, unknown>[];
  writes: () => number;
} {
  const lines: Record<string, unknown>[] = [];
  let writes = 0;
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      writes += 1;
      for (const line of chunk.toString().split('\n').filter(Boolean)) {
        lines.push(JSON.parse(line) as Record<string, unknown>);
      }
      callback();
    },
  });
  return {
    logger: new JsonLogger({ service: 'svc', level, destination }),
    lines,
    writes: () => writes,
  };
}

const endOfTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('JsonLogger', () => {
  it('writes level, time, service, context and msg', () => {
    const { logger, lines } = capture();
    logger.log('hello', 'Greeter');
    expect(lines).toEqual([
      {
        level: 'info',
        time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        service: 'svc',
        context: 'Greeter',
        msg: 'hello',
      },
    ]);
  });

  it('adds the current correlation and causation ids, as a message handler sets them', () => {
    const { logger, lines } = capture();
    runWithCorrelation({ correlationId: 'corr-1', causationId: 'event-9' }, () =>
      logger.warn('retrying', 'Consumer'),
    );
    expect(lines[0]).toMatchObject({
      level: 'warn',
      correlationId: 'corr-1',
      causationId: 'event-9',
      msg: 'retrying',
    });
  });

  it('keeps the stack of errors, however Nest passes them', () => {
    const { logger, lines } = capture();
    const error = new Error('boom');
    logger.error('failed', error.stack, 'Worker');
    logger.error(error);
    logger.error('plain failure', 'Worker');
    expect(lines[0]).toMatchObject({
      level: 'error',
      context: 'Worker',
      msg: 'failed',
      err: { stack: error.stack },
    });
    expect(lines[1]).toMatchObject({ msg: 'boom', err: { type: 'Error', stack: error.stack } });
    expect(lines[2]).toEqual(expect.objectContaining({ context: 'Worker', msg: 'plain failure' }));
    expect(lines[2]).not.toHaveProperty('err');
  });

  it('writes pre-serialized members as the line pino writes for the same fields', async () => {
    const { logger, lines } = capture();
    const fields = { context: 'http', correlationId: 'corr-1', url: '/a?b="c"', status: 200 };
    logger.pino.info(fields, 'request completed');
    logger.writeMembers(
      'info',
      `"context":"http","correlationId":"corr-1","url":${JSON.stringify(fields.url)},"status":200`,
      'request completed',
    );
    await endOfTurn();
    const [fromPino, fromMembers] = lines.map(({ time: _time, ...rest }) => rest);
    expect(fromMembers).toEqual(fromPino);
    expect(Object.keys(lines[1])).toEqual(Object.keys(lines[0]));
  });

  it("writes a turn's request lines in one write at its end, after the lines logged before them and before any logged after", async () => {
    const { logger, lines, writes } = capture();
    logger.log('before', 'Worker');
    for (const status of [200, 201, 204]) {
      logger.writeMembers(
        'info',
        `"correlationId":"c-${status}","status":${status}`,
        'request completed',
      );
    }
    expect(lines.map((line) => line.msg)).toEqual(['before']);
    await endOfTurn();
    expect(lines.map((line) => line.status ?? line.msg)).toEqual(['before', 200, 201, 204]);
    expect(writes()).toBe(2);

    logger.writeMembers('info', '"correlationId":"c-1","status":200', 'request completed');
    logger.warn('after', 'Worker');
    expect(lines.slice(4).map((line) => line.status ?? line.msg)).toEqual([200, 'after']);
  });

  it('drops lines below the level', () => {
    const { logger, lines } = capture('warn');
    logger.log('quiet');
    logger.debug('quieter');
    logger.writeMembers('info', '"correlationId":"corr-1"', 'quiet too');
    expect(lines).toEqual([]);
  });
});
