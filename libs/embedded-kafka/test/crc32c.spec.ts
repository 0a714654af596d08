import { crc32c } from '../src/crc32c';

describe('crc32c', () => {
  it('matches the CRC-32C check value', () => {
    expect(crc32c(Buffer.from('123456789'))).toBe(0xe3069283);
  });

  it('matches known vectors for empty and zero-filled input', () => {
    expect(crc32c(Buffer.alloc(0))).toBe(0);
    expect(crc32c(Buffer.alloc(32))).toBe(0x8a9136aa);
  });

  it('gives the same answer for a range as for a copy of it, whatever the alignment', () => {
    const data = Buffer.from(Array.from({ length: 301 }, (_, i) => (i * 37) & 0xff));
    for (const start of [0, 1, 2, 3, 5]) {
      expect(crc32c(data, start, 290)).toBe(crc32c(Buffer.from(data.subarray(start, 290))));
    }
  });
});
