/**
 * The development signing secret: public by design (it is in the source), so a
 * token signed with it proves nothing. Development mode is refused when
 * NODE_ENV=production and on a network interface (see auth-config-rules).
 */
export const DEVELOPMENT_SIGNING_SECRET =
  'hirestream-DEVELOPMENT-ONLY-signing-secret-not-for-production';
