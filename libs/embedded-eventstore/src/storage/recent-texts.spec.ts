import { RecentTexts } from './recent-texts';

describe('recent texts', () => {
  it('decodes like toString, reusing a text while it is recent and past its eviction too', () => {
    const texts = new RecentTexts(2, 8);
    const buffer = Buffer.from('xxorders|ü-type|orders|another|orders|long-name-here');
    const at = (text: string, from = 0): [number, number] => {
      const start = buffer.indexOf(text, from);
      return [start, start + Buffer.byteLength(text)];
    };
    const first = texts.text(buffer, ...at('orders'));
    expect(first).toBe('orders');
    expect(texts.text(buffer, ...at('ü-type'))).toBe('ü-type');
    expect(texts.text(buffer, ...at('orders', 10))).toBe(first);
    expect(texts.text(buffer, ...at('another'))).toBe('another');
    expect(texts.text(buffer, ...at('orders', 24))).toBe('orders');
    expect(texts.text(buffer, ...at('long-name-here'))).toBe('long-name-here');
    expect(texts.text(buffer, 0, 0)).toBe('');
  });
});
