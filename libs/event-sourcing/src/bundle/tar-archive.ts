/*
 * Plain POSIX ustar archives of a few regular files, in memory: what an export
 * bundle is, so that `tar -xf` opens it anywhere. Only what a bundle needs:
 * flat file names (no folders), regular files, no compression.
 */

const BLOCK = 512;
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

export type TarFile = Readonly<{ name: string; bytes: Uint8Array }>;

/** Raised for bytes that are not a bundle's archive: named, never a crash. */
export class MalformedArchiveError extends Error {
  constructor(reason: string) {
    super(`not a readable tar archive: ${reason}`);
    this.name = 'MalformedArchiveError';
  }
}

function octal(value: number, width: number): string {
  return `${value.toString(8).padStart(width - 1, '0')}\0`;
}

function header(name: string, size: number, modifiedAt: Date): Uint8Array {
  const block = new Uint8Array(BLOCK);
  const put = (text: string, offset: number) => block.set(Buffer.from(text, 'ascii'), offset);
  put(name, 0);
  put(octal(0o644, 8), 100);
  put(octal(0, 8), 108);
  put(octal(0, 8), 116);
  put(octal(size, 12), 124);
  put(octal(Math.floor(modifiedAt.getTime() / 1000), 12), 136);
  put('        ', 148);
  put('0', 156);
  put('ustar\u000000', 257);
  put(octal(checksumOf(block), 7), 148);
  return block;
}

function checksumOf(block: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < BLOCK; i += 1) sum += i >= 148 && i < 156 ? 32 : block[i];
  return sum;
}

const padding = (size: number) => (BLOCK - (size % BLOCK)) % BLOCK;

/** The archive of `files`, in the order given. */
export function tarArchive(files: readonly TarFile[], modifiedAt: Date): Uint8Array {
  const names = new Set<string>();
  const parts: Uint8Array[] = [];
  for (const { name, bytes } of files) {
    if (!NAME.test(name) || names.has(name)) throw new Error(`cannot archive a file named ${name}`);
    names.add(name);
    parts.push(
      header(name, bytes.length, modifiedAt),
      bytes,
      new Uint8Array(padding(bytes.length)),
    );
  }
  parts.push(new Uint8Array(2 * BLOCK));
  return Buffer.concat(parts);
}

function text(block: Uint8Array, offset: number, length: number): string {
  const field = block.subarray(offset, offset + length);
  const end = field.indexOf(0);
  return Buffer.from(end === -1 ? field : field.subarray(0, end)).toString('latin1');
}

function number(block: Uint8Array, offset: number, length: number, what: string): number {
  const field = text(block, offset, length).trim();
  if (!/^[0-7]{1,11}$/.test(field))
    throw new MalformedArchiveError(`a file's ${what} is not octal`);
  return parseInt(field, 8);
}

/**
 * The files of an archive of flat regular files. A byte outside the files'
 * contents that `tarArchive` would not have written (another header field,
 * padding, anything after the end) is `MalformedArchiveError` too, so an
 * archive that reads is exactly the bytes of its files.
 */
export function tarFiles(archive: Uint8Array): TarFile[] {
  const files = filesOf(archive);
  const modifiedAt = new Date(number(archive, 136, 12, 'modification time') * 1000);
  if (!Buffer.from(tarArchive(files, modifiedAt)).equals(archive)) {
    throw new MalformedArchiveError('it holds bytes besides its files');
  }
  return files;
}

function filesOf(archive: Uint8Array): TarFile[] {
  const files: TarFile[] = [];
  let offset = 0;
  for (;;) {
    if (offset + BLOCK > archive.length) {
      throw new MalformedArchiveError('it ends without its end blocks');
    }
    const block = archive.subarray(offset, offset + BLOCK);
    if (block.every((byte) => byte === 0)) return files;
    if (text(block, 257, 6) !== 'ustar') throw new MalformedArchiveError('a header is not ustar');
    if (number(block, 148, 8, 'checksum') !== checksumOf(block)) {
      throw new MalformedArchiveError('a header does not match its checksum');
    }
    const name = text(block, 0, 100);
    const type = text(block, 156, 1);
    if ((type !== '0' && type !== '') || !NAME.test(name) || text(block, 345, 155) !== '') {
      throw new MalformedArchiveError(`${JSON.stringify(name)} is not a plain file of the bundle`);
    }
    if (files.some((file) => file.name === name)) {
      throw new MalformedArchiveError(`${name} appears twice`);
    }
    const size = number(block, 124, 12, 'size');
    const start = offset + BLOCK;
    if (start + size > archive.length) throw new MalformedArchiveError(`${name} is cut short`);
    files.push({ name, bytes: archive.slice(start, start + size) });
    offset = start + size + padding(size);
  }
}
