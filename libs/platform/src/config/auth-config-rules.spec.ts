import { isLoopbackHost } from './auth-config-rules';

describe('isLoopbackHost', () => {
  it('knows 127.0.0.0/8, ::1 in its spellings, and localhost', () => {
    for (const host of [
      '127.0.0.1',
      '127.255.0.9',
      '::1',
      '[::1]',
      '0:0:0:0:0:0:0:1',
      '::ffff:127.0.0.1',
      'localhost',
      'LOCALHOST',
    ]) {
      expect({ host, loopback: isLoopbackHost(host) }).toEqual({ host, loopback: true });
    }
  });

  it('treats every other address and every other name as a network', () => {
    for (const host of [
      '0.0.0.0',
      '::',
      '128.0.0.1',
      '10.0.0.1',
      '::ffff:10.0.0.1',
      'localhost.example',
      'idp',
    ]) {
      expect({ host, loopback: isLoopbackHost(host) }).toEqual({ host, loopback: false });
    }
  });
});
