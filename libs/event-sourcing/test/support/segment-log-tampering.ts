import { readFileSync, readdirSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';

/*
 * Tampering with the embedded EventStoreDB's log while the server is stopped, as someone
 * with access to its disk could: the record layout is the one its README documents (u32
 * payload length, u32 CRC-32 of the payload, the payload). Only the first segment is
 * searched: the tests write far less than a segment.
 */

const FIRST_SEGMENT = 'segment-000000.log';
const RECORD_HEADER_BYTES = 8;

type Found = { path: string; log: Buffer; at: number; recordStart: number; recordEnd: number };

function findRecord(dataDir: string, text: string): Found {
  if (!readdirSync(dataDir).includes(FIRST_SEGMENT)) {
    throw new Error(`no ${FIRST_SEGMENT} in ${dataDir}`);
  }
  const path = join(dataDir, FIRST_SEGMENT);
  const log = readFileSync(path);
  const at = log.indexOf(text);
  if (at < 0 || log.indexOf(text, at + 1) >= 0) {
    throw new Error(`"${text}" must be stored exactly once in ${path}`);
  }
  for (let start = 0; start < log.length;) {
    const end = start + RECORD_HEADER_BYTES + log.readUInt32LE(start);
    if (at >= start && at < end) return { path, log, at, recordStart: start, recordEnd: end };
    start = end;
  }
  throw new Error(`"${text}" lies in no whole record of ${path}`);
}

/** Changes the last byte of `text` where it is stored, and fixes the record's checksum. */
export function changeStoredByte(dataDir: string, text: string, replacement: string): void {
  const { path, log, at, recordStart, recordEnd } = findRecord(dataDir, text);
  log.write(replacement, at + Buffer.byteLength(text) - 1, 1, 'latin1');
  const payload = log.subarray(recordStart + RECORD_HEADER_BYTES, recordEnd);
  log.writeUInt32LE(crc32(payload), recordStart + 4);
  writeFileSync(path, log);
}

/** Cuts the log just before the record that stores `text`: it and everything after it are gone. */
export function cutLogBefore(dataDir: string, text: string): void {
  const { path, recordStart } = findRecord(dataDir, text);
  truncateSync(path, recordStart);
}
