import {
  appendFileSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChecksummedLog } from '../src/storage/checksummed-log';
import { FlushScheduler } from '../src/storage/flush-scheduler';

describe('ChecksummedLog', () => {
  const flusher = new FlushScheduler();
  let dir: string;
  let path: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'checksummed-log-'));
    path = join(dir, 'entries.log');
  });

  afterEach(async () => {
    await flusher.drain();
    rmSync(dir, { recursive: true, force: true });
  });

  function open(compactAfterEntries = 1_000): { log: ChecksummedLog; replayed: string[] } {
    const replayed: string[] = [];
    const log = new ChecksummedLog(path, flusher, compactAfterEntries, (payload) =>
      replayed.push(payload.toString('utf8')),
    );
    return { log, replayed };
  }

  function replayedAfterRestart(): string[] {
    const { log, replayed } = open();
    log.close();
    return replayed;
  }

  it('replays every appended entry, in order, after a restart', async () => {
    const { log, replayed } = open();
    expect(replayed).toEqual([]);
    log.append([Buffer.from('a'), Buffer.from('')]);
    log.append([Buffer.from('ccc')]);
    await log.sync();
    log.close();

    expect(replayedAfterRestart()).toEqual(['a', '', 'ccc']);
  });

  it('cuts off a torn last entry and appends after the last whole one', async () => {
    const { log } = open();
    log.append([Buffer.from('kept')]);
    await log.sync();
    log.close();
    const whole = statSync(path).size;
    appendFileSync(path, Buffer.from([0, 0, 0, 40, 1, 2, 3]));

    const reopened = open();
    expect(reopened.replayed).toEqual(['kept']);
    expect(statSync(path).size).toBe(whole);
    reopened.log.append([Buffer.from('next')]);
    await reopened.log.sync();
    reopened.log.close();
    expect(replayedAfterRestart()).toEqual(['kept', 'next']);
  });

  it('stops at an entry whose checksum does not match', async () => {
    const { log } = open();
    log.append([Buffer.from('first'), Buffer.from('second'), Buffer.from('third')]);
    await log.sync();
    log.close();
    const data = readFileSync(path);
    // The second entry's payload starts after the first's 8-byte prefix, 5 bytes and its own prefix.
    data[8 + 5 + 8] ^= 0xff;
    writeFileSync(path, data);

    expect(replayedAfterRestart()).toEqual(['first']);
  });

  it('rewrites the file with only the live entries once it is mostly superseded', async () => {
    const { log } = open(3);
    log.append(['1', '2', '3'].map((text) => Buffer.from(text)));
    await log.sync();
    log.compactIfMostlySuperseded(1, () => [Buffer.from('live')]);
    expect(replayedAfterRestart()).toEqual(['1', '2', '3']);

    log.append([Buffer.from('4')]);
    await log.sync();
    log.compactIfMostlySuperseded(2, () => [Buffer.from('live')]);
    expect(replayedAfterRestart()).toEqual(['1', '2', '3', '4']);

    log.compactIfMostlySuperseded(1, () => [Buffer.from('live')]);
    log.append([Buffer.from('after')]);
    await log.sync();
    log.close();
    expect(replayedAfterRestart()).toEqual(['live', 'after']);
  });
});
