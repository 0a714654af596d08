import { Writable } from 'node:stream';
import { runWithCorrelation } from './correlation-context';
import { JsonLogger } from './json-logger';

function capture(level: 'info' | 'warn' = 'info'): {
  logger: JsonLogger;
  lines: Record<string, unknown>[];
} {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      callback();
    },
  });
  return { logger: new JsonLogger({ service: 'svc', level, destination }), lines };
}

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

  it('writes pre-serialized members as the line pino writes for the same fields', () => {
    const { logger, lines } = capture();
    const fields = { context: 'http', correlationId: 'corr-1', url: '/a?b="c"', status: 200 };
    logger.pino.info(fields, 'request completed');
    logger.writeMembers(
      'info',
      `"context":"http","correlationId":"corr-1","url":${JSON.stringify(fields.url)},"status":200`,
      'request completed',
    );
    const [fromPino, fromMembers] = lines.map(({ time: _time, ...rest }) => rest);
    expect(fromMembers).toEqual(fromPino);
    expect(Object.keys(lines[1])).toEqual(Object.keys(lines[0]));
  });

  it('drops lines below the level', () => {
    const { logger, lines } = capture('warn');
    logger.log('quiet');
    logger.debug('quieter');
    logger.writeMembers('info', '"correlationId":"corr-1"', 'quiet too');
    expect(lines).toEqual([]);
  });
});
