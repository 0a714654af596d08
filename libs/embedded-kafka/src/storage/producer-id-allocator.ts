import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileDurably } from './file-io';

const BLOCK_SIZE = 1000;

/**
 * Hands out producer ids that are never reused, also across restarts: the end
 * of the current block of ids is persisted before any id from it is used.
 */
export class ProducerIdAllocator {
  private readonly path: string;
  private next: number;
  private blockEnd: number;

  constructor(dataDir: string) {
    this.path = join(dataDir, 'producer-ids');
    const persisted = existsSync(this.path) ? Number(readFileSync(this.path, 'utf8')) : 0;
    this.next = Number.isSafeInteger(persisted) ? persisted : 0;
    this.blockEnd = this.next;
  }

  allocate(): number {
    if (this.next >= this.blockEnd) {
      this.blockEnd = this.next + BLOCK_SIZE;
      writeFileDurably(this.path, String(this.blockEnd));
    }
    const id = this.next;
    this.next += 1;
    return id;
  }
}
