import {
  DEVELOPMENT_AUDIENCE,
  DEVELOPMENT_ISSUER,
  DEVELOPMENT_SIGNING_SECRET,
  ROLES,
} from '@hirestream/platform';
import { SignJWT, type JWTPayload } from 'jose';
import type { ServiceApp } from '../support/service-app';

/** Who a fuzzed request claims to be: an Authorization header, or none. */
export type FuzzCaller = Readonly<{
  name: string;
  authorization: string | undefined;
  /** A secured route must never accept this caller. */
  refused: boolean;
}>;

const secret = new TextEncoder().encode(DEVELOPMENT_SIGNING_SECRET);
const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

type TokenShape = Readonly<{
  claims?: JWTPayload;
  subject?: string;
  issuer?: string;
  audience?: string;
  expires?: number | string | null;
  key?: Uint8Array;
}>;

/** A development-style token with the given departures from a valid one. */
async function token({
  claims = { roles: ['admin'] },
  subject = 'fuzzer-1',
  issuer = DEVELOPMENT_ISSUER,
  audience = DEVELOPMENT_AUDIENCE,
  expires = '1h',
  key = secret,
}: TokenShape): Promise<string> {
  const jwt = new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(subject)
    .setIssuedAt()
    .setIssuer(issuer)
    .setAudience(audience);
  if (expires !== null) jwt.setExpirationTime(expires);
  return `Bearer ${await jwt.sign(key)}`;
}

/**
 * Every kind of caller a fuzzed request is sent as: each staff role, a
 * candidate with a candidacy of their own, and tokens the service must refuse
 * (mixed candidate and staff roles, expired, unsigned, for another audience...).
 */
export async function fuzzCallers(
  app: ServiceApp,
  ownCandidacy: string,
): Promise<Readonly<{ admin: FuzzCaller; others: FuzzCaller[]; refused: FuzzCaller[] }>> {
  const staff = ROLES.filter((role) => role !== 'admin' && role !== 'candidate');
  const accepted = async (name: string, authorization: Promise<string>): Promise<FuzzCaller> => ({
    name,
    authorization: await authorization,
    refused: false,
  });
  const refused = async (
    name: string,
    authorization: string | undefined | Promise<string>,
  ): Promise<FuzzCaller> => ({
    name,
    authorization: await authorization,
    refused: true,
  });
  const now = Math.floor(Date.now() / 1000);
  return {
    admin: await accepted('admin', app.bearer('admin')),
    others: [
      ...(await Promise.all(staff.map((role) => accepted(role, app.bearer(role))))),
      await accepted('candidate', app.bearer('candidate', 'candidate-1', ownCandidacy)),
    ],
    refused: await Promise.all([
      refused('no token', undefined),
      refused(
        'candidate and admin',
        token({ claims: { roles: ['candidate', 'admin'], candidate_id: ownCandidacy } }),
      ),
      refused('candidate without candidacy', token({ claims: { roles: ['candidate'] } })),
      refused('unknown role only', token({ claims: { roles: ['root'] } })),
      refused('expired', token({ expires: now - 3_600 })),
      refused('without exp', token({ expires: null })),
      refused('another issuer', token({ issuer: 'https://evil.example.org/' })),
      refused('another audience', token({ audience: 'someone-else' })),
      refused('another key', token({ key: new TextEncoder().encode('x'.repeat(64)) })),
      refused('subject with a space', token({ subject: 'ada lovelace' })),
      refused('subject with a zero-width space', token({ subject: 'ada\u200blovelace' })),
      refused(
        'unsigned',
        `Bearer ${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({
          sub: 'fuzzer-1',
          roles: ['admin'],
          iss: DEVELOPMENT_ISSUER,
          aud: DEVELOPMENT_AUDIENCE,
          exp: now + 3_600,
        })}.`,
      ),
      refused('not a JWT', 'Bearer not-a-jwt'),
      refused('a huge token', `Bearer ${'x'.repeat(10_000)}`),
      refused('basic auth', 'Basic YWRtaW46YWRtaW4='),
      refused('scheme alone', 'Bearer'),
      refused('empty header', ''),
    ]),
  };
}
