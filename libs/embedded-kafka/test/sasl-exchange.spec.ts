import { createHash, createHmac, pbkdf2Sync } from 'node:crypto';
import { resolveBrokerOptions } from '../src/broker-options';
import { PlainCredentials, PlainExchange } from '../src/sasl/plain-exchange';
import { SaslAuthenticationError } from '../src/sasl/sasl-authentication-error';
import { scramCredential } from '../src/sasl/scram-credentials';
import { SCRAM_FAILED, ScramSha512Exchange } from '../src/sasl/scram-exchange';

// RFC 7677's example (user "user", password "pencil", its nonces and salt), with SHA-512.
const CLIENT_NONCE = 'rOprNGfwEbeRWgbNEkqO';
const SERVER_NONCE = '%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0';
const SALT = Buffer.from('W22ZaJ0SNY7soEsUEjb6gQ==', 'base64');

const hmac = (key: Buffer, data: string): Buffer => createHmac('sha512', key).update(data).digest();

/** The client's side of RFC 5802 §3, written out here independently of the server's code. */
function clientFinal(password: string, clientFirstBare: string, serverFirst: string, gs2 = 'n,,') {
  const nonce = /r=([^,]+)/.exec(serverFirst)?.[1] ?? '';
  const salted = pbkdf2Sync(password, SALT, 4096, 64, 'sha512');
  const clientKey = hmac(salted, 'Client Key');
  const storedKey = createHash('sha512').update(clientKey).digest();
  const withoutProof = `c=${Buffer.from(gs2).toString('base64')},r=${nonce}`;
  const authMessage = `${clientFirstBare},${serverFirst},${withoutProof}`;
  const signature = hmac(storedKey, authMessage);
  const proof = Buffer.from(clientKey.map((byte, i) => byte ^ (signature[i] ?? 0)));
  const serverSignature = hmac(hmac(salted, 'Server Key'), authMessage).toString('base64');
  return {
    message: Buffer.from(`${withoutProof},p=${proof.toString('base64')}`),
    serverFinal: `v=${serverSignature}`,
  };
}

async function exchange(users: Record<string, string> = { user: 'pencil' }) {
  const credentials = new Map();
  for (const [name, password] of Object.entries(users))
    credentials.set(name, await scramCredential(password, SALT, 4096));
  return new ScramSha512Exchange(credentials, () => SERVER_NONCE);
}

const failure = (run: () => unknown): string => {
  try {
    run();
  } catch (error) {
    if (error instanceof SaslAuthenticationError) return error.message;
    throw error;
  }
  throw new Error('did not fail');
};

describe('SCRAM-SHA-512 server exchange', () => {
  const clientFirstBare = `n=user,r=${CLIENT_NONCE}`;

  it('answers server-first with the nonce, salt and iterations, and proves itself in server-final', async () => {
    const server = await exchange();
    const serverFirst = server.evaluate(Buffer.from(`n,,${clientFirstBare}`)).toString();
    expect(serverFirst).toBe(`r=${CLIENT_NONCE}${SERVER_NONCE},s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096`);
    expect(server.complete).toBe(false);
    const final = clientFinal('pencil', clientFirstBare, serverFirst);
    expect(server.evaluate(final.message).toString()).toBe(final.serverFinal);
    expect(server.complete).toBe(true);
  });

  it('refuses a wrong password with the message that does not tell why', async () => {
    const server = await exchange();
    const serverFirst = server.evaluate(Buffer.from(`n,,${clientFirstBare}`)).toString();
    const final = clientFinal('pen', clientFirstBare, serverFirst);
    expect(failure(() => server.evaluate(final.message))).toBe(SCRAM_FAILED);
    expect(server.complete).toBe(false);
    // A failed exchange stays failed.
    expect(failure(() => server.evaluate(final.message))).toBe(SCRAM_FAILED);
  });

  it('refuses an unknown user at once, with the same message', async () => {
    const server = await exchange();
    expect(failure(() => server.evaluate(Buffer.from(`n,,n=nobody,r=${CLIENT_NONCE}`)))).toBe(
      SCRAM_FAILED,
    );
  });

  it('refuses a final message whose nonce is not the one the server sent', async () => {
    const server = await exchange();
    server.evaluate(Buffer.from(`n,,${clientFirstBare}`));
    const forged = `r=${CLIENT_NONCE}other,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096`;
    const final = clientFinal('pencil', clientFirstBare, forged);
    expect(failure(() => server.evaluate(final.message))).toBe(SCRAM_FAILED);
  });

  it('accepts only the "n" channel binding, and checks it in the final message', async () => {
    expect(
      failure(() =>
        new ScramSha512Exchange(new Map()).evaluate(Buffer.from(`y,,${clientFirstBare}`)),
      ),
    ).toBe(SCRAM_FAILED);
    const server = await exchange();
    const serverFirst = server.evaluate(Buffer.from(`n,,${clientFirstBare}`)).toString();
    const final = clientFinal('pencil', clientFirstBare, serverFirst, 'y,,');
    expect(failure(() => server.evaluate(final.message))).toBe(SCRAM_FAILED);
  });

  it('reads escaped names and refuses another authorization id, as Kafka', async () => {
    const server = await exchange({ 'a,b=c': 'pencil' });
    const bare = `n=a=2Cb=3Dc,r=${CLIENT_NONCE}`;
    const serverFirst = server.evaluate(Buffer.from(`n,,${bare}`)).toString();
    const final = clientFinal('pencil', bare, serverFirst);
    expect(server.evaluate(final.message).toString()).toBe(final.serverFinal);

    const other = await exchange();
    expect(failure(() => other.evaluate(Buffer.from(`n,a=admin,${clientFirstBare}`)))).toBe(
      'Authentication failed: Client requested an authorization id that is different from username',
    );
  });

  it('gives every user a salt of its own when none is given', async () => {
    const first = await scramCredential('same');
    const second = await scramCredential('same');
    expect(first.iterations).toBe(4096);
    expect(first.salt.equals(second.salt)).toBe(false);
    expect(first.storedKey.equals(second.storedKey)).toBe(false);
  });
});

