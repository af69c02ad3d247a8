import { Type } from 'class-transformer';
import { IsInt, IsString, Max, MaxLength, Min } from 'class-validator';
import { IsOptional } from './validators';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { ValidationProblem } from './problem';
import { text } from '../text/text';

/** Query parameters of every list: limit and an opaque cursor from the previous page. */
export class PageQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50, description: 'Höchstzahl der Einträge je Seite' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor der vorigen Seite' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  /** Pass as `cursor` to get the next page; null on the last page. */
  nextCursor: string | null;
}

/** Keyset cursors: the sort key of the last item, base64url-encoded JSON. */
export function encodeCursor(key: unknown[]): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/** What each position of a cursor key must be, so a forged cursor is a 400, never a database error. */
export type CursorPart = 'int' | 'string' | 'date' | 'timestamp' | 'digits';

const CURSOR_CHECKS: Record<CursorPart, (value: unknown) => boolean> = {
  int: (v) => Number.isSafeInteger(v),
  string: (v) => typeof v === 'string' && v.length <= 200,
  date: (v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)),
  timestamp: (v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/.test(v) && !Number.isNaN(Date.parse(v)),
  digits: (v) => (typeof v === 'string' && /^\d{1,19}$/.test(v)) || Number.isSafeInteger(v),
};

export function decodeCursor(cursor: string | undefined, shape: CursorPart[]): unknown[] | null {
  if (!cursor) return null;
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(key) && key.length === shape.length && shape.every((part, i) => CURSOR_CHECKS[part](key[i]))) return key;
  } catch {
    /* fall through */
  }
  throw new ValidationProblem([{ field: 'cursor', message: text('ist keine Fortsetzungsmarke dieser Liste.', 'is not a cursor of this list.') }]);
}

/** Builds a page from `limit + 1` fetched rows. */
export function toPage<T>(rows: T[], limit: number, keyOf: (row: T) => unknown[]): Page<T> {
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? encodeCursor(keyOf(items[items.length - 1])) : null };
}
