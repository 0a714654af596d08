// CRC-32C (Castagnoli), the checksum Kafka record batches carry. Slicing-by-8
// tables make it fast enough to verify every produced batch.
const POLYNOMIAL = 0x82f63b78;
const SLICES = 8;
const TABLE = buildTable();

/** Eight 256-entry tables back to back: entry n of slice k is the CRC of byte n followed by k zero bytes. */
function buildTable(): Int32Array {
  const table = new Int32Array(256 * SLICES);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ POLYNOMIAL : c >>> 1;
    table[n] = c;
  }
  for (let n = 0; n < 256; n++) {
    for (let slice = 1; slice < SLICES; slice++) {
      const previous = table[(slice - 1) * 256 + n];
      table[slice * 256 + n] = table[previous & 0xff] ^ (previous >>> 8);
    }
  }
  return table;
}

export function crc32c(data: Uint8Array, start = 0, end = data.length): number {
  const t = TABLE;
  let crc = -1;
  let i = start;
  const blocksEnd = start + ((end - start) & ~7);
  for (; i < blocksEnd; i += 8) {
    const low = crc ^ (data[i] | (data[i + 1] << 8) | (data[i + 2] << 16) | (data[i + 3] << 24));
    crc =
      t[1792 + (low & 0xff)] ^
      t[1536 + ((low >>> 8) & 0xff)] ^
      t[1280 + ((low >>> 16) & 0xff)] ^
      t[1024 + (low >>> 24)] ^
      t[768 + data[i + 4]] ^
      t[512 + data[i + 5]] ^
      t[256 + data[i + 6]] ^
      t[data[i + 7]];
  }
  for (; i < end; i++) crc = t[(crc ^ data[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ -1) >>> 0;
}
