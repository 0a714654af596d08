import { MalformedRequestError } from '../protocol/byte-reader';

const SIZE_PREFIX = 4;
const NO_BYTES = Buffer.alloc(0);

export interface FrameRead {
  /** The complete request, when `chunk` held its last byte. */
  readonly frame?: Buffer;
  /** Where in `chunk` the next request starts. */
  readonly next: number;
}

/**
 * Splits a connection's byte stream into size-prefixed requests and copies
 * each into a buffer of its own, exactly its size, so that the record batches
 * in it can be kept (see RecentBatches) without pinning unrelated socket reads.
 * The buffer grows with the bytes that actually arrive instead of being
 * allocated from the size prefix: a client announcing 100 MiB and sending ten
 * bytes costs ten bytes, not 100 MiB.
 */
export class RequestFrameReader {
  private readonly sizePrefix = Buffer.alloc(SIZE_PREFIX);
  private sizePrefixFilled = 0;
  /** Size of the request being read, or -1 while its size prefix is. */
  private frameSize = -1;
  private frame = NO_BYTES;
  private frameFilled = 0;

  constructor(private readonly maxRequestBytes: number) {}

  /**
   * Takes bytes of `chunk` from `offset` until a request is complete or the
   * chunk is used up. A size prefix that is negative or over the limit throws
   * MalformedRequestError.
   */
  read(chunk: Buffer, offset: number): FrameRead {
    let at = offset;
    if (this.frameSize < 0) {
      const taken = chunk.copy(this.sizePrefix, this.sizePrefixFilled, at);
      this.sizePrefixFilled += taken;
      at += taken;
      if (this.sizePrefixFilled < SIZE_PREFIX) return { next: at };
      this.sizePrefixFilled = 0;
      const size = this.sizePrefix.readInt32BE(0);
      if (size < 0 || size > this.maxRequestBytes) {
        throw new MalformedRequestError(
          `request of ${size} bytes is over the limit of ${this.maxRequestBytes}`,
        );
      }
      this.frameSize = size;
      this.frameFilled = 0;
    }
    const taking = Math.min(this.frameSize - this.frameFilled, chunk.length - at);
    if (this.frameFilled + taking > this.frame.length) this.grow(this.frameFilled + taking);
    chunk.copy(this.frame, this.frameFilled, at, at + taking);
    this.frameFilled += taking;
    at += taking;
    if (this.frameFilled < this.frameSize) return { next: at };
    const frame = this.frameSize === 0 ? NO_BYTES : this.frame;
    this.frame = NO_BYTES;
    this.frameSize = -1;
    return { frame, next: at };
  }

  /** Doubling keeps the copying linear; the cap at the request's size makes the last buffer exact. */
  private grow(needed: number): void {
    const capacity = Math.min(this.frameSize, Math.max(needed, this.frame.length * 2));
    const grown = Buffer.allocUnsafeSlow(capacity);
    this.frame.copy(grown, 0, 0, this.frameFilled);
    this.frame = grown;
  }
}
