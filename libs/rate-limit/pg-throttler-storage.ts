import { Inject, Injectable } from '@nestjs/common';
import { ThrottlerStorage } from '@nestjs/throttler';
import { Pool } from 'pg';
import { PG_POOL } from '../database/database.module';
import { RateWindows } from './rate-windows';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/** The throttler's counts (per user and minute) in PostgreSQL: one limit for all API processes. */
@Injectable()
export class PgThrottlerStorage implements ThrottlerStorage {
  private readonly windows: RateWindows;

  constructor(@Inject(PG_POOL) pool: Pool) {
    this.windows = new RateWindows(pool);
  }

  async increment(key: string, ttl: number, limit: number, _blockDuration: number, throttlerName: string): Promise<ThrottlerStorageRecord> {
    const { hits, secondsLeft } = await this.windows.hit(`throttle:${throttlerName}:${key}`, ttl);
    const isBlocked = hits > limit;
    return { totalHits: hits, timeToExpire: secondsLeft, isBlocked, timeToBlockExpire: isBlocked ? secondsLeft : 0 };
  }
}
