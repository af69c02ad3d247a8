import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Operation } from '../../../libs/http/contract/operation.decorator';
import { named } from '../../../libs/http/contract/named-schemas';
import { OneOf, Shape, Static, Type } from '../../../libs/http/contract/schema-types';

const Health = named(
  'Health',
  Shape({ status: OneOf(['ok', 'degraded']), live: Type.Boolean(), database: OneOf(['up', 'down']) }),
  'Der Prozess lebt; ob die Datenbank antwortet',
);
import { Pool } from 'pg';
import { PG_POOL } from '../../../libs/database/database.module';
import { Public } from '../../../libs/auth/public.decorator';
import { ApiReply } from '../../../libs/auth/api-request';

@ApiTags('Betrieb')
@Controller('health')
export class HealthController {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  @Public()
  @Get()
  @Operation({
    summary: 'Lebenszeichen und Bereitschaft der Datenbank',
    description: 'Öffentlich, ohne Token: 200, wenn der Prozess lebt und die Datenbank binnen zwei Sekunden antwortet, sonst 503 mit database: down.',
    answer: { status: 200, schema: Health },
    otherAnswers: [{ status: 503, schema: Health, description: 'Die Datenbank antwortet nicht' }],
  })
  async health(@Res({ passthrough: true }) reply: ApiReply): Promise<Static<typeof Health>> {
    // The deadline timer is cleared either way: a timer left behind per request would hold the
    // process open for two seconds after shutdown.
    let deadline: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.pool.query('select 1'),
        new Promise((_, reject) => {
          deadline = setTimeout(() => reject(new Error('timeout')), 2000);
        }),
      ]);
      return { status: 'ok', live: true, database: 'up' };
    } catch {
      reply.status(503);
      return { status: 'degraded', live: true, database: 'down' };
    } finally {
      clearTimeout(deadline);
    }
  }
}
