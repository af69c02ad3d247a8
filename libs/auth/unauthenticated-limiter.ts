import { RateWindows } from '../rate-limit/rate-windows';

/** The subject of a request that carries no token, or one without a readable subject. */
export const NO_SUBJECT = '-';

/**
 * Limits failed authentications per client address and token subject (the token's `sub`, read
 * without trusting it) and minute, in PostgreSQL so that every API process counts together.
 * Requests without a usable token are refused before any work once their address has failed too
 * often; a token is always verified, and a valid one passes whatever others sent from the same
 * address (a whole Jugendamt behind one proxy is never locked out by one user's typos or by
 * someone forging tokens in a colleague's name).
 */
export class UnauthenticatedLimiter {
  constructor(
    private readonly windows: RateWindows,
    private readonly limitPerWindow: number,
    private readonly windowMs = 60_000,
  ) {}

  private key(address: string, subject: string): string {
    return `unauthenticated:${address}:${subject}`;
  }

  /** Seconds until the address may try again with this subject, or 0 when it may now. */
  async retryAfterSeconds(address: string, subject: string): Promise<number> {
    const { hits, secondsLeft } = await this.windows.peek(this.key(address, subject));
    return hits >= this.limitPerWindow ? secondsLeft : 0;
  }

  /** Records one failed authentication; answers the seconds to wait when the limit is now reached, else 0. */
  async recordFailure(address: string, subject: string): Promise<number> {
    const { hits, secondsLeft } = await this.windows.hit(this.key(address, subject), this.windowMs);
    return hits > this.limitPerWindow ? secondsLeft : 0;
  }
}

/** The token's `sub`, unverified: only to count failures apart, never to trust. */
export function unverifiedSubject(token: string | undefined): string {
  if (!token) return NO_SUBJECT;
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { sub?: unknown };
    // Bounded, so that a forged subject cannot blow up a key.
    return typeof payload.sub === 'string' && payload.sub ? payload.sub.slice(0, 200) : NO_SUBJECT;
  } catch {
    return NO_SUBJECT;
  }
}

export const UNAUTHENTICATED_LIMITER = Symbol('UNAUTHENTICATED_LIMITER');
