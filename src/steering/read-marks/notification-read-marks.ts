import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CommandContext, satisfiesIfMatch } from '../../../libs/ddd/command-context';
import { DomainError, PreconditionFailed } from '../../../libs/ddd/domain-error';
import { ProjectionRunner } from '../../../libs/event-store/nest/projection-runner';
import { Static } from '../../../libs/http/contract/schema-types';
import { by, compareNumbers, compareText, sortedBy, thenBy } from '../../../libs/order';
import { text } from '../../../libs/text/text';
import { STEERING_PROBLEMS } from '../steering.problems';
import { NotificationReadMark, UnreadNotifications } from '../steering.schemas';

interface MarkRow {
  read_up_to: string;
  read_at: Date | string;
}

/**
 * What each user has read of the steering notifications: one mark per user, the log position up
 * to which the notifications count as read. Unread are those recorded after it, whatever their
 * business date, so a backdated correction recorded today is new to everyone. The mark only moves
 * forward; it is the user's own state, kept beside the log, not an event of it.
 */
@Injectable()
export class NotificationReadMarks {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly projections: ProjectionRunner,
  ) {}

  async mark(ctx: CommandContext, readUpTo: string): Promise<Static<typeof NotificationReadMark>> {
    await this.projections.waitFor('steering-notifications');
    const [{ newest }] = await this.dataSource.query(
      `select coalesce(max(global_position), 0)::text as newest from steering_notifications where tenant_id = $1`,
      [ctx.tenantId],
    );
    if (BigInt(readUpTo) > BigInt(newest)) {
      throw new DomainError(
        STEERING_PROBLEMS['read-mark-beyond-notifications'],
        text(
          `readUpTo ${readUpTo} liegt hinter der neuesten Meldung (Position ${newest}); Meldungen, die noch nicht gebucht sind, können nicht gelesen sein.`,
          `readUpTo ${readUpTo} lies beyond the newest notification (position ${newest}); notifications not yet recorded cannot have been read.`,
        ),
        { newestPosition: newest },
      );
    }
    // One user's marks are set one after another, so that If-Match compares with the mark it replaces.
    const row = await this.dataSource.transaction(async (manager) => {
      await manager.query(`select pg_advisory_xact_lock(hashtextextended($1, 0))`, [JSON.stringify(['read-mark', ctx.tenantId, ctx.actor.userId])]);
      const current: MarkRow[] = await manager.query(
        `select read_up_to::text, read_at from steering_notification_read_marks where tenant_id = $1 and user_id = $2`,
        [ctx.tenantId, ctx.actor.userId],
      );
      // The mark's version is its position (0: never set), as readUpTo in GET /notifications/unread.
      const version = Number(current[0]?.read_up_to ?? 0);
      if (ctx.expectedVersion !== undefined && !satisfiesIfMatch(ctx.expectedVersion, version)) {
        throw new PreconditionFailed(ctx.expectedVersion, current[0] ? version : null);
      }
      if (current[0] && BigInt(current[0].read_up_to) >= BigInt(readUpTo)) return current[0];
      const written: MarkRow[] = await manager.query(
        `insert into steering_notification_read_marks (tenant_id, user_id, read_up_to, read_at) values ($1, $2, $3, now())
         on conflict (tenant_id, user_id) do update set read_up_to = excluded.read_up_to, read_at = excluded.read_at
         returning read_up_to::text, read_at`,
        [ctx.tenantId, ctx.actor.userId, readUpTo],
      );
      return written[0];
    });
    return markView(row);
  }

  async unread(ctx: CommandContext, fiscalYear?: number): Promise<Static<typeof UnreadNotifications>> {
    await this.projections.waitFor('steering-notifications');
    const marks: MarkRow[] = await this.dataSource.query(
      `select read_up_to::text, read_at from steering_notification_read_marks where tenant_id = $1 and user_id = $2`,
      [ctx.tenantId, ctx.actor.userId],
    );
    const mark = marks[0];
    const params: unknown[] = [ctx.tenantId, mark?.read_up_to ?? '0'];
    const year = fiscalYear === undefined ? '' : `and fiscal_year = $${params.push(fiscalYear)}`;
    const rows: Array<{ sozialraum_id: string; fiscal_year: number; unread: number }> = await this.dataSource.query(
      `select sozialraum_id, fiscal_year, count(*)::int as unread from steering_notifications
        where tenant_id = $1 and global_position > $2::bigint ${year}
        group by sozialraum_id, fiscal_year`,
      params,
    );
    const items = sortedBy(
      rows.map((r) => ({ sozialraumId: r.sozialraum_id, fiscalYear: r.fiscal_year, unread: r.unread })),
      thenBy(
        by((r) => r.fiscalYear, compareNumbers),
        by((r) => r.sozialraumId, compareText),
      ),
    );
    return {
      ...(mark ? markView(mark) : { readUpTo: null, readAt: null }),
      unread: items.reduce((sum, r) => sum + r.unread, 0),
      items,
    };
  }
}

function markView(row: MarkRow): Static<typeof NotificationReadMark> {
  return { readUpTo: row.read_up_to, readAt: new Date(row.read_at).toISOString() };
}
