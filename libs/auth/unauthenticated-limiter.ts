/**
 * Limits requests that fail authentication (no, malformed, expired or foreign token), per client
 * address and minute. The AuthGuard asks it before verifying a token, so a flood of bad tokens is
 * answered 429 without further work; requests with a valid token never count, so many users
 * behind one address are not limited by each other (they are limited per user by the throttler).
 */
export class UnauthenticatedLimiter {
  private readonly windows = new Map<string, { failures: number; resetAt: number }>();

  constructor(
    private readonly limitPerWindow: number,
    private readonly windowMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds until the address may try again, or 0 when it may now. */
  retryAfterSeconds(address: string): number {
    const window = this.windows.get(address);
    if (!window) return 0;
    const now = this.now();
    if (window.resetAt <= now) {
      this.windows.delete(address);
      return 0;
    }
    return window.failures >= this.limitPerWindow ? Math.ceil((window.resetAt - now) / 1000) : 0;
  }

  /** Records one failed authentication of the address. */
  recordFailure(address: string): void {
    const now = this.now();
    const window = this.windows.get(address);
    if (window && window.resetAt > now) {
      window.failures++;
      return;
    }
    if (this.windows.size >= 10_000) this.prune(now);
    this.windows.set(address, { failures: 1, resetAt: now + this.windowMs });
  }

  private prune(now: number): void {
    for (const [address, window] of this.windows) if (window.resetAt <= now) this.windows.delete(address);
    // Too many live addresses to track (a distributed flood): start over rather than grow without bound.
    if (this.windows.size >= 100_000) this.windows.clear();
  }
}

export const UNAUTHENTICATED_LIMITER = Symbol('UNAUTHENTICATED_LIMITER');
