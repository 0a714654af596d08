import { closeSync, fsyncSync, openSync } from 'node:fs';
import { join } from 'node:path';

/** Each segment file holds at most this many bytes; a global log position is `segment × capacity + offset`. */
export const SEGMENT_CAPACITY = 256 * 1024 * 1024;

const SEGMENT_PATTERN = /^segment-(\d{6})\.log$/;

export function segmentFileName(segment: number): string {
  return `segment-${String(segment).padStart(6, '0')}.log`;
}

export function segmentPath(dataDir: string, segment: number): string {
  return join(dataDir, segmentFileName(segment));
}

/** Segment numbers present in a directory listing, ascending. */
export function segmentNumbers(fileNames: readonly string[]): number[] {
  return fileNames
    .map((name) => SEGMENT_PATTERN.exec(name))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => Number(match[1]))
    .sort((a, b) => a - b);
}

/** Makes a directory's entries (a new segment, a new data directory) durable. */
export function syncDirectorySync(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