describe('PLAIN server exchange', () => {
  const credentials = new PlainCredentials([{ username: 'alice', password: 'secret' }]);
  const evaluate = (token: string): string => {
    const server = new PlainExchange(credentials);
    server.evaluate(Buffer.from(token));
    return server.complete ? 'authenticated' : 'pending';
  };

  it('authenticates authzid NUL user NUL password, with or without the authzid', () => {
    expect(evaluate('\0alice\0secret')).toBe('authenticated');
    expect(evaluate('alice\0alice\0secret')).toBe('authenticated');
  });

  it.each([
    ['\0alice\0wrong', 'Authentication failed: Invalid username or password'],
    ['\0bob\0secret', 'Authentication failed: Invalid username or password'],
    ['\0\0secret', 'Authentication failed: username not specified'],
    ['\0alice\0', 'Authentication failed: password not specified'],
    ['alice\0secret', 'Invalid SASL/PLAIN response: expected 3 tokens, got 2'],
    ['\0alice\0secret\0more', 'Invalid SASL/PLAIN response: expected 3 tokens, got 4'],
    [
      'admin\0alice\0secret',
      'Authentication failed: Client requested an authorization id that is different from username',
    ],
  ])('refuses %j with Kafka’s message', (token, message) => {
    expect(failure(() => evaluate(token))).toBe(message);
  });
});

describe('SASL listener options', () => {
  const resolve = (sasl: unknown) =>
    resolveBrokerOptions({ port: 9092, dataDir: '/tmp/x', sasl: sasl as never }).sasl;
  const users = [{ username: 'alice', password: 'secret' }];

  it('enables PLAIN and SCRAM-SHA-512 by default, and is off when not given', () => {
    expect(resolve({ port: 9094, users })).toEqual({
      port: 9094,
      mechanisms: ['PLAIN', 'SCRAM-SHA-512'],
      users,
    });
    expect(resolveBrokerOptions({ port: 9092, dataDir: '/tmp/x' }).sasl).toBeUndefined();
  });

  it.each([
    [{ port: 9092, users }, 'sasl.port must differ from port (both are 9092)'],
    [{ port: 70000, users }, 'sasl.port must be a port number from 0 to 65535'],
    [{ port: 0, users, mechanisms: [] }, 'sasl.mechanisms must list at least one of'],
    [{ port: 0, users, mechanisms: ['GSSAPI'] }, 'sasl.mechanisms: "GSSAPI" is not supported'],
    [{ port: 0, users, mechanisms: ['PLAIN', 'PLAIN'] }, 'names a mechanism twice'],
    [{ port: 0, users: [] }, 'sasl.users must list at least one user'],
    [{ port: 0, users: [{ username: '', password: 'x' }] }, 'sasl.users[0].username must be'],
    [{ port: 0, users: [{ username: 'a' }] }, 'sasl.users[0].password must be'],
    [{ port: 0, users: [...users, ...users] }, 'user "alice" is listed twice'],
  ])('refuses %j', (sasl, message) => {
    expect(() => resolve(sasl)).toThrow(message);
  });
});
