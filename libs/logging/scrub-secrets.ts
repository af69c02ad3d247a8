/**
 * Free text that may reach a log line (error messages, start-up lines) with a secret inside:
 * the password of a connection string, a bearer token, a JWT. Structured fields are redacted by
 * path (see app-log.ts); this is the net for what arrives as prose.
 */
const CONNECTION_PASSWORD = /\b([a-z][a-z0-9+.-]*:\/\/[^:/?#\s@]*):[^@/?#\s]*@/gi;
const BEARER = /\bBearer\s+[A-Za-z0-9._~+/=-]+/g;
const JWT = /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g;

export function scrubSecrets(text: string): string {
  return text.replace(CONNECTION_PASSWORD, '$1:[redacted]@').replace(BEARER, 'Bearer [redacted]').replace(JWT, '[redacted-jwt]');
}
