import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
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
  @ApiOperation({ summary: 'Liveness and database readiness' })
  @ApiOkResponse({ schema: { example: { status: 'ok', live: true, database: 'up' } } })
  @ApiServiceUnavailableResponse({ description: 'The database does not answer' })
  async health(@Res({ passthrough: true }) reply: ApiReply): Promise<{ status: string; live: boolean; database: string }> {
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
