import {
  closeSync,
  ftruncateSync,
  fsyncSync,
  openSync,
  readdirSync,
  readSync,
  unlinkSync,
} from 'node:fs';
import { FLAG_END_OF_COMMIT, MAX_RECORD_BYTES, probeRecord } from './record-format';
import { SEGMENT_CAPACITY, segmentNumbers, segmentPath } from './segment-files';

const SCAN_CHUNK_BYTES = 4 * 1024 * 1024;

/** Where the next record goes after recovery. */
export interface RecoveredTail {
  readonly segment: number;
  readonly offset: number;
}

/** Called once per committed record, in log order; `buffer` is only valid during the call. */
export type RecoveredRecordVisitor = (position: number, buffer: Buffer, offset: number) => void;

/**
 * Replays every committed record and cuts the log after the last complete commit: a torn
 * or unchecksummed tail (crash mid-write) and a commit missing its final record are removed.
 */
export function recoverLog(dataDir: string, visit: RecoveredRecordVisitor): RecoveredTail {
  const segments = segmentNumbers(readdirSync(dataDir));
  let tail: RecoveredTail = { segment: segments[0] ?? 0, offset: 0 };
  for (let index = 0; index < segments.length; index += 1) {
    const segment = segments[index];
    const committedEnd = scanSegment(dataDir, segment, visit);
    tail = { segment, offset: committedEnd.offset };
    if (!committedEnd.clean) {
      truncateSegment(dataDir, segment, committedEnd.offset);
      for (const later of segments.slice(index + 1)) unlinkSync(segmentPath(dataDir, later));
      break;
    }
  }
  return tail;
}

function scanSegment(
  dataDir: string,
  segment: number,
  visit: RecoveredRecordVisitor,
): { offset: number; clean: boolean } {
  const fd = openSync(segmentPath(dataDir, segment), 'r');
  try {
    // One scratch buffer for the whole scan: unread bytes (a partial record, or records of an
    // unfinished commit) move to its front and the next read lands after them.
    let scratch = Buffer.allocUnsafe(SCAN_CHUNK_BYTES * 2);
    let length = 0;
    let chunkStart = 0;
    let committedEnd = 0;
    let offset = 0;
    // Offsets (in the scratch buffer) of records whose commit has not ended yet; they are
    // visited only once its last record is seen.
    let pending: number[] = [];
    for (;;) {
      if (scratch.length - length < SCAN_CHUNK_BYTES) {
        const larger = Buffer.allocUnsafe(length + SCAN_CHUNK_BYTES * 2);
        scratch.copy(larger, 0, 0, length);
        scratch = larger;
      }
      const read = readSync(fd, scratch, length, SCAN_CHUNK_BYTES, chunkStart + length);
      length += read;
      const chunk = scratch.subarray(0, length);
      for (;;) {
        const probe = probeRecord(chunk, offset);
        if (probe.kind === 'torn') break;
        if ((probe.flags & FLAG_END_OF_COMMIT) !== 0) {
          const base = segment * SEGMENT_CAPACITY + chunkStart;
          for (const start of pending) visit(base + start, chunk, start);
          pending = [];
          visit(base + offset, chunk, offset);
          committedEnd = chunkStart + offset + probe.length;
        } else {
          pending.push(offset);
        }
        offset += probe.length;
      }
      // A record can never be this large, so a longer unreadable run is corruption, not a partial read.
      const leftoverIsImpossible = length - offset > MAX_RECORD_BYTES;
      if (read === 0 || leftoverIsImpossible) {
        return { offset: committedEnd, clean: offset === length && pending.length === 0 };
      }
      const keepFrom = pending[0] ?? offset;
      scratch.copyWithin(0, keepFrom, length);
      length -= keepFrom;
      chunkStart += keepFrom;
      offset -= keepFrom;
      pending = pending.map((start) => start - keepFrom);
    }
  } finally {
    closeSync(fd);
  }
}

function truncateSegment(dataDir: string, segment: number, length: number): void {
  const fd = openSync(segmentPath(dataDir, segment), 'r+');
  try {
    ftruncateSync(fd, length);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
