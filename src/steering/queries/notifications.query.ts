import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Matches, Max, Min } from 'class-validator';
import { IsOptional } from '../../../libs/http/validators';
import { PageQuery, decodeCursor, toPage } from '../../../libs/http/pagination';
import { Static } from '../../../libs/http/contract/schema-types';
import { ProjectionRunner } from '../../../libs/event-store/nest/projection-runner';
import { CODE_MESSAGE, CODE_PATTERN } from '../../shared/identifiers';
import { NotificationItem, NotificationPage } from '../steering.schemas';

export class NotificationQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'HRO-TW' })
  @IsOptional()
  @Matches(CODE_PATTERN, { message: CODE_MESSAGE })
  sozialraumId?: string;

  @ApiPropertyOptional({ example: 2025 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  fiscalYear?: number;
}

/** Which notifications count as unread: optionally those of one fiscal year. */
export class UnreadNotificationsQuery {
  @ApiPropertyOptional({ example: 2025 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  fiscalYear?: number;
}

/** A row of steering_notifications as the driver returns it. */
interface NotificationRow {
  event_id: string;
  type: string;
  sozialraum_id: string;
  fiscal_year: number;
  business_date: string;
  recorded_at: Date | string;
  summary: string;
  data: unknown;
  global_position: string;
}

/** A notification: a steering event with its data, as its type defines it (steering.events). */
type Notification = Static<typeof NotificationItem>;

@Injectable()
export class NotificationsQuery {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly projections: ProjectionRunner,
  ) {}

  async list(tenantId: string, query: NotificationQuery): Promise<Static<typeof NotificationPage>> {
    await this.projections.waitFor('steering-notifications');
    const limit = query.limit ?? 50;
    const after = decodeCursor(query.cursor, ['date', 'digits']);
    const params: unknown[] = [tenantId];
    const where = ['tenant_id = $1'];
    if (query.sozialraumId) where.push(`sozialraum_id = $${params.push(query.sozialraumId)}`);
    if (query.fiscalYear) where.push(`fiscal_year = $${params.push(query.fiscalYear)}`);
    if (after) where.push(`(business_date, global_position) < ($${params.push(after[0])}::date, $${params.push(after[1])}::bigint)`);
    const rows: NotificationRow[] = await this.dataSource.query(
      `select event_id, type, sozialraum_id, fiscal_year, business_date, recorded_at, summary, data, global_position
         from steering_notifications where ${where.join(' and ')}
        order by business_date desc, global_position desc limit ${limit + 1}`,
      params,
    );
    const page = toPage(rows, limit, (r) => [r.business_date, r.global_position]);
    return {
      nextCursor: page.nextCursor,
      items: page.items.map(
        (r) =>
          ({
            eventId: r.event_id,
            position: r.global_position,
            type: r.type,
            sozialraumId: r.sozialraum_id,
            fiscalYear: r.fiscal_year,
            businessDate: r.business_date,
            recordedAt: new Date(r.recorded_at).toISOString(),
            summary: r.summary,
            data: r.data,
          }) as Notification,
      ),
    };
  }
}
